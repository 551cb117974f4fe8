#include "gateway/policy.h"

#include <gtest/gtest.h>

#include "common/source.h"
#include "graphql/parser.h"

namespace junction::gateway {
namespace {

OperationShape shape_of(const std::string& text) {
  auto document = graphql::parse(Source::make("op.graphql", text));
  EXPECT_TRUE(document.ok());
  for (const graphql::Definition* definition : document->definitions()) {
    if (const auto* operation = graphql::as<graphql::OperationDefinition>(definition)) {
      return measure(*document, *operation);
    }
  }
  return {};
}

TEST(PolicyTest, MeasuresDepthAliasesAndRootFieldsThroughFragments) {
  OperationShape shape = shape_of(R"(
    query { a: me { ...Who } topProducts { name } ... on Query { b: me { id } } }
    fragment Who on User { name reviews { body product { upc } } }
  )");
  EXPECT_EQ(shape.depth, 4U);  // me > reviews > product > upc
  EXPECT_EQ(shape.aliases, 2U);
  EXPECT_EQ(shape.root_fields, 3U);
}

TEST(PolicyTest, FragmentsSpreadManyTimesCountEveryTime) {
  // 4 spreads of F, each with 3 aliases: 12 aliases, measured without expanding the text.
  OperationShape shape = shape_of(R"(
    { me { ...F ...F reviews { author { ...F ...F } } } }
    fragment F on User { x: id y: id z: name }
  )");
  EXPECT_EQ(shape.aliases, 12U);
  EXPECT_EQ(shape.depth, 4U);
  EXPECT_EQ(shape.root_fields, 1U);
}

TEST(PolicyTest, LimitsReportTheFirstExceeded) {
  GatewayConfig config;
  OperationShape shape{5, 3, 2};
  EXPECT_FALSE(check_limits(config, shape));  // 0 means no limit
  config.max_aliases = 3;
  EXPECT_FALSE(check_limits(config, shape));
  config.max_depth = 4;
  config.max_aliases = 2;
  auto violation = check_limits(config, shape);
  ASSERT_TRUE(violation);
  EXPECT_EQ(violation->code, "MAX_DEPTH_LIMIT");
  EXPECT_EQ(violation->message, "Maximum depth limit exceeded in this operation (depth 5, limit 4)");
  config.max_depth = 0;
  EXPECT_EQ(check_limits(config, shape)->code, "MAX_ALIASES_LIMIT");
  config.max_aliases = 0;
  config.max_root_fields = 1;
  EXPECT_EQ(check_limits(config, shape)->message,
            "Maximum root fields limit exceeded in this operation (2 root fields, limit 1)");
}

TEST(PolicyTest, CorsAllowsListedAndMatchingOrigins) {
  CorsConfig cors;
  cors.origins = {"https://app.example.com"};
  cors.match_origins = {"^https://[a-z]+\\.preview\\.example\\.com$"};
  cors.expose_headers = {"x-trace"};
  EXPECT_FALSE(cors_headers(cors, "https://evil.example.net", false));
  EXPECT_FALSE(cors_headers(cors, "", false));
  auto simple = cors_headers(cors, "https://app.example.com", false);
  ASSERT_TRUE(simple);
  EXPECT_EQ(*simple, (net::Headers{{"Access-Control-Allow-Origin", "https://app.example.com"},
                                   {"Vary", "Origin"},
                                   {"Access-Control-Expose-Headers", "x-trace"}}));
  auto preflight = cors_headers(cors, "https://pr.preview.example.com", true, "content-type, authorization");
  ASSERT_TRUE(preflight);
  EXPECT_EQ(*preflight, (net::Headers{{"Access-Control-Allow-Origin", "https://pr.preview.example.com"},
                                      {"Vary", "Origin"},
                                      {"Access-Control-Allow-Methods", "GET, POST, OPTIONS"},
                                      {"Access-Control-Allow-Headers", "content-type, authorization"}}));
  cors.allow_any_origin = true;
  cors.allow_headers = {"content-type"};
  cors.max_age = std::chrono::seconds(60);
  EXPECT_EQ(*cors_headers(cors, "https://anything", true, "x-other"),
            (net::Headers{{"Access-Control-Allow-Origin", "*"},
                          {"Access-Control-Allow-Methods", "GET, POST, OPTIONS"},
                          {"Access-Control-Allow-Headers", "content-type"},
                          {"Access-Control-Max-Age", "60"}}));
}

TEST(PolicyTest, HeaderRulesPropagateInsertRenameAndRemoveInOrder) {
  std::vector<HeaderRule> rules(5);
  rules[0].named = "authorization";
  rules[1].matching = "^x-tenant-";
  rules[2].named = "x-user";
  rules[2].rename = "x-user-id";
  rules[2].default_value = "anonymous";
  rules[3].kind = HeaderRule::Kind::Insert;
  rules[3].named = "x-gateway";
  rules[3].value = "junction";
  rules[4].kind = HeaderRule::Kind::Remove;
  rules[4].matching = "tenant-b";
  HeaderPolicy policy(rules);
  EXPECT_FALSE(policy.empty());
  net::Headers client = {{"Authorization", "Bearer t"},  {"X-Tenant-A", "1"},      {"x-tenant-b", "2"},
                         {"Content-Type", "text/plain"}, {"Content-Length", "12"}, {"Cookie", "c"}};
  EXPECT_EQ(
      policy.apply(client),
      (net::Headers{
          {"authorization", "Bearer t"}, {"x-tenant-a", "1"}, {"x-user-id", "anonymous"}, {"x-gateway", "junction"}}));
  EXPECT_TRUE(HeaderPolicy({}).empty());
  HeaderRule everything;
  everything.matching = ".*";
  EXPECT_EQ(HeaderPolicy({everything}).apply(client),
            (net::Headers{{"authorization", "Bearer t"}, {"x-tenant-a", "1"}, {"x-tenant-b", "2"}, {"cookie", "c"}}));
}

}  // namespace
}  // namespace junction::gateway
