#include "common/source.h"

#include <algorithm>

namespace junction {

size_t utf16_length(std::string_view utf8) {
  size_t units = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) != 0x80) units += 1;  // a lead byte starts a code point
    if (c >= 0xF0) units += 1;           // four-byte sequences need a surrogate pair
  }
  return units;
}

SourceLocation Source::locate(uint32_t offset) const {
  std::string_view text = text_;
  size_t end = std::min<size_t>(offset, text.size());
  uint32_t line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < end; ++i) {
    char c = text[i];
    if (c == '\n') {
      ++line;
      line_start = i + 1;
    } else if (c == '\r') {
      ++line;
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      line_start = i + 1;
    }
  }
  // A position inside a \r\n pair (never a token start) stays on the earlier line.
  if (line_start > end) line_start = end;
  auto column = static_cast<uint32_t>(utf16_length(text.substr(line_start, end - line_start)) + 1);
  // Positions past the end (EOF) count the missing characters too, like graphql-js.
  if (offset > text.size()) column += offset - static_cast<uint32_t>(text.size());
  return {line, column};
}

}  // namespace junction
