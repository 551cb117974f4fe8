#include "validation/variables.h"

#include "json/read.h"
#include "json/write.h"
#include "validation/support.h"

namespace junction::validation::testing {
namespace {

Result<json::Value> coerce(const std::string& query, const std::string& variables) {
  auto parsed = graphql::parse(query);
  EXPECT_TRUE(parsed.ok());
  const auto* operation = graphql::as<graphql::OperationDefinition>(parsed->definitions().front());
  return coerce_variable_values(test_schema(), *parsed, *operation, *json::parse(variables));
}

std::vector<std::string> messages(const Result<json::Value>& result) {
  std::vector<std::string> out;
  if (!result.ok()) {
    for (const auto& d : result.error().diagnostics) out.push_back(d.message);
  }
  return out;
}

}  // namespace

TEST(CoerceVariablesTest, CoercesScalarsListsAndDefaults) {
  auto result = coerce("query Q($id: ID!, $n: Int = 3, $sizes: [Size!], $f: TreeFilter, $r: Float) { echo }",
                       R"({"id": 7, "sizes": "SMALL", "f": {"name": "oak"}, "r": 2.0})");
  ASSERT_TRUE(result.ok()) << messages(result).front();
  EXPECT_EQ(json::to_string(*result), R"({"id":"7","n":3,"sizes":["SMALL"],"f":{"minHeight":0,"name":"oak"},"r":2})");
}

TEST(CoerceVariablesTest, ReportsEveryProblemWithItsPath) {
  auto result = coerce("query Q($id: ID!, $f: TreeFilter, $n: Int) { echo }",
                       R"({"f": {"size": "HUGE", "extra": 1}, "n": 2147483648})");
  EXPECT_EQ(
      messages(result),
      (std::vector<std::string>{
          "Variable \"$id\" of required type \"ID!\" was not provided.",
          "Variable \"$f\" got invalid value \"HUGE\" at \"f.size\"; Value \"HUGE\" does not exist in \"Size\" enum.",
          "Variable \"$f\" got invalid value { size: \"HUGE\", extra: 1 }; Field \"name\" of required type "
          "\"String!\" was not provided.",
          "Variable \"$f\" got invalid value { size: \"HUGE\", extra: 1 }; Field \"extra\" is not defined by type "
          "\"TreeFilter\".",
          "Variable \"$n\" got invalid value 2147483648; Int cannot represent non 32-bit signed integer value: "
          "2147483648"}));
  EXPECT_EQ(result.error().diagnostics.front().locations, (std::vector<SourceLocation>{{1, 9}}));
}

TEST(CoerceVariablesTest, RejectsNullForNonNullAndOutputTypes) {
  auto result = coerce("query Q($id: ID!, $t: Tree) { echo }", R"({"id": null})");
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "Variable \"$id\" of non-null type \"ID!\" must not be null.",
                "Variable \"$t\" expected value of type \"Tree\" which cannot be used as an input type."}));
}

TEST(CoerceVariablesTest, StopsAfterTheErrorLimit) {
  std::string query = "query Q(";
  std::string variables = "{";
  for (int i = 0; i < 60; ++i) {
    query += "$v" + std::to_string(i) + ": Int ";
    variables += (i ? ", " : "") + std::string("\"v") + std::to_string(i) + "\": \"x\"";
  }
  auto result = coerce(query + ") { echo }", variables + "}");
  auto list = messages(result);
  ASSERT_EQ(list.size(), 51u);
  EXPECT_EQ(list.back(), "Too many errors processing variables, error limit reached. Execution aborted.");
}

}  // namespace junction::validation::testing
