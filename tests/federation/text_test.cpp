// Apollo's wording helpers: lists, subgraph names, suggestions, quoting.
#include "federation/text.h"

#include <gtest/gtest.h>

namespace junction::federation {
namespace {

TEST(TextTest, JoinsStringsTheWayApolloDoes) {
  EXPECT_EQ(join_strings({}), "");
  EXPECT_EQ(join_strings({"a"}), "a");
  EXPECT_EQ(join_strings({"a", "b"}), "a and b");
  EXPECT_EQ(join_strings({"a", "b", "c"}), "a, b and c");
  EXPECT_EQ(join_strings({"a", "b", "c"}, " or ", " or ", " or "), "a or b or c");
}

TEST(TextTest, NamesOneOrManySubgraphs) {
  EXPECT_EQ(subgraph_names({"users"}), "subgraph \"users\"");
  EXPECT_EQ(subgraph_names({"habits", "users"}), "subgraphs \"habits\" and \"users\"");
  EXPECT_EQ(type_names({"A", "B", "C"}), "types \"A\", \"B\" and \"C\"");
}

TEST(TextTest, CutsLongListsAfterTheCutoff) {
  std::vector<std::string> names;
  for (int i = 0; i < 30; ++i) names.push_back("subgraph" + std::to_string(i));
  std::string text = human_readable_list(names, "subgraph", "subgraphs", 40);
  EXPECT_EQ(text.rfind("subgraphs subgraph0, subgraph1", 0), 0U) << text;
  EXPECT_NE(text.find(", ..."), std::string::npos) << text;
  EXPECT_EQ(text.find("subgraph29"), std::string::npos) << text;
}

TEST(TextTest, SuggestsCloseNames) {
  std::vector<std::string> suggestions = federation_suggestions("shareable", {"@shareable", "shareable", "key"});
  ASSERT_FALSE(suggestions.empty());
  EXPECT_EQ(suggestions.front(), "shareable");
  EXPECT_EQ(federation_did_you_mean({}), "");
  EXPECT_EQ(federation_did_you_mean({"x"}), " Did you mean \"x\"?");
  EXPECT_EQ(federation_did_you_mean({"x", "y"}), " Did you mean \"x\" or \"y\"?");
  EXPECT_TRUE(federation_suggestions("zzzzzzzz", {"key", "external"}).empty());
}

TEST(TextTest, QuotesLikeJsonStringify) {
  EXPECT_EQ(quote("a"), "\"a\"");
  EXPECT_EQ(quote("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
}

}  // namespace
}  // namespace junction::federation
