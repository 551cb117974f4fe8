#include "validation/support.h"

namespace junction::validation::testing {

TEST(MaxIntrospectionDepthTest, AcceptsTheStandardShape) {
  expect_valid("{ __schema { types { fields { type { name } } interfaces { name } } } }");
}

TEST(MaxIntrospectionDepthTest, RejectsThreeNestedLists) {
  expect_errors("{ __type(name: \"Tree\") { fields { type { fields { type { fields { name } } } } } } }",
                {{"Maximum introspection depth exceeded", {{1, 3}}}});
}

TEST(MaxIntrospectionDepthTest, FollowsFragments) {
  expect_errors(
      "{ __schema { types { ...T } } }\nfragment T on __Type { fields { type { fields { type { interfaces { name } } } "
      "} } }",
      {{"Maximum introspection depth exceeded", {{1, 3}}}});
}

}  // namespace junction::validation::testing
