// Input values: from literals (graphql-js valueFromAST), back to literals (astFromValue +
// print), and from JSON (coerceInputValue) with graphql-js's error messages.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "graphql/ast.h"
#include "json/value.h"
#include "schema/schema.h"

namespace junction::schema {

// The value of a literal for an input type, or nullopt when the literal is not valid for the
// type (graphql-js returns undefined). Variables are read from `variables` (an object) when
// given; a variable missing from it makes the value invalid. Enum values become their names.
std::optional<json::Value> value_from_ast(const graphql::Value* node, const Type* type,
                                          const json::Value* variables = nullptr);

// graphql-js valueFromASTUntyped: a literal's value with no type to guide it.
json::Value value_from_ast_untyped(const graphql::Value* node, const json::Value* variables = nullptr);

// print(astFromValue(value, type)): the literal for a coerced value, or nullopt when
// graphql-js would produce no literal.
std::optional<std::string> print_value_literal(const json::Value& value, const Type* type);

// graphql-js inspect(): how values appear inside error messages.
std::string inspect(const json::Value& value);

// One problem found while coercing: where (path of keys and indexes below the top value),
// the offending value, and the message.
struct CoercionError {
  std::vector<json::Value> path;  // strings for object keys, ints for list indexes
  json::Value invalid_value;
  std::string message;
};

// graphql-js coerceInputValue: coerces a JSON input for an input type. Every problem is
// reported through `on_error`; the returned value is meaningful only when none was.
json::Value coerce_input_value(const json::Value& input, const Type* type,
                               const std::function<void(CoercionError)>& on_error);

// ".a[0].b" for a coercion path (graphql-js printPathArray).
std::string print_path(const std::vector<json::Value>& path);

}  // namespace junction::schema
