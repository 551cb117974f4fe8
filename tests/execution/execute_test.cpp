// The executor without sockets: plans against the shop supergraph, hands it subgraph responses
// and checks the requests it makes and the response it builds.
#include "execution/execute.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "execution/response.h"
#include "graphql/parser.h"
#include "json/read.h"
#include "json/write.h"
#include "planner/planner.h"

namespace junction::execution {
namespace {

std::shared_ptr<const planner::Supergraph> shop() {
  std::ifstream in(std::filesystem::path(JUNCTION_SOURCE_DIR) / "tests/planner/testdata/shop/supergraph.graphql");
  std::stringstream text;
  text << in.rdbuf();
  auto loaded = planner::Supergraph::load(text.str());
  EXPECT_TRUE(loaded.ok());
  return *loaded;
}

json::Value parse_json(std::string_view text) {
  auto value = json::parse(text);
  EXPECT_TRUE(value.ok()) << text;
  return value.ok() ? *value : json::Value();
}

FetchResponse reply(std::string_view text) { return FetchResponse{parse_json(text), ""}; }

class ExecutionTest : public ::testing::Test {
 protected:
  void plan(std::string query) {
    auto parsed = graphql::parse(std::move(query));
    ASSERT_TRUE(parsed.ok());
    document_ = std::make_unique<graphql::Document>(std::move(parsed).value());
    operation_ = *planner::select_operation(*document_, "");
    auto built = planner::build_plan(*supergraph_, *document_, *operation_);
    ASSERT_TRUE(built.ok()) << built.error().message();
    plan_ = *built;
  }
  std::string respond(Execution& execution) {
    auto errors = execution.take_errors();
    return json::to_string(build_response(supergraph_->api(), *document_, *operation_, json::Value::object(),
                                          execution.data(), std::move(errors)));
  }

  std::shared_ptr<const planner::Supergraph> supergraph_ = shop();
  std::unique_ptr<graphql::Document> document_;
  const graphql::OperationDefinition* operation_ = nullptr;
  std::shared_ptr<const planner::QueryPlan> plan_;
};

TEST_F(ExecutionTest, SendsDeduplicatedRepresentationsWithRequiredFieldsAndMergesResults) {
  plan("{ topProducts { name shippingEstimate } }");
  Execution execution(supergraph_, plan_, json::Value::object());
  auto first = execution.start();
  ASSERT_EQ(first.size(), 1U);
  EXPECT_EQ(first[0].body, R"({"query":"query{topProducts{name __typename upc price weight}}","variables":{}})");
  auto second = execution.complete(
      first[0].fetch,
      reply(R"({"data":{"topProducts":[{"__typename":"Product","upc":"1","name":"Table","price":899,"weight":100},)"
            R"({"__typename":"Product","upc":"1","name":"Table","price":899,"weight":100},)"
            R"({"__typename":"Product","upc":"2","name":"Couch","price":1299,"weight":1000}]}})"));
  ASSERT_EQ(second.size(), 1U);
  auto body = parse_json(second[0].body);
  EXPECT_EQ(json::to_string(*body.find("variables")),
            R"({"representations":[{"__typename":"Product","upc":"1","price":899,"weight":100},)"
            R"({"__typename":"Product","upc":"2","price":1299,"weight":1000}]})");
  EXPECT_FALSE(execution.finished());
  auto none = execution.complete(second[0].fetch,
                                 reply(R"({"data":{"_entities":[{"shippingEstimate":50},{"shippingEstimate":0}]}})"));
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(execution.finished());
  EXPECT_EQ(respond(execution),
            R"({"data":{"topProducts":[{"name":"Table","shippingEstimate":50},{"name":"Table","shippingEstimate":50},)"
            R"({"name":"Couch","shippingEstimate":0}]}})");
}

TEST_F(ExecutionTest, AFailedFetchGivesNullsAndAnErrorAndSkipsWhatDependsOnIt) {
  plan("{ topProducts { name shippingEstimate } }");
  Execution execution(supergraph_, plan_, json::Value::object());
  auto first = execution.start();
  ASSERT_EQ(first.size(), 1U);
  auto after = execution.complete(first[0].fetch, FetchResponse{std::nullopt, "connection refused"});
  EXPECT_TRUE(after.empty());  // no objects, so no representations: the entity fetch is skipped
  EXPECT_TRUE(execution.finished());
  EXPECT_EQ(respond(execution),
            R"({"errors":[{"message":"connection refused","extensions":{"code":"SUBREQUEST_HTTP_ERROR",)"
            R"("serviceName":"products"}}],"data":{"topProducts":null}})");
}

TEST_F(ExecutionTest, EntityErrorsGetTheirPathInTheResponse) {
  plan("{ topProducts { inStock } }");
  Execution execution(supergraph_, plan_, json::Value::object());
  auto first = execution.start();
  auto second = execution.complete(
      first[0].fetch,
      reply(R"({"data":{"topProducts":[{"__typename":"Product","upc":"1"},{"__typename":"Product","upc":"2"}]}})"));
  ASSERT_EQ(second.size(), 1U);
  execution.complete(second[0].fetch, reply(R"({"data":{"_entities":[{"inStock":true},null]},)"
                                            R"("errors":[{"message":"boom","path":["_entities",1,"inStock"]}]})"));
  EXPECT_EQ(respond(execution),
            R"({"errors":[{"message":"boom","path":["topProducts",1,"inStock"],"extensions":{"code":)"
            R"("DOWNSTREAM_SERVICE_ERROR","serviceName":"inventory"}}],"data":{"topProducts":[{"inStock":true},)"
            R"({"inStock":null}]}})");
}

TEST_F(ExecutionTest, NullInANonNullFieldNullsTheNearestNullableParent) {
  plan("{ product(upc: \"1\") { upc name } }");
  Execution execution(supergraph_, plan_, json::Value::object());
  auto first = execution.start();
  execution.complete(first[0].fetch, reply(R"({"data":{"product":{"upc":null,"name":"Table"}}})"));
  EXPECT_EQ(
      respond(execution),
      R"({"errors":[{"message":"Cannot return null for non-nullable field Product.upc.","path":["product","upc"]}],)"
      R"("data":{"product":null}})");
}

}  // namespace
}  // namespace junction::execution
