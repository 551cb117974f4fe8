#include "validation/support.h"

namespace junction::validation::testing {

TEST(ProvidedRequiredArgumentsTest, AcceptsProvidedOrDefaultedArguments) {
  expect_valid("{ tree(id: 1) { leaves(first: 2) { id } name } echo @withRequired(value: 1) }");
}

TEST(ProvidedRequiredArgumentsTest, RejectsMissingArguments) {
  expect_errors(
      "{ tree { id } echo @withRequired }",
      {{"Field \"tree\" argument \"id\" of type \"ID!\" is required, but it was not provided.", {{1, 3}}},
       {"Directive \"@withRequired\" argument \"value\" of type \"Int!\" is required, but it was not provided.",
        {{1, 20}}}});
}

}  // namespace junction::validation::testing
