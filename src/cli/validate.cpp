#include "validation/validate.h"

#include <iostream>

#include "cli/commands.h"
#include "cli/report.h"
#include "common/file.h"
#include "graphql/parser.h"
#include "json/diagnostics.h"
#include "json/write.h"

namespace junction::cli {
int run_validate(const ValidateOptions& options) {
  auto schema = load_api_schema(options.schema);
  if (!schema.ok()) {
    print_diagnostics(std::cerr, schema.error());
    return 1;
  }
  int exit_code = 0;
  size_t invalid = 0;
  for (const std::string& path : options.files) {
    std::vector<Diagnostic> errors;
    std::string name = path == "-" ? "<stdin>" : path;
    auto text = read_file(path);
    bool readable = text.ok();
    if (!readable) {
      errors = text.error().diagnostics;
    } else {
      auto parsed = graphql::parse(Source::make(name, std::move(text).value()));
      errors = parsed.ok() ? validation::validate(**schema, *parsed) : parsed.error().diagnostics;
    }
    if (!errors.empty()) {
      exit_code = 1;
      ++invalid;
    }
    if (options.format == OutputFormat::Json) {
      json::Value report = json::Value::object();
      report.set("file", name);
      report.set("errors", json::error_list(errors));
      std::cout << json::to_string(report) << "\n";
    } else {
      for (const Diagnostic& error : errors) {
        // Unreadable files have their path in the message already.
        std::cerr << (readable ? located(name, error) : error.message) << "\n";
      }
    }
  }
  if (options.format == OutputFormat::Text) {
    std::cerr << (invalid == 0 ? "" : std::to_string(invalid) + " of ") << options.files.size()
              << (options.files.size() == 1 ? " document " : " documents ") << (invalid == 0 ? "valid" : "invalid")
              << "\n";
  }
  return exit_code;
}

}  // namespace junction::cli
