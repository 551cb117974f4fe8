#include <iostream>

#include "cli/commands.h"
#include "cli/report.h"
#include "control/remote.h"
#include "json/write.h"
#include "schema/introspection.h"
#include "schema/print_schema.h"

namespace junction::cli {

int run_introspect(const IntrospectOptions& options) {
  if (control::is_url(options.source)) {
    control::RemoteOptions remote{options.headers, options.timeout};
    if (options.format == OutputFormat::Json) {
      auto result = control::fetch_introspection(options.source, remote);
      if (!result.ok()) {
        std::cerr << "error: " << result.error().message() << "\n";
        return 1;
      }
      std::cout << json::to_pretty_string(*result) << "\n";
      return 0;
    }
    auto sdl = control::fetch_subgraph_sdl(options.source, remote);
    if (!sdl.ok()) {
      std::cerr << "error: " << sdl.error().message() << "\n";
      return 1;
    }
    std::cout << *sdl << (sdl->ends_with('\n') ? "" : "\n");
    return 0;
  }
  auto schema = load_schema(options.source);
  if (!schema.ok()) {
    print_diagnostics(std::cerr, schema.error());
    return 1;
  }
  if (options.format == OutputFormat::Json) {
    schema::IntrospectionOptions query;
    if (options.full) {
      query.specified_by_url = query.directive_is_repeatable = query.schema_description = true;
      query.input_value_deprecation = query.one_of = true;
    }
    std::cout << json::to_pretty_string(schema::introspect(**schema, query)) << "\n";
  } else {
    std::cout << schema::print_schema(**schema) << "\n";
  }
  return 0;
}

}  // namespace junction::cli
