#include "validation/support.h"

namespace junction::validation::testing {

TEST(UniqueOperationNamesTest, AcceptsDistinctNames) { expect_valid("query A { echo } query B { echo }"); }

TEST(UniqueOperationNamesTest, RejectsRepeatedNamesAcrossOperationTypes) {
  expect_errors("query A { echo }\nmutation A { plant(name: \"x\") { id } }",
                {{"There can be only one operation named \"A\".", {{1, 7}, {2, 10}}}});
}

}  // namespace junction::validation::testing
