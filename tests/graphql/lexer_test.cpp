#include "graphql/lexer.h"

#include <gtest/gtest.h>

#include <vector>

namespace junction::graphql {
namespace {

std::vector<TokenKind> kinds(std::string_view text) {
  Lexer lexer(text);
  std::vector<TokenKind> out;
  for (Token token = lexer.next(); token.kind != TokenKind::kEOF && token.kind != TokenKind::kError;
       token = lexer.next()) {
    out.push_back(token.kind);
  }
  return out;
}

std::string error_of(std::string_view text) {
  Lexer lexer(text);
  for (Token token = lexer.next(); token.kind != TokenKind::kEOF; token = lexer.next()) {
    if (token.kind == TokenKind::kError) return lexer.error().message + " @" + std::to_string(lexer.error().position);
  }
  return "";
}

std::string cooked(std::string_view text) {
  Lexer lexer(text);
  Token token = lexer.next();
  Arena arena;
  return std::string(cook_string(text, token, arena));
}

}  // namespace

TEST(LexerTest, SkipsIgnoredCharactersAndComments) {
  EXPECT_EQ(kinds("\xEF\xBB\xBF { a, # comment\r\n b }"),
            (std::vector<TokenKind>{TokenKind::kBraceL, TokenKind::kName, TokenKind::kName, TokenKind::kBraceR}));
}

TEST(LexerTest, ReadsEveryPunctuatorAndLiteral) {
  EXPECT_EQ(kinds("! $ & ( ) ... : = @ [ ] { | } name 12 -3.5e2 \"s\" \"\"\"b\"\"\""),
            (std::vector<TokenKind>{TokenKind::kBang, TokenKind::kDollar, TokenKind::kAmp, TokenKind::kParenL,
                                    TokenKind::kParenR, TokenKind::kSpread, TokenKind::kColon, TokenKind::kEquals,
                                    TokenKind::kAt, TokenKind::kBracketL, TokenKind::kBracketR, TokenKind::kBraceL,
                                    TokenKind::kPipe, TokenKind::kBraceR, TokenKind::kName, TokenKind::kInt,
                                    TokenKind::kFloat, TokenKind::kString, TokenKind::kBlockString}));
}

TEST(LexerTest, DecodesEveryEscape) {
  EXPECT_EQ(cooked(R"("\" \\ \/ \b \f \n \r \t")"), "\" \\ / \b \f \n \r \t");
  EXPECT_EQ(cooked(R"("\u00e9\u{1F600}\uD83D\uDE00")"), "é😀😀");
}

TEST(LexerTest, DedentsBlockStrings) {
  EXPECT_EQ(cooked("\"\"\"\n    first\n      second\n\n    third\n  \"\"\""), "first\n  second\n\nthird");
  EXPECT_EQ(cooked("\"\"\"  single  \"\"\""), "  single  ");
  EXPECT_EQ(cooked("\"\"\"   \"\"\""), "");
  EXPECT_EQ(cooked("\"\"\"a \\\"\"\" b\"\"\""), "a \"\"\" b");
  EXPECT_EQ(cooked("\"\"\"x\r\n  y\ry\"\"\""), "x\n  y\ny");
}

TEST(LexerTest, ReportsErrorsLikeGraphqlJs) {
  EXPECT_EQ(error_of("?"), "Unexpected character: \"?\". @0");
  EXPECT_EQ(error_of("'a'"), "Unexpected single quote character ('), did you mean to use a double quote (\")? @0");
  EXPECT_EQ(error_of("\"abc"), "Unterminated string. @4");
  EXPECT_EQ(error_of("\"a\nb\""), "Unterminated string. @2");
  EXPECT_EQ(error_of("\"\\x\""), "Invalid character escape sequence: \"\\x\". @1");
  EXPECT_EQ(error_of("\"\\u{110000}\""), "Invalid Unicode escape sequence: \"\\u{110000}\". @1");
  EXPECT_EQ(error_of("\"\\uD800\""), "Invalid Unicode escape sequence: \"\\uD800\". @1");
  EXPECT_EQ(error_of("01"), "Invalid number, unexpected digit after 0: \"1\". @1");
  EXPECT_EQ(error_of("1.e"), "Invalid number, expected digit but got: \"e\". @2");
  EXPECT_EQ(error_of("12a"), "Invalid number, expected digit but got: \"a\". @2");
  EXPECT_EQ(error_of("é"), "Unexpected character: U+00E9. @0");
  EXPECT_EQ(error_of(".."), "Unexpected character: \".\". @0");
}

TEST(LexerTest, RejectsInvalidUtf8) {
  EXPECT_EQ(error_of("\"ab\xff\""), "Invalid UTF-8 sequence starting with byte 0xFF. @3");
  EXPECT_EQ(error_of("# \xc3"), "Invalid UTF-8 sequence starting with byte 0xC3. @2");
  EXPECT_EQ(error_of("\x80"), "Invalid UTF-8 sequence starting with byte 0x80. @0");
}

}  // namespace junction::graphql
