#include "validation/support.h"

namespace junction::validation::testing {

TEST(ValuesOfCorrectTypeTest, AcceptsValidLiterals) {
  expect_valid(
      "{ echo(text: \"x\", count: -5, ratio: 1, flag: true, key: 7) "
      "trees(filter: {name: \"oak\", size: LARGE}, sizes: SMALL) { id } thing(key: {id: 1}) { __typename } }");
}

TEST(ValuesOfCorrectTypeTest, RejectsWrongScalars) {
  expect_errors("{ echo(text: 1, count: 3000000000, ratio: \"x\", flag: 0, key: 1.5) }",
                {{"String cannot represent a non string value: 1", {{1, 14}}},
                 {"Int cannot represent non 32-bit signed integer value: 3000000000", {{1, 24}}},
                 {"Float cannot represent non numeric value: \"x\"", {{1, 43}}},
                 {"Boolean cannot represent a non boolean value: 0", {{1, 54}}},
                 {"ID cannot represent a non-string and non-integer value: 1.5", {{1, 62}}}});
}

TEST(ValuesOfCorrectTypeTest, RejectsBadEnumsAndInputObjects) {
  expect_errors("{ trees(filter: {size: HUGE, nam: \"x\"}, sizes: [\"SMALL\"]) { id } }",
                {{"Field \"TreeFilter.name\" of required type \"String!\" was not provided.", {{1, 17}}},
                 {"Value \"HUGE\" does not exist in \"Size\" enum.", {{1, 24}}},
                 {"Field \"nam\" is not defined by type \"TreeFilter\". Did you mean \"name\"?", {{1, 30}}},
                 {"Enum \"Size\" cannot represent non-enum value: \"SMALL\". Did you mean the enum value \"SMALL\"?",
                  {{1, 49}}}});
}

TEST(ValuesOfCorrectTypeTest, RejectsOneOfWithSeveralKeys) {
  expect_errors("{ thing(key: {id: 1, name: \"x\"}) { __typename } }",
                {{"OneOf Input Object \"ByKey\" must specify exactly one key.", {{1, 14}}}});
}

TEST(ValuesOfCorrectTypeTest, RejectsNullForNonNull) {
  expect_errors("{ tree(id: null) { id } }", {{"Expected value of type \"ID!\", found null.", {{1, 12}}}});
}

}  // namespace junction::validation::testing
