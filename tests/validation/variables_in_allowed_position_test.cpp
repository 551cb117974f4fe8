#include "validation/support.h"

namespace junction::validation::testing {

TEST(VariablesInAllowedPositionTest, AcceptsCompatibleTypes) {
  expect_valid(
      "query Q($id: ID!, $n: Int = 3, $s: Size!) { tree(id: $id) { leaves(first: $n) { id } } "
      "trees(sizes: [$s]) { id } }");
}

TEST(VariablesInAllowedPositionTest, RejectsNullableIntoNonNull) {
  expect_errors("query Q($id: ID) { tree(id: $id) { id } }",
                {{"Variable \"$id\" of type \"ID\" used in position expecting type \"ID!\".", {{1, 9}, {1, 29}}}});
}

TEST(VariablesInAllowedPositionTest, RejectsNullableVariableInOneOfField) {
  expect_errors("query Q($i: ID) { thing(key: {id: $i}) { __typename } }",
                {{"Variable \"$i\" is of type \"ID\" but must be non-nullable to be used for OneOf Input Object "
                  "\"ByKey\".",
                  {{1, 9}, {1, 35}}}});
}

}  // namespace junction::validation::testing
