#include "validation/support.h"

namespace junction::validation::testing {

TEST(UniqueInputFieldNamesTest, AcceptsNestedObjectsWithSameNames) {
  expect_valid("{ echo(text: \"x\") trees(filter: {name: \"a\", size: SMALL}) { id } }");
}

TEST(UniqueInputFieldNamesTest, RejectsRepeatedFields) {
  expect_errors("{ trees(filter: {name: \"a\", name: \"b\"}) { id } }",
                {{"There can be only one input field named \"name\".", {{1, 18}, {1, 29}}}});
}

}  // namespace junction::validation::testing
