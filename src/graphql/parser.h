// The GraphQL parser: whole documents (executable and type system) as graphql-js 16 parses
// them, stopping at the first syntax error with graphql-js's message and location.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "common/source.h"
#include "graphql/ast.h"

namespace junction::graphql {

// Limits protect the process from hostile documents. Exceeding one is a syntax error that
// names the limit.
struct ParseOptions {
  size_t max_bytes = size_t{64} << 20;  // document size
  uint32_t max_tokens = 10'000'000;     // significant tokens (comments excluded)
  uint32_t max_depth = 1'000;           // nesting of selection sets, lists, objects and types
};

// Parses a document. On failure the error holds one diagnostic: "Syntax Error: ..." with its
// line and column.
Result<Document> parse(std::shared_ptr<const Source> source, const ParseOptions& options = {});

// Convenience for tests and tools: parses `text` named `name`.
Result<Document> parse(std::string text, std::string name = "GraphQL request", const ParseOptions& options = {});

}  // namespace junction::graphql
