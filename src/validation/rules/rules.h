// Every validation rule, one file each, named after graphql-js's rules.
#pragma once

#include <memory>

#include "validation/context.h"

namespace junction::validation::rules {

// Operation rules, in graphql-js specifiedRules order.
std::unique_ptr<Rule> executable_definitions(Context& context);
std::unique_ptr<Rule> unique_operation_names(Context& context);
std::unique_ptr<Rule> lone_anonymous_operation(Context& context);
std::unique_ptr<Rule> single_field_subscriptions(Context& context);
std::unique_ptr<Rule> known_type_names(Context& context);
std::unique_ptr<Rule> fragments_on_composite_types(Context& context);
std::unique_ptr<Rule> variables_are_input_types(Context& context);
std::unique_ptr<Rule> scalar_leafs(Context& context);
std::unique_ptr<Rule> fields_on_correct_type(Context& context);
std::unique_ptr<Rule> unique_fragment_names(Context& context);
std::unique_ptr<Rule> known_fragment_names(Context& context);
std::unique_ptr<Rule> no_unused_fragments(Context& context);
std::unique_ptr<Rule> possible_fragment_spreads(Context& context);
std::unique_ptr<Rule> no_fragment_cycles(Context& context);
std::unique_ptr<Rule> unique_variable_names(Context& context);
std::unique_ptr<Rule> no_undefined_variables(Context& context);
std::unique_ptr<Rule> no_unused_variables(Context& context);
std::unique_ptr<Rule> known_directives(Context& context);
std::unique_ptr<Rule> unique_directives_per_location(Context& context);
std::unique_ptr<Rule> known_argument_names(Context& context);
std::unique_ptr<Rule> unique_argument_names(Context& context);
std::unique_ptr<Rule> values_of_correct_type(Context& context);
std::unique_ptr<Rule> provided_required_arguments(Context& context);
std::unique_ptr<Rule> variables_in_allowed_position(Context& context);
std::unique_ptr<Rule> overlapping_fields_can_be_merged(Context& context);
std::unique_ptr<Rule> unique_input_field_names(Context& context);
std::unique_ptr<Rule> max_introspection_depth(Context& context);

// SDL-only rules (graphql-js specifiedSDLRules also uses several of the rules above).
std::unique_ptr<Rule> lone_schema_definition(Context& context);
std::unique_ptr<Rule> unique_operation_types(Context& context);
std::unique_ptr<Rule> unique_type_names(Context& context);
std::unique_ptr<Rule> unique_enum_value_names(Context& context);
std::unique_ptr<Rule> unique_field_definition_names(Context& context);
std::unique_ptr<Rule> unique_argument_definition_names(Context& context);
std::unique_ptr<Rule> unique_directive_names(Context& context);
std::unique_ptr<Rule> possible_type_extensions(Context& context);
std::unique_ptr<Rule> known_argument_names_on_directives(Context& context);
std::unique_ptr<Rule> provided_required_arguments_on_directives(Context& context);

}  // namespace junction::validation::rules
