// The supergraph config file, read exactly as `rover supergraph compose --config` reads it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace junction::composition {

// Where a subgraph's schema comes from: a file (relative to the config), inline SDL, or a
// running service to introspect.
struct SchemaSource {
  enum class Kind { File, Sdl, SubgraphUrl };
  Kind kind = Kind::File;
  std::string file;  // resolved against the config's folder
  std::string sdl;
  // Where inline `sdl` text starts in the config (1-based line, 0-based indentation of its
  // lines): known for a `|` block and a one-line scalar, 0 otherwise.
  int sdl_line = 0;
  int sdl_indent = 0;
  std::string subgraph_url;
  std::vector<std::pair<std::string, std::string>> introspection_headers;  // in file order
};

struct SubgraphConfig {
  std::string name;
  std::string routing_url;
  SchemaSource schema;
  std::string place;  // "supergraph-config.yaml:4:3", for errors about this subgraph
};

struct SupergraphConfig {
  // 1 or 2, from `federation_version: 1 | 2 | =2.X.Y`; exact_version keeps "2.X.Y" when given.
  int federation_major = 2;
  std::optional<std::string> exact_version;
  std::vector<SubgraphConfig> subgraphs;  // sorted by name, as rover processes them
};

// Parses a config. `path` names it in errors and anchors relative schema files ("-" means
// standard input: files are relative to the working directory). `${env.NAME}` and
// `${env.NAME:-default}` are expanded from `environment` before parsing.
Result<SupergraphConfig> parse_supergraph_config(const std::string& text, const std::string& path,
                                                 const std::map<std::string, std::string>& environment);

}  // namespace junction::composition
