// UTF-8 helpers: validation with the offset of the first bad byte, encoding, decoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace junction::utf8 {

// Offset of the first byte that does not start a valid UTF-8 sequence, or nullopt when the
// whole text is valid (overlong forms and encoded surrogates are invalid).
std::optional<size_t> find_invalid(std::string_view text);

// Appends the UTF-8 encoding of a Unicode scalar value.
void append(std::string& out, uint32_t code_point);

// Decodes the code point starting at `text[offset]` of valid UTF-8; sets `size` to its length.
uint32_t decode(std::string_view text, size_t offset, size_t& size);

}  // namespace junction::utf8
