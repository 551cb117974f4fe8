// Validations that run once the supergraph is merged (docs/federation/merge.md §6).
#include <algorithm>
#include <functional>

#include "composition/merger.h"
#include "federation/api_schema.h"
#include "graphql/printer.h"

namespace junction::composition::detail {

using federation::subgraph_names;

namespace {

// The access-control requirements of an element (merge.md §6.3).
struct Requirements {
  bool authenticated = false;
  json::Value scopes;    // [[String]]; null when absent
  json::Value policies;  // [[String]]; null when absent
};

json::Value or_empty(const json::Value& value) {
  if (value.is_array() && !value.as_array().empty()) return value;
  json::Value out = json::Value::array();
  out.push(json::Value::array());
  return out;
}

Requirements combine(const Requirements& a, const Requirements& b) {
  Requirements out;
  out.authenticated = a.authenticated || b.authenticated;
  out.scopes = dnf_conjunction({or_empty(a.scopes), or_empty(b.scopes)});
  out.policies = dnf_conjunction({or_empty(a.policies), or_empty(b.policies)});
  return out;
}

// Every conjunction of `a` contains some conjunction of `b`.
bool dnf_implies(const json::Value& a, const json::Value& b) {
  json::Value left = or_empty(a);
  json::Value right = or_empty(b);
  for (const json::Value& conjunction : left.as_array()) {
    bool covered = false;
    for (const json::Value& needed : right.as_array()) {
      const auto& items = conjunction.as_array();
      bool all = std::all_of(needed.as_array().begin(), needed.as_array().end(), [&](const json::Value& item) {
        return std::find(items.begin(), items.end(), item) != items.end();
      });
      if (all) covered = true;
    }
    if (!covered) return false;
  }
  return true;
}

bool implies(const Requirements& a, const Requirements& b) {
  if (b.authenticated && !a.authenticated) return false;
  return dnf_implies(a.scopes, b.scopes) && dnf_implies(a.policies, b.policies);
}

}  // namespace

void Merger::check_transitive_auth() {
  std::string authenticated;
  std::string scopes;
  std::string policies;
  for (const ComposedDirective& composed : composed_) {
    if (composed.name_in_feature == "authenticated") authenticated = composed.name_in_supergraph;
    if (composed.name_in_feature == "requiresScopes") scopes = composed.name_in_supergraph;
    if (composed.name_in_feature == "policy") policies = composed.name_in_supergraph;
  }
  if (authenticated.empty() && scopes.empty() && policies.empty()) return;
  auto of = [&](const Directives& directives) {
    Requirements out;
    for (const AppliedDirective& applied : directives) {
      if (applied.name == authenticated) out.authenticated = true;
      if (applied.name == scopes && applied.argument("scopes") != nullptr) out.scopes = *applied.argument("scopes");
      if (applied.name == policies && applied.argument("policies") != nullptr) {
        out.policies = *applied.argument("policies");
      }
    }
    return out;
  };
  auto type_requirements = [&](std::string_view name) {
    const Type* type = supergraph_.find_type(name);
    return type != nullptr ? of(type->directives) : Requirements{};
  };
  for (size_t i = 0; i < count(); ++i) {
    const Subgraph& sg = subgraph(i);
    for (const auto& type : sg.schema.types()) {
      const Type* merged = supergraph_.find_type(type->name);
      if (merged == nullptr) continue;
      for (const Field& field : type->fields) {
        for (const AppliedDirective* requirement : sg.applications(field.directives, FedDirective::Requires)) {
          const Field* merged_field = merged->find_field(field.name);
          const json::Value* fields = requirement->argument("fields");
          if (merged_field == nullptr || fields == nullptr || !fields->is_string()) continue;
          Requirements mine = combine(of(merged->directives), of(merged_field->directives));
          federation::FieldSetOptions options;
          options.validate = false;
          federation::FieldSetResult parsed =
              federation::parse_field_set(supergraph_, *merged, fields->as_string(), options);
          if (parsed.error) continue;
          std::string prefix = "[" + sg.name + "] Field \"" + type->name + "." + field.name +
                               "\" does not specify necessary @authenticated, @requiresScopes and/or @policy auth "
                               "requirements to access the transitive ";
          std::function<void(const federation::FieldSetSelections&)> walk =
              [&](const federation::FieldSetSelections& set) {
                for (const federation::FieldSetSelection& selection : set.selections) {
                  if (selection.is_fragment) {
                    if (selection.type_condition != nullptr &&
                        !implies(mine, of(selection.type_condition->directives))) {
                      error("MISSING_TRANSITIVE_AUTH_REQUIREMENTS",
                            prefix + "data in inline fragment type condition \"" + selection.type_condition->name +
                                "\" from @requires selection set.");
                    }
                  } else if (selection.field != nullptr) {
                    Requirements needed = combine(of(selection.parent->directives), of(selection.field->directives));
                    needed = combine(needed, type_requirements(selection.field->type.name));
                    if (!implies(mine, needed)) {
                      error("MISSING_TRANSITIVE_AUTH_REQUIREMENTS", prefix + "field \"" + selection.parent->name + "." +
                                                                        selection.name +
                                                                        "\" data from @requires selection set.");
                    }
                  }
                  if (selection.selection_set) walk(*selection.selection_set);
                }
              };
          walk(parsed.field_set->root);
        }
      }
    }
  }
}

void Merger::post_merge_validations() {
  // §6.1 interface fields missing from implementations.
  for (const auto& type : supergraph_.types()) {
    if (type->kind != TypeKind::Object && type->kind != TypeKind::Interface) continue;
    for (const auto& implemented : type->interfaces) {
      const Type* interface_type = supergraph_.find_type(implemented.name);
      if (interface_type == nullptr) continue;
      for (const Field& field : interface_type->fields) {
        if (type->find_field(field.name) != nullptr) continue;
        std::vector<std::string> declaring;
        std::vector<std::string> implementing;
        for (size_t i = 0; i < count(); ++i) {
          const Type* local_interface = subgraph(i).schema.find_type(interface_type->name);
          if (local_interface != nullptr && local_interface->kind == TypeKind::Interface &&
              local_interface->find_field(field.name) != nullptr) {
            declaring.push_back(subgraph_name(i));
          }
          const Type* local_type = subgraph(i).schema.find_type(type->name);
          if (local_type != nullptr &&
              std::any_of(local_type->interfaces.begin(), local_type->interfaces.end(),
                          [&](const auto& member) { return member.name == interface_type->name; })) {
            implementing.push_back(subgraph_name(i));
          }
        }
        error("INTERFACE_FIELD_NO_IMPLEM", "Interface field \"" + interface_type->name + "." + field.name +
                                               "\" is declared in " + subgraph_names(declaring) + " but type \"" +
                                               type->name + "\", which implements \"" + interface_type->name +
                                               "\" only in " + subgraph_names(implementing) +
                                               " does not have field \"" + field.name + "\".");
      }
    }
  }
  // §6.2 @requires against the merged field arguments.
  for (size_t i = 0; i < count(); ++i) {
    const Subgraph& sg = subgraph(i);
    for (const auto& type : sg.schema.types()) {
      const Type* merged = supergraph_.find_type(type->name);
      if (merged == nullptr || (type->kind != TypeKind::Object && type->kind != TypeKind::Interface)) continue;
      for (const Field& field : type->fields) {
        for (const AppliedDirective* requirement : sg.applications(field.directives, FedDirective::Requires)) {
          const json::Value* fields = requirement->argument("fields");
          if (fields == nullptr || !fields->is_string()) continue;
          federation::FieldSetOptions options;
          options.from_context_directive = "context__fromContext";
          federation::FieldSetResult parsed =
              federation::parse_field_set(supergraph_, *merged, fields->as_string(), options);
          if (!parsed.error) continue;
          const std::string& message = parsed.error->message;
          std::string prefix =
              "[" + sg.name + "] On field \"" + type->name + "." + field.name + "\", for " +
              (requirement->node != nullptr ? graphql::print(requirement->node)
                                            : federation::directive_to_string(sg.schema, *requirement)) +
              ": ";
          auto quoted = [&](size_t from) {
            size_t open = message.find('"', from);
            size_t close = message.find('"', open + 1);
            return message.substr(open + 1, close - open - 1);
          };
          if (message.rfind("Unknown argument", 0) == 0) {
            std::string argument = quoted(0);
            std::string target = quoted(message.find("found in value: ") + 15);
            std::string target_field = target.substr(target.find('.') + 1);
            std::vector<std::string> lacking;
            for (size_t j = 0; j < count(); ++j) {
              if (j == i) continue;
              const Type* other = subgraph(j).schema.find_type(target.substr(0, target.find('.')));
              const Field* other_field = other != nullptr ? other->find_field(target_field) : nullptr;
              if (other_field != nullptr && other_field->find_argument(argument) == nullptr) {
                lacking.push_back(subgraph_name(j));
              }
            }
            error("REQUIRES_INVALID_FIELDS", prefix + "cannot provide a value for argument \"" + argument +
                                                 "\" of field \"" + target + "\" as argument \"" + argument +
                                                 "\" is not defined in " + subgraph_names(lacking));
          } else if (message.rfind("Missing mandatory value", 0) == 0) {
            std::string argument = quoted(0);
            std::string target = quoted(message.find("of field ") + 8);
            std::string target_field = target.substr(target.find('.') + 1);
            std::vector<std::string> requiring;
            for (size_t j = 0; j < count(); ++j) {
              if (j == i) continue;
              const Type* other = subgraph(j).schema.find_type(target.substr(0, target.find('.')));
              const Field* other_field = other != nullptr ? other->find_field(target_field) : nullptr;
              const InputValue* other_argument =
                  other_field != nullptr ? other_field->find_argument(argument) : nullptr;
              if (other_argument != nullptr && other_argument->type.is_non_null() && !other_argument->default_value) {
                requiring.push_back(subgraph_name(j));
              }
            }
            error("REQUIRES_INVALID_FIELDS", prefix + "no value provided for argument \"" + argument +
                                                 "\" of field \"" + target + "\" but a value is mandatory as \"" +
                                                 argument + "\" is required in " + subgraph_names(requiring));
          }
        }
      }
    }
  }
  // §6.3
  check_transitive_auth();
  if (!errors_.empty()) return;
  // §6.4 GraphQL validity of the supergraph, then §6.5 its API schema.
  for (FederationError& problem : federation::validate_schema_rules(supergraph_)) errors_.push_back(std::move(problem));
  if (!errors_.empty()) return;
  federation::ApiSchemaResult api = federation::to_api_schema(supergraph_);
  for (FederationError& problem : api.errors) errors_.push_back(std::move(problem));
  api_schema_ = std::move(api.schema);
}

}  // namespace junction::composition::detail
