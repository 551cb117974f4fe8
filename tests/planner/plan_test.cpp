// Planner golden tests: testdata/<supergraph>/<operation>.graphql → <operation>.plan, the
// printed plan (`junction plan`). JN_UPDATE_GOLDEN=1 rewrites the expectations for review.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/source.h"
#include "graphql/parser.h"
#include "planner/planner.h"
#include "planner/supergraph.h"
#include "validation/validate.h"

namespace junction::planner {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

const fs::path kTestdata = fs::path(JUNCTION_SOURCE_DIR) / "tests" / "planner" / "testdata";

std::shared_ptr<const Supergraph> load(const std::string& name) {
  auto supergraph = Supergraph::load(slurp(kTestdata / name / "supergraph.graphql"), name);
  EXPECT_TRUE(supergraph.ok()) << (supergraph.ok() ? "" : supergraph.error().message());
  return supergraph.ok() ? *supergraph : nullptr;
}

Result<std::string> plan_text(const Supergraph& supergraph, const std::string& operation_text) {
  auto document = graphql::parse(operation_text);
  if (!document.ok()) return std::move(document).error();
  auto errors = validation::validate(supergraph.api(), *document);
  if (!errors.empty()) return Error(errors);
  auto operation = select_operation(*document, "");
  if (!operation.ok()) return std::move(operation).error();
  // A first line `# labels: a b` plans with those progressive @override labels enabled.
  OverrideLabels labels;
  if (operation_text.starts_with("# labels:")) {
    std::istringstream words(operation_text.substr(9, operation_text.find('\n') - 9));
    for (std::string label; words >> label;) labels.push_back(label);
    std::sort(labels.begin(), labels.end());
  }
  auto plan = build_plan(supergraph, *document, **operation, labels);
  if (!plan.ok()) return std::move(plan).error();
  return print_plan(**plan);
}

TEST(PlannerGoldenTest, EveryOperationPlansAsExpected) {
  bool update = std::getenv("JN_UPDATE_GOLDEN") != nullptr && std::string(std::getenv("JN_UPDATE_GOLDEN")) == "1";
  int checked = 0;
  for (const auto& directory : fs::directory_iterator(kTestdata)) {
    auto supergraph = load(directory.path().filename().string());
    ASSERT_TRUE(supergraph);
    std::vector<fs::path> operations;
    for (const auto& entry : fs::directory_iterator(directory.path())) {
      if (entry.path().extension() == ".graphql" && entry.path().filename() != "supergraph.graphql") {
        operations.push_back(entry.path());
      }
    }
    std::sort(operations.begin(), operations.end());
    for (const fs::path& operation : operations) {
      SCOPED_TRACE(operation.string());
      auto printed = plan_text(*supergraph, slurp(operation));
      ASSERT_TRUE(printed.ok()) << printed.error().message();
      fs::path expected_path = operation;
      expected_path.replace_extension(".plan");
      if (update) {
        std::ofstream(expected_path, std::ios::binary) << *printed;
      } else {
        ASSERT_TRUE(fs::exists(expected_path)) << "no " << expected_path << " (run with JN_UPDATE_GOLDEN=1)";
        EXPECT_EQ(*printed, slurp(expected_path));
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 5);
}

TEST(PlannerTest, SubgraphOperationsBatchRepresentationsAndForwardVariables) {
  auto supergraph = load("shop");
  ASSERT_TRUE(supergraph);
  auto document = graphql::parse("query($n: Int) { topProducts(first: $n) { name shippingEstimate } }");
  ASSERT_TRUE(document.ok());
  auto plan = build_plan(*supergraph, *document, **select_operation(*document, ""));
  ASSERT_TRUE(plan.ok()) << plan.error().message();
  ASSERT_EQ((*plan)->fetches.size(), 2U);
  const Fetch& root = (*plan)->fetches[0];
  EXPECT_EQ(root.subgraph_name, "products");
  EXPECT_EQ(root.operation, "query($n: Int){topProducts(first: $n){name __typename upc price weight}}");
  const Fetch& inventory = (*plan)->fetches[1];
  EXPECT_TRUE(inventory.entity);
  EXPECT_EQ(inventory.depends_on, std::vector<int>{0});
  EXPECT_EQ(inventory.path, (ResponsePath{"topProducts", "@"}));
  EXPECT_EQ(inventory.operation,
            "query($representations: [_Any!]!){_entities(representations: $representations){... on "
            "Product{shippingEstimate}}}");
}

TEST(PlannerTest, ReportsOperationSelectionErrorsInGraphqlJsWording) {
  auto document = graphql::parse("query A { a } query B { b }");
  ASSERT_TRUE(document.ok());
  EXPECT_EQ(select_operation(*document, "").error().message(),
            "Must provide operation name if query contains multiple operations.");
  EXPECT_EQ(select_operation(*document, "C").error().message(), "Unknown operation named \"C\".");
  EXPECT_EQ((*select_operation(*document, "B"))->name, "B");
}

TEST(PlannerTest, RefusesSubscriptions) {
  auto supergraph = load("shop");
  ASSERT_TRUE(supergraph);
  auto document = graphql::parse("subscription { x }");
  ASSERT_TRUE(document.ok());
  auto plan = build_plan(*supergraph, *document, **select_operation(*document, ""));
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().message(), "Subscriptions are not supported by this gateway.");
}

TEST(SupergraphTest, NamesTheFileAndPlaceOfASyntaxError) {
  auto supergraph = Supergraph::load("type Query {", "broken.graphql");
  ASSERT_FALSE(supergraph.ok());
  EXPECT_EQ(supergraph.error().message(), "broken.graphql:1:13: Syntax Error: Expected Name, found <EOF>.");
}

}  // namespace
}  // namespace junction::planner
