#include "validation/support.h"

namespace junction::validation::testing {

TEST(UniqueVariableNamesTest, AcceptsDistinctNames) {
  expect_valid("query Q($a: String, $b: Int) { echo(text: $a, count: $b) }");
}

TEST(UniqueVariableNamesTest, RejectsRepeatedNames) {
  expect_errors("query Q($a: String, $a: Int) { echo(text: $a) }",
                {{"There can be only one variable named \"$a\".", {{1, 10}, {1, 22}}}}, "only one variable");
}

}  // namespace junction::validation::testing
