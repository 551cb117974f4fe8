#include <iostream>

#include "cli/commands.h"
#include "cli/report.h"
#include "common/file.h"
#include "graphql/parser.h"
#include "graphql/printer.h"

namespace junction::cli {

int run_fmt(const FmtOptions& options) {
  int exit_code = 0;
  bool first = true;
  for (const std::string& path : options.files) {
    auto loaded = load_document(path);
    if (!loaded.ok()) {
      print_diagnostics(std::cerr, loaded.error());
      exit_code = 1;
      continue;
    }
    std::string formatted = graphql::print(loaded->document) + "\n";
    std::string_view original = loaded->document.source()->text();
    if (options.check) {
      if (formatted != original) {
        std::cerr << path << ": not formatted (run `junction fmt --write " << path << "`)\n";
        exit_code = 1;
      }
    } else if (options.write) {
      if (formatted != original) {
        Status written = write_file_atomically(path, formatted);
        if (!written.ok()) {
          std::cerr << "error: " << written.error().message() << "\n";
          exit_code = 1;
        }
      }
    } else {
      if (!first) std::cout << "\n";
      std::cout << formatted;
    }
    first = false;
  }
  return exit_code;
}

}  // namespace junction::cli
