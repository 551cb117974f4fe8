#include "graphql/lexer.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/utf8.h"

namespace junction::graphql {
namespace {

enum CharClass : uint8_t {
  kNameStart = 1,
  kNameContinue = 2,
  kDigit = 4,
  kStringSpecial = 8,  // ends a fast scan inside "...": quote, backslash, line end, non-ASCII
  kBlockSpecial = 16,  // the same for """...""" (kept apart should they ever differ)
  kCommentSpecial = 32,
};

constexpr std::array<uint8_t, 256> make_classes() {
  std::array<uint8_t, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[c] |= kNameStart | kNameContinue;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] |= kNameStart | kNameContinue;
  table['_'] |= kNameStart | kNameContinue;
  for (int c = '0'; c <= '9'; ++c) table[c] |= kDigit | kNameContinue;
  for (int c = 0x80; c < 256; ++c) table[c] |= kStringSpecial | kBlockSpecial | kCommentSpecial;
  for (unsigned char c : {'"', '\\', '\n', '\r'}) table[c] |= kStringSpecial | kBlockSpecial;
  for (unsigned char c : {'\n', '\r'}) table[c] |= kCommentSpecial;
  return table;
}
constexpr std::array<uint8_t, 256> kClasses = make_classes();

inline uint8_t char_class(std::string_view text, uint32_t position) {
  return position < text.size() ? kClasses[static_cast<unsigned char>(text[position])] : 0;
}
inline bool is_digit_at(std::string_view text, uint32_t position) { return (char_class(text, position) & kDigit) != 0; }
inline int char_at(std::string_view text, uint32_t position) {
  return position < text.size() ? static_cast<unsigned char>(text[position]) : -1;
}

// The offset of the first byte at or after `position` that is a quote, a backslash, a line
// end or non-ASCII: the only bytes that need a look inside a string. Sixteen at a time.
uint32_t skip_plain_string_bytes(std::string_view text, uint32_t position) {
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  auto size = static_cast<uint32_t>(text.size());
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i newline = _mm_set1_epi8('\n');
  const __m128i carriage = _mm_set1_epi8('\r');
  while (position + 16 <= size) {
    __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + position));
    __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)),
                                   _mm_or_si128(_mm_cmpeq_epi8(chunk, newline), _mm_cmpeq_epi8(chunk, carriage)));
    // movemask also picks up the high bit of every byte: non-ASCII.
    auto mask = static_cast<uint32_t>(_mm_movemask_epi8(_mm_or_si128(special, chunk)));
    if (mask != 0) return position + static_cast<uint32_t>(__builtin_ctz(mask));
    position += 16;
  }
#endif
  while (position < size && (kClasses[data[position]] & kStringSpecial) == 0) ++position;
  return position;
}

int hex_value(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool is_scalar_value(int64_t cp) { return (cp >= 0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0x10FFFF); }

// Four hex digits at `position`, or a negative number when any is not a hex digit.
int read_hex4(std::string_view text, uint32_t position) {
  int value = 0;
  for (uint32_t i = 0; i < 4; ++i) {
    int digit = hex_value(char_at(text, position + i));
    if (digit < 0) return -1;
    value = (value << 4) | digit;
  }
  return value;
}

// The end of the character that starts at `position` (whole UTF-8 sequences).
uint32_t end_of_char(std::string_view text, uint32_t position) {
  if (position >= text.size()) return position;
  auto c = static_cast<unsigned char>(text[position]);
  uint32_t size = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  return std::min<uint32_t>(position + size, static_cast<uint32_t>(text.size()));
}

// `count` characters of text from `position` (bounded by the end of the text).
std::string_view slice_chars(std::string_view text, uint32_t position, uint32_t count) {
  uint32_t end = position;
  for (uint32_t i = 0; i < count && end < text.size(); ++i) end = end_of_char(text, end);
  return text.substr(position, end - position);
}

// Decodes one escape sequence at `text[position]` (a backslash) of an already validated
// string, appending the character to `out`; returns the escape's length in bytes.
uint32_t decode_escape(std::string_view text, uint32_t position, std::string& out) {
  int c = char_at(text, position + 1);
  switch (c) {
    case '"': out += '"'; return 2;
    case '\\': out += '\\'; return 2;
    case '/': out += '/'; return 2;
    case 'b': out += '\b'; return 2;
    case 'f': out += '\f'; return 2;
    case 'n': out += '\n'; return 2;
    case 'r': out += '\r'; return 2;
    case 't': out += '\t'; return 2;
    default: break;
  }
  // \u
  if (char_at(text, position + 2) == '{') {
    uint32_t cp = 0;
    uint32_t i = position + 3;
    while (char_at(text, i) != '}') cp = (cp << 4) | static_cast<uint32_t>(hex_value(char_at(text, i++)));
    utf8::append(out, cp);
    return i + 1 - position;
  }
  int code = read_hex4(text, position + 2);
  if (code >= 0xD800 && code <= 0xDBFF) {
    int trailing = read_hex4(text, position + 8);
    uint32_t cp = 0x10000 + ((static_cast<uint32_t>(code) - 0xD800) << 10) + (static_cast<uint32_t>(trailing) - 0xDC00);
    utf8::append(out, cp);
    return 12;
  }
  utf8::append(out, static_cast<uint32_t>(code));
  return 6;
}

}  // namespace

std::string_view token_kind_description(TokenKind kind) {
  switch (kind) {
    case TokenKind::kSOF: return "<SOF>";
    case TokenKind::kEOF: return "<EOF>";
    case TokenKind::kBang: return "\"!\"";
    case TokenKind::kDollar: return "\"$\"";
    case TokenKind::kAmp: return "\"&\"";
    case TokenKind::kParenL: return "\"(\"";
    case TokenKind::kParenR: return "\")\"";
    case TokenKind::kSpread: return "\"...\"";
    case TokenKind::kColon: return "\":\"";
    case TokenKind::kEquals: return "\"=\"";
    case TokenKind::kAt: return "\"@\"";
    case TokenKind::kBracketL: return "\"[\"";
    case TokenKind::kBracketR: return "\"]\"";
    case TokenKind::kBraceL: return "\"{\"";
    case TokenKind::kPipe: return "\"|\"";
    case TokenKind::kBraceR: return "\"}\"";
    case TokenKind::kName: return "Name";
    case TokenKind::kInt: return "Int";
    case TokenKind::kFloat: return "Float";
    case TokenKind::kString: return "String";
    case TokenKind::kBlockString: return "BlockString";
    case TokenKind::kError: return "<error>";
  }
  return "<unknown>";
}

Token Lexer::fail(uint32_t position, std::string message) {
  if (!failed_) {
    failed_ = true;
    error_ = {std::move(message), position};
  }
  return {TokenKind::kError, false, false, position, position};
}

std::string Lexer::describe_char_at(uint32_t position) const {
  if (position >= text_.size()) return "<EOF>";
  auto c = static_cast<unsigned char>(text_[position]);
  if (c >= 0x20 && c <= 0x7E) {
    if (c == '"') return "'\"'";
    return std::string("\"") + static_cast<char>(c) + "\"";
  }
  size_t size = 0;
  uint32_t cp = c < 0x80 ? c : utf8::decode(text_, position, size);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", cp);
  return buffer;
}

bool Lexer::skip_non_ascii(uint32_t& position) {
  auto bad = utf8::find_invalid(text_.substr(position, std::min<size_t>(4, text_.size() - position)));
  size_t size = 0;
  // find_invalid on a 4-byte window: a valid sequence at the front is what matters.
  if (bad && *bad == 0) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "Invalid UTF-8 sequence starting with byte 0x%02X.",
                  static_cast<unsigned char>(text_[position]));
    fail(position, buffer);
    return false;
  }
  utf8::decode(text_, position, size);
  position += static_cast<uint32_t>(size);
  return true;
}

Token Lexer::next() {
  if (failed_) return {TokenKind::kError, false, false, error_.position, error_.position};
  std::string_view text = text_;
  auto size = static_cast<uint32_t>(text.size());
  uint32_t p = position_;
  auto punct = [&](TokenKind kind, uint32_t length) {
    position_ = p + length;
    return Token{kind, false, false, p, p + length};
  };
  while (p < size) {
    auto c = static_cast<unsigned char>(text[p]);
    switch (c) {
      case ' ':
      case '\t':
      case ',':
      case '\n':
      case '\r': ++p; continue;
      case '#':
        ++p;
        while (p < size) {
          uint8_t cls = kClasses[static_cast<unsigned char>(text[p])];
          if ((cls & kCommentSpecial) == 0) {
            ++p;
          } else if (text[p] == '\n' || text[p] == '\r') {
            break;
          } else if (!skip_non_ascii(p)) {
            return {TokenKind::kError, false, false, error_.position, error_.position};
          }
        }
        continue;
      case '!': return punct(TokenKind::kBang, 1);
      case '$': return punct(TokenKind::kDollar, 1);
      case '&': return punct(TokenKind::kAmp, 1);
      case '(': return punct(TokenKind::kParenL, 1);
      case ')': return punct(TokenKind::kParenR, 1);
      case ':': return punct(TokenKind::kColon, 1);
      case '=': return punct(TokenKind::kEquals, 1);
      case '@': return punct(TokenKind::kAt, 1);
      case '[': return punct(TokenKind::kBracketL, 1);
      case ']': return punct(TokenKind::kBracketR, 1);
      case '{': return punct(TokenKind::kBraceL, 1);
      case '|': return punct(TokenKind::kPipe, 1);
      case '}': return punct(TokenKind::kBraceR, 1);
      case '.':
        if (char_at(text, p + 1) == '.' && char_at(text, p + 2) == '.') return punct(TokenKind::kSpread, 3);
        break;
      case '"':
        if (char_at(text, p + 1) == '"' && char_at(text, p + 2) == '"') return read_block_string(p);
        return read_string(p);
      case 0xEF:  // U+FEFF, the byte order mark, is ignored like white space.
        if (char_at(text, p + 1) == 0xBB && char_at(text, p + 2) == 0xBF) {
          p += 3;
          continue;
        }
        break;
      default: break;
    }
    uint8_t cls = kClasses[c];
    if ((cls & kDigit) != 0 || c == '-') return read_number(p);
    if ((cls & kNameStart) != 0) {
      uint32_t end = p + 1;
      while (end < size && (kClasses[static_cast<unsigned char>(text[end])] & kNameContinue) != 0) ++end;
      position_ = end;
      return {TokenKind::kName, false, false, p, end};
    }
    if (c >= 0x80) {
      uint32_t probe = p;
      if (!skip_non_ascii(probe)) return {TokenKind::kError, false, false, p, p};
    }
    if (c == '\'') {
      return fail(p, "Unexpected single quote character ('), did you mean to use a double quote (\")?");
    }
    return fail(p, "Unexpected character: " + describe_char_at(p) + ".");
  }
  position_ = size;
  return {TokenKind::kEOF, false, false, size, size};
}

Token Lexer::read_number(uint32_t start) {
  std::string_view text = text_;
  uint32_t p = start;
  bool is_float = false;
  auto read_digits = [&](uint32_t& position) {
    if (!is_digit_at(text, position)) {
      fail(position, "Invalid number, expected digit but got: " + describe_char_at(position) + ".");
      return false;
    }
    ++position;
    while (is_digit_at(text, position)) ++position;
    return true;
  };
  if (char_at(text, p) == '-') ++p;
  if (char_at(text, p) == '0') {
    ++p;
    if (is_digit_at(text, p)) {
      return fail(p, "Invalid number, unexpected digit after 0: " + describe_char_at(p) + ".");
    }
  } else if (!read_digits(p)) {
    return {TokenKind::kError, false, false, p, p};
  }
  if (char_at(text, p) == '.') {
    is_float = true;
    ++p;
    if (!read_digits(p)) return {TokenKind::kError, false, false, p, p};
  }
  if (char_at(text, p) == 'e' || char_at(text, p) == 'E') {
    is_float = true;
    ++p;
    if (char_at(text, p) == '+' || char_at(text, p) == '-') ++p;
    if (!read_digits(p)) return {TokenKind::kError, false, false, p, p};
  }
  if (char_at(text, p) == '.' || (char_class(text, p) & kNameStart) != 0) {
    return fail(p, "Invalid number, expected digit but got: " + describe_char_at(p) + ".");
  }
  position_ = p;
  return {is_float ? TokenKind::kFloat : TokenKind::kInt, false, false, start, p};
}

Token Lexer::read_string(uint32_t start) {
  std::string_view text = text_;
  auto size = static_cast<uint32_t>(text.size());
  uint32_t p = start + 1;
  bool has_escape = false;
  while (p < size) {
    p = skip_plain_string_bytes(text, p);
    if (p >= size) break;
    auto c = static_cast<unsigned char>(text[p]);
    if (c == '"') {
      position_ = p + 1;
      return {TokenKind::kString, has_escape, false, start, p + 1};
    }
    if (c == '\\') {
      has_escape = true;
      int next = char_at(text, p + 1);
      if (next == 'u' && char_at(text, p + 2) == '{') {
        // \u{X...}: at most 8 hex digits, a Unicode scalar value.
        int32_t point = 0;
        uint32_t length = 3;
        bool ok = false;
        while (length < 12) {
          int code = char_at(text, p + length++);
          if (code == '}') {
            ok = length >= 5 && is_scalar_value(point);
            break;
          }
          int digit = hex_value(code);
          point = static_cast<int32_t>(static_cast<uint32_t>(point) << 4) | digit;
          if (point < 0) break;
        }
        if (!ok) {
          uint32_t end = end_of_char(text, p + length - 1);
          return fail(
              p, "Invalid Unicode escape sequence: \"" + std::string(text.substr(p, std::max(end, p + 2) - p)) + "\".");
        }
        p += length;
        continue;
      }
      if (next == 'u') {
        int code = read_hex4(text, p + 2);
        if (is_scalar_value(code)) {
          p += 6;
          continue;
        }
        if (code >= 0xD800 && code <= 0xDBFF && char_at(text, p + 6) == '\\' && char_at(text, p + 7) == 'u') {
          int trailing = read_hex4(text, p + 8);
          if (trailing >= 0xDC00 && trailing <= 0xDFFF) {
            p += 12;
            continue;
          }
        }
        return fail(p, "Invalid Unicode escape sequence: \"" + std::string(slice_chars(text, p, 6)) + "\".");
      }
      switch (next) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't': p += 2; continue;
        default: return fail(p, "Invalid character escape sequence: \"" + std::string(slice_chars(text, p, 2)) + "\".");
      }
    }
    if (c == '\n' || c == '\r') break;
    if (!skip_non_ascii(p)) return {TokenKind::kError, false, false, p, p};
  }
  return fail(p, "Unterminated string.");
}

Token Lexer::read_block_string(uint32_t start) {
  std::string_view text = text_;
  auto size = static_cast<uint32_t>(text.size());
  uint32_t p = start + 3;
  bool has_escape = false;
  bool multiline = false;
  bool carriage_return = false;
  while (p < size) {
    p = skip_plain_string_bytes(text, p);
    if (p >= size) break;
    auto c = static_cast<unsigned char>(text[p]);
    if (c == '"') {
      if (char_at(text, p + 1) == '"' && char_at(text, p + 2) == '"') {
        position_ = p + 3;
        Token token{TokenKind::kBlockString, has_escape, multiline, start, p + 3};
        token.carriage_return = carriage_return;
        return token;
      }
      ++p;
      continue;
    }
    if (c == '\\') {
      if (char_at(text, p + 1) == '"' && char_at(text, p + 2) == '"' && char_at(text, p + 3) == '"') {
        has_escape = true;
        p += 4;
      } else {
        ++p;
      }
      continue;
    }
    if (c == '\n' || c == '\r') {
      multiline = true;
      carriage_return = carriage_return || c == '\r';
      ++p;
      continue;
    }
    if (!skip_non_ascii(p)) return {TokenKind::kError, false, false, p, p};
  }
  return fail(p, "Unterminated string.");
}

std::string block_string_value(std::string_view raw) {
  // Split into lines at \r\n, \n or \r, unescaping \""" on the way.
  std::vector<std::string_view> lines;
  std::string unescaped;
  std::string_view body = raw;
  if (raw.find("\\\"\"\"") != std::string_view::npos) {
    unescaped.reserve(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw.compare(i, 4, "\\\"\"\"") == 0) {
        unescaped += "\"\"\"";
        i += 3;
      } else {
        unescaped += raw[i];
      }
    }
    body = unescaped;
  }
  size_t line_start = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\n' || body[i] == '\r') {
      lines.push_back(body.substr(line_start, i - line_start));
      if (body[i] == '\r' && i + 1 < body.size() && body[i + 1] == '\n') ++i;
      line_start = i + 1;
    }
  }
  lines.push_back(body.substr(line_start));

  size_t common_indent = SIZE_MAX;
  size_t first_non_empty = SIZE_MAX;
  size_t last_non_empty = SIZE_MAX;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    size_t indent = 0;
    while (indent < line.size() && (line[indent] == ' ' || line[indent] == '\t')) ++indent;
    if (indent == line.size()) continue;
    if (first_non_empty == SIZE_MAX) first_non_empty = i;
    last_non_empty = i;
    if (i != 0 && indent < common_indent) common_indent = indent;
  }
  std::string out;
  if (first_non_empty == SIZE_MAX) return out;
  out.reserve(body.size());
  for (size_t i = first_non_empty; i <= last_non_empty; ++i) {
    if (i != first_non_empty) out += '\n';
    std::string_view line = lines[i];
    if (i != 0) line = line.size() > common_indent ? line.substr(common_indent) : std::string_view();
    out += line;
  }
  return out;
}

namespace {

// BlockStringValue() for block strings without escapes, written straight into the arena: a
// first pass finds the common indentation and the first and last non-blank lines, a second
// copies them.
std::string_view dedent_into_arena(std::string_view raw, bool carriage_return, Arena& arena) {
  // The end of the line starting at `from`: memchr when only \n ends lines.
  auto line_end_from = [&](size_t from, size_t limit) {
    if (!carriage_return) {
      const void* found = from < limit ? std::memchr(raw.data() + from, '\n', limit - from) : nullptr;
      return found == nullptr ? limit : static_cast<size_t>(static_cast<const char*>(found) - raw.data());
    }
    size_t end = from;
    while (end < limit && raw[end] != '\n' && raw[end] != '\r') ++end;
    return end;
  };
  size_t common_indent = SIZE_MAX;
  size_t first_start = SIZE_MAX;  // byte offset of the first non-blank line
  size_t last_end = 0;            // byte offset just past the last non-blank line
  bool first_line = true;
  size_t i = 0;
  const size_t n = raw.size();
  while (true) {
    size_t line_start = i;
    size_t indent = 0;
    while (i < n && (raw[i] == ' ' || raw[i] == '\t')) ++i, ++indent;
    size_t line_end = line_end_from(i, n);
    bool blank = line_start + indent == line_end;
    if (!blank) {
      if (first_start == SIZE_MAX) first_start = line_start;
      last_end = line_end;
      if (!first_line && indent < common_indent) common_indent = indent;
    }
    first_line = false;
    if (line_end >= n) break;
    i = line_end + (raw[line_end] == '\r' && line_end + 1 < n && raw[line_end + 1] == '\n' ? 2 : 1);
  }
  if (first_start == SIZE_MAX) return {};
  char* out = static_cast<char*>(arena.allocate(last_end - first_start, 1));
  size_t length = 0;
  i = first_start;
  bool first_output = true;
  while (i <= last_end) {
    size_t line_start = i;
    size_t line_end = line_end_from(i, last_end);
    if (!first_output) out[length++] = '\n';
    size_t skip = line_start == 0 ? 0 : std::min(common_indent, line_end - line_start);
    std::memcpy(out + length, raw.data() + line_start + skip, line_end - line_start - skip);
    length += line_end - line_start - skip;
    first_output = false;
    if (line_end >= last_end) break;
    i = line_end + (raw[line_end] == '\r' && line_end + 1 < n && raw[line_end + 1] == '\n' ? 2 : 1);
  }
  return {out, length};
}

}  // namespace

std::string_view cook_string(std::string_view text, const Token& token, Arena& arena) {
  if (token.kind == TokenKind::kString) {
    std::string_view raw = text.substr(token.start + 1, token.end - token.start - 2);
    if (!token.has_escape) return raw;
    std::string out;
    out.reserve(raw.size());
    auto base = token.start + 1;
    for (uint32_t i = 0; i < raw.size();) {
      if (raw[i] == '\\') {
        i += decode_escape(text, base + i, out);
      } else {
        out += raw[i++];
      }
    }
    return arena.copy(out);
  }
  std::string_view raw = text.substr(token.start + 3, token.end - token.start - 6);
  if (!token.has_escape && !token.multiline) {
    // One line: the value is the line itself, or empty when it is only white space.
    for (char c : raw) {
      if (c != ' ' && c != '\t') return raw;
    }
    return {};
  }
  if (!token.has_escape) return dedent_into_arena(raw, token.carriage_return, arena);
  return arena.copy(block_string_value(raw));
}

}  // namespace junction::graphql
