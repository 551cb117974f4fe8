#include "validation/support.h"

namespace junction::validation::testing {

TEST(UniqueArgumentNamesTest, AcceptsDistinctArguments) { expect_valid("{ echo(text: \"a\", count: 1) }"); }

TEST(UniqueArgumentNamesTest, RejectsRepeatedArguments) {
  expect_errors("{ echo(text: \"a\", text: \"b\") }",
                {{"There can be only one argument named \"text\".", {{1, 8}, {1, 19}}}});
}

}  // namespace junction::validation::testing
