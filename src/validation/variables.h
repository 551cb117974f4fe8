// Variable values for an operation: graphql-js getVariableValues (the specification's
// CoerceVariableValues), with the same messages.
#pragma once

#include <cstdint>

#include "common/result.h"
#include "graphql/ast.h"
#include "json/value.h"
#include "schema/schema.h"

namespace junction::validation {

// Coerces JSON `inputs` (an object) for the operation's variable definitions. On success, an
// object with one member per variable that has a value (in definition order); on failure,
// every error (at most `max_errors`, then "Too many errors processing variables...").
Result<json::Value> coerce_variable_values(const schema::Schema& schema, const graphql::Document& document,
                                           const graphql::OperationDefinition& operation, const json::Value& inputs,
                                           uint32_t max_errors = 50);

}  // namespace junction::validation
