#include "validation/support.h"

namespace junction::validation::testing {

TEST(UniqueDirectivesPerLocationTest, AcceptsRepeatableDirectives) {
  expect_valid("{ echo @repeatableTag(name: \"a\") @repeatableTag(name: \"b\") }");
}

TEST(UniqueDirectivesPerLocationTest, RejectsRepeatedNonRepeatableDirectives) {
  expect_errors("{ echo @onField @onField }",
                {{"The directive \"@onField\" can only be used once at this location.", {{1, 8}, {1, 17}}}});
}

TEST(UniqueDirectivesPerLocationTest, SdlSharesLocationBetweenDefinitionAndExtension) {
  expect_sdl_errors("directive @d on OBJECT\ntype Query @d { a: Int }\nextend type Query @d",
                    {{"The directive \"@d\" can only be used once at this location.", {{2, 12}, {3, 19}}}});
}

}  // namespace junction::validation::testing
