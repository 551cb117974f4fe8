#include "cli/subgraphs.h"

#include <ostream>

#include "common/expand.h"
#include "common/file.h"
#include "composition/config.h"
#include "control/remote.h"

namespace junction::cli {

namespace {

// Loads every subgraph's SDL (file, inline, or introspected from a running service).
Result<std::vector<composition::SubgraphSource>> load_sources(const composition::SupergraphConfig& config,
                                                              const std::string& config_path,
                                                              std::chrono::milliseconds timeout) {
  std::vector<composition::SubgraphSource> sources;
  for (const composition::SubgraphConfig& subgraph : config.subgraphs) {
    composition::SubgraphSource source{subgraph.name, subgraph.routing_url, {}, subgraph.name};
    switch (subgraph.schema.kind) {
      case composition::SchemaSource::Kind::File: {
        auto text = read_file(subgraph.schema.file);
        if (!text.ok()) {
          return Error(subgraph.place + ": subgraph \"" + subgraph.name + "\": " + text.error().message());
        }
        source.sdl = std::move(text).value();
        source.path = subgraph.schema.file;
        break;
      }
      case composition::SchemaSource::Kind::Sdl:
        source.sdl = subgraph.schema.sdl;
        source.path = subgraph.place;
        if (subgraph.schema.sdl_line > 0) {
          // Placed where it stands in the config (blank lines above, its indentation restored:
          // GraphQL ignores both), so that line and column of an error are the file's.
          source.sdl = std::string(static_cast<size_t>(subgraph.schema.sdl_line - 1), '\n');
          std::string indent(static_cast<size_t>(subgraph.schema.sdl_indent), ' ');
          std::string_view rest = subgraph.schema.sdl;
          while (!rest.empty()) {
            size_t end = rest.find('\n');
            std::string_view line = rest.substr(0, end);
            if (!line.empty()) source.sdl += indent;
            source.sdl += line;
            if (end == std::string_view::npos) break;
            source.sdl += '\n';
            rest.remove_prefix(end + 1);
          }
          source.path = config_path == "-" ? "<stdin>" : config_path;
        }
        break;
      case composition::SchemaSource::Kind::SubgraphUrl: {
        control::RemoteOptions remote{subgraph.schema.introspection_headers, timeout};
        auto sdl = control::fetch_subgraph_sdl(subgraph.schema.subgraph_url, remote);
        if (!sdl.ok()) {
          return Error(subgraph.place + ": subgraph \"" + subgraph.name + "\": " + sdl.error().message());
        }
        source.sdl = std::move(sdl).value();
        source.path = subgraph.schema.subgraph_url;
        break;
      }
    }
    sources.push_back(std::move(source));
  }
  return sources;
}

}  // namespace

Result<std::vector<composition::SubgraphSource>> load_subgraphs(const std::string& config,
                                                                std::chrono::milliseconds timeout) {
  auto text = read_file(config);
  if (!text.ok()) return std::move(text).error();
  auto parsed = composition::parse_supergraph_config(*text, config, process_environment());
  if (!parsed.ok()) return std::move(parsed).error();
  return load_sources(*parsed, config, timeout);
}

json::Value problem_json(const federation::FederationError& problem) {
  json::Value entry = json::Value::object();
  entry.set("code", problem.code);
  entry.set("message", problem.message);
  return entry;
}

void print_problem(std::ostream& out, std::string_view severity, const federation::FederationError& problem,
                   const std::vector<composition::SubgraphSource>& sources) {
  out << severity << "[" << problem.code << "]: " << problem.message << "\n";
  if (!problem.location || problem.subgraph.empty()) return;
  for (const composition::SubgraphSource& source : sources) {
    if (source.name != problem.subgraph) continue;
    out << "  --> " << source.name << " (" << source.path << ":" << problem.location->line << ":"
        << problem.location->column << ")\n";
  }
}

}  // namespace junction::cli
