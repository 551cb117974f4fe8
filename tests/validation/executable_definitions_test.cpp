#include "validation/support.h"

namespace junction::validation::testing {

TEST(ExecutableDefinitionsTest, AcceptsOperationsAndFragments) {
  expect_valid("query Q { tree(id: 1) { ...F } } fragment F on Tree { id }");
}

TEST(ExecutableDefinitionsTest, RejectsTypeSystemDefinitions) {
  expect_errors("{ echo } type Extra { a: Int } extend schema @onField",
                {{"The \"Extra\" definition is not executable.", {{1, 10}}},
                 {"The schema definition is not executable.", {{1, 32}}}},
                "not executable");
}

}  // namespace junction::validation::testing
