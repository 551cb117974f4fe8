#include "gateway/config.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <regex>

#include "common/file.h"
#include "gateway/yaml_reader.h"

namespace junction::gateway {
namespace {

class Reader : public YamlReader {
 public:
  using YamlReader::YamlReader;

  GatewayConfig read(const YAML::Node& root) {
    GatewayConfig config;
    if (!root.IsDefined() || root.IsNull()) return config;  // an empty file keeps every default
    keys(root, "", {"supergraph", "health_check", "headers", "traffic_shaping", "limits", "cors", "tls", "telemetry"});
    if (YAML::Node node = root["supergraph"]) read_supergraph(node, config);
    if (YAML::Node node = root["health_check"]) read_health(node, config);
    if (YAML::Node node = root["headers"]) read_headers(node, config);
    if (YAML::Node node = root["traffic_shaping"]) read_traffic(node, config);
    if (YAML::Node node = root["limits"]) read_limits(node, config);
    if (YAML::Node node = root["cors"]) read_cors(node, config.cors);
    if (YAML::Node node = root["tls"]) read_tls(node, config);
    if (YAML::Node node = root["telemetry"]) read_telemetry(node, config);
    return config;
  }

 private:
  void read_supergraph(const YAML::Node& node, GatewayConfig& config) {
    keys(node, "supergraph", {"listen", "path", "introspection"});
    if (YAML::Node value = node["listen"]) {
      config.listen = listen(value, "supergraph.listen");
      config.listen_set = true;
    }
    if (YAML::Node value = node["path"]) config.graphql_path = url_path(value, "supergraph.path");
    if (YAML::Node value = node["introspection"]) config.introspection = boolean(value, "supergraph.introspection");
  }

  void read_health(const YAML::Node& node, GatewayConfig& config) {
    keys(node, "health_check", {"enabled", "listen", "path"});
    if (YAML::Node value = node["enabled"]) config.health_enabled = boolean(value, "health_check.enabled");
    if (YAML::Node value = node["listen"]) config.health_listen = listen(value, "health_check.listen");
    if (YAML::Node value = node["path"]) config.health_path = url_path(value, "health_check.path");
  }

  std::vector<HeaderRule> read_rules(const YAML::Node& node, const std::string& where) {
    keys(node, where, {"request"});
    std::vector<HeaderRule> rules;
    YAML::Node list = node["request"];
    if (!list || list.IsNull()) return rules;
    std::string list_where = where + ".request";
    if (!list.IsSequence()) fail(list, list_where + " must be a list of propagate, insert or remove rules");
    for (const auto& item : list) {
      if (!item.IsMap() || item.size() != 1) {
        fail(item, list_where + " items must each be one of propagate, insert or remove");
      }
      std::string kind = item.begin()->first.as<std::string>();
      YAML::Node body = item.begin()->second;  // a copy: the iterator yields temporaries
      std::string rule_where = list_where + "[]." + kind;
      HeaderRule rule;
      if (kind == "propagate") {
        rule.kind = HeaderRule::Kind::Propagate;
        keys(body, rule_where, {"named", "matching", "rename", "default"});
        if (YAML::Node value = body["named"]) rule.named = header_name(value, rule_where + ".named");
        if (YAML::Node value = body["matching"]) rule.matching = regex(value, rule_where + ".matching");
        if (YAML::Node value = body["rename"]) rule.rename = header_name(value, rule_where + ".rename");
        if (YAML::Node value = body["default"]) rule.default_value = string(value, rule_where + ".default");
        if (rule.named.empty() == rule.matching.empty()) fail(body, rule_where + " needs one of named or matching");
        if (!rule.matching.empty() && (!rule.rename.empty() || rule.default_value)) {
          fail(body, rule_where + ": rename and default go with named, not matching");
        }
      } else if (kind == "insert") {
        rule.kind = HeaderRule::Kind::Insert;
        keys(body, rule_where, {"name", "value"});
        if (!body["name"] || !body["value"]) fail(body, rule_where + " needs name and value");
        rule.named = header_name(body["name"], rule_where + ".name");
        rule.value = string(body["value"], rule_where + ".value");
      } else if (kind == "remove") {
        rule.kind = HeaderRule::Kind::Remove;
        keys(body, rule_where, {"named", "matching"});
        if (YAML::Node value = body["named"]) rule.named = header_name(value, rule_where + ".named");
        if (YAML::Node value = body["matching"]) rule.matching = regex(value, rule_where + ".matching");
        if (rule.named.empty() == rule.matching.empty()) fail(body, rule_where + " needs one of named or matching");
      } else {
        fail(item.begin()->first,
             "unknown header rule \"" + kind + "\" in " + list_where + " (expected propagate, insert or remove)");
      }
      rules.push_back(std::move(rule));
    }
    return rules;
  }

  void read_headers(const YAML::Node& node, GatewayConfig& config) {
    keys(node, "headers", {"all", "subgraphs"});
    if (YAML::Node all = node["all"]) config.headers_all = read_rules(all, "headers.all");
    if (YAML::Node subgraphs = node["subgraphs"]) {
      for_each_entry(subgraphs, "headers.subgraphs", [&](const std::string& name, const YAML::Node& value) {
        config.headers_subgraphs[name] = read_rules(value, "headers.subgraphs." + name);
      });
    }
  }

  SubgraphTraffic read_subgraph_traffic(const YAML::Node& node, const std::string& where) {
    keys(node, where, {"timeout", "deduplicate_query", "max_response_bytes"});
    SubgraphTraffic traffic;
    if (YAML::Node value = node["timeout"]) traffic.timeout = duration(value, where + ".timeout");
    if (YAML::Node value = node["deduplicate_query"]) {
      traffic.deduplicate_query = boolean(value, where + ".deduplicate_query");
    }
    if (YAML::Node value = node["max_response_bytes"]) {
      traffic.max_response_bytes = count(value, where + ".max_response_bytes");
      if (*traffic.max_response_bytes == 0) fail(value, where + ".max_response_bytes must be above 0");
    }
    return traffic;
  }

  void read_traffic(const YAML::Node& node, GatewayConfig& config) {
    keys(node, "traffic_shaping", {"all", "subgraphs"});
    if (YAML::Node all = node["all"]) config.traffic_all = read_subgraph_traffic(all, "traffic_shaping.all");
    if (YAML::Node subgraphs = node["subgraphs"]) {
      for_each_entry(subgraphs, "traffic_shaping.subgraphs", [&](const std::string& name, const YAML::Node& value) {
        config.traffic_subgraphs[name] = read_subgraph_traffic(value, "traffic_shaping.subgraphs." + name);
      });
    }
  }

  void read_limits(const YAML::Node& node, GatewayConfig& config) {
    keys(node, "limits", {"max_depth", "max_aliases", "max_root_fields", "http_max_request_bytes"});
    if (YAML::Node value = node["max_depth"]) config.max_depth = limit(value, "limits.max_depth");
    if (YAML::Node value = node["max_aliases"]) config.max_aliases = limit(value, "limits.max_aliases");
    if (YAML::Node value = node["max_root_fields"]) config.max_root_fields = limit(value, "limits.max_root_fields");
    if (YAML::Node value = node["http_max_request_bytes"]) {
      config.max_request_bytes = count(value, "limits.http_max_request_bytes");
      if (config.max_request_bytes == 0) fail(value, "limits.http_max_request_bytes must be above 0");
    }
  }

  void read_cors(const YAML::Node& node, CorsConfig& cors) {
    keys(node, "cors",
         {"allow_any_origin", "origins", "match_origins", "allow_credentials", "allow_headers", "expose_headers",
          "methods", "max_age"});
    if (YAML::Node value = node["allow_any_origin"]) cors.allow_any_origin = boolean(value, "cors.allow_any_origin");
    if (YAML::Node value = node["origins"]) cors.origins = strings(value, "cors.origins");
    if (YAML::Node value = node["match_origins"]) {
      if (!value.IsSequence()) fail(value, "cors.match_origins must be a list of regular expressions");
      for (const auto& item : value) cors.match_origins.push_back(regex(item, "cors.match_origins[]"));
    }
    if (YAML::Node value = node["allow_credentials"]) {
      cors.allow_credentials = boolean(value, "cors.allow_credentials");
    }
    if (YAML::Node value = node["allow_headers"]) cors.allow_headers = strings(value, "cors.allow_headers");
    if (YAML::Node value = node["expose_headers"]) cors.expose_headers = strings(value, "cors.expose_headers");
    if (YAML::Node value = node["methods"]) cors.methods = strings(value, "cors.methods");
    if (YAML::Node value = node["max_age"]) {
      cors.max_age = std::chrono::duration_cast<std::chrono::seconds>(duration(value, "cors.max_age"));
    }
    if (cors.allow_any_origin && cors.allow_credentials) {
      fail(node, "cors: allow_credentials cannot be used with allow_any_origin (browsers refuse it); list the origins");
    }
  }

  void read_tls(const YAML::Node& node, GatewayConfig& config) {
    keys(node, "tls", {"subgraph"});
    YAML::Node subgraph = node["subgraph"];
    if (!subgraph) return;
    keys(subgraph, "tls.subgraph", {"all"});
    YAML::Node all = subgraph["all"];
    if (!all) return;
    keys(all, "tls.subgraph.all", {"certificate_authorities"});
    if (YAML::Node value = all["certificate_authorities"]) {
      config.subgraph_certificate_authorities = string(value, "tls.subgraph.all.certificate_authorities");
      if (config.subgraph_certificate_authorities.find("-----BEGIN CERTIFICATE-----") == std::string::npos) {
        fail(value,
             "tls.subgraph.all.certificate_authorities must hold PEM certificates (-----BEGIN CERTIFICATE-----); "
             "use ${file.ca.pem} to read them from a file");
      }
    }
  }

  void read_telemetry(const YAML::Node& node, GatewayConfig& config) {
    keys(node, "telemetry", {"exporters"});
    YAML::Node exporters = node["exporters"];
    if (!exporters) return;
    keys(exporters, "telemetry.exporters", {"metrics"});
    YAML::Node metrics = exporters["metrics"];
    if (!metrics) return;
    keys(metrics, "telemetry.exporters.metrics", {"prometheus"});
    YAML::Node prometheus = metrics["prometheus"];
    if (!prometheus) return;
    std::string where = "telemetry.exporters.metrics.prometheus";
    keys(prometheus, where, {"enabled", "listen", "path"});
    if (YAML::Node value = prometheus["enabled"]) config.prometheus_enabled = boolean(value, where + ".enabled");
    if (YAML::Node value = prometheus["listen"]) config.prometheus_listen = listen(value, where + ".listen");
    if (YAML::Node value = prometheus["path"]) config.prometheus_path = url_path(value, where + ".path");
  }
};

}  // namespace

std::chrono::milliseconds GatewayConfig::subgraph_timeout(const std::string& subgraph) const {
  if (auto found = traffic_subgraphs.find(subgraph); found != traffic_subgraphs.end() && found->second.timeout) {
    return *found->second.timeout;
  }
  return traffic_all.timeout.value_or(std::chrono::milliseconds(30000));
}

bool GatewayConfig::deduplicate(const std::string& subgraph) const {
  if (auto found = traffic_subgraphs.find(subgraph);
      found != traffic_subgraphs.end() && found->second.deduplicate_query) {
    return *found->second.deduplicate_query;
  }
  return traffic_all.deduplicate_query.value_or(true);
}

uint64_t GatewayConfig::max_response_bytes(const std::string& subgraph) const {
  if (auto found = traffic_subgraphs.find(subgraph);
      found != traffic_subgraphs.end() && found->second.max_response_bytes) {
    return *found->second.max_response_bytes;
  }
  return traffic_all.max_response_bytes.value_or(uint64_t{32} << 20);
}

std::vector<HeaderRule> GatewayConfig::header_rules(const std::string& subgraph) const {
  std::vector<HeaderRule> rules = headers_all;
  if (auto found = headers_subgraphs.find(subgraph); found != headers_subgraphs.end()) {
    rules.insert(rules.end(), found->second.begin(), found->second.end());
  }
  return rules;
}

Result<ListenAddress> parse_listen(const std::string& text, const std::string& what) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Error(what + " must look like HOST:PORT (for example 127.0.0.1:4000), not \"" + text + "\"");
  }
  ListenAddress address;
  address.host = text.substr(0, colon);
  if (address.host.size() > 2 && address.host.front() == '[' && address.host.back() == ']') {
    address.host = address.host.substr(1, address.host.size() - 2);
  }
  std::string_view port(text.data() + colon + 1, text.size() - colon - 1);
  unsigned value = 0;
  auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || error != std::errc() || end != port.data() + port.size() || value > 65535) {
    return Error(what + " has a bad port in \"" + text + "\" (0-65535)");
  }
  address.port = static_cast<uint16_t>(value);
  return address;
}

Result<GatewayConfig> parse_gateway_config(const std::string& text, const std::string& path,
                                           const Environment& environment) {
  return read_yaml<GatewayConfig>(text, path, environment, true,
                                  [&](const YAML::Node& root) { return Reader(path).read(root); });
}

Result<GatewayConfig> load_gateway_config(const std::string& path, const Environment& environment) {
  auto text = read_file(path);
  if (!text.ok()) return std::move(text).error();
  return parse_gateway_config(*text, path, environment);
}

}  // namespace junction::gateway
