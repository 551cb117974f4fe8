// A named text (a file, a request body) that parsed documents point into.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"

namespace junction {

class Source {
 public:
  Source(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {}

  // Sources are shared (documents keep views into them) and never move.
  static std::shared_ptr<const Source> make(std::string name, std::string text) {
    return std::make_shared<const Source>(std::move(name), std::move(text));
  }

  [[nodiscard]] const std::string& name() const { return name_; }
  [[nodiscard]] std::string_view text() const { return text_; }

  // Line and column of a byte offset, the way graphql-js counts them: lines end at \r\n, \n or
  // \r; columns count UTF-16 code units from 1.
  [[nodiscard]] SourceLocation locate(uint32_t offset) const;

 private:
  std::string name_;
  std::string text_;
};

// Number of UTF-16 code units in a UTF-8 string (what JavaScript's `length` reports).
size_t utf16_length(std::string_view utf8);

}  // namespace junction
