// gateway.yaml: the gateway's settings, laid out like Apollo Router's router.yaml so that a
// team can carry theirs over. Every section is optional; what is absent keeps its default.
// Unknown keys and wrong types are errors naming the key and its file:line:col.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/expand.h"
#include "common/result.h"

namespace junction::gateway {

// One `headers` rule, applied in order to the headers sent to a subgraph.
struct HeaderRule {
  enum class Kind { Propagate, Insert, Remove };
  Kind kind = Kind::Propagate;
  std::string named;                         // lower-case header name (propagate, remove; insert: the name to set)
  std::string matching;                      // ECMAScript regular expression on lower-case names (propagate, remove)
  std::string rename;                        // propagate `named` under this name
  std::optional<std::string> default_value;  // propagate `named`: sent when the client did not
  std::string value;                         // insert
};

struct SubgraphTraffic {
  std::optional<std::chrono::milliseconds> timeout;
  std::optional<bool> deduplicate_query;
  std::optional<uint64_t> max_response_bytes;  // Junction's own key; larger bodies fail the fetch
};

struct CorsConfig {
  bool allow_any_origin = false;
  std::vector<std::string> origins = {"https://studio.apollographql.com"};
  std::vector<std::string> match_origins;  // regular expressions on the whole Origin
  bool allow_credentials = false;
  std::vector<std::string> allow_headers;  // empty: echo what the preflight asks for
  std::vector<std::string> expose_headers;
  std::vector<std::string> methods = {"GET", "POST", "OPTIONS"};
  std::optional<std::chrono::seconds> max_age;
};

struct GatewayConfig {
  // supergraph
  std::string listen = "127.0.0.1:4000";  // HOST:PORT
  bool listen_set = false;                // listen came from the file (a flag still wins)
  std::string graphql_path = "/graphql";
  bool introspection = true;
  // health_check
  bool health_enabled = true;
  std::string health_listen;  // "" serves health on `listen`
  std::string health_path = "/health";
  // headers
  std::vector<HeaderRule> headers_all;
  std::map<std::string, std::vector<HeaderRule>> headers_subgraphs;
  // traffic_shaping
  SubgraphTraffic traffic_all;
  std::map<std::string, SubgraphTraffic> traffic_subgraphs;
  // limits (0: no limit)
  uint32_t max_depth = 0;
  uint32_t max_aliases = 0;
  uint32_t max_root_fields = 0;
  uint64_t max_request_bytes = uint64_t{2} << 20;
  // cors
  CorsConfig cors;
  // tls.subgraph.all.certificate_authorities: PEM trusted for https:// subgraphs, besides the
  // system's certificate authorities.
  std::string subgraph_certificate_authorities;
  // telemetry.exporters.metrics.prometheus
  bool prometheus_enabled = true;
  std::string prometheus_listen;  // "" serves metrics on `listen`
  std::string prometheus_path = "/metrics";

  [[nodiscard]] std::chrono::milliseconds subgraph_timeout(const std::string& subgraph) const;  // default 30 s
  [[nodiscard]] bool deduplicate(const std::string& subgraph) const;                            // default on
  [[nodiscard]] uint64_t max_response_bytes(const std::string& subgraph) const;                 // default 32 MiB
  // The rules for one subgraph: those for all, then its own.
  [[nodiscard]] std::vector<HeaderRule> header_rules(const std::string& subgraph) const;
};

// Parses gateway.yaml text; `path` names it in errors and anchors ${file.…} references.
Result<GatewayConfig> parse_gateway_config(const std::string& text, const std::string& path,
                                           const Environment& environment);
// Reads and parses the file.
Result<GatewayConfig> load_gateway_config(const std::string& path, const Environment& environment);

// "HOST:PORT" → host and port, or an error naming `what` ("--listen", "supergraph.listen").
struct ListenAddress {
  std::string host;
  uint16_t port = 0;
};
Result<ListenAddress> parse_listen(const std::string& text, const std::string& what);

}  // namespace junction::gateway
