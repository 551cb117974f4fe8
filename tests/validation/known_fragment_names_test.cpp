#include "validation/support.h"

namespace junction::validation::testing {

TEST(KnownFragmentNamesTest, AcceptsDefinedFragments) { expect_valid("{ ...A } fragment A on Query { echo }"); }

TEST(KnownFragmentNamesTest, RejectsUnknownFragments) {
  expect_errors("{ ...Missing }", {{"Unknown fragment \"Missing\".", {{1, 6}}}});
}

}  // namespace junction::validation::testing
