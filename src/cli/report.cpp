#include "cli/report.h"

#include <ostream>

#include "common/file.h"
#include "federation/api_schema.h"
#include "federation/spec.h"
#include "graphql/parser.h"
#include "validation/validate.h"

namespace junction::cli {

std::string located(const std::string& path, const Diagnostic& diagnostic) {
  if (diagnostic.locations.empty()) return path + ": " + diagnostic.message;
  const auto& first = diagnostic.locations.front();
  std::string out =
      path + ":" + std::to_string(first.line) + ":" + std::to_string(first.column) + ": " + diagnostic.message;
  if (diagnostic.locations.size() > 1) {
    out += " [also at";
    for (size_t i = 1; i < diagnostic.locations.size(); ++i) {
      out += (i == 1 ? " " : ", ") + std::to_string(diagnostic.locations[i].line) + ":" +
             std::to_string(diagnostic.locations[i].column);
    }
    out += "]";
  }
  return out;
}

namespace {

// Rewrites diagnostics as self-contained lines naming the file.
Error in_file(const std::string& path, Error error) {
  for (auto& diagnostic : error.diagnostics) {
    diagnostic.message = located(path, diagnostic);
    diagnostic.locations.clear();
  }
  return error;
}

std::string display_name(const std::string& path) { return path == "-" ? "<stdin>" : path; }

}  // namespace

Result<LoadedDocument> load_document(const std::string& path) {
  auto text = read_file(path);
  if (!text.ok()) return std::move(text).error();
  std::string name = display_name(path);
  auto parsed = graphql::parse(Source::make(name, std::move(text).value()));
  if (!parsed.ok()) return in_file(name, std::move(parsed).error());
  return LoadedDocument{std::move(parsed).value()};
}

namespace {

Result<std::shared_ptr<const schema::Schema>> build_in_file(const std::string& path, graphql::Document document) {
  auto built = validation::build_schema(std::make_shared<const graphql::Document>(std::move(document)));
  if (!built.ok()) return in_file(display_name(path), std::move(built).error());
  return built;
}

}  // namespace

Result<std::shared_ptr<const schema::Schema>> load_schema(const std::string& path) {
  auto loaded = load_document(path);
  if (!loaded.ok()) return std::move(loaded).error();
  return build_in_file(path, std::move(loaded->document));
}

Result<std::shared_ptr<const schema::Schema>> load_api_schema(const std::string& path) {
  auto loaded = load_document(path);
  if (!loaded.ok()) return std::move(loaded).error();
  auto model = federation::build_model(loaded->document);
  if (!model.ok() || federation::linked_features(*model).by_identity(federation::kJoinIdentity) == nullptr) {
    return build_in_file(path, std::move(loaded->document));
  }
  auto api = federation::build_api_schema(*model, display_name(path));
  if (!api.ok()) return std::move(api).error();
  return std::move(api->schema);
}

void print_diagnostics(std::ostream& out, const Error& error) {
  for (const auto& diagnostic : error.diagnostics) out << diagnostic.message << "\n";
}

}  // namespace junction::cli
