#include "validation/support.h"

namespace junction::validation::testing {

TEST(SingleFieldSubscriptionsTest, AcceptsOneRootField) { expect_valid("subscription { grown { id } }"); }

TEST(SingleFieldSubscriptionsTest, RejectsSeveralRootFieldsThroughFragments) {
  expect_errors("subscription S { grown { id } ...F }\nfragment F on Subscription { treeFell { id } }",
                {{"Subscription \"S\" must select only one top level field.", {{2, 30}}}});
}

TEST(SingleFieldSubscriptionsTest, RejectsIntrospectionRootField) {
  expect_errors("subscription { __typename }",
                {{"Anonymous Subscription must not select an introspection top level field.", {{1, 16}}}});
}

TEST(SingleFieldSubscriptionsTest, SkippedFieldsDoNotCount) {
  expect_valid("subscription { grown { id } treeFell @skip(if: true) { id } }");
}

}  // namespace junction::validation::testing
