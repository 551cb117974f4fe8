// Reading YAML configuration files with errors that name the key and its file:line:col.
// Internal: it includes yaml-cpp, so only .cpp files include it (gateway.yaml here, the stack
// file in `control`). A reader throws ConfigError from its checks; read_yaml turns that into
// an Error.
#pragma once

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "common/expand.h"
#include "common/result.h"
#include "common/suggest.h"
#include "gateway/config.h"

namespace junction::gateway {

struct ConfigError {
  std::string message;
};

// Checks and conversions shared by the configuration readers.
class YamlReader {
 public:
  explicit YamlReader(std::string path) : path_(std::move(path)) {}

 protected:
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    std::string where = path_;
    if (!node.Mark().is_null()) {
      where += ":" + std::to_string(node.Mark().line + 1) + ":" + std::to_string(node.Mark().column + 1);
    }
    throw ConfigError{where + ": " + message};
  }

  static std::string join(const std::string& where, const std::string& key) {
    return where.empty() ? key : where + "." + key;
  }

  // `node` must be a mapping whose keys are all in `allowed`.
  void keys(const YAML::Node& node, const std::string& where, const std::vector<std::string_view>& allowed) {
    std::string name = where.empty() ? "the config" : where;
    if (node.IsNull()) return;
    if (!node.IsMap()) fail(node, name + " must be a mapping");
    for (const auto& entry : node) {
      std::string key = entry.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      std::string expected;
      for (std::string_view option : allowed) expected += (expected.empty() ? "" : ", ") + std::string(option);
      std::string hint = did_you_mean(suggestion_list(key, allowed));
      fail(entry.first, "unknown key \"" + join(where, key) + "\"." + hint + " (expected " + expected + ")");
    }
  }

  std::string string(const YAML::Node& node, const std::string& where) {
    if (!node.IsScalar()) fail(node, where + " must be a string");
    return node.as<std::string>();
  }

  bool boolean(const YAML::Node& node, const std::string& where) {
    std::string text = node.IsScalar() ? node.as<std::string>() : "";
    if (text == "true") return true;
    if (text == "false") return false;
    fail(node, where + " must be true or false");
  }

  uint64_t count(const YAML::Node& node, const std::string& where) {
    std::string text = node.IsScalar() ? node.as<std::string>() : "";
    uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
      fail(node, where + " must be a whole number, not \"" + text + "\"");
    }
    return value;
  }

  uint32_t limit(const YAML::Node& node, const std::string& where) {
    uint64_t value = count(node, where);
    if (value > UINT32_MAX) fail(node, where + " is too large");
    return static_cast<uint32_t>(value);
  }

  // "30s", "500ms", "2m", "1h", "1m30s".
  std::chrono::milliseconds duration(const YAML::Node& node, const std::string& where) {
    std::string text = node.IsScalar() ? node.as<std::string>() : "";
    auto bad = [&] { fail(node, where + " must be a duration like 500ms, 30s, 2m or 1h, not \"" + text + "\""); };
    if (text.empty()) bad();
    int64_t total = 0;
    size_t index = 0;
    while (index < text.size()) {
      int64_t amount = 0;
      auto [end, error] = std::from_chars(text.data() + index, text.data() + text.size(), amount);
      if (error != std::errc() || amount < 0) bad();
      index = static_cast<size_t>(end - text.data());
      size_t unit_end = index;
      while (unit_end < text.size() && std::isalpha(static_cast<unsigned char>(text[unit_end])) != 0) ++unit_end;
      std::string_view unit(text.data() + index, unit_end - index);
      if (unit == "ms") {
        total += amount;
      } else if (unit == "s") {
        total += amount * 1000;
      } else if (unit == "m") {
        total += amount * 60'000;
      } else if (unit == "h") {
        total += amount * 3'600'000;
      } else {
        bad();
      }
      index = unit_end;
    }
    return std::chrono::milliseconds(total);
  }

  std::vector<std::string> strings(const YAML::Node& node, const std::string& where) {
    if (!node.IsSequence()) fail(node, where + " must be a list of strings");
    std::vector<std::string> out;
    for (const auto& item : node) out.push_back(string(item, where + "[]"));
    return out;
  }

  std::string listen(const YAML::Node& node, const std::string& where) {
    std::string text = string(node, where);
    auto parsed = parse_listen(text, where);
    if (!parsed.ok()) fail(node, parsed.error().message());
    return text;
  }

  std::string url_path(const YAML::Node& node, const std::string& where) {
    std::string text = string(node, where);
    if (!text.starts_with('/')) fail(node, where + " must start with / (for example /graphql)");
    return text;
  }

  std::string regex(const YAML::Node& node, const std::string& where) {
    std::string text = string(node, where);
    try {
      std::regex check(text);
    } catch (const std::regex_error& error) {
      fail(node, where + " is not a valid regular expression: " + error.what());
    }
    return text;
  }

  std::string header_name(const YAML::Node& node, const std::string& where) {
    std::string text = string(node, where);
    bool valid = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
             std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
    });
    if (!valid) fail(node, where + " \"" + text + "\" is not a valid HTTP header name");
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
  }

  template <class Visit>
  void for_each_entry(const YAML::Node& node, const std::string& where, Visit visit) {
    if (node.IsNull()) return;
    if (!node.IsMap()) fail(node, where + " must map names to their settings");
    for (const auto& entry : node) visit(entry.first.as<std::string>(), entry.second);
  }

  std::string path_;
};

// Expands ${env.…} (and ${file.…} when `files`), parses the YAML and runs `read` on its root;
// ConfigError and YAML errors become an Error naming the place.
template <class T>
Result<T> read_yaml(const std::string& text, const std::string& path, const Environment& environment, bool files,
                    const std::function<T(const YAML::Node&)>& read) {
  ExpandOptions expand;
  expand.files = files;
  expand.directory = std::filesystem::path(path).parent_path().string();
  auto expanded = expand_references(text, path, environment, expand);
  if (!expanded.ok()) return std::move(expanded).error();
  try {
    YAML::Node root = YAML::Load(*expanded);
    return read(root);
  } catch (const ConfigError& error) {
    return Error(error.message);
  } catch (const YAML::Exception& error) {
    std::string where = path;
    if (!error.mark.is_null()) {
      where += ":" + std::to_string(error.mark.line + 1) + ":" + std::to_string(error.mark.column + 1);
    }
    return Error(where + ": invalid YAML: " + error.msg);
  }
}

}  // namespace junction::gateway
