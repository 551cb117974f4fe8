// Field sets (@key/@requires/@provides fields:) parsed against a subgraph's types.
#include "federation/fieldset.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "common/source.h"
#include "federation/subgraph.h"
#include "graphql/parser.h"

namespace junction::federation {
namespace {

constexpr const char* kSdl = R"(extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query { room(number: Int!): Room }
type Building { id: ID! address: String floors(min: Int!): Int }
type Room @key(fields: "number building { id }") { number: Int! building: Building! }
)";

class FieldSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto document = graphql::parse(Source::make("rooms.graphql", kSdl));
    ASSERT_TRUE(document.ok()) << document.error().message();
    SubgraphResult built =
        build_subgraph("rooms", "http://rooms", std::make_shared<const graphql::Document>(std::move(document).value()));
    ASSERT_TRUE(built.errors.empty()) << built.errors.front().message;
    subgraph_ = std::move(built.subgraph);
    room_ = subgraph_->schema.find_type("Room");
    ASSERT_NE(room_, nullptr);
  }

  FieldSetResult parse(std::string_view fields) { return parse_field_set(subgraph_->schema, *room_, fields); }

  std::optional<Subgraph> subgraph_;
  const Type* room_ = nullptr;
};

TEST_F(FieldSetTest, ResolvesNestedSelections) {
  FieldSetResult result = parse("number building { id address }");
  ASSERT_FALSE(result.error) << result.error->message;
  const FieldSetSelections& root = result.field_set->root;
  ASSERT_EQ(root.selections.size(), 2U);
  EXPECT_EQ(root.selections[0].name, "number");
  EXPECT_EQ(root.selections[0].parent, room_);
  const FieldSetSelection& building = root.selections[1];
  ASSERT_NE(building.selection_set, nullptr);
  EXPECT_EQ(building.selection_set->parent->name, "Building");
  EXPECT_EQ(print_field_set(root), "number building { id address }");
  int fields = 0;
  for_each_field(root, [&](const FieldSetSelection&) { ++fields; });
  EXPECT_EQ(fields, 4);
}

TEST_F(FieldSetTest, ComparesSelectionsWhateverTheirOrder) {
  FieldSetResult a = parse("number building { id }");
  FieldSetResult b = parse("building { id } number");
  FieldSetResult c = parse("number");
  ASSERT_FALSE(a.error || b.error || c.error);
  EXPECT_TRUE(same_selections(a.field_set->root, b.field_set->root));
  EXPECT_FALSE(same_selections(a.field_set->root, c.field_set->root));
}

// The field set layer reports graphql-js's wording; subgraph validation appends Apollo's
// advice about @external (covered by the composition golden cases).
TEST_F(FieldSetTest, ReportsUnknownFieldsInGraphqlJsWording) {
  FieldSetResult result = parse("uuid");
  ASSERT_TRUE(result.error);
  EXPECT_EQ(result.error->message, "Cannot query field \"uuid\" on type \"Room\".");
}

TEST_F(FieldSetTest, RejectsSyntaxErrorsAndLeafSelectionsOnObjects) {
  FieldSetResult unbalanced = parse("building { id");
  ASSERT_TRUE(unbalanced.error);
  EXPECT_NE(unbalanced.error->message.find("Syntax Error"), std::string::npos) << unbalanced.error->message;
  FieldSetResult no_subselection = parse("building");
  ASSERT_TRUE(no_subselection.error);
  EXPECT_NE(no_subselection.error->message.find("building"), std::string::npos) << no_subselection.error->message;
}

TEST(ContextReferenceTest, SplitsTheContextNameFromTheSelection) {
  auto split = split_context_reference("$ctx { a }");
  ASSERT_TRUE(split);
  EXPECT_EQ(split->first, "ctx");
  EXPECT_EQ(split->second, " { a }");
  EXPECT_FALSE(split_context_reference("ctx { a }"));
  EXPECT_FALSE(split_context_reference(""));
}

}  // namespace
}  // namespace junction::federation
