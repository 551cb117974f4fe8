// `junction compose`: output, errors with locations, JSON output, --api, --extract and bad input.
#include <gtest/gtest.h>

#include "cli/cli_harness.h"

namespace junction {
namespace {

class ComposeTest : public CliTest {
 protected:
  std::string config(const std::string& reviews_sdl = kReviewsSubgraph) {
    return products_and_reviews(kProductsSubgraph, reviews_sdl);
  }
};

TEST_F(ComposeTest, PrintsTheSupergraph) {
  Outcome result = run("compose --config " + config());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  EXPECT_NE(result.out.find("@link(url: \"https://specs.apollo.dev/join/v0.3\", for: EXECUTION)"), std::string::npos);
  EXPECT_NE(result.out.find("  PRODUCTS @join__graph(name: \"products\", url: \"http://products\")\n"
                            "  REVIEWS @join__graph(name: \"reviews\", url: \"http://reviews\")"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("  reviews: [String] @join__field(graph: REVIEWS)"), std::string::npos);
  EXPECT_EQ(result.out.back(), '\n');
}

TEST_F(ComposeTest, WritesTheOutputFile) {
  std::string output = (dir_ / "supergraph.graphql").string();
  Outcome result = run("compose -c " + config() + " -o " + output);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(slurp(output), run("compose -c " + config()).out);
}

TEST_F(ComposeTest, ReadsTheConfigFromStdin) {
  std::string path = config();
  Outcome result = run("compose --config - < " + path);
  // Relative schema files are resolved against the working directory for stdin configs.
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("products.graphql"), std::string::npos) << result.err;
  std::string inline_config = write("inline.yaml",
                                    "subgraphs:\n"
                                    "  a:\n"
                                    "    routing_url: http://a\n"
                                    "    schema:\n"
                                    "      sdl: 'type Query { a: Int }'\n");
  result = run("compose --config - < " + inline_config);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("  a: Int"), std::string::npos);
}

TEST_F(ComposeTest, AnErrorInInlineSdlPointsIntoTheConfig) {
  std::string inline_config = write("broken.yaml",
                                    "subgraphs:\n"
                                    "  a:\n"
                                    "    routing_url: http://a\n"
                                    "    schema:\n"
                                    "      sdl: |\n"
                                    "        type Query {\n"
                                    "          a: Int\n"
                                    "          b: Strin g\n"
                                    "        }\n");
  Outcome result = run("compose --config " + inline_config);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("--> a (" + inline_config + ":9:9)"), std::string::npos) << result.err;
}

TEST_F(ComposeTest, PrintsTheApiSchema) {
  Outcome result = run("compose -c " + config() + " --api");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(
      result.out,
      "type Product {\n  id: ID!\n  name: String\n  reviews: [String]\n}\n\ntype Query {\n  products: [Product]\n}\n");
}

TEST_F(ComposeTest, ExtractsASubgraph) {
  Outcome result = run("compose -c " + config() + " --extract reviews");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("type Product\n  @key(fields: \"id\")\n{\n  id: ID! @shareable\n  reviews: [String]\n}"),
            std::string::npos)
      << result.out;
  std::string supergraph = write("supergraph.graphql", run("compose -c " + config()).out);
  Outcome from_file = run("compose --supergraph " + supergraph + " --extract reviews");
  EXPECT_EQ(from_file.exit_code, 0) << from_file.err;
  EXPECT_EQ(from_file.out, result.out);
  Outcome unknown = run("compose --supergraph " + supergraph + " --extract nope");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.err, "error: the supergraph has no subgraph named \"nope\" (it has \"products\", \"reviews\")\n");
}

TEST_F(ComposeTest, RefusesLegacySupergraphsWithTheWayOut) {
  std::string legacy = write("legacy.graphql",
                             "schema @core(feature: \"https://specs.apollo.dev/core/v0.1\") "
                             "@core(feature: \"https://specs.apollo.dev/join/v0.1\") { query: Query }\n"
                             "directive @core(feature: String!) repeatable on SCHEMA\n"
                             "directive @join__graph(name: String!, url: String!) on ENUM_VALUE\n"
                             "enum join__Graph { A @join__graph(name: \"a\" url: \"http://a\") }\n"
                             "type Query { a: Int }\n");
  Outcome result = run("compose --supergraph " + legacy + " --extract a");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("links join v0.1"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("junction compose"), std::string::npos) << result.err;
}

TEST_F(ComposeTest, ReportsErrorsWithCodesAndLocations) {
  Outcome result = run("compose -c " + config("type Product @key(fields: \"nope\") { id: ID! }\n"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("error[KEY_INVALID_FIELDS]: [reviews] On type \"Product\", for @key(fields: \"nope\"): "
                            "Cannot query field \"nope\" on type \"Product\""),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("  --> reviews ("), std::string::npos);
  EXPECT_NE(result.err.find("reviews.graphql:1:14)"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("error: composition failed with 1 error"), std::string::npos);
}

TEST_F(ComposeTest, ReportsSyntaxErrorsWithTheirPlace) {
  Outcome result = run("compose -c " + config("type Product {\n  id: ID!\n"));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("error[INVALID_GRAPHQL]: [reviews] Syntax Error: Expected Name, found <EOF>."),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("reviews.graphql:3:1)"), std::string::npos) << result.err;
}

TEST_F(ComposeTest, JsonOutput) {
  Outcome failed = run("compose -c " + config("type Product @key(fields: \"nope\") { id: ID! }\n") + " --format json");
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_EQ(failed.err, "");
  EXPECT_EQ(failed.out.rfind("{\"code\":\"KEY_INVALID_FIELDS\",\"message\":\"[reviews] On type \\\"Product\\\"", 0), 0u)
      << failed.out;
  Outcome composed = run("compose -c " + config() + " --format json");
  EXPECT_EQ(composed.exit_code, 0);
  EXPECT_EQ(composed.out.rfind("{\"supergraph\":\"schema\\n  @link(", 0), 0u) << composed.out;
  EXPECT_NE(composed.out.find("\"hints\":[]"), std::string::npos);
  // From a supergraph file too: the same report, with what was derived from it.
  std::string supergraph = write("supergraph.graphql", run("compose -c " + config()).out);
  Outcome api = run("compose --supergraph " + supergraph + " --api --format json");
  EXPECT_EQ(api.exit_code, 0) << api.err;
  EXPECT_EQ(
      api.out,
      "{\"apiSchema\":\"type Product {\\n  id: ID!\\n  name: String\\n  reviews: [String]\\n}\\n\\ntype Query {\\n  "
      "products: [Product]\\n}\",\"hints\":[]}\n");
}

TEST_F(ComposeTest, HintsAreWarnings) {
  std::string path = config(R"(extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Product @key(fields: "id") { id: ID! reviews: [String] }
enum Unused { A }
)");
  Outcome quiet = run("compose -c " + path);
  EXPECT_EQ(quiet.err, "");
  Outcome result = run("compose -c " + path + " --hints");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.err.find("warning[UNUSED_ENUM_TYPE]: Enum type \"Unused\" is defined but unused."),
            std::string::npos)
      << result.err;
}

TEST_F(ComposeTest, BadInput) {
  Outcome missing = run("compose -c " + (dir_ / "absent.yaml").string());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("absent.yaml"), std::string::npos);

  std::string empty = write("empty.yaml", "");
  Outcome empty_result = run("compose -c " + empty);
  EXPECT_EQ(empty_result.exit_code, 1);
  EXPECT_NE(empty_result.err.find("empty.yaml"), std::string::npos) << empty_result.err;

  std::string missing_file = write(
      "missing-file.yaml", "subgraphs:\n  a:\n    routing_url: http://a\n    schema:\n      file: ./nope.graphql\n");
  Outcome file_result = run("compose -c " + missing_file);
  EXPECT_EQ(file_result.exit_code, 1);
  EXPECT_NE(file_result.err.find("missing-file.yaml:2:3: subgraph \"a\""), std::string::npos) << file_result.err;
  EXPECT_NE(file_result.err.find("nope.graphql"), std::string::npos);

  Outcome usage = run("compose");
  EXPECT_EQ(usage.exit_code, 2);
  Outcome both = run("compose --config a.yaml --supergraph b.graphql");
  EXPECT_EQ(both.exit_code, 2);
  std::string garbage = write("garbage.graphql", std::string("\x01\x02\xff type", 8));
  std::string garbage_config = write(
      "garbage.yaml", "subgraphs:\n  a:\n    routing_url: http://a\n    schema:\n      file: ./garbage.graphql\n");
  Outcome garbage_result = run("compose -c " + garbage_config);
  EXPECT_EQ(garbage_result.exit_code, 1);
  EXPECT_NE(garbage_result.err.find("error[INVALID_GRAPHQL]: [a] Syntax Error"), std::string::npos)
      << garbage_result.err;
}

}  // namespace
}  // namespace junction
