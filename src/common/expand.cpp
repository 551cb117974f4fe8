#include "common/expand.h"

#include <filesystem>
#include <optional>

#include "common/file.h"

extern char** environ;  // NOLINT: POSIX

namespace junction {

Environment process_environment() {
  Environment environment;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view pair = *entry;
    size_t equals = pair.find('=');
    if (equals == std::string_view::npos) continue;
    environment.emplace(std::string(pair.substr(0, equals)), std::string(pair.substr(equals + 1)));
  }
  return environment;
}

Result<std::string> expand_references(const std::string& text, const std::string& path, const Environment& environment,
                                      const ExpandOptions& options) {
  std::string out;
  out.reserve(text.size());
  size_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
    bool reference = text.compare(i, 6, "${env.") == 0 || (options.files && text.compare(i, 7, "${file.") == 0);
    if (!reference) {
      out += text[i];
      continue;
    }
    std::string where = path + ":" + std::to_string(line) + ":" + std::to_string(i - line_start + 1);
    std::string forms = options.files ? "`${env.NAME}`, `${env.NAME:-default}` or `${file.PATH}`"
                                      : "`${env.NAME}` or `${env.NAME:-default}`";
    size_t close = text.find('}', i);
    size_t newline = text.find('\n', i);
    if (close == std::string::npos || (newline != std::string::npos && newline < close)) {
      return Error(where + ": unterminated ${…} reference (expected " + forms + ")");
    }
    std::string inner = text.substr(i + 2, close - i - 2);
    if (inner.starts_with("env.")) {
      std::string name = inner.substr(4);
      std::optional<std::string> fallback;
      if (size_t dash = name.find(":-"); dash != std::string::npos) {
        fallback = name.substr(dash + 2);
        name.resize(dash);
      }
      auto it = environment.find(name);
      if (it != environment.end()) {
        out += it->second;
      } else if (fallback) {
        out += *fallback;
      } else {
        return Error(where + ": environment variable " + name + " is not set (set it, or give a default: ${env." +
                     name + ":-value})");
      }
    } else {
      std::filesystem::path file = inner.substr(5);
      if (file.is_relative() && !options.directory.empty()) file = std::filesystem::path(options.directory) / file;
      auto content = read_file(file.string());
      if (!content.ok()) return Error(where + ": ${" + inner + "}: " + content.error().message());
      std::string value = std::move(content).value();
      if (value.ends_with('\n')) value.pop_back();
      if (value.ends_with('\r')) value.pop_back();
      out += value;
    }
    i = close;
  }
  return out;
}

}  // namespace junction
