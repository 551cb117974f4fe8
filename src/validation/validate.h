// Validation of documents: operations against a schema (graphql-js validate with
// specifiedRules), type-system documents (validateSDL), and the one call that turns SDL into
// a valid schema.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "common/result.h"
#include "graphql/ast.h"
#include "schema/schema.h"

namespace junction::validation {

struct ValidateOptions {
  uint32_t max_errors = 100;  // then "Too many validation errors..." and validation stops
};

// Every error of every rule, in graphql-js's order, with its messages and locations. The
// schema must be valid (schema::validate_schema returns nothing).
std::vector<Diagnostic> validate(const schema::Schema& schema, const graphql::Document& document,
                                 const ValidateOptions& options = {});

// The SDL rules (graphql-js validateSDL), optionally against a schema being extended.
std::vector<Diagnostic> validate_sdl(const graphql::Document& document, const schema::Schema* extending = nullptr);

// SDL to a valid schema: SDL validation, building, then schema validation. The error lists
// every problem of the first stage that found any.
Result<std::shared_ptr<const schema::Schema>> build_schema(const std::shared_ptr<const graphql::Document>& document);

}  // namespace junction::validation
