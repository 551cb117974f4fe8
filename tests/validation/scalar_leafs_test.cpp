#include "validation/support.h"

namespace junction::validation::testing {

TEST(ScalarLeafsTest, AcceptsLeavesWithoutSelections) { expect_valid("{ tree(id: 1) { height size } }"); }

TEST(ScalarLeafsTest, RejectsSelectionOnLeaf) {
  expect_errors("{ echo { x } }",
                {{"Field \"echo\" must not have a selection since type \"String\" has no subfields.", {{1, 8}}}},
                "subfields");
}

TEST(ScalarLeafsTest, RejectsCompositeWithoutSelection) {
  expect_errors("{ tree(id: 1) }",
                {{"Field \"tree\" of type \"Tree\" must have a selection of subfields. Did you mean \"tree { ... }\"?",
                  {{1, 3}}}});
}

}  // namespace junction::validation::testing
