#include "common/suggest.h"

#include <gtest/gtest.h>

namespace junction {

TEST(SuggestTest, OrdersByDistanceThenNaturally) {
  EXPECT_EQ(suggestion_list("nam", {"name", "names", "game", "zzz"}),
            (std::vector<std::string>{"name", "game", "names"}));
  EXPECT_EQ(suggestion_list("NAME", {"name"}), (std::vector<std::string>{"name"}));  // case change = one edit
  EXPECT_TRUE(suggestion_list("abc", {"xyz"}).empty());
}

TEST(SuggestTest, WordsLikeGraphqlJs) {
  EXPECT_EQ(did_you_mean({}), "");
  EXPECT_EQ(did_you_mean({"a"}), " Did you mean \"a\"?");
  EXPECT_EQ(did_you_mean({"a", "b"}), " Did you mean \"a\" or \"b\"?");
  EXPECT_EQ(did_you_mean({"a", "b", "c", "d", "e", "f"}), " Did you mean \"a\", \"b\", \"c\", \"d\", or \"e\"?");
  EXPECT_EQ(did_you_mean({"X"}, "the enum value"), " Did you mean the enum value \"X\"?");
}

TEST(SuggestTest, NaturalCompareTreatsDigitRunsAsNumbers) {
  EXPECT_LT(natural_compare("field2", "field10"), 0);
  EXPECT_GT(natural_compare("b", "a"), 0);
  EXPECT_EQ(natural_compare("same", "same"), 0);
}

}  // namespace junction
