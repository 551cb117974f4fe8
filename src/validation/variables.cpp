#include "validation/variables.h"

#include "graphql/printer.h"
#include "schema/values.h"

namespace junction::validation {
namespace {

struct TooManyErrors {};

}  // namespace

Result<json::Value> coerce_variable_values(const schema::Schema& schema, const graphql::Document& document,
                                           const graphql::OperationDefinition& operation, const json::Value& inputs,
                                           uint32_t max_errors) {
  std::vector<Diagnostic> errors;
  Arena arena;
  json::Value coerced = json::Value::object();
  auto on_error = [&](std::string message, const graphql::Node* node) {
    if (errors.size() >= max_errors) {
      errors.push_back({"Too many errors processing variables, error limit reached. Execution aborted.", {}});
      throw TooManyErrors{};
    }
    Diagnostic diagnostic{std::move(message), {}};
    if (node != nullptr) diagnostic.locations.push_back(document.locate(node));
    errors.push_back(std::move(diagnostic));
  };
  try {
    for (const graphql::VariableDefinition* definition : operation.variable_definitions) {
      std::string name(definition->variable->name);
      const schema::Type* type = schema::type_from_ast(schema, definition->type, arena);
      if (type == nullptr || !schema::is_input_type(type)) {
        on_error("Variable \"$" + name + "\" expected value of type \"" + graphql::print(definition->type) +
                     "\" which cannot be used as an input type.",
                 definition->type);
        continue;
      }
      const json::Value* value = inputs.find(name);
      if (value == nullptr) {
        if (definition->default_value != nullptr) {
          if (auto default_value = schema::value_from_ast(definition->default_value, type)) {
            coerced.set(name, std::move(*default_value));
          }
        } else if (type->is_non_null()) {
          on_error(
              "Variable \"$" + name + "\" of required type \"" + schema::type_to_string(type) + "\" was not provided.",
              definition);
        }
        continue;
      }
      if (value->is_null() && type->is_non_null()) {
        on_error(
            "Variable \"$" + name + "\" of non-null type \"" + schema::type_to_string(type) + "\" must not be null.",
            definition);
        continue;
      }
      json::Value result = schema::coerce_input_value(*value, type, [&](const schema::CoercionError& error) {
        std::string message = "Variable \"$" + name + "\" got invalid value " + schema::inspect(error.invalid_value);
        if (!error.path.empty()) message += " at \"" + name + schema::print_path(error.path) + "\"";
        on_error(message + "; " + error.message, definition);
      });
      coerced.set(name, std::move(result));
    }
  } catch (const TooManyErrors&) {
  }
  if (!errors.empty()) return Error(std::move(errors));
  return coerced;
}

}  // namespace junction::validation
