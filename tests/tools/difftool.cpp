// Junction's side of the differential tests: prints, for each corpus file, the same JSON line
// tests/peers/reference.mjs prints from graphql-js (see that script for the modes).
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "common/expand.h"
#include "common/file.h"
#include "composition/compose.h"
#include "composition/config.h"
#include "federation/api_schema.h"
#include "federation/extract.h"
#include "federation/model.h"
#include "graphql/parser.h"
#include "graphql/printer.h"
#include "json/diagnostics.h"
#include "json/read.h"
#include "json/write.h"
#include "schema/introspection.h"
#include "schema/print_schema.h"
#include "schema/validate_schema.h"
#include "validation/validate.h"
#include "validation/variables.h"

namespace {

using junction::Diagnostic;
using junction::json::Value;
namespace graphql = junction::graphql;

Value line_for(const std::string& file) {
  Value line = Value::object();
  line.set("file", file);
  return line;
}

// Parses a file; on failure fills `line` with the error and returns null.
std::shared_ptr<const graphql::Document> parse_file(const std::string& file, Value& line) {
  auto text = junction::read_file(file);
  if (!text.ok()) {
    line.set("crash", text.error().message());
    return nullptr;
  }
  auto parsed = graphql::parse(junction::Source::make(file, std::move(text).value()));
  if (!parsed.ok()) {
    line.set("errors", junction::json::error_list(parsed.error().diagnostics));
    return nullptr;
  }
  return std::make_shared<const graphql::Document>(std::move(parsed).value());
}

struct BuiltSchema {
  std::shared_ptr<const junction::schema::Schema> schema;
  std::vector<Diagnostic> errors;
  bool ok = false;
};

BuiltSchema build(const std::string& file, Value& line) {
  BuiltSchema result;
  auto document = parse_file(file, line);
  if (document == nullptr) return result;
  auto sdl_errors = junction::validation::validate_sdl(*document);
  if (!sdl_errors.empty()) {
    line.set("errors", junction::json::error_list(sdl_errors));
    return result;
  }
  auto built = junction::schema::build_schema_unchecked(document);
  if (!built.ok()) {
    line.set("crash", built.error().message());
    return result;
  }
  result.schema = std::move(built).value();
  result.errors = junction::schema::validate_schema(*result.schema);
  result.ok = true;
  return result;
}

Value language(const std::string& file) {
  Value line = line_for(file);
  auto document = parse_file(file, line);
  if (document != nullptr) line.set("output", graphql::print(*document));
  return line;
}

Value schema_mode(const std::string& file) {
  Value line = line_for(file);
  BuiltSchema built = build(file, line);
  if (!built.ok) return line;
  line.set("errors", junction::json::error_list(built.errors));
  line.set("printed", junction::schema::print_schema(*built.schema));
  if (built.errors.empty()) line.set("introspection", junction::schema::introspect(*built.schema));
  return line;
}

Value validate_mode(const BuiltSchema& schema, const std::string& file) {
  Value line = line_for(file);
  auto document = parse_file(file, line);
  if (document == nullptr) return line;
  line.set("errors", junction::json::error_list(junction::validation::validate(*schema.schema, *document)));
  return line;
}

Value variables_mode(const std::string& file) {
  Value line = line_for(file);
  auto text = junction::read_file(file);
  auto spec = text.ok() ? junction::json::parse(*text) : junction::Result<Value>(text.error());
  if (!spec.ok()) {
    line.set("crash", spec.error().message());
    return line;
  }
  std::filesystem::path schema_path = std::filesystem::path(file).parent_path() / spec->find("schema")->as_string();
  Value schema_line;
  BuiltSchema schema = build(schema_path.lexically_normal().string(), schema_line);
  if (!schema.ok) {
    line.set("schemaErrors", schema_line.find("errors") ? *schema_line.find("errors") : Value());
    return line;
  }
  auto parsed = graphql::parse(spec->find("operation")->as_string(), "operation");
  if (!parsed.ok()) {
    line.set("errors", junction::json::error_list(parsed.error().diagnostics));
    return line;
  }
  const Value* name = spec->find("operationName");
  const graphql::OperationDefinition* operation = nullptr;
  for (const graphql::Definition* definition : parsed->definitions()) {
    const auto* candidate = graphql::as<graphql::OperationDefinition>(definition);
    if (candidate == nullptr) continue;
    if (name != nullptr && name->is_string()) {
      if (candidate->name == name->as_string()) operation = candidate;
    } else if (operation == nullptr) {
      operation = candidate;
    } else {
      operation = nullptr;  // several operations and no name: none
      break;
    }
  }
  if (operation == nullptr) {
    Value errors = Value::array();
    Value error = Value::object();
    error.set("message", "no operation");
    errors.push(std::move(error));
    line.set("errors", std::move(errors));
    return line;
  }
  const Value* variables = spec->find("variables");
  Value empty = Value::object();
  auto coerced = junction::validation::coerce_variable_values(*schema.schema, *parsed, *operation,
                                                              variables != nullptr ? *variables : empty);
  if (!coerced.ok()) {
    line.set("errors", junction::json::error_list(coerced.error().diagnostics));
  } else {
    line.set("coerced", std::move(coerced).value());
  }
  return line;
}

Value reprint_mode(const std::string& file) {
  Value line = line_for(file);
  auto text = junction::read_file(file);
  if (!text.ok()) {
    line.set("error", text.error().message());
    return line;
  }
  auto parsed = graphql::parse(junction::Source::make(file, std::move(text).value()));
  if (!parsed.ok()) {
    line.set("error", parsed.error().message());
    return line;
  }
  auto model = junction::federation::build_model(*parsed);
  if (!model.ok()) {
    line.set("error", model.error().message());
    return line;
  }
  line.set("printed", junction::federation::print_model(*model));
  return line;
}

Value problem_list(const junction::federation::FederationErrors& problems) {
  Value list = Value::array();
  for (const auto& problem : problems) {
    Value entry = Value::object();
    entry.set("code", problem.code);
    entry.set("message", problem.message);
    list.push(std::move(entry));
  }
  return list;
}

// composeServices over a rover config, in the shape tests/peers/federation.mjs prints.
Value compose_mode(const std::string& file) {
  Value line = line_for(file);
  auto text = junction::read_file(file);
  if (!text.ok()) {
    line.set("crash", text.error().message());
    return line;
  }
  auto config = junction::composition::parse_supergraph_config(*text, file, junction::process_environment());
  if (!config.ok()) {
    line.set("crash", config.error().message());
    return line;
  }
  std::vector<junction::composition::SubgraphSource> sources;
  for (const auto& subgraph : config->subgraphs) {
    junction::composition::SubgraphSource source{subgraph.name, subgraph.routing_url, {}, subgraph.name};
    if (subgraph.schema.kind == junction::composition::SchemaSource::Kind::File) {
      auto sdl = junction::read_file(subgraph.schema.file);
      if (!sdl.ok()) {
        line.set("crash", sdl.error().message());
        return line;
      }
      source.sdl = std::move(sdl).value();
      source.path = subgraph.schema.file;
    } else if (subgraph.schema.kind == junction::composition::SchemaSource::Kind::Sdl) {
      source.sdl = subgraph.schema.sdl;
    } else {
      line.set("crash", "subgraph_url is not supported by difftool");
      return line;
    }
    sources.push_back(std::move(source));
  }
  auto result = junction::composition::compose(sources);
  line.set("supergraph", result.supergraph_sdl ? Value(*result.supergraph_sdl) : Value());
  line.set("errors", problem_list(result.errors));
  line.set("hints", problem_list(result.errors.empty() ? result.hints : junction::federation::FederationErrors{}));
  return line;
}

// A supergraph's model from an SDL file or an expected.json of the composition corpus; null
// (with `line` filled) when there is none.
std::optional<junction::federation::Schema> supergraph_of(const std::string& file, Value& line) {
  auto text = junction::read_file(file);
  if (!text.ok()) {
    line.set("crash", text.error().message());
    return std::nullopt;
  }
  std::string sdl = std::move(text).value();
  if (file.ends_with(".json")) {
    auto parsed = junction::json::parse(sdl);
    const Value* supergraph = parsed.ok() ? parsed->find("supergraph") : nullptr;
    if (supergraph == nullptr || !supergraph->is_string()) {
      line.set("skipped", true);
      return std::nullopt;
    }
    sdl = supergraph->as_string();
  }
  auto document = graphql::parse(junction::Source::make(file, sdl));
  if (!document.ok()) {
    line.set("error", document.error().message());
    return std::nullopt;
  }
  auto model = junction::federation::build_model(*document);
  if (!model.ok()) {
    line.set("error", model.error().message());
    return std::nullopt;
  }
  return std::move(model).value();
}

// printSchema(Supergraph.build(sdl).apiSchema()).
Value api_mode(const std::string& file) {
  Value line = line_for(file);
  auto model = supergraph_of(file, line);
  if (!model) return line;
  auto api = junction::federation::to_api_schema(*model);
  if (!api.schema) {
    line.set("error", api.errors.empty() ? std::string("no API schema") : api.errors.front().message);
    return line;
  }
  line.set("api", junction::federation::print_model(*api.schema));
  return line;
}

// The subgraphs of a supergraph (an SDL file, or an expected.json of the composition corpus).
Value extract_mode(const std::string& file) {
  Value line = line_for(file);
  auto model = supergraph_of(file, line);
  if (!model) return line;
  auto subgraphs = junction::federation::extract_subgraphs(*model);
  if (!subgraphs.ok()) {
    line.set("error", subgraphs.error().message());
    return line;
  }
  Value list = Value::array();
  for (const auto& subgraph : *subgraphs) {
    Value entry = Value::object();
    entry.set("name", subgraph.name);
    entry.set("url", subgraph.url);
    entry.set("sdl", junction::federation::print_subgraph(subgraph));
    list.push(std::move(entry));
  }
  line.set("subgraphs", std::move(list));
  return line;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) {
    std::cerr << "usage: difftool language|schema|validate|variables FILE...\n";
    return 2;
  }
  std::string mode = args[0];
  std::vector<std::string> files(args.begin() + 1, args.end());
  std::string out;
  auto emit = [&](const Value& line) {
    out += junction::json::to_string(line);
    out += '\n';
  };
  if (mode == "language") {
    for (const auto& file : files) emit(language(file));
  } else if (mode == "schema") {
    for (const auto& file : files) emit(schema_mode(file));
  } else if (mode == "validate" && !files.empty()) {
    Value schema_line;
    BuiltSchema schema = build(files[0], schema_line);
    for (size_t i = 1; i < files.size(); ++i) {
      if (!schema.ok || !schema.errors.empty()) {
        Value line = line_for(files[i]);
        line.set("schemaErrors", schema.ok ? junction::json::error_list(schema.errors) : Value());
        emit(line);
        continue;
      }
      emit(validate_mode(schema, files[i]));
    }
  } else if (mode == "api") {
    for (const auto& file : files) emit(api_mode(file));
  } else if (mode == "extract") {
    for (const auto& file : files) emit(extract_mode(file));
  } else if (mode == "compose") {
    for (const auto& file : files) emit(compose_mode(file));
  } else if (mode == "reprint") {
    for (const auto& file : files) emit(reprint_mode(file));
  } else if (mode == "variables") {
    for (const auto& file : files) emit(variables_mode(file));
  } else {
    std::cerr << "unknown mode: " << mode << "\n";
    return 2;
  }
  std::cout << out;
  return 0;
}
