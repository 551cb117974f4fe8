// Shared by the validation tests: a small schema exercising every kind of type, and
// expectations written as (message, locations).
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "graphql/parser.h"
#include "validation/validate.h"

namespace junction::validation::testing {

inline constexpr const char* kSchema = R"(
directive @onField on FIELD
directive @repeatableTag(name: String) repeatable on FIELD | QUERY
directive @withRequired(value: Int!) on FIELD

interface Node { id: ID! }
interface Named implements Node { id: ID! name(upper: Boolean = false): String }
enum Size { SMALL MEDIUM LARGE }
scalar Json

type Tree implements Node & Named {
  id: ID!
  name(upper: Boolean = false): String
  height: Float
  size: Size
  leaves(first: Int!, after: String): [Leaf!]!
  parent: Tree
  data: Json
}
type Leaf implements Node { id: ID! color: String tree: Tree }
type Rock implements Node { id: ID! weight: Int }
union Thing = Tree | Rock

input TreeFilter { size: Size, minHeight: Float = 0, name: String! }
input ByKey @oneOf { id: ID, name: String }

type Query {
  tree(id: ID!): Tree
  trees(filter: TreeFilter, sizes: [Size!]): [Tree]
  thing(key: ByKey): Thing
  node(id: ID!): Node
  echo(text: String, count: Int, ratio: Float, flag: Boolean, key: ID): String
}
type Mutation { plant(name: String!): Tree }
type Subscription { grown: Tree treeFell: Tree }
)";

inline const schema::Schema& test_schema() {
  static const std::shared_ptr<const schema::Schema> schema = [] {
    auto parsed = graphql::parse(kSchema, "schema.graphql");
    auto built = build_schema(std::make_shared<const graphql::Document>(std::move(parsed).value()));
    if (!built.ok()) ADD_FAILURE() << built.error().message();
    return std::move(built).value();
  }();
  return *schema;
}

struct Expected {
  std::string message;
  std::vector<SourceLocation> locations;
};

inline std::vector<Diagnostic> validate_text(const std::string& query) {
  auto parsed = graphql::parse(query);
  if (!parsed.ok()) return parsed.error().diagnostics;
  return validate(test_schema(), *parsed);
}

// Only the errors whose message contains `filter` are compared (so a rule's test is not
// disturbed by other rules).
inline void expect_errors(const std::string& query, const std::vector<Expected>& expected,
                          const std::string& filter = "") {
  std::vector<Diagnostic> actual;
  for (auto& diagnostic : validate_text(query)) {
    if (filter.empty() || diagnostic.message.find(filter) != std::string::npos) actual.push_back(diagnostic);
  }
  ASSERT_EQ(actual.size(), expected.size())
      << "query: " << query << "\nfirst: " << (actual.empty() ? std::string("<none>") : actual.front().message);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(actual[i].message, expected[i].message);
    EXPECT_EQ(actual[i].locations, expected[i].locations) << actual[i].message;
  }
}

inline void expect_valid(const std::string& query) { expect_errors(query, {}); }

inline std::vector<Diagnostic> validate_sdl_text(const std::string& sdl) {
  auto parsed = graphql::parse(sdl);
  if (!parsed.ok()) return parsed.error().diagnostics;
  return validate_sdl(*parsed);
}

inline void expect_sdl_errors(const std::string& sdl, const std::vector<Expected>& expected) {
  auto actual = validate_sdl_text(sdl);
  ASSERT_EQ(actual.size(), expected.size())
      << sdl << "\nfirst: " << (actual.empty() ? std::string("<none>") : actual.front().message);
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(actual[i].message, expected[i].message);
    EXPECT_EQ(actual[i].locations, expected[i].locations) << actual[i].message;
  }
}

}  // namespace junction::validation::testing
