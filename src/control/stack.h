// junction.yaml: the stack the control plane runs — its services (where their source is, how
// to build, run, migrate and health-check them, their environment and secrets, smoke queries)
// and the gateway in front of them. Errors name the key and its file:line:col.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/expand.h"
#include "common/result.h"

namespace junction::control {

struct SmokeQuery {
  std::string query;
  std::string expect;  // a substring the response must contain ("" : no errors is enough)
};

struct ServiceSpec {
  std::string name;
  std::string dir;               // absolute, resolved against the stack file's folder
  std::string build;             // shell command, "" for none
  std::string run;               // shell command; the service listens on $PORT
  std::optional<uint16_t> port;  // none: assigned at start
  std::string graphql_path = "/graphql";
  std::string health_path = "/health";
  bool subgraph = true;      // false: a plain web service, supervised and health-checked but not composed
  std::string migrate_up;    // shell command, "" for none
  std::string migrate_down;  // shell command, "" for none
  std::vector<std::pair<std::string, std::string>> env;  // in file order
  std::vector<std::string> secrets;                      // names read from .junction/secrets or the environment
  std::vector<SmokeQuery> smoke;
  std::string place;  // "junction.yaml:12:3", for messages about this service
};

struct StackSpec {
  std::string name;
  std::string root;                   // the stack file's folder (absolute)
  std::string gateway_listen;         // HOST:PORT; "" for the gateway config's (127.0.0.1:4000 by default)
  std::string gateway_config;         // absolute path of a gateway.yaml, "" for defaults
  std::vector<ServiceSpec> services;  // sorted by name
};

// Parses junction.yaml text; `path` names it in errors and anchors relative paths. Checks that
// the service folders and the gateway config exist.
Result<StackSpec> parse_stack(const std::string& text, const std::string& path, const Environment& environment);
Result<StackSpec> load_stack(const std::string& path, const Environment& environment);

}  // namespace junction::control
