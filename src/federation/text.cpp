#include "federation/text.h"

#include <algorithm>
#include <cctype>

#include "federation/model.h"
#include "json/write.h"

namespace junction::federation {

std::string join_strings(const std::vector<std::string>& items, std::string_view separator,
                         std::string_view first_separator, std::string_view last_separator) {
  if (items.empty()) return {};
  if (items.size() == 1) return items[0];
  std::string_view first = first_separator.empty() ? (items.size() == 2 ? last_separator : separator) : first_separator;
  std::string out = items[0];
  out += first;
  if (items.size() == 2) return out + items[1];
  for (size_t i = 1; i + 1 < items.size(); ++i) {
    out += items[i];
    if (i + 2 < items.size()) out += separator;
  }
  out += last_separator;
  out += items.back();
  return out;
}

std::string human_readable_list(const std::vector<std::string>& items, std::string_view prefix, std::string_view plural,
                                size_t cutoff) {
  if (items.empty()) return {};
  if (items.size() == 1) return std::string(prefix) + " " + items[0];
  std::vector<std::string> shown;
  size_t total = 0;
  for (const std::string& item : items) {
    total += item.size();
    if (total <= cutoff || shown.empty()) shown.push_back(item);
    if (total > cutoff) break;
  }
  if (shown.size() == items.size()) return std::string(plural) + " " + join_strings(items, ", ", {}, " and ");
  return std::string(plural) + " " + join_strings(shown, ", ", {}, ", ") + ", ...";
}

std::string quote(std::string_view text) {
  std::string out;
  json::append_quoted(out, text);
  return out;
}

std::string subgraph_names(const std::vector<std::string>& names, size_t cutoff) {
  std::vector<std::string> quoted;
  quoted.reserve(names.size());
  for (const std::string& name : names) quoted.push_back(quote(name));
  return human_readable_list(quoted, "subgraph", "subgraphs", cutoff);
}

std::string type_names(const std::vector<std::string>& names) {
  std::vector<std::string> quoted;
  quoted.reserve(names.size());
  for (const std::string& name : names) quoted.push_back(quote(name));
  return human_readable_list(quoted, "type", "types");
}

namespace {

size_t levenshtein(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + cost});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

}  // namespace

std::vector<std::string> federation_suggestions(std::string_view input, const std::vector<std::string>& options) {
  size_t threshold = static_cast<size_t>(static_cast<double>(input.size()) * 0.4) + 1;
  std::string input_lower = lower(input);
  std::vector<std::pair<size_t, std::string>> found;
  for (const std::string& option : options) {
    size_t distance = input_lower == lower(option) ? 1 : levenshtein(input, option);
    if (distance <= threshold) found.emplace_back(distance, option);
  }
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first < b.first;
    return collate_names(a.second, b.second) < 0;
  });
  std::vector<std::string> out;
  out.reserve(found.size());
  for (auto& entry : found) out.push_back(std::move(entry.second));
  return out;
}

std::string federation_did_you_mean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return {};
  std::vector<std::string> quoted;
  for (size_t i = 0; i < suggestions.size() && i < 5; ++i) quoted.push_back(quote(suggestions[i]));
  std::string out = " Did you mean ";
  if (quoted.size() == 1) return out + quoted[0] + "?";
  if (quoted.size() == 2) return out + quoted[0] + " or " + quoted[1] + "?";
  for (size_t i = 0; i + 1 < quoted.size(); ++i) out += quoted[i] + ", ";
  return out + "or " + quoted.back() + "?";
}

}  // namespace junction::federation
