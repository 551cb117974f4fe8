#include "validation/support.h"

namespace junction::validation::testing {

TEST(NoFragmentCyclesTest, AcceptsTrees) {
  expect_valid("{ ...A ...B } fragment A on Query { ...B } fragment B on Query { echo }");
}

TEST(NoFragmentCyclesTest, RejectsIndirectCycles) {
  expect_errors("{ ...A }\nfragment A on Query { ...B }\nfragment B on Query { ...A }",
                {{"Cannot spread fragment \"A\" within itself via \"B\".", {{2, 23}, {3, 23}}}}, "within itself");
}

TEST(NoFragmentCyclesTest, RejectsDirectCycles) {
  expect_errors("{ ...A } fragment A on Query { ...A }", {{"Cannot spread fragment \"A\" within itself.", {{1, 32}}}},
                "within itself");
}

}  // namespace junction::validation::testing
