#include "validation/support.h"

namespace junction::validation::testing {

TEST(FragmentsOnCompositeTypesTest, AcceptsObjectsInterfacesUnions) {
  expect_valid("{ thing { ... on Tree { id } ... on Node { id } ... on Thing { __typename } } }");
}

TEST(FragmentsOnCompositeTypesTest, RejectsScalarConditions) {
  expect_errors("{ echo ... on String { x } }\nfragment F on Size { x }",
                {{"Fragment cannot condition on non composite type \"String\".", {{1, 15}}},
                 {"Fragment \"F\" cannot condition on non composite type \"Size\".", {{2, 15}}}},
                "non composite");
}

}  // namespace junction::validation::testing
