// `junction diff` and `junction check`: what a schema change does to clients. `diff` compares
// two schemas (supergraphs are compared by their API schemas); `check` composes a supergraph
// config, compares it with the published supergraph and validates the clients' operations
// against it, so that a change that breaks composition or clients fails before it merges.
#include <iostream>

#include "cli/commands.h"
#include "cli/report.h"
#include "cli/subgraphs.h"
#include "federation/api_schema.h"
#include "graphql/parser.h"
#include "json/diagnostics.h"
#include "json/write.h"
#include "schema/diff.h"
#include "validation/validate.h"

namespace junction::cli {

namespace {

json::Value changes_json(const std::vector<schema::SchemaChange>& changes) {
  json::Value list = json::Value::array();
  for (const schema::SchemaChange& change : changes) {
    json::Value entry = json::Value::object();
    entry.set("breaking", change.breaking);
    entry.set("path", change.path);
    entry.set("message", change.message);
    list.push(std::move(entry));
  }
  return list;
}

size_t count_breaking(const std::vector<schema::SchemaChange>& changes) {
  size_t count = 0;
  for (const schema::SchemaChange& change : changes) count += change.breaking ? 1 : 0;
  return count;
}

// "BREAKING: field User.email was removed" or "safe: field User.nickname was added".
void print_changes(std::ostream& out, const std::vector<schema::SchemaChange>& changes, std::string_view indent) {
  for (const schema::SchemaChange& change : changes) {
    out << indent << (change.breaking ? "BREAKING: " : "safe: ") << change.message << "\n";
  }
}

std::string plural(size_t count, const std::string& one, const std::string& many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

// "no changes" or "3 changes, 1 breaking".
std::string summary(const std::vector<schema::SchemaChange>& changes, size_t breaking) {
  if (changes.empty()) return "no changes";
  return plural(changes.size(), "change", "changes") + ", " + std::to_string(breaking) + " breaking";
}

// The errors of validating the operation document at `path` against `schema`.
struct OperationsReport {
  std::string file;
  std::vector<Diagnostic> errors;
};

OperationsReport validate_operations(const std::string& path, const schema::Schema& schema) {
  OperationsReport report{path == "-" ? "<stdin>" : path, {}};
  auto loaded = load_document(path);
  if (!loaded.ok()) {
    report.errors = loaded.error().diagnostics;  // already located, or naming the file
    return report;
  }
  report.errors = validation::validate(schema, loaded->document);
  return report;
}

}  // namespace

int run_diff(const DiffOptions& options) {
  auto before = load_api_schema(options.before);
  if (!before.ok()) {
    print_diagnostics(std::cerr, before.error());
    return 1;
  }
  auto after = load_api_schema(options.after);
  if (!after.ok()) {
    print_diagnostics(std::cerr, after.error());
    return 1;
  }
  std::vector<schema::SchemaChange> changes = schema::diff_schemas(**before, **after);
  size_t breaking = count_breaking(changes);
  if (options.format == OutputFormat::Json) {
    json::Value report = json::Value::object();
    report.set("changes", changes_json(changes));
    report.set("breaking", static_cast<int64_t>(breaking));
    std::cout << json::to_string(report) << "\n";
  } else {
    print_changes(std::cout, changes, "");
    std::cerr << summary(changes, breaking) << "\n";
  }
  return breaking == 0 ? 0 : 1;
}

namespace {

// What `check` found: the report (printed as text on the way, or as JSON at the end) and the
// reasons it fails.
struct CheckRun {
  explicit CheckRun(const CheckOptions& check) : options(check) {}

  const CheckOptions& options;
  bool json_output = options.format == OutputFormat::Json;
  json::Value report = json::Value::object();
  std::vector<std::string> problems;

  int fail(const std::string& message) {
    if (json_output) {
      report.set("error", message);
      std::cout << json::to_string(report) << "\n";
    } else {
      std::cerr << "error: " << message << "\n";
    }
    return 1;
  }

  // The changes from the published API schema to `api`; breaking ones fail unless allowed.
  Status compare(const schema::Schema& api) {
    auto published = load_api_schema(options.against);
    if (!published.ok()) return std::move(published).error();
    std::vector<schema::SchemaChange> changes = schema::diff_schemas(**published, api);
    size_t breaking = count_breaking(changes);
    report.set("changes", changes_json(changes));
    if (!json_output) {
      std::cout << "against " << options.against << ": " << summary(changes, breaking) << "\n";
      print_changes(std::cout, changes, "  ");
    }
    if (breaking > 0 && !options.allow_breaking) {
      problems.push_back(plural(breaking, "breaking change", "breaking changes") +
                         " (pass --allow-breaking to accept)");
    }
    return {};
  }

  // Every operation document validated against `api`; an invalid one fails.
  void validate(const schema::Schema& api) {
    json::Value list = json::Value::array();
    size_t invalid = 0;
    for (const std::string& path : options.operations) {
      OperationsReport checked = validate_operations(path, api);
      invalid += checked.errors.empty() ? 0 : 1;
      json::Value entry = json::Value::object();
      entry.set("file", checked.file);
      entry.set("errors", json::error_list(checked.errors));
      list.push(std::move(entry));
      if (json_output) continue;
      for (const Diagnostic& error : checked.errors) {
        // Errors of reading and parsing are located already.
        std::cout << "  " << (error.locations.empty() ? error.message : located(checked.file, error)) << "\n";
      }
    }
    report.set("operations", std::move(list));
    std::string counted = plural(options.operations.size(), "operation document", "operation documents");
    std::string verdict = invalid == 0 ? counted + " valid" : std::to_string(invalid) + " of " + counted + " invalid";
    if (!json_output) std::cout << "operations: " << verdict << "\n";
    if (invalid > 0) problems.push_back(verdict);
  }

  int run() {
    report.set("passed", false);
    auto sources = load_subgraphs(options.config, options.timeout);
    if (!sources.ok()) return fail(sources.error().message());
    composition::ComposeResult composed = composition::compose(*sources);
    json::Value errors = json::Value::array();
    for (const federation::FederationError& problem : composed.errors) {
      errors.push(problem_json(problem));
      if (!json_output) print_problem(std::cerr, "error", problem, *sources);
    }
    report.set("errors", std::move(errors));
    if (!composed.errors.empty()) {
      return fail("composition failed with " + plural(composed.errors.size(), "error", "errors"));
    }
    if (!json_output) std::cout << "composition: " << plural(sources->size(), "subgraph", "subgraphs") << " composed\n";
    auto api = federation::build_api_schema(*composed.supergraph, "the composed supergraph");
    if (!api.ok()) return fail(api.error().message());
    if (!options.against.empty()) {
      if (Status compared = compare(*api->schema); !compared.ok()) return fail(compared.error().message());
    }
    if (!options.operations.empty()) validate(*api->schema);
    if (!problems.empty()) {
      std::string message = "check failed: ";
      for (size_t i = 0; i < problems.size(); ++i) message += (i == 0 ? "" : "; ") + problems[i];
      return fail(message);
    }
    if (json_output) {
      report.set("passed", true);
      std::cout << json::to_string(report) << "\n";
    } else {
      std::cerr << "check passed\n";
    }
    return 0;
  }
};

}  // namespace

int run_check(const CheckOptions& options) { return CheckRun(options).run(); }

}  // namespace junction::cli
