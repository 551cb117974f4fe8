#include "validation/support.h"

namespace junction::validation::testing {

TEST(NoUndefinedVariablesTest, AcceptsVariablesUsedThroughFragments) {
  expect_valid("query Q($a: String) { ...F } fragment F on Query { echo(text: $a) }");
}

TEST(NoUndefinedVariablesTest, RejectsUndefinedVariables) {
  expect_errors("query Q { ...F }\nfragment F on Query { echo(text: $a) }",
                {{"Variable \"$a\" is not defined by operation \"Q\".", {{2, 34}, {1, 1}}}});
}

TEST(NoUndefinedVariablesTest, NamesNoOperationWhenAnonymous) {
  expect_errors("{ echo(count: $n) }", {{"Variable \"$n\" is not defined.", {{1, 15}, {1, 1}}}});
}

}  // namespace junction::validation::testing
