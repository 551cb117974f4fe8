#include "graphql/parser.h"

#include <gtest/gtest.h>

namespace junction::graphql {
namespace {

std::string error_of(std::string text, const ParseOptions& options = {}) {
  auto parsed = parse(std::move(text), "doc", options);
  if (parsed.ok()) return "";
  const auto& d = parsed.error().diagnostics.front();
  return d.message + " @" + std::to_string(d.locations.front().line) + ":" + std::to_string(d.locations.front().column);
}

}  // namespace

TEST(ParserTest, BuildsExecutableDefinitions) {
  auto parsed = parse("query Q($a: [Int!] = [1] @d) @op { alias: f(x: $a) @skip(if: true) { ...F ... on T { g } } }");
  ASSERT_TRUE(parsed.ok());
  const auto* operation = as<OperationDefinition>(parsed->definitions()[0]);
  ASSERT_NE(operation, nullptr);
  EXPECT_EQ(operation->name, "Q");
  ASSERT_EQ(operation->variable_definitions.size(), 1u);
  EXPECT_EQ(operation->variable_definitions[0]->variable->name, "a");
  EXPECT_EQ(operation->variable_definitions[0]->type->kind, Kind::ListType);
  EXPECT_EQ(operation->variable_definitions[0]->default_value->kind, Kind::ListValue);
  const auto* field = as<Field>(operation->selection_set->selections[0]);
  ASSERT_NE(field, nullptr);
  EXPECT_EQ(field->alias, "alias");
  EXPECT_EQ(field->response_key(), "alias");
  EXPECT_EQ(field->selection_set->selections[0]->kind, Kind::FragmentSpread);
  EXPECT_EQ(field->selection_set->selections[1]->kind, Kind::InlineFragment);
  EXPECT_EQ(parsed->locate(field), (SourceLocation{1, 36}));
  EXPECT_EQ(parsed->locate(field->name), (SourceLocation{1, 43}));
}

TEST(ParserTest, BuildsTypeSystemDefinitionsAndExtensions) {
  auto parsed = parse(R"(
    "Described" type A implements B & C @key(fields: "id") { f(x: Int = 1): [A!]! }
    extend type A { g: Int }
    interface B implements C { f: Int }
    union U = | A | D
    directive @key(fields: String!) repeatable on OBJECT | INTERFACE
    schema { query: A }
  )");
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  const auto* type = static_cast<const TypeDefinition*>(parsed->definitions()[0]);
  EXPECT_EQ(type->kind, Kind::ObjectTypeDefinition);
  EXPECT_EQ(type->description->value, "Described");
  EXPECT_EQ(type->interfaces.size(), 2u);
  EXPECT_EQ(type->fields[0]->arguments[0]->default_value->kind, Kind::IntValue);
  EXPECT_TRUE(static_cast<const TypeDefinition*>(parsed->definitions()[1])->is_extension());
  EXPECT_EQ(static_cast<const TypeDefinition*>(parsed->definitions()[3])->members.size(), 2u);
  const auto* directive = as<DirectiveDefinition>(parsed->definitions()[4]);
  EXPECT_TRUE(directive->repeatable);
  EXPECT_EQ(directive->locations.size(), 2u);
}

TEST(ParserTest, ReportsTheFirstSyntaxErrorWithGraphqlJsWording) {
  EXPECT_EQ(error_of(""), "Syntax Error: Unexpected <EOF>. @1:1");
  EXPECT_EQ(error_of("{ a("), "Syntax Error: Expected Name, found <EOF>. @1:5");
  EXPECT_EQ(error_of("{ a(b 1) }"), "Syntax Error: Expected \":\", found Int \"1\". @1:7");
  EXPECT_EQ(error_of("query Q($a: Int = $b) { a }"),
            "Syntax Error: Unexpected variable \"$b\" in constant value. @1:19");
  EXPECT_EQ(error_of("enum E { true }"),
            "Syntax Error: Name \"true\" is reserved and cannot be used for an enum value. @1:10");
  EXPECT_EQ(error_of("fragment on on T { a }"), "Syntax Error: Unexpected Name \"on\". @1:10");
  EXPECT_EQ(error_of("extend type A"), "Syntax Error: Unexpected <EOF>. @1:14");
  EXPECT_EQ(error_of("\"desc\" { a }"),
            "Syntax Error: Unexpected description, descriptions are not supported on shorthand queries. @1:1");
  EXPECT_EQ(error_of("directive @d on NOWHERE"), "Syntax Error: Unexpected Name \"NOWHERE\". @1:17");
  EXPECT_EQ(error_of("type A {}"), "Syntax Error: Expected Name, found \"}\". @1:9");
}

TEST(ParserTest, EnforcesLimitsWithClearErrors) {
  std::string deep(100000, '[');
  EXPECT_EQ(error_of("{ a(x: " + deep + ") }"),
            "Syntax Error: Document nesting is deeper than 1000 levels. Parsing aborted. @1:1007");
  ParseOptions small;
  small.max_tokens = 5;
  EXPECT_EQ(error_of("{ a b c d e f }", small),
            "Syntax Error: Document contains more than 5 tokens. Parsing aborted. @1:11");
  small.max_bytes = 4;
  EXPECT_EQ(error_of("{ abc }", small), "Syntax Error: Document is larger than 4 bytes. Parsing aborted. @1:1");
}

TEST(ParserTest, DeeplyNestedSelectionsFailCleanly) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "{ a ";
  EXPECT_NE(error_of(text).find("nesting is deeper than 1000"), std::string::npos);
}

}  // namespace junction::graphql
