// `junction compose`: a rover-format supergraph config in, the supergraph (or its API schema)
// out, byte-identical to what @apollo/composition prints.
#include "composition/compose.h"

#include <iostream>

#include "cli/commands.h"
#include "cli/subgraphs.h"
#include "common/expand.h"
#include "common/file.h"
#include "composition/config.h"
#include "control/remote.h"
#include "federation/api_schema.h"
#include "federation/extract.h"
#include "graphql/parser.h"
#include "json/write.h"

namespace junction::cli {

namespace {

// Writes the output (stdout or the -o file).
int emit(const ComposeOptions& options, const std::string& output) {
  if (options.output.empty() || options.output == "-") {
    std::cout << output << "\n";
    return 0;
  }
  Status written = write_file_atomically(options.output, output + "\n");
  if (!written.ok()) {
    std::cerr << "error: " << written.error().message() << "\n";
    return 1;
  }
  return 0;
}

// `--format json` on success: {"supergraph"|"apiSchema"|"subgraph": TEXT, "hints": [...]}.
std::string json_report(const ComposeOptions& options, const std::string& output,
                        const std::vector<federation::FederationError>& hints) {
  json::Value report = json::Value::object();
  report.set(!options.extract.empty() ? "subgraph" : options.api ? "apiSchema" : "supergraph", output);
  json::Value list = json::Value::array();
  for (const federation::FederationError& hint : hints) list.push(problem_json(hint));
  report.set("hints", std::move(list));
  return json::to_string(report);
}

// --api and --extract on a supergraph (composed, or read from a file).
Result<std::string> derived_output(const ComposeOptions& options, const federation::Schema& supergraph) {
  if (!options.extract.empty()) {
    auto subgraphs = federation::extract_subgraphs(supergraph);
    if (!subgraphs.ok()) return std::move(subgraphs).error();
    std::vector<std::string> names;
    for (const federation::Subgraph& subgraph : *subgraphs) {
      if (subgraph.name == options.extract) return federation::print_subgraph(subgraph);
      names.push_back("\"" + subgraph.name + "\"");
    }
    std::string list;
    for (size_t i = 0; i < names.size(); ++i) list += (i != 0 ? ", " : "") + names[i];
    return Error("the supergraph has no subgraph named \"" + options.extract + "\" (it has " + list + ")");
  }
  federation::ApiSchemaResult api = federation::to_api_schema(supergraph);
  if (!api.schema) {
    std::string message = "the supergraph does not produce a valid API schema:";
    for (const auto& problem : api.errors) message += "\n  error[" + problem.code + "]: " + problem.message;
    return Error(message);
  }
  federation::PrintOptions print_options;
  print_options.sort_definitions = true;
  return federation::print_model(*api.schema, print_options);
}

int run_from_supergraph(const ComposeOptions& options) {
  if (options.extract.empty() && !options.api) {
    std::cerr << "error: --supergraph needs --api or --extract NAME\n";
    return 2;
  }
  auto text = read_file(options.supergraph);
  if (!text.ok()) {
    std::cerr << "error: " << text.error().message() << "\n";
    return 1;
  }
  auto document = graphql::parse(Source::make(options.supergraph, std::move(text).value()));
  if (!document.ok()) {
    std::cerr << "error: " << options.supergraph << ":" << document.error().diagnostics.front().locations.front().line
              << ":" << document.error().diagnostics.front().locations.front().column << ": "
              << document.error().message() << "\n";
    return 1;
  }
  auto model = federation::build_model(*document);
  if (!model.ok()) {
    std::cerr << "error: " << options.supergraph << ": " << model.error().message() << "\n";
    return 1;
  }
  auto output = derived_output(options, *model);
  if (!output.ok()) {
    std::cerr << "error: " << output.error().message() << "\n";
    return 1;
  }
  if (options.format == OutputFormat::Json) return emit(options, json_report(options, *output, {}));
  return emit(options, *output);
}

}  // namespace

int run_compose(const ComposeOptions& options) {
  if (!options.supergraph.empty()) return run_from_supergraph(options);
  auto sources = load_subgraphs(options.config, options.timeout);
  if (!sources.ok()) {
    std::cerr << "error: " << sources.error().message() << "\n";
    return 1;
  }
  composition::ComposeResult result = composition::compose(*sources);
  bool json_output = options.format == OutputFormat::Json;
  if (!result.errors.empty()) {
    for (const federation::FederationError& problem : result.errors) {
      if (json_output) {
        std::cout << json::to_string(problem_json(problem)) << "\n";
      } else {
        print_problem(std::cerr, "error", problem, *sources);
      }
    }
    if (!json_output) {
      std::cerr << "error: composition failed with " << result.errors.size()
                << (result.errors.size() == 1 ? " error\n" : " errors\n");
    }
    return 1;
  }
  std::string output = *result.supergraph_sdl;
  if (options.api || !options.extract.empty()) {
    auto derived = derived_output(options, *result.supergraph);
    if (!derived.ok()) {
      std::cerr << "error: " << derived.error().message() << "\n";
      return 1;
    }
    output = std::move(derived).value();
  }
  if (options.hints && !json_output) {
    for (const federation::FederationError& hint : result.hints) print_problem(std::cerr, "warning", hint, *sources);
  }
  if (json_output) output = json_report(options, output, result.hints);
  return emit(options, output);
}

}  // namespace junction::cli
