// The GraphQL lexer (graphql-js 16 semantics). It reads UTF-8 and reports positions as byte
// offsets. String tokens are validated while lexing but cooked (escapes decoded, block strings
// dedented) only when the parser asks, so lookahead never allocates.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/arena.h"

namespace junction::graphql {

enum class TokenKind : uint8_t {
  kSOF,
  kEOF,
  kBang,
  kDollar,
  kAmp,
  kParenL,
  kParenR,
  kSpread,
  kColon,
  kEquals,
  kAt,
  kBracketL,
  kBracketR,
  kBraceL,
  kPipe,
  kBraceR,
  kName,
  kInt,
  kFloat,
  kString,
  kBlockString,
  kError,  // lexing failed; Lexer::error() says why
};

// graphql-js's description of a token kind: `"{"` for punctuators, `Name`, `<EOF>`, ...
std::string_view token_kind_description(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::kSOF;
  bool has_escape = false;  // String: contains a backslash escape; BlockString: contains \"""
  bool multiline = false;   // BlockString: spans more than one line
  uint32_t start = 0;
  uint32_t end = 0;
  bool carriage_return = false;  // BlockString: has a \r line ending
};

struct LexError {
  std::string message;  // without the "Syntax Error: " prefix
  uint32_t position = 0;
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  // The next significant token (comments and ignored characters skipped). After an error it
  // keeps returning an Error token.
  Token next();

  [[nodiscard]] const LexError& error() const { return error_; }
  [[nodiscard]] std::string_view text() const { return text_; }

 private:
  Token fail(uint32_t position, std::string message);
  Token read_number(uint32_t start);
  Token read_string(uint32_t start);
  Token read_block_string(uint32_t start);
  // Skips one (possibly multi-byte) source character inside a string or comment; false when
  // the bytes are not valid UTF-8 (the error is recorded).
  bool skip_non_ascii(uint32_t& position);
  // graphql-js's printCodePointAt: "\"a\"", "U+00E9" or "<EOF>".
  [[nodiscard]] std::string describe_char_at(uint32_t position) const;

  std::string_view text_;
  uint32_t position_ = 0;
  bool failed_ = false;
  LexError error_;
};

// The cooked value of a String or BlockString token, as a view into `text` when no cooking
// is needed and into `arena` otherwise.
std::string_view cook_string(std::string_view text, const Token& token, Arena& arena);

// The spec's BlockStringValue(): dedent the raw lines of a block string and join them with \n.
std::string block_string_value(std::string_view raw);

}  // namespace junction::graphql
