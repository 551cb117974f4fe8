#include "validation/rules/helpers.h"

#include "graphql/printer.h"

namespace junction::validation::rules {

std::vector<KnownDirective> known_directives(const schema::Schema* schema, const graphql::Document& document) {
  std::vector<KnownDirective> out;
  auto put = [&](KnownDirective directive) {
    for (auto& existing : out) {
      if (existing.name == directive.name) {
        existing = std::move(directive);
        return;
      }
    }
    out.push_back(std::move(directive));
  };
  auto from_schema = [&](const schema::Directive* directive) {
    KnownDirective known;
    known.name = directive->name;
    for (auto location : directive->locations) known.locations.push_back(schema::directive_location_name(location));
    for (const auto& argument : directive->arguments) {
      known.argument_names.push_back(argument.name);
      if (argument.is_required())
        known.required_arguments.emplace_back(argument.name, schema::type_to_string(argument.type));
    }
    known.repeatable = directive->repeatable;
    put(std::move(known));
  };
  if (schema != nullptr) {
    for (const schema::Directive* directive : schema->directives()) from_schema(directive);
  } else {
    for (const schema::Directive* directive : schema::specified_directives()) from_schema(directive);
  }
  for (const graphql::Definition* definition : document.definitions()) {
    const auto* node = graphql::as<graphql::DirectiveDefinition>(definition);
    if (node == nullptr) continue;
    KnownDirective known;
    known.name = node->name;
    known.locations.assign(node->locations.begin(), node->locations.end());
    for (const auto* argument : node->arguments) {
      known.argument_names.push_back(argument->name);
      // graphql-js isRequiredArgumentNode: a non-null type and no default.
      if (argument->type->kind == graphql::Kind::NonNullType && argument->default_value == nullptr) {
        known.required_arguments.emplace_back(argument->name, graphql::print(argument->type));
      }
    }
    known.repeatable = node->repeatable;
    put(std::move(known));
  }
  return out;
}

const KnownDirective* find_known(const std::vector<KnownDirective>& directives, std::string_view name) {
  for (const auto& directive : directives) {
    if (directive.name == name) return &directive;
  }
  return nullptr;
}

}  // namespace junction::validation::rules
