#include "validation/support.h"

namespace junction::validation::testing {

TEST(KnownArgumentNamesTest, AcceptsDefinedArguments) {
  expect_valid("{ tree(id: 1) { name(upper: true) } echo @skip(if: false) }");
}

TEST(KnownArgumentNamesTest, RejectsUnknownFieldArguments) {
  expect_errors("{ echo(txt: \"a\") }",
                {{"Unknown argument \"txt\" on field \"Query.echo\". Did you mean \"text\"?", {{1, 8}}}});
}

TEST(KnownArgumentNamesTest, RejectsUnknownDirectiveArguments) {
  expect_errors("{ echo @skip(iff: true) }",
                {{"Unknown argument \"iff\" on directive \"@skip\". Did you mean \"if\"?", {{1, 14}}}},
                "Unknown argument");
}

}  // namespace junction::validation::testing
