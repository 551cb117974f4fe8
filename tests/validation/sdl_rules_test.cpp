// The SDL-only rules (graphql-js specifiedSDLRules) and validation's error limits.
#include "validation/support.h"

namespace junction::validation::testing {

TEST(LoneSchemaDefinitionTest, RejectsSecondSchemaDefinition) {
  expect_sdl_errors("type Query { a: Int }\nschema { query: Query }\nschema { query: Query }",
                    {{"Must provide only one schema definition.", {{3, 1}}},
                     {"There can be only one query type in schema.", {{2, 10}, {3, 10}}}});
}

TEST(UniqueTypeNamesTest, RejectsRepeatedTypeNames) {
  expect_sdl_errors("type Query { a: Int }\nscalar Query",
                    {{"There can be only one type named \"Query\".", {{1, 6}, {2, 8}}}});
}

TEST(UniqueEnumValueNamesTest, RejectsRepeatedValuesAcrossExtensions) {
  expect_sdl_errors("enum E { A B }\nextend enum E { A }",
                    {{"Enum value \"E.A\" can only be defined once.", {{1, 10}, {2, 17}}}});
}

TEST(UniqueFieldDefinitionNamesTest, RejectsRepeatedFields) {
  expect_sdl_errors("type Query { a: Int a: String }",
                    {{"Field \"Query.a\" can only be defined once.", {{1, 14}, {1, 21}}}});
}

TEST(UniqueArgumentDefinitionNamesTest, RejectsRepeatedArguments) {
  expect_sdl_errors("type Query { a(x: Int, x: Int): Int }\ndirective @d(y: Int, y: Int) on FIELD",
                    {{"Argument \"Query.a(x:)\" can only be defined once.", {{1, 16}, {1, 24}}},
                     {"Argument \"@d(y:)\" can only be defined once.", {{2, 14}, {2, 22}}}});
}

TEST(UniqueDirectiveNamesTest, RejectsRepeatedDirectives) {
  expect_sdl_errors("directive @d on FIELD\ndirective @d on QUERY",
                    {{"There can be only one directive named \"@d\".", {{1, 12}, {2, 12}}}});
}

TEST(PossibleTypeExtensionsTest, RejectsWrongKindAndUnknownTypes) {
  expect_sdl_errors("type Query { a: Int }\nextend input Query { b: Int }\nextend type Qery { b: Int }",
                    {{"Cannot extend non-input object type \"Query\".", {{1, 1}, {2, 1}}},
                     {"Cannot extend type \"Qery\" because it is not defined. Did you mean \"Query\"?", {{3, 13}}}});
}

TEST(ProvidedRequiredArgumentsOnDirectivesTest, SdlChecksDirectiveDefinitionsInTheDocument) {
  expect_sdl_errors(
      "directive @d(x: Int!) on OBJECT\ntype Query @d { a: Int }",
      {{"Directive \"@d\" argument \"x\" of type \"Int!\" is required, but it was not provided.", {{2, 12}}}});
}

TEST(ValidationLimitsTest, StopsAfterMaxErrors) {
  std::string query = "{";
  for (int i = 0; i < 120; ++i) query += " unknown" + std::to_string(i);
  query += " }";
  auto errors = validate_text(query);
  ASSERT_EQ(errors.size(), 101u);
  EXPECT_EQ(errors.back().message, "Too many validation errors, error limit reached. Validation aborted.");
}

}  // namespace junction::validation::testing
