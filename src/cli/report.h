// Shared by the commands: loading documents from files and printing diagnostics the way
// compilers do (`file:line:col: message`).
#pragma once

#include <iosfwd>
#include <memory>
#include <string>

#include "common/result.h"
#include "graphql/ast.h"
#include "schema/schema.h"

namespace junction::cli {

struct LoadedDocument {
  graphql::Document document;
};

// Reads and parses a file ("-" is stdin). Errors are located: `path:line:col: Syntax Error: ...`
// or name the path when the file cannot be read.
Result<LoadedDocument> load_document(const std::string& path);

// Reads, parses and validates an SDL file into a schema. Errors are located in the file.
Result<std::shared_ptr<const schema::Schema>> load_schema(const std::string& path);

// The schema clients see in a file: a supergraph's API schema (when the file links the join
// spec), otherwise the file read as `load_schema` does.
Result<std::shared_ptr<const schema::Schema>> load_api_schema(const std::string& path);

// "path:line:col: message", with further locations in brackets.
std::string located(const std::string& path, const Diagnostic& diagnostic);

// One line per diagnostic: "file:line:col: message" (the file is in the message when the
// diagnostic has no location).
void print_diagnostics(std::ostream& out, const Error& error);

}  // namespace junction::cli
