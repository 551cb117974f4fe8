#include "gateway/config.h"

#include <gtest/gtest.h>

namespace junction::gateway {
namespace {

Result<GatewayConfig> parse(const std::string& text, const Environment& environment = {}) {
  return parse_gateway_config(text, "/etc/junction/gateway.yaml", environment);
}

std::string error_of(const std::string& text, const Environment& environment = {}) {
  auto config = parse(text, environment);
  return config.ok() ? "(no error)" : config.error().message();
}

TEST(GatewayConfigTest, EmptyFileKeepsDefaults) {
  auto config = parse("");
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->listen, "127.0.0.1:4000");
  EXPECT_FALSE(config->listen_set);
  EXPECT_EQ(config->graphql_path, "/graphql");
  EXPECT_TRUE(config->introspection);
  EXPECT_TRUE(config->health_enabled);
  EXPECT_EQ(config->health_path, "/health");
  EXPECT_EQ(config->subgraph_timeout("a"), std::chrono::seconds(30));
  EXPECT_TRUE(config->deduplicate("a"));
  EXPECT_EQ(config->max_request_bytes, uint64_t{2} << 20);
  EXPECT_EQ(config->max_response_bytes("a"), uint64_t{32} << 20);
  EXPECT_TRUE(config->prometheus_enabled);
  EXPECT_EQ(config->prometheus_path, "/metrics");
}

TEST(GatewayConfigTest, ReadsEverySection) {
  auto config = parse(R"(
supergraph:
  listen: 0.0.0.0:${env.PORT:-4100}
  path: /api/graphql
  introspection: false
health_check:
  listen: 127.0.0.1:8088
  path: /healthz
headers:
  all:
    request:
      - propagate:
          named: Authorization
      - propagate:
          matching: ^x-tenant-.*
      - insert:
          name: x-gateway
          value: junction
  subgraphs:
    products:
      request:
        - propagate:
            named: x-user
            rename: x-user-id
            default: anonymous
        - remove:
            named: x-gateway
traffic_shaping:
  all:
    timeout: 5s
  subgraphs:
    inventory:
      timeout: 1m30s
      deduplicate_query: false
      max_response_bytes: 1000
limits:
  max_depth: 10
  max_aliases: 5
  max_root_fields: 3
  http_max_request_bytes: 1000
cors:
  origins: [https://app.example.com]
  match_origins: ["^https://.*\\.example\\.com$"]
  allow_credentials: true
  expose_headers: [x-trace]
  max_age: 10m
telemetry:
  exporters:
    metrics:
      prometheus:
        enabled: true
        listen: 127.0.0.1:9090
        path: /prom
)");
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->listen, "0.0.0.0:4100");
  EXPECT_TRUE(config->listen_set);
  EXPECT_EQ(config->graphql_path, "/api/graphql");
  EXPECT_FALSE(config->introspection);
  EXPECT_EQ(config->health_listen, "127.0.0.1:8088");
  EXPECT_EQ(config->health_path, "/healthz");
  ASSERT_EQ(config->headers_all.size(), 3U);
  EXPECT_EQ(config->headers_all[0].named, "authorization");
  EXPECT_EQ(config->headers_all[1].matching, "^x-tenant-.*");
  EXPECT_EQ(config->headers_all[2].kind, HeaderRule::Kind::Insert);
  std::vector<HeaderRule> products = config->header_rules("products");
  ASSERT_EQ(products.size(), 5U);
  EXPECT_EQ(products[3].rename, "x-user-id");
  EXPECT_EQ(products[3].default_value, "anonymous");
  EXPECT_EQ(products[4].kind, HeaderRule::Kind::Remove);
  EXPECT_EQ(config->header_rules("reviews").size(), 3U);
  EXPECT_EQ(config->subgraph_timeout("products"), std::chrono::seconds(5));
  EXPECT_EQ(config->subgraph_timeout("inventory"), std::chrono::seconds(90));
  EXPECT_TRUE(config->deduplicate("products"));
  EXPECT_FALSE(config->deduplicate("inventory"));
  EXPECT_EQ(config->max_response_bytes("inventory"), 1000U);
  EXPECT_EQ(config->max_depth, 10U);
  EXPECT_EQ(config->max_aliases, 5U);
  EXPECT_EQ(config->max_root_fields, 3U);
  EXPECT_EQ(config->max_request_bytes, 1000U);
  EXPECT_EQ(config->cors.origins, std::vector<std::string>{"https://app.example.com"});
  EXPECT_EQ(config->cors.match_origins.size(), 1U);
  EXPECT_TRUE(config->cors.allow_credentials);
  EXPECT_EQ(config->cors.max_age, std::chrono::seconds(600));
  EXPECT_EQ(config->prometheus_listen, "127.0.0.1:9090");
  EXPECT_EQ(config->prometheus_path, "/prom");
}

TEST(GatewayConfigTest, UnknownKeysAreNamedWithTheirPlaceAndASuggestion) {
  EXPECT_EQ(error_of("supergraph:\n  listne: 1.2.3.4:5\n"),
            "/etc/junction/gateway.yaml:2:3: unknown key \"supergraph.listne\". Did you mean \"listen\"? (expected "
            "listen, path, introspection)");
  EXPECT_EQ(error_of("plugins: {}\n"),
            "/etc/junction/gateway.yaml:1:1: unknown key \"plugins\". (expected supergraph, health_check, headers, "
            "traffic_shaping, limits, cors, tls, telemetry)");
  EXPECT_EQ(error_of("headers:\n  all:\n    request:\n      - copy: {named: a}\n"),
            "/etc/junction/gateway.yaml:4:9: unknown header rule \"copy\" in headers.all.request (expected "
            "propagate, insert or remove)");
  EXPECT_EQ(error_of("telemetry:\n  exporters:\n    tracing: {}\n"),
            "/etc/junction/gateway.yaml:3:5: unknown key \"telemetry.exporters.tracing\". (expected metrics)");
}

TEST(GatewayConfigTest, WrongTypesAreNamed) {
  EXPECT_EQ(error_of("supergraph:\n  introspection: maybe\n"),
            "/etc/junction/gateway.yaml:2:18: supergraph.introspection must be true or false");
  EXPECT_EQ(error_of("limits:\n  max_depth: -1\n"),
            "/etc/junction/gateway.yaml:2:14: limits.max_depth must be a whole number, not \"-1\"");
  EXPECT_EQ(error_of("traffic_shaping:\n  all:\n    timeout: 30\n"),
            "/etc/junction/gateway.yaml:3:14: traffic_shaping.all.timeout must be a duration like 500ms, 30s, 2m or "
            "1h, not \"30\"");
  EXPECT_EQ(error_of("cors:\n  origins: https://a\n"),
            "/etc/junction/gateway.yaml:2:12: cors.origins must be a list "
            "of strings");
  EXPECT_EQ(error_of("supergraph:\n  listen: localhost\n"),
            "/etc/junction/gateway.yaml:2:11: supergraph.listen must look like HOST:PORT (for example "
            "127.0.0.1:4000), not \"localhost\"");
  EXPECT_EQ(error_of("supergraph:\n  path: graphql\n"),
            "/etc/junction/gateway.yaml:2:9: supergraph.path must start with / (for example /graphql)");
  EXPECT_EQ(error_of("supergraph: [1]\n"), "/etc/junction/gateway.yaml:1:13: supergraph must be a mapping");
}

TEST(GatewayConfigTest, BadRulesAndPatternsAreNamed) {
  EXPECT_EQ(error_of("headers:\n  all:\n    request:\n      - propagate: {named: a, matching: b}\n"),
            "/etc/junction/gateway.yaml:4:20: headers.all.request[].propagate needs one of named or matching");
  EXPECT_EQ(error_of("headers:\n  all:\n    request:\n      - insert: {name: \"bad name\", value: v}\n"),
            "/etc/junction/gateway.yaml:4:24: headers.all.request[].insert.name \"bad name\" is not a valid HTTP "
            "header name");
  std::string regex = error_of("cors:\n  match_origins: [\"(\"]\n");
  EXPECT_TRUE(
      regex.starts_with("/etc/junction/gateway.yaml:2:19: cors.match_origins[] is not a valid regular "
                        "expression"))
      << regex;
  EXPECT_EQ(error_of("cors:\n  allow_any_origin: true\n  allow_credentials: true\n"),
            "/etc/junction/gateway.yaml:2:3: cors: allow_credentials cannot be used with allow_any_origin (browsers "
            "refuse it); list the origins");
}

TEST(GatewayConfigTest, ExpansionAndYamlErrorsNameTheirPlace) {
  EXPECT_EQ(error_of("supergraph:\n  listen: ${env.LISTEN}\n"),
            "/etc/junction/gateway.yaml:2:11: environment variable LISTEN is not set (set it, or give a default: "
            "${env.LISTEN:-value})");
  EXPECT_EQ(error_of("supergraph:\n  listen: [\n"),
            "/etc/junction/gateway.yaml:3:1: invalid YAML: end of sequence flow not found");
  auto config = parse("supergraph:\n  listen: ${env.LISTEN}\n", {{"LISTEN", "127.0.0.1:5000"}});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->listen, "127.0.0.1:5000");
}

TEST(GatewayConfigTest, SubgraphCertificateAuthorities) {
  auto config = parse(
      "tls:\n  subgraph:\n    all:\n      certificate_authorities: |\n        -----BEGIN CERTIFICATE-----\n"
      "        MIIB\n        -----END CERTIFICATE-----\n");
  ASSERT_TRUE(config.ok()) << config.error().message();
  EXPECT_EQ(config->subgraph_certificate_authorities, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
  EXPECT_EQ(error_of("tls:\n  subgraph:\n    all:\n      certificate_authorities: ca.pem\n"),
            "/etc/junction/gateway.yaml:4:32: tls.subgraph.all.certificate_authorities must hold PEM certificates "
            "(-----BEGIN CERTIFICATE-----); use ${file.ca.pem} to read them from a file");
  EXPECT_EQ(error_of("tls:\n  subgraph:\n    products: {}\n"),
            "/etc/junction/gateway.yaml:3:5: unknown key \"tls.subgraph.products\". (expected all)");
}

TEST(GatewayConfigTest, ListenAddresses) {
  auto v6 = parse_listen("[::1]:4000", "--listen");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 4000);
  EXPECT_EQ(parse_listen("a:70000", "--listen").error().message(), "--listen has a bad port in \"a:70000\" (0-65535)");
  EXPECT_EQ(parse_listen("a:", "--listen").error().message(), "--listen has a bad port in \"a:\" (0-65535)");
}

}  // namespace
}  // namespace junction::gateway
