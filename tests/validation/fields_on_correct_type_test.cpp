#include "validation/support.h"

namespace junction::validation::testing {

TEST(FieldsOnCorrectTypeTest, AcceptsDefinedFieldsAndTypename) {
  expect_valid("{ thing { __typename ... on Rock { weight } } node(id: 1) { id } }");
}

TEST(FieldsOnCorrectTypeTest, SuggestsFields) {
  expect_errors("{ tree(id: 1) { heigth } }",
                {{"Cannot query field \"heigth\" on type \"Tree\". Did you mean \"height\"?", {{1, 17}}}});
}

TEST(FieldsOnCorrectTypeTest, SuggestsTypesOnAbstractParents) {
  expect_errors(
      "{ node(id: 1) { name } }",
      {{"Cannot query field \"name\" on type \"Node\". Did you mean to use an inline fragment on \"Named\" or "
        "\"Tree\"?",
        {{1, 17}}}});
}

}  // namespace junction::validation::testing
