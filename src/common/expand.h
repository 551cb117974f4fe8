// `${…}` references in configuration files: `${env.NAME}`, `${env.NAME:-default}` and, where
// the file allows it, `${file.PATH}` (the file's content, relative to the config's folder,
// without its final newline). Expansion happens on the text before it is parsed, so errors
// name the line and column of the reference.
#pragma once

#include <map>
#include <string>

#include "common/result.h"

namespace junction {

using Environment = std::map<std::string, std::string>;

// The process environment as a map.
Environment process_environment();

struct ExpandOptions {
  bool files = false;     // allow ${file.PATH}
  std::string directory;  // where relative ${file.PATH} paths start ("" = working directory)
};

// Expands every reference in `text` (other `${…}` text is left as it is); `path` names the
// file in errors. An unset variable without a default or an unreadable file is an error.
Result<std::string> expand_references(const std::string& text, const std::string& path, const Environment& environment,
                                      const ExpandOptions& options = {});

}  // namespace junction
