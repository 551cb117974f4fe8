#include "validation/support.h"

namespace junction::validation::testing {

TEST(VariablesAreInputTypesTest, AcceptsInputTypes) {
  expect_valid(
      "query Q($a: String, $b: [Size!]!, $c: TreeFilter) { echo(text: $a) trees(filter: $c, sizes: $b) { id } }");
}

TEST(VariablesAreInputTypesTest, RejectsOutputTypes) {
  expect_errors("query Q($t: Tree, $l: [Thing!]) { echo }",
                {{"Variable \"$t\" cannot be non-input type \"Tree\".", {{1, 13}}},
                 {"Variable \"$l\" cannot be non-input type \"[Thing!]\".", {{1, 23}}}},
                "non-input");
}

}  // namespace junction::validation::testing
