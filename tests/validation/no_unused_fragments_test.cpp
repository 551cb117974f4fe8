#include "validation/support.h"

namespace junction::validation::testing {

TEST(NoUnusedFragmentsTest, AcceptsFragmentsReachedThroughOthers) {
  expect_valid("{ ...A } fragment A on Query { ...B } fragment B on Query { echo }");
}

TEST(NoUnusedFragmentsTest, RejectsUnreachedFragments) {
  expect_errors("{ echo }\nfragment Lonely on Query { echo }", {{"Fragment \"Lonely\" is never used.", {{2, 1}}}});
}

}  // namespace junction::validation::testing
