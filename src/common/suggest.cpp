#include "common/suggest.h"

#include <algorithm>
#include <cctype>

namespace junction {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Damerau-Levenshtein distance with early exit past `threshold`; -1 when over it.
int lexical_distance(std::string_view input, std::string_view input_lower, std::string_view option, int threshold) {
  if (input == option) return 0;
  std::string option_lower = lower(option);
  if (input_lower == option_lower) return 1;
  std::string_view a = option_lower;
  std::string_view b = input_lower;
  if (a.size() < b.size()) std::swap(a, b);
  int a_length = static_cast<int>(a.size());
  int b_length = static_cast<int>(b.size());
  if (a_length - b_length > threshold) return -1;
  std::vector<int> rows[3];
  for (auto& row : rows) row.assign(static_cast<size_t>(b_length) + 1, 0);
  for (int j = 0; j <= b_length; ++j) rows[0][j] = j;
  for (int i = 1; i <= a_length; ++i) {
    auto& up = rows[(i - 1) % 3];
    auto& current = rows[i % 3];
    int smallest = current[0] = i;
    for (int j = 1; j <= b_length; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int cell = std::min({up[j] + 1, current[j - 1] + 1, up[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        cell = std::min(cell, rows[(i - 2) % 3][j - 2] + 1);
      }
      smallest = std::min(smallest, cell);
      current[j] = cell;
    }
    if (smallest > threshold) return -1;
  }
  int distance = rows[a_length % 3][b_length];
  return distance <= threshold ? distance : -1;
}

}  // namespace

int natural_compare(std::string_view a, std::string_view b) {
  size_t i = 0;
  size_t j = 0;
  auto digit = [](std::string_view s, size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (digit(a, i) && digit(b, j)) {
      // graphql-js reads a digit run only while the number stays zero (so "007" counts 0, 0, 7).
      long long an = 0;
      do {
        an = an * 10 + (a[i] - '0');
        ++i;
      } while (digit(a, i) && an > 0);
      long long bn = 0;
      do {
        bn = bn * 10 + (b[j] - '0');
        ++j;
      } while (digit(b, j) && bn > 0);
      if (an < bn) return -1;
      if (an > bn) return 1;
    } else {
      auto ac = static_cast<unsigned char>(a[i]);
      auto bc = static_cast<unsigned char>(b[j]);
      if (ac < bc) return -1;
      if (ac > bc) return 1;
      ++i;
      ++j;
    }
  }
  return static_cast<int>(a.size()) - static_cast<int>(b.size());
}

std::vector<std::string> suggestion_list(std::string_view input, const std::vector<std::string_view>& options) {
  std::string input_lower = lower(input);
  int threshold = static_cast<int>(input.size() * 4 / 10) + 1;
  std::vector<std::pair<std::string, int>> found;
  for (std::string_view option : options) {
    int distance = lexical_distance(input, input_lower, option, threshold);
    if (distance < 0) continue;
    // graphql-js keys an object by option: a repeated option keeps its first place, last distance.
    auto existing = std::find_if(found.begin(), found.end(), [&](const auto& f) { return f.first == option; });
    if (existing != found.end()) {
      existing->second = distance;
    } else {
      found.emplace_back(std::string(option), distance);
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& x, const auto& y) {
    if (x.second != y.second) return x.second < y.second;
    return natural_compare(x.first, y.first) < 0;
  });
  std::vector<std::string> out;
  out.reserve(found.size());
  for (auto& [option, distance] : found) out.push_back(std::move(option));
  return out;
}

std::string did_you_mean(const std::vector<std::string>& suggestions, std::string_view what) {
  if (suggestions.empty()) return "";
  std::string message = " Did you mean ";
  if (!what.empty()) {
    message += what;
    message += ' ';
  }
  auto quoted = [](const std::string& s) { return "\"" + s + "\""; };
  if (suggestions.size() == 1) return message + quoted(suggestions[0]) + "?";
  if (suggestions.size() == 2) return message + quoted(suggestions[0]) + " or " + quoted(suggestions[1]) + "?";
  size_t count = std::min<size_t>(5, suggestions.size());
  for (size_t i = 0; i + 1 < count; ++i) message += quoted(suggestions[i]) + ", ";
  return message + "or " + quoted(suggestions[count - 1]) + "?";
}

std::string quoted_or_list(const std::vector<std::string>& items) {
  size_t count = std::min<size_t>(5, items.size());
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    if (i != 0) out += count > 2 ? ", " : " ";
    if (i == count - 1 && count > 1) out += "or ";
    out += "\"" + items[i] + "\"";
  }
  return out;
}

}  // namespace junction
