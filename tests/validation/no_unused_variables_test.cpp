#include "validation/support.h"

namespace junction::validation::testing {

TEST(NoUnusedVariablesTest, AcceptsUsedVariables) { expect_valid("query Q($a: Boolean!) { echo @skip(if: $a) }"); }

TEST(NoUnusedVariablesTest, RejectsUnusedVariables) {
  expect_errors("query Q($a: String, $b: Int) { echo(text: $a) }",
                {{"Variable \"$b\" is never used in operation \"Q\".", {{1, 21}}}});
}

}  // namespace junction::validation::testing
