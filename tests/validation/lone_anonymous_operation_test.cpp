#include "validation/support.h"

namespace junction::validation::testing {

TEST(LoneAnonymousOperationTest, AcceptsSingleAnonymousOperation) {
  expect_valid("{ ...F } fragment F on Query { echo }");
}

TEST(LoneAnonymousOperationTest, RejectsAnonymousOperationBesideOthers) {
  expect_errors("{ echo }\nquery Named { echo }",
                {{"This anonymous operation must be the only defined operation.", {{1, 1}}}});
}

}  // namespace junction::validation::testing
