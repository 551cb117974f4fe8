#include "validation/support.h"

namespace junction::validation::testing {

TEST(PossibleFragmentSpreadsTest, AcceptsOverlappingTypes) {
  expect_valid(
      "{ thing { ... on Node { id } ... on Rock { weight } } node(id: 1) { ...T } } fragment T on Tree { id }");
}

TEST(PossibleFragmentSpreadsTest, RejectsDisjointTypes) {
  expect_errors(
      "{ tree(id: 1) { ... on Rock { id } ...L } }\nfragment L on Leaf { id }",
      {{"Fragment cannot be spread here as objects of type \"Tree\" can never be of type \"Rock\".", {{1, 17}}},
       {"Fragment \"L\" cannot be spread here as objects of type \"Tree\" can never be of type \"Leaf\".", {{1, 36}}}});
}

}  // namespace junction::validation::testing
