#include "validation/support.h"

namespace junction::validation::testing {

TEST(KnownDirectivesTest, AcceptsKnownDirectivesInTheirLocations) {
  expect_valid("query Q @repeatableTag { echo @onField @skip(if: false) }");
}

TEST(KnownDirectivesTest, RejectsUnknownAndMisplacedDirectives) {
  expect_errors("query Q @onField { echo @nope }", {{"Directive \"@onField\" may not be used on QUERY.", {{1, 9}}},
                                                    {"Unknown directive \"@nope\".", {{1, 25}}}});
}

TEST(KnownDirectivesTest, SdlChecksArgumentVersusInputFieldLocations) {
  expect_sdl_errors("directive @a on ARGUMENT_DEFINITION\ninput I { f: Int @a }\ntype Query { q(x: Int @a): Int }",
                    {{"Directive \"@a\" may not be used on INPUT_FIELD_DEFINITION.", {{2, 18}}}});
}

}  // namespace junction::validation::testing
