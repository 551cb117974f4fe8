#include "composition/config.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "common/expand.h"

namespace junction::composition {
namespace {

std::string place(const std::string& path, const YAML::Mark& mark) {
  if (mark.is_null()) return path;
  return path + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

class Reader {
 public:
  Reader(std::string path, std::string_view text) : path_(std::move(path)), text_(text) {}

  Result<SupergraphConfig> read(const YAML::Node& root) {
    SupergraphConfig config;
    if (!root.IsDefined() || root.IsNull()) {
      return Error(path_ + ": the config is empty (expected `subgraphs:` with at least one subgraph)");
    }
    if (!root.IsMap()) return fail(root, "the config must be a mapping with `federation_version` and `subgraphs`");
    for (const auto& entry : root) {
      std::string key = entry.first.as<std::string>();
      if (key != "federation_version" && key != "subgraphs") {
        return fail(entry.first, "unknown key \"" + key + "\" (expected federation_version or subgraphs)");
      }
    }
    if (auto version = root["federation_version"]) {
      if (auto status = read_version(version, config); !status.ok()) return status.error();
    }
    YAML::Node subgraphs = root["subgraphs"];
    if (!subgraphs || subgraphs.IsNull()) return fail(root, "`subgraphs` is missing or empty");
    if (!subgraphs.IsMap()) return fail(subgraphs, "`subgraphs` must map subgraph names to their settings");
    for (const auto& entry : subgraphs) {
      auto subgraph = read_subgraph(entry.first.as<std::string>(), entry.first, entry.second);
      if (!subgraph.ok()) return std::move(subgraph).error();
      config.subgraphs.push_back(std::move(subgraph).value());
    }
    if (config.subgraphs.empty()) return fail(subgraphs, "`subgraphs` is empty");
    std::sort(config.subgraphs.begin(), config.subgraphs.end(),
              [](const SubgraphConfig& a, const SubgraphConfig& b) { return a.name < b.name; });
    return config;
  }

 private:
  // Where the text of an inline `sdl` starts in the file, so that its errors point there.
  void locate_sdl(const YAML::Node& value, SchemaSource& schema) const {
    YAML::Mark mark = value.Mark();
    if (mark.pos < 0 || static_cast<size_t>(mark.pos) >= text_.size()) return;
    char first = text_[static_cast<size_t>(mark.pos)];
    size_t after = static_cast<size_t>(mark.pos) + 1;
    bool explicit_indent = after < text_.size() && std::isdigit(static_cast<unsigned char>(text_[after])) != 0;
    if (first == '|' && !explicit_indent) {  // a literal block: its lines follow, all equally indented
      size_t line_start = text_.find('\n', static_cast<size_t>(mark.pos));
      while (line_start != std::string_view::npos) {
        size_t begin = line_start + 1;
        size_t end = text_.find('\n', begin);
        std::string_view content = text_.substr(begin, end == std::string_view::npos ? end : end - begin);
        size_t indent = content.find_first_not_of(' ');
        if (indent != std::string_view::npos) {
          schema.sdl_line = mark.line + 2;  // the text, leading blank lines included, starts there
          schema.sdl_indent = static_cast<int>(indent);
          return;
        }
        line_start = end;
      }
    } else if (first != '>' && schema.sdl.find('\n') == std::string::npos) {  // one line, maybe quoted
      schema.sdl_line = mark.line + 1;
      schema.sdl_indent = mark.column + (first == '"' || first == '\'' ? 1 : 0);
    }
  }

  Error fail(const YAML::Node& node, const std::string& message) const {
    return Error(place(path_, node.Mark()) + ": " + message);
  }

  // "2.X.Y" with numbers, and an optional pre-release such as "-alpha.1".
  static bool is_exact_version(const std::string& version) {
    size_t dash = version.find('-');
    std::string core = version.substr(0, dash);
    int parts = 0;
    size_t start = 0;
    while (start <= core.size()) {
      size_t dot = core.find('.', start);
      std::string part = core.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (part.empty() || part.find_first_not_of("0123456789") != std::string::npos) return false;
      ++parts;
      if (dot == std::string::npos) break;
      start = dot + 1;
    }
    return parts == 3 && (dash == std::string::npos || dash + 1 < version.size());
  }

  Status read_version(const YAML::Node& node, SupergraphConfig& config) {
    if (!node.IsScalar()) return fail(node, "federation_version must be 1, 2 or =2.X.Y");
    std::string text = node.as<std::string>();
    if (text == "1" || text == "=1") {
      config.federation_major = 1;
      return {};
    }
    if (text == "2") return {};
    if (text.size() > 1 && text[0] == '=' && text[1] == '2' && is_exact_version(text.substr(1))) {
      config.exact_version = text.substr(1);
      return {};
    }
    return fail(node, "federation_version \"" + text + "\" is not 1, 2 or =2.X.Y");
  }

  Result<SubgraphConfig> read_subgraph(const std::string& name, const YAML::Node& key, const YAML::Node& node) {
    SubgraphConfig subgraph;
    subgraph.name = name;
    subgraph.place = place(path_, key.Mark());
    std::string where = "subgraphs." + name;
    if (!node.IsMap())
      return fail(node.IsDefined() ? node : key, where + " must be a mapping with routing_url and schema");
    for (const auto& entry : node) {
      std::string field = entry.first.as<std::string>();
      if (field != "routing_url" && field != "schema") {
        return fail(entry.first, "unknown key \"" + field + "\" in " + where + " (expected routing_url or schema)");
      }
    }
    YAML::Node schema = node["schema"];
    if (!schema || !schema.IsMap()) {
      return fail(schema ? schema : key, where + ".schema is missing (give one of file, sdl or subgraph_url)");
    }
    int sources = 0;
    for (const auto& entry : schema) {
      std::string field = entry.first.as<std::string>();
      const YAML::Node& value = entry.second;
      if (field == "file" || field == "sdl" || field == "subgraph_url") {
        ++sources;
        if (!value.IsScalar()) return fail(value, where + ".schema." + field + " must be a string");
      }
      if (field == "file") {
        subgraph.schema.kind = SchemaSource::Kind::File;
        std::filesystem::path base =
            path_ == "-" ? std::filesystem::current_path() : std::filesystem::path(path_).parent_path();
        std::filesystem::path file = value.as<std::string>();
        subgraph.schema.file = (file.is_absolute() ? file : base / file).lexically_normal().string();
      } else if (field == "sdl") {
        subgraph.schema.kind = SchemaSource::Kind::Sdl;
        subgraph.schema.sdl = value.as<std::string>();
        locate_sdl(value, subgraph.schema);
      } else if (field == "subgraph_url") {
        subgraph.schema.kind = SchemaSource::Kind::SubgraphUrl;
        subgraph.schema.subgraph_url = value.as<std::string>();
      } else if (field == "introspection_headers") {
        if (!value.IsMap()) return fail(value, where + ".schema.introspection_headers must map header names to values");
        for (const auto& header : value) {
          if (!header.second.IsScalar()) {
            return fail(header.second, "header " + header.first.as<std::string>() + " must be a string");
          }
          subgraph.schema.introspection_headers.emplace_back(header.first.as<std::string>(),
                                                             header.second.as<std::string>());
        }
      } else if (field == "graphref" || field == "subgraph") {
        return fail(entry.first, where + ".schema." + field +
                                     " reads from Apollo GraphOS, which Junction does not use; give file, sdl or "
                                     "subgraph_url instead");
      } else {
        return fail(entry.first, "unknown key \"" + field + "\" in " + where +
                                     ".schema (expected file, sdl, subgraph_url or introspection_headers)");
      }
    }
    if (sources != 1) {
      return fail(schema, where + ".schema must have exactly one of file, sdl or subgraph_url (found " +
                              std::to_string(sources) + ")");
    }
    if (YAML::Node url = node["routing_url"]) {
      if (!url.IsScalar()) return fail(url, where + ".routing_url must be a string");
      subgraph.routing_url = url.as<std::string>();
    } else if (subgraph.schema.kind == SchemaSource::Kind::SubgraphUrl) {
      subgraph.routing_url = subgraph.schema.subgraph_url;
    } else {
      return fail(key, where + ".routing_url is missing (the URL the gateway sends this subgraph's queries to)");
    }
    return subgraph;
  }

  std::string path_;
  std::string_view text_;  // the config after ${...} expansion, which the marks count in
};

}  // namespace

Result<SupergraphConfig> parse_supergraph_config(const std::string& text, const std::string& path,
                                                 const std::map<std::string, std::string>& environment) {
  auto expanded = expand_references(text, path, environment);
  if (!expanded.ok()) return std::move(expanded).error();
  YAML::Node root;
  try {
    root = YAML::Load(*expanded);
  } catch (const YAML::Exception& e) {
    return Error(place(path, e.mark) + ": invalid YAML: " + e.msg);
  }
  try {
    return Reader(path, *expanded).read(root);
  } catch (const YAML::Exception& e) {
    return Error(place(path, e.mark) + ": " + e.msg);
  }
}

}  // namespace junction::composition
