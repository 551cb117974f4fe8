#include "validation/support.h"

namespace junction::validation::testing {

TEST(KnownTypeNamesTest, AcceptsKnownTypes) {
  expect_valid("query Q($f: TreeFilter, $s: [Size!]) { trees(filter: $f, sizes: $s) { ... on Tree { id } } }");
}

TEST(KnownTypeNamesTest, SuggestsCloseNames) {
  expect_errors("query Q($f: TreeFiltr) { tree(id: 1) { ... on Tre { id } } }",
                {{"Unknown type \"TreeFiltr\". Did you mean \"TreeFilter\"?", {{1, 13}}},
                 {"Unknown type \"Tre\". Did you mean \"Tree\"?", {{1, 47}}}},
                "Unknown type");
}

TEST(KnownTypeNamesTest, SdlAllowsStandardTypesWithoutDefinition) {
  expect_sdl_errors("type Query { a: String b: Strin }",
                    {{"Unknown type \"Strin\". Did you mean \"String\"?", {{1, 27}}}});
}

}  // namespace junction::validation::testing
