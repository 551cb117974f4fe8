#include "composition/config.h"

#include <gtest/gtest.h>

namespace junction::composition {
namespace {

Result<SupergraphConfig> parse(const std::string& text, const std::map<std::string, std::string>& env = {}) {
  return parse_supergraph_config(text, "/work/graph/supergraph.yaml", env);
}

std::string error_of(const std::string& text, const std::map<std::string, std::string>& env = {}) {
  auto parsed = parse(text, env);
  return parsed.ok() ? "" : parsed.error().message();
}

}  // namespace

TEST(SupergraphConfigTest, ReadsEverySchemaSourceSortedByName) {
  auto config = parse(R"(
federation_version: =2.3.2
subgraphs:
  users:
    routing_url: http://users:4001/graphql
    schema:
      subgraph_url: http://localhost:4001/graphql
      introspection_headers:
        Authorization: Bearer ${env.TOKEN}
  products:
    routing_url: http://products/graphql
    schema:
      file: ./schemas/products.graphql
  inline:
    routing_url: http://inline/graphql
    schema:
      sdl: "type Query { a: Int }"
)",
                      {{"TOKEN", "secret"}});
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->exact_version, "2.3.2");
  ASSERT_EQ(config->subgraphs.size(), 3u);
  EXPECT_EQ(config->subgraphs[0].name, "inline");
  EXPECT_EQ(config->subgraphs[0].schema.kind, SchemaSource::Kind::Sdl);
  EXPECT_EQ(config->subgraphs[1].schema.file, "/work/graph/schemas/products.graphql");
  EXPECT_EQ(config->subgraphs[2].schema.introspection_headers,
            (std::vector<std::pair<std::string, std::string>>{{"Authorization", "Bearer secret"}}));
}

TEST(SupergraphConfigTest, InlineSdlKnowsWhereItStandsInTheFile) {
  auto config = parse(
      "subgraphs:\n  a:\n    routing_url: x\n    schema:\n      sdl: |\n\n        type Query {\n          a: Int\n"
      "        }\n  b:\n    routing_url: x\n    schema:\n      sdl: \"type Query { b: Int }\"\n"
      "  c:\n    routing_url: x\n    schema:\n      sdl: >\n        type Query { c: Int }\n");
  ASSERT_TRUE(config.ok()) << config.error().message();
  const SchemaSource& block = config->subgraphs[0].schema;
  EXPECT_EQ(block.sdl, "\ntype Query {\n  a: Int\n}\n");
  EXPECT_EQ(block.sdl_line, 6);  // the line after `|`: the text starts with the blank line
  EXPECT_EQ(block.sdl_indent, 8);
  const SchemaSource& quoted = config->subgraphs[1].schema;
  EXPECT_EQ(quoted.sdl_line, 13);
  EXPECT_EQ(quoted.sdl_indent, 12);                    // after the quote
  EXPECT_EQ(config->subgraphs[2].schema.sdl_line, 0);  // folded: lines do not map
}

TEST(SupergraphConfigTest, RoutingUrlDefaultsToSubgraphUrl) {
  auto config = parse("subgraphs:\n  a:\n    schema:\n      subgraph_url: http://a:1/graphql\n");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->subgraphs[0].routing_url, "http://a:1/graphql");
}

TEST(SupergraphConfigTest, ExpandsDefaultsAndReportsUnsetVariables) {
  auto config = parse("subgraphs:\n  a:\n    routing_url: ${env.URL:-http://fallback}\n    schema:\n      sdl: x\n");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->subgraphs[0].routing_url, "http://fallback");
  EXPECT_EQ(error_of("subgraphs:\n  a:\n    routing_url: ${env.MISSING}\n"),
            "/work/graph/supergraph.yaml:3:18: environment variable MISSING is not set (set it, or give a default: "
            "${env.MISSING:-value})");
}

TEST(SupergraphConfigTest, ErrorsNameTheKeyAndPlace) {
  EXPECT_EQ(error_of(""),
            "/work/graph/supergraph.yaml: the config is empty (expected `subgraphs:` with at least one subgraph)");
  EXPECT_EQ(error_of("subgraph:\n  a: {}\n"),
            "/work/graph/supergraph.yaml:1:1: unknown key \"subgraph\" (expected federation_version or subgraphs)");
  EXPECT_EQ(
      error_of("subgraphs:\n  a:\n    rooting_url: x\n"),
      "/work/graph/supergraph.yaml:3:5: unknown key \"rooting_url\" in subgraphs.a (expected routing_url or schema)");
  EXPECT_EQ(error_of("subgraphs:\n  a:\n    routing_url: x\n    schema:\n      file: a\n      sdl: b\n"),
            "/work/graph/supergraph.yaml:5:7: subgraphs.a.schema must have exactly one of file, sdl or subgraph_url "
            "(found 2)");
  EXPECT_EQ(error_of("subgraphs:\n  a:\n    routing_url: [1]\n    schema:\n      sdl: b\n"),
            "/work/graph/supergraph.yaml:3:18: subgraphs.a.routing_url must be a string");
  EXPECT_EQ(error_of("federation_version: 3\nsubgraphs:\n  a: {}\n"),
            "/work/graph/supergraph.yaml:1:21: federation_version \"3\" is not 1, 2 or =2.X.Y");
  for (const char* loose : {"=2abc", "=2.x", "=2.3", "=2.3.0.1", "=2.3.0-"}) {
    EXPECT_EQ(
        error_of(std::string("federation_version: ") + loose + "\nsubgraphs:\n  a: {}\n"),
        "/work/graph/supergraph.yaml:1:21: federation_version \"" + std::string(loose) + "\" is not 1, 2 or =2.X.Y")
        << loose;
  }
  EXPECT_EQ(error_of("subgraphs: [\n"),
            "/work/graph/supergraph.yaml:2:1: invalid YAML: end of sequence flow not found");
  EXPECT_EQ(
      error_of("subgraphs:\n  a:\n    routing_url: x\n    schema:\n      graphref: g@v\n"),
      "/work/graph/supergraph.yaml:5:7: subgraphs.a.schema.graphref reads from Apollo GraphOS, which Junction does "
      "not use; give file, sdl or subgraph_url instead");
}

}  // namespace junction::composition
