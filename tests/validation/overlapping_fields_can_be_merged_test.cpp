#include "validation/support.h"

namespace junction::validation::testing {

TEST(OverlappingFieldsCanBeMergedTest, AcceptsIdenticalFieldsAndExclusiveParents) {
  expect_valid(
      "{ tree(id: 1) { id id name(upper: true) name(upper: true) } "
      "node(id: 1) { ... on Leaf { x: color } ... on Tree { x: name } } }");
}

TEST(OverlappingFieldsCanBeMergedTest, RejectsDifferentFieldsUnderOneName) {
  expect_errors("{ tree(id: 1) { x: id x: height } }",
                {{"Fields \"x\" conflict because \"id\" and \"height\" are different fields. Use different aliases on "
                  "the fields to fetch both if this was intentional.",
                  {{1, 17}, {1, 23}}}});
}

TEST(OverlappingFieldsCanBeMergedTest, RejectsDifferingArguments) {
  expect_errors("{ echo(text: \"a\") echo(text: \"b\") }",
                {{"Fields \"echo\" conflict because they have differing arguments. Use different aliases on the fields "
                  "to fetch both if this was intentional.",
                  {{1, 3}, {1, 19}}}});
}

TEST(OverlappingFieldsCanBeMergedTest, RejectsConflictingReturnTypesEvenOnExclusiveParents) {
  expect_errors("{ node(id: 1) { ... on Leaf { c: color } ... on Rock { c: weight } } }",
                {{"Fields \"c\" conflict because they return conflicting types \"String\" and \"Int\". Use different "
                  "aliases on the fields to fetch both if this was intentional.",
                  {{1, 31}, {1, 56}}}});
}

TEST(OverlappingFieldsCanBeMergedTest, ReportsNestedConflictsThroughFragments) {
  expect_errors(
      "{ tree(id: 1) { ...A ...B } }\nfragment A on Tree { parent { v: id } }\n"
      "fragment B on Tree { parent { v: name } }",
      {{"Fields \"parent\" conflict because subfields \"v\" conflict because \"id\" and \"name\" are different "
        "fields. Use different aliases on the fields to fetch both if this was intentional.",
        {{2, 22}, {2, 31}, {3, 22}, {3, 31}}}});
}

}  // namespace junction::validation::testing
