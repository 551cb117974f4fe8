#include "validation/validate.h"

#include "schema/validate_schema.h"
#include "validation/context.h"
#include "validation/rules/rules.h"

namespace junction::validation {

std::vector<Diagnostic> validate(const schema::Schema& schema, const graphql::Document& document,
                                 const ValidateOptions& options) {
  Context context(&schema, document, options.max_errors, true);
  std::vector<std::unique_ptr<Rule>> rules;
  rules.reserve(27);
  for (auto make : {rules::executable_definitions,
                    rules::unique_operation_names,
                    rules::lone_anonymous_operation,
                    rules::single_field_subscriptions,
                    rules::known_type_names,
                    rules::fragments_on_composite_types,
                    rules::variables_are_input_types,
                    rules::scalar_leafs,
                    rules::fields_on_correct_type,
                    rules::unique_fragment_names,
                    rules::known_fragment_names,
                    rules::no_unused_fragments,
                    rules::possible_fragment_spreads,
                    rules::no_fragment_cycles,
                    rules::unique_variable_names,
                    rules::no_undefined_variables,
                    rules::no_unused_variables,
                    rules::known_directives,
                    rules::unique_directives_per_location,
                    rules::known_argument_names,
                    rules::unique_argument_names,
                    rules::values_of_correct_type,
                    rules::provided_required_arguments,
                    rules::variables_in_allowed_position,
                    rules::overlapping_fields_can_be_merged,
                    rules::unique_input_field_names,
                    rules::max_introspection_depth}) {
    rules.push_back(make(context));
  }
  try {
    walk(context, rules);
  } catch (const ValidationAborted&) {
    // The reason is already the last error.
  }
  return context.take_errors();
}

std::vector<Diagnostic> validate_sdl(const graphql::Document& document, const schema::Schema* extending) {
  Context context(extending, document, UINT32_MAX, false);
  std::vector<std::unique_ptr<Rule>> rules;
  for (auto make : {rules::lone_schema_definition, rules::unique_operation_types, rules::unique_type_names,
                    rules::unique_enum_value_names, rules::unique_field_definition_names,
                    rules::unique_argument_definition_names, rules::unique_directive_names, rules::known_type_names,
                    rules::known_directives, rules::unique_directives_per_location, rules::possible_type_extensions,
                    rules::known_argument_names_on_directives, rules::unique_argument_names,
                    rules::unique_input_field_names, rules::provided_required_arguments_on_directives}) {
    rules.push_back(make(context));
  }
  try {
    walk(context, rules);
  } catch (const ValidationAborted&) {
  }
  return context.take_errors();
}

Result<std::shared_ptr<const schema::Schema>> build_schema(const std::shared_ptr<const graphql::Document>& document) {
  std::vector<Diagnostic> sdl_errors = validate_sdl(*document);
  if (!sdl_errors.empty()) return Error(std::move(sdl_errors));
  auto built = schema::build_schema_unchecked(document);
  if (!built.ok()) return std::move(built).error();
  std::vector<Diagnostic> schema_errors = schema::validate_schema(**built);
  if (!schema_errors.empty()) return Error(std::move(schema_errors));
  return built;
}

}  // namespace junction::validation
