#include "validation/support.h"

namespace junction::validation::testing {

TEST(UniqueFragmentNamesTest, AcceptsDistinctNames) {
  expect_valid("{ ...A ...B } fragment A on Query { echo } fragment B on Query { echo }");
}

TEST(UniqueFragmentNamesTest, RejectsRepeatedNames) {
  expect_errors("{ ...A }\nfragment A on Query { echo }\nfragment A on Query { echo }",
                {{"There can be only one fragment named \"A\".", {{2, 10}, {3, 10}}}});
}

}  // namespace junction::validation::testing
