#include "graphql/printer.h"

#include <gtest/gtest.h>

#include "graphql/parser.h"

namespace junction::graphql {
namespace {

std::string reprint(std::string text) { return print(*parse(std::move(text))); }

}  // namespace

TEST(PrinterTest, PrintsShorthandAndNamedOperations) {
  EXPECT_EQ(reprint("query { a }"), "{\n  a\n}");
  EXPECT_EQ(reprint("query ($v: Int = 1) @d { a(x: $v) }"), "query ($v: Int = 1) @d {\n  a(x: $v)\n}");
  EXPECT_EQ(reprint("{a{...F ... on T{b} ...@skip(if:true){c}}}"),
            "{\n  a {\n    ...F\n    ... on T {\n      b\n    }\n    ... @skip(if: true) {\n      c\n    }\n  }\n}");
}

TEST(PrinterTest, WrapsFieldArgumentsPastEightyColumns) {
  // graphql-js measures the field's own text (not its indentation): f + (a: "...") > 80 wraps.
  std::string short_args = "{ f(a: \"" + std::string(72, 'x') + "\") }";  // exactly 80
  std::string long_args = "{ f(a: \"" + std::string(73, 'x') + "\") }";   // 81
  EXPECT_EQ(reprint(short_args).find("(\n"), std::string::npos);
  EXPECT_EQ(reprint(long_args), "{\n  f(\n    a: \"" + std::string(73, 'x') + "\"\n  )\n}");
}

TEST(PrinterTest, IndentsBlockStringsAndDescriptions) {
  EXPECT_EQ(reprint("type A { \"\"\"two\nlines\"\"\" f: Int }"),
            "type A {\n  \"\"\"\n  two\n  lines\n  \"\"\"\n  f: Int\n}");
  EXPECT_EQ(reprint("\"one line\" scalar S"), "\"one line\"\nscalar S");
}

TEST(PrinterTest, PrintsStringsWithGraphqlJsEscapes) {
  EXPECT_EQ(print_string("a\"b\\c\n\x01\x7f"), "\"a\\\"b\\\\c\\n\\u0001\\u007F\"");
  EXPECT_EQ(print_string("\xc2\x85 é"), "\"\\u0085 é\"");
}

TEST(PrinterTest, ChoosesBlockStringLayout) {
  EXPECT_EQ(print_block_string("short"), "\"\"\"short\"\"\"");
  EXPECT_EQ(print_block_string("ends with quote\""), "\"\"\"\nends with quote\"\n\"\"\"");
  EXPECT_EQ(print_block_string("  leading space"), "\"\"\"  leading space\"\"\"");
  EXPECT_EQ(print_block_string("has \"\"\" inside"), "\"\"\"has \\\"\"\" inside\"\"\"");
  EXPECT_EQ(print_block_string(std::string(71, 'x')), "\"\"\"\n" + std::string(71, 'x') + "\n\"\"\"");
}

TEST(PrinterTest, PrintsSchemaDefinitionsCanonically) {
  EXPECT_EQ(reprint("type A implements B&C @k{f(x:Int=1,y:[S!]!):T @d}"),
            "type A implements B & C @k {\n  f(x: Int = 1, y: [S!]!): T @d\n}");
  EXPECT_EQ(reprint("union U=|A|B"), "union U = A | B");
  EXPECT_EQ(reprint("directive @d(a: Int) repeatable on FIELD|QUERY"),
            "directive @d(a: Int) repeatable on FIELD | QUERY");
  EXPECT_EQ(reprint("extend schema @a { query: Q }"), "extend schema @a {\n  query: Q\n}");
}

}  // namespace junction::graphql
