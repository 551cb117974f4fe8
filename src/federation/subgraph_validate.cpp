// Subgraph.validate(): the federation operations, the GraphQL checks Apollo runs on a subgraph
// and the federation validations (docs/federation/subgraphs.md §5, §7).
#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <string_view>
#include <unordered_map>

#include "common/suggest.h"
#include "federation/metadata.h"
#include "federation/subgraph.h"
#include "federation/text.h"
#include "graphql/parser.h"
#include "graphql/printer.h"

namespace junction::federation {

namespace {

// ---- Applications in creation order -----------------------------------------------------------

struct Application {
  const AppliedDirective* directive = nullptr;
  const Type* type = nullptr;            // the annotated type, or the parent of the annotated field
  const Field* field = nullptr;          // the annotated field, or the field of the annotated argument
  const InputValue* argument = nullptr;  // an annotated field argument
  const DirectiveDefinition* directive_definition = nullptr;  // for directive-definition arguments
};

// Calls `add(application)` for every directive application `wanted(name)` accepts, in schema
// order.
template <class Wanted, class Add>
void scan_applications(const Schema& schema, const Wanted& wanted, const Add& add) {
  auto scan = [&](const Directives& directives, Application where) {
    for (const AppliedDirective& directive : directives) {
      if (!wanted(directive.name)) continue;
      where.directive = &directive;
      add(where);
    }
  };
  scan(schema.schema_directives, {});
  for (const DirectiveDefinition& definition : schema.directive_definitions()) {
    for (const InputValue& argument : definition.arguments) {
      Application where;
      where.directive_definition = &definition;
      where.argument = &argument;
      scan(argument.directives, where);
    }
  }
  for (const auto& owned : schema.types()) {
    const Type* type = owned.get();
    scan(type->directives, {nullptr, type});
    for (const Field& field : type->fields) {
      scan(field.directives, {nullptr, type, &field});
      for (const InputValue& argument : field.arguments) scan(argument.directives, {nullptr, type, &field, &argument});
    }
    for (const InputValue& field : type->input_fields) scan(field.directives, {nullptr, type, nullptr, &field});
    for (const EnumValue& value : type->values) scan(value.directives, {nullptr, type});
  }
}

void sort_by_creation(std::vector<Application>& applications) {
  std::stable_sort(applications.begin(), applications.end(), [](const Application& a, const Application& b) {
    return a.directive->sequence < b.directive->sequence;
  });
}

std::vector<Application> applications_of(const Schema& schema, const std::string& name) {
  std::vector<Application> out;
  if (name.empty()) return out;
  scan_applications(
      schema, [&](const std::string& applied) { return applied == name; },
      [&](const Application& where) { out.push_back(where); });
  sort_by_creation(out);
  return out;
}

// Every application, grouped by directive name, each group in creation order.
std::unordered_map<std::string_view, std::vector<Application>> applications_by_name(const Schema& schema) {
  std::unordered_map<std::string_view, std::vector<Application>> out;
  scan_applications(
      schema, [](const std::string& /*applied*/) { return true; },
      [&](const Application& where) { out[where.directive->name].push_back(where); });
  for (auto& [name, list] : out) sort_by_creation(list);
  return out;
}

bool is_composite(const Schema& schema, std::string_view name) {
  const Type* type = schema.find_type(name);
  return type != nullptr &&
         (type->kind == TypeKind::Object || type->kind == TypeKind::Interface || type->kind == TypeKind::Union);
}

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// ---- Values ----------------------------------------------------------------------------------

bool value_valid(const Schema& schema, const json::Value& value, const TypeRef& type) {
  if (value.is_null()) return !type.is_non_null();
  TypeRef nullable = type.nullable();
  if (nullable.is_list()) {
    TypeRef item = nullable.of_type();
    if (value.is_array()) {
      return std::all_of(value.as_array().begin(), value.as_array().end(),
                         [&](const json::Value& element) { return value_valid(schema, element, item); });
    }
    return value_valid(schema, value, item);
  }
  const std::string& name = nullable.name;
  // Apollo's isValidLeafValue: an Int or an ID number is one whose JavaScript string is all
  // digits, i.e. whole and under 1e21 (no 32-bit range check, unlike graphql-js).
  auto whole = [](const json::Value& number) {
    double d = number.as_double();
    return std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 1e21;
  };
  if (name == "Int") return value.is_number() && whole(value);
  if (name == "Float") return value.is_number();
  if (name == "String") return value.is_string();
  if (name == "Boolean") return value.is_bool();
  if (name == "ID") {
    return value.is_string() || (value.is_number() && whole(value));
  }
  const Type* named = schema.find_type(name);
  if (named == nullptr) return true;
  switch (named->kind) {
    case TypeKind::Scalar: return true;
    case TypeKind::Enum: return value.is_string() && named->find_value(value.as_string()) != nullptr;
    case TypeKind::InputObject: {
      if (!value.is_object()) return false;
      for (const json::Member& member : value.as_object()) {
        if (named->find_input_field(member.key) == nullptr) return false;
      }
      for (const InputValue& field : named->input_fields) {
        const json::Value* given = value.find(field.name);
        if (given == nullptr) {
          if (field.type.is_non_null() && !field.default_value) return false;
          continue;
        }
        if (!value_valid(schema, *given, field.type)) return false;
      }
      return true;
    }
    default: return false;
  }
}

}  // namespace

// ---- Federation operations (§7) --------------------------------------------------------------

void add_federation_operations(Subgraph& sg) {
  Schema& schema = sg.schema;
  if (schema.find_type("_Any") == nullptr) schema.add_type(TypeKind::Scalar, "_Any");
  if (schema.find_type("_Service") == nullptr) {
    Type& service = schema.add_type(TypeKind::Object, "_Service");
    Field sdl;
    sdl.name = "sdl";
    sdl.type = {"String", ""};
    service.fields.push_back(sdl);
  }
  std::vector<std::string> entities;
  for (const auto& type : schema.types()) {
    if (type->kind == TypeKind::Object && sg.has(type->directives, FedDirective::Key)) entities.push_back(type->name);
  }
  std::sort(entities.begin(), entities.end(),
            [](const std::string& a, const std::string& b) { return collate_names(a, b) < 0; });
  if (!entities.empty() && schema.find_type("_Entity") == nullptr) {
    Type& entity = schema.add_type(TypeKind::Union, "_Entity");
    for (const std::string& name : entities) entity.members.push_back({name, kDefinition});
  }
  const RootType* root = schema.root(graphql::OperationType::Query);
  Type* query = root != nullptr ? schema.find_type(root->type) : nullptr;
  if (query == nullptr) {
    query = &schema.add_type(TypeKind::Object, "Query");
    schema.roots.push_back({graphql::OperationType::Query, "Query", kDefinition});
  }
  if (schema.find_type("_Entity") != nullptr) {
    if (query->find_field("_entities") == nullptr) {
      Field field;
      field.name = "_entities";
      field.type = {"_Entity", "NL"};
      InputValue representations;
      representations.name = "representations";
      representations.type = {"_Any", "NLN"};
      field.arguments.push_back(representations);
      query->fields.push_back(field);
    }
  } else {
    query->fields.erase(std::remove_if(query->fields.begin(), query->fields.end(),
                                       [](const Field& f) { return f.name == "_entities"; }),
                        query->fields.end());
  }
  if (query->find_field("_service") == nullptr) {
    Field field;
    field.name = "_service";
    field.type = {"_Service", "N"};
    query->fields.push_back(field);
  }
}

namespace {

// ---- Validator -------------------------------------------------------------------------------

class Validator {
 public:
  explicit Validator(Subgraph& sg) : sg_(sg), schema_(sg.schema), renamable_(&sg.schema) {}
  // A schema outside any subgraph (the supergraph): only the GraphQL rules apply.
  Validator(const Subgraph& empty, const Schema& schema) : sg_(empty), schema_(schema) {}

  FederationErrors graphql_rules() {
    apollo_rules();
    return std::move(errors_);
  }

  FederationErrors run() {
    sdl_rules();
    apollo_rules();
    if (!errors_.empty()) return std::move(errors_);
    federation_rules();
    return std::move(errors_);
  }

 private:
  void error(std::string code, std::string message, const graphql::Node* node = nullptr) {
    errors_.push_back(make_error(std::move(code), std::move(message), &sg_, node));
  }

  // ---- §5.1: graphql-js SDL rules on the re-printed schema --------------------------------

  const DirectiveDefinition* definition_of(std::string_view name) const {
    if (const DirectiveDefinition* d = schema_.find_directive_definition(name)) return d;
    return builtin_directive(name);
  }

  // One AST node's directives (a definition block, an extension block, a field...).
  void check_directive_list(const std::vector<const AppliedDirective*>& directives, std::string_view location) {
    std::set<std::string> seen;
    for (const AppliedDirective* directive : directives) {
      const DirectiveDefinition* definition = definition_of(directive->name);
      if (definition == nullptr || definition->repeatable) continue;
      if (!seen.insert(directive->name).second) {
        error("INVALID_GRAPHQL", "The directive \"@" + directive->name + "\" can only be used once at this location.",
              directive->node);
      }
    }
    for (const AppliedDirective* directive : directives) {
      const DirectiveDefinition* definition = definition_of(directive->name);
      if (definition == nullptr) continue;
      if (std::find(definition->locations.begin(), definition->locations.end(), location) ==
          definition->locations.end()) {
        error("INVALID_GRAPHQL",
              "Directive \"@" + directive->name + "\" may not be used on " + std::string(location) + ".",
              directive->node);
      }
      std::vector<std::string_view> known;
      for (const InputValue& argument : definition->arguments) known.push_back(argument.name);
      for (const auto& [name, value] : directive->arguments) {
        if (definition->find_argument(name) == nullptr) {
          error("INVALID_GRAPHQL",
                "Unknown argument \"" + name + "\" on directive \"@" + directive->name + "\"." +
                    did_you_mean(suggestion_list(name, known)),
                directive->node);
        }
      }
      for (const InputValue& argument : definition->arguments) {
        if (!argument.type.is_non_null() || argument.default_value) continue;
        if (directive->argument(argument.name) == nullptr) {
          error("INVALID_GRAPHQL",
                "Directive \"@" + directive->name + "\" argument \"" + argument.name + "\" of type \"" +
                    argument.type.to_string() + "\" is required, but it was not provided.",
                directive->node);
        }
      }
    }
  }

  static std::vector<const AppliedDirective*> all(const Directives& directives) {
    std::vector<const AppliedDirective*> out;
    out.reserve(directives.size());
    for (const AppliedDirective& directive : directives) out.push_back(&directive);
    return out;
  }
  static std::vector<const AppliedDirective*> in_block(const Directives& directives, int extension) {
    std::vector<const AppliedDirective*> out;
    for (const AppliedDirective& directive : directives) {
      if (directive.extension == extension) out.push_back(&directive);
    }
    return out;
  }

  static std::string_view type_location(TypeKind kind) {
    switch (kind) {
      case TypeKind::Scalar: return "SCALAR";
      case TypeKind::Object: return "OBJECT";
      case TypeKind::Interface: return "INTERFACE";
      case TypeKind::Union: return "UNION";
      case TypeKind::Enum: return "ENUM";
      case TypeKind::InputObject: return "INPUT_OBJECT";
    }
    return "OBJECT";
  }

  void sdl_rules() {
    check_directive_list(in_block(schema_.schema_directives, kDefinition), "SCHEMA");
    for (int extension = 0; extension < schema_.schema_extension_count; ++extension) {
      check_directive_list(in_block(schema_.schema_directives, extension), "SCHEMA");
    }
    for (const DirectiveDefinition& definition : schema_.directive_definitions()) {
      for (const InputValue& argument : definition.arguments) {
        check_directive_list(all(argument.directives), "ARGUMENT_DEFINITION");
      }
    }
    for (const auto& type : schema_.types()) {
      for (int extension = kDefinition; extension < type->extension_count; ++extension) {
        check_directive_list(in_block(type->directives, extension), type_location(type->kind));
        for (const Field& field : type->fields) {
          if (field.extension != extension) continue;
          for (const InputValue& argument : field.arguments) {
            check_directive_list(all(argument.directives), "ARGUMENT_DEFINITION");
          }
          check_directive_list(all(field.directives), "FIELD_DEFINITION");
        }
        for (const InputValue& field : type->input_fields) {
          if (field.extension == extension) check_directive_list(all(field.directives), "INPUT_FIELD_DEFINITION");
        }
        for (const EnumValue& value : type->values) {
          if (value.extension == extension) check_directive_list(all(value.directives), "ENUM_VALUE");
        }
      }
    }
  }

  // ---- §5.2: Apollo's schema validator ------------------------------------------------------

  void check_name(const std::string& name, const graphql::Node* node) {
    if (name.size() >= 2 && name[0] == '_' && name[1] == '_') {
      error("INVALID_GRAPHQL",
            "Name \"" + name + "\" must not begin with \"__\", which is reserved by GraphQL introspection.", node);
    }
  }

  bool is_deprecated(const Directives& directives) const {
    return std::any_of(directives.begin(), directives.end(),
                       [](const AppliedDirective& d) { return d.name == "deprecated"; });
  }

  // `parent` is "T.f" or "@d"; the argument's coordinate is built only for an error.
  void check_argument(const InputValue& argument, const std::string& parent) {
    check_name(argument.name, argument.node);
    auto coordinate = [&] { return parent + "(" + argument.name + ":)"; };
    if (argument.type.is_non_null() && !argument.default_value && is_deprecated(argument.directives)) {
      error("INVALID_GRAPHQL", "Required argument " + coordinate() + " cannot be deprecated.", argument.node);
    }
    if (argument.default_value && !value_valid(schema_, *argument.default_value, argument.type)) {
      error("INVALID_GRAPHQL",
            "Invalid default value (got: " + value_to_string(schema_, *argument.default_value, &argument.type) +
                ") provided for argument " + coordinate() + " of type " + argument.type.to_string() + ".",
            argument.node);
    }
  }

  std::string element_coordinate(const Application& where) const {
    if (where.directive_definition != nullptr) {
      return "@" + where.directive_definition->name + "(" + where.argument->name + ":)";
    }
    if (where.type == nullptr) return "schema";
    if (where.field != nullptr) {
      std::string out = where.type->name + "." + where.field->name;
      if (where.argument != nullptr) out += "(" + where.argument->name + ":)";
      return out;
    }
    if (where.argument != nullptr) return where.type->name + "." + where.argument->name;
    return where.type->name;
  }

  void apollo_rules() {
    for (const auto& type : schema_.types()) {
      check_name(type->name, type->node);
      switch (type->kind) {
        case TypeKind::Object:
        case TypeKind::Interface:
          if (type->fields.empty()) {
            error("INVALID_GRAPHQL", "Type " + type->name + " must define one or more fields.", type->node);
          }
          for (const Field& field : type->fields) {
            check_name(field.name, field.node);
            if (field.arguments.empty()) continue;
            std::string parent = type->name + "." + field.name;
            for (const InputValue& argument : field.arguments) check_argument(argument, parent);
          }
          break;
        case TypeKind::InputObject:
          if (type->input_fields.empty()) {
            error("INVALID_GRAPHQL", "Input Object type " + type->name + " must define one or more fields.",
                  type->node);
          }
          for (const InputValue& field : type->input_fields) {
            check_name(field.name, field.node);
            auto coordinate = [&] { return type->name + "." + field.name; };
            if (field.type.is_non_null() && !field.default_value && is_deprecated(field.directives)) {
              error("INVALID_GRAPHQL", "Required input field " + coordinate() + " cannot be deprecated.", field.node);
            }
            if (field.default_value && !value_valid(schema_, *field.default_value, field.type)) {
              error("INVALID_GRAPHQL",
                    "Invalid default value (got: " + value_to_string(schema_, *field.default_value, &field.type) +
                        ") provided for input field " + coordinate() + " of type " + field.type.to_string() + ".",
                    field.node);
            }
          }
          break;
        case TypeKind::Union:
          if (type->members.empty()) {
            error("INVALID_GRAPHQL", "Union type " + type->name + " must define one or more member types.", type->node);
          }
          break;
        case TypeKind::Enum:
          if (type->values.empty()) {
            error("INVALID_GRAPHQL", "Enum type " + type->name + " must define one or more values.", type->node);
          }
          for (const EnumValue& value : type->values) check_name(value.name, value.node);
          break;
        case TypeKind::Scalar: break;
      }
    }
    std::unordered_map<std::string_view, std::vector<Application>> applications = applications_by_name(schema_);
    for (const DirectiveDefinition& definition : schema_.directive_definitions()) {
      check_name(definition.name, definition.node);
      for (const InputValue& argument : definition.arguments) check_argument(argument, "@" + definition.name);
      auto found = applications.find(definition.name);
      if (found == applications.end()) continue;
      for (const Application& where : found->second) {
        for (const InputValue& argument : definition.arguments) {
          const json::Value* value = where.directive->argument(argument.name);
          if (value == nullptr || value->is_null()) continue;
          if (!value_valid(schema_, *value, argument.type)) {
            error("INVALID_GRAPHQL",
                  "Invalid value for \"@" + definition.name + "(" + argument.name + ":)\" of type \"" +
                      argument.type.to_string() + "\" in application of \"@" + definition.name + "\" to \"" +
                      element_coordinate(where) + "\".",
                  where.directive->node);
          }
        }
      }
    }
    for (const auto& type : schema_.types()) {
      if (type->kind == TypeKind::Object || type->kind == TypeKind::Interface) check_implementations(*type);
    }
    check_input_cycles();
  }

  bool implements(const Type& type, std::string_view interface_name) const {
    return std::any_of(type.interfaces.begin(), type.interfaces.end(),
                       [&](const TypeMember& m) { return m.name == interface_name; });
  }

  bool is_subtype(const TypeRef& maybe_sub, const TypeRef& super) const {
    if (maybe_sub == super) return true;
    if (super.is_non_null()) return maybe_sub.is_non_null() && is_subtype(maybe_sub.nullable(), super.nullable());
    if (maybe_sub.is_non_null()) return is_subtype(maybe_sub.nullable(), super);
    if (super.is_list()) return maybe_sub.is_list() && is_subtype(maybe_sub.of_type(), super.of_type());
    if (maybe_sub.is_list()) return false;
    const Type* sub_type = schema_.find_type(maybe_sub.name);
    const Type* super_type = schema_.find_type(super.name);
    if (sub_type == nullptr || super_type == nullptr) return false;
    if (super_type->kind == TypeKind::Union) {
      return std::any_of(super_type->members.begin(), super_type->members.end(),
                         [&](const TypeMember& m) { return m.name == sub_type->name; });
    }
    if (super_type->kind == TypeKind::Interface) return implements(*sub_type, super_type->name);
    return false;
  }

  void check_implementations(const Type& type) {
    for (const TypeMember& member : type.interfaces) {
      const Type* interface_type = schema_.find_type(member.name);
      if (interface_type == nullptr) continue;
      if (interface_type == &type) {
        error("INVALID_GRAPHQL",
              "Type " + type.name + " cannot implement itself because it would create a circular reference.",
              type.node);
        continue;
      }
      for (const TypeMember& transitive : interface_type->interfaces) {
        if (!implements(type, transitive.name)) {
          error("INVALID_GRAPHQL",
                transitive.name == type.name ? "Type " + type.name + " cannot implement " + interface_type->name +
                                                   " because it would create a circular reference."
                                             : "Type " + type.name + " must implement " + transitive.name +
                                                   " because it is implemented by " + interface_type->name + ".",
                type.node);
        }
      }
      for (const Field& expected : interface_type->fields) {
        std::string interface_field = interface_type->name + "." + expected.name;
        const Field* field = type.find_field(expected.name);
        if (field == nullptr) {
          error("INVALID_GRAPHQL",
                "Interface field " + interface_field + " expected but " + type.name + " does not provide it.",
                type.node);
          continue;
        }
        std::string type_field = type.name + "." + field->name;
        if (!is_subtype(field->type, expected.type)) {
          error("INVALID_GRAPHQL",
                "Interface field " + interface_field + " expects type " + expected.type.to_string() + " but " +
                    type_field + " of type " + field->type.to_string() + " is not a proper subtype.",
                field->node);
        }
        for (const InputValue& argument : expected.arguments) {
          const InputValue* given = field->find_argument(argument.name);
          if (given == nullptr) {
            error("INVALID_GRAPHQL",
                  "Interface field argument " + interface_field + "(" + argument.name + ":) expected but " +
                      type_field + " does not provide it.",
                  field->node);
            continue;
          }
          if (!(given->type == argument.type)) {
            error("INVALID_GRAPHQL",
                  "Interface field argument " + interface_field + "(" + argument.name + ":) expects type " +
                      argument.type.to_string() + " but " + type_field + "(" + argument.name + ":) is type " +
                      given->type.to_string() + ".",
                  given->node);
          }
        }
        for (const InputValue& argument : field->arguments) {
          if (expected.find_argument(argument.name) == nullptr && argument.type.is_non_null() &&
              !argument.default_value) {
            error("INVALID_GRAPHQL",
                  "Field " + type_field + " includes required argument " + argument.name +
                      " that is missing from the Interface field " + interface_field + ".",
                  argument.node);
          }
        }
      }
    }
  }

  void check_input_cycles() {
    std::set<std::string> visited;
    for (const auto& type : schema_.types()) {
      if (type->kind != TypeKind::InputObject) continue;
      std::vector<std::string> path;
      std::vector<std::string> stack_types;
      std::function<void(const Type&)> visit = [&](const Type& input) {
        if (!visited.insert(input.name).second) return;
        stack_types.push_back(input.name);
        for (const InputValue& field : input.input_fields) {
          if (!field.type.is_non_null() || field.type.nullable().is_list()) continue;
          const Type* target = schema_.find_type(field.type.name);
          if (target == nullptr || target->kind != TypeKind::InputObject) continue;
          path.push_back(field.name);
          auto cycle = std::find(stack_types.begin(), stack_types.end(), target->name);
          if (cycle == stack_types.end()) {
            visit(*target);
          } else {
            size_t start = static_cast<size_t>(cycle - stack_types.begin());
            std::vector<std::string> names(path.begin() + static_cast<std::ptrdiff_t>(start), path.end());
            error("INVALID_GRAPHQL",
                  "Cannot reference Input Object \"" + target->name +
                      "\" within itself through a series of non-null fields: \"" + join_strings(names, ".", ".", ".") +
                      "\".",
                  field.node);
          }
          path.pop_back();
        }
        stack_types.pop_back();
      };
      visit(*type);
    }
  }

  // ---- §5.4: federation validations --------------------------------------------------------

  bool rename_roots() {
    for (graphql::OperationType operation :
         {graphql::OperationType::Query, graphql::OperationType::Mutation, graphql::OperationType::Subscription}) {
      const RootType* root = schema_.root(operation);
      if (root == nullptr) continue;
      std::string default_name(operation == graphql::OperationType::Query      ? "Query"
                               : operation == graphql::OperationType::Mutation ? "Mutation"
                                                                               : "Subscription");
      if (root->type == default_name) continue;
      if (const Type* existing = schema_.find_type(default_name)) {
        std::string kind(graphql::operation_type_name(operation));
        error("ROOT_" + upper(kind) + "_USED",
              "The schema has a type named \"" + default_name + "\" but it is not set as the " + kind +
                  " root type (\"" + root->type +
                  "\" is instead): this is not supported by federation. If a root type "
                  "does not use its default name, there should be no other type with that default name.",
              existing->node);
        continue;
      }
      renamable_->rename_type(root->type, default_name);
    }
    return true;
  }

  // The "On ..., for ...: " wrapping of field-set errors.
  std::string field_set_prefix(const Application& where) const {
    std::string target = where.field != nullptr ? "field \"" + where.type->name + "." + where.field->name + "\""
                                                : "type \"" + where.type->name + "\"";
    std::string text = where.directive->node != nullptr ? graphql::print(where.directive->node)
                                                        : directive_to_string(schema_, *where.directive);
    return "On " + target + ", for " + text + ": ";
  }

  std::string directive_code(FedDirective which) const { return upper(spec_name(which)); }

  // Validates one field set application (§5.5). Returns false when processing must stop.
  void validate_field_set(const Application& where, FedDirective which, const Type& target, bool allow_arguments,
                          bool leaves_external) {
    std::string code = directive_code(which);
    std::string prefix = field_set_prefix(where);
    const json::Value* fields = where.directive->argument("fields");
    const graphql::Argument* fields_node = nullptr;
    if (where.directive->node != nullptr) {
      for (const graphql::Argument* argument : where.directive->node->arguments) {
        if (argument->name == "fields") fields_node = argument;
      }
    }
    if (fields == nullptr || !fields->is_string() ||
        (fields_node != nullptr && fields_node->value->kind != graphql::Kind::StringValue)) {
      error(code + "_INVALID_FIELDS_TYPE", prefix + "Invalid value for argument \"fields\": must be a string.",
            where.directive->node);
      return;
    }
    FieldSetOptions options;
    options.reject_abstract_fields = which == FedDirective::Key;
    options.directive_name = where.directive->name;
    options.from_context_directive = sg_.name_of(FedDirective::FromContext);
    FieldSetResult parsed = parse_field_set(schema_, target, fields->as_string(), options);
    if (parsed.error) {
      std::string message = parsed.error->message;
      while (!message.empty() && (message.back() == ' ' || message.back() == '\n')) message.pop_back();
      if (message.rfind("Cannot query field", 0) == 0) {
        if (!message.empty() && message.back() == '.') message.pop_back();
        message += which == FedDirective::Key
                       ? " (the field should either be added to this subgraph or, if it should not be resolved by "
                         "this subgraph, you need to add it to this subgraph with @external)."
                       : " (if the field is defined in another subgraph, you need to add it to this subgraph with "
                         "@external).";
      }
      error(parsed.error->code.empty() ? code + "_INVALID_FIELDS" : parsed.error->code, prefix + message,
            where.directive->node);
      return;
    }
    walk_selections(parsed.field_set->root, where, which, allow_arguments, leaves_external, false);
  }

  bool has_external_implementation(const Type& parent, std::string_view field_name) const {
    if (parent.kind != TypeKind::Interface) return false;
    for (const auto& candidate : schema_.types()) {
      if (candidate->kind != TypeKind::Object) continue;
      bool implements_parent = std::any_of(candidate->interfaces.begin(), candidate->interfaces.end(),
                                           [&](const TypeMember& m) { return m.name == parent.name; });
      if (!implements_parent) continue;
      const Field* field = candidate->find_field(field_name);
      if (field != nullptr && metadata_->is_external(*candidate, *field)) return true;
    }
    return false;
  }

  void walk_selections(const FieldSetSelections& set, const Application& where, FedDirective which,
                       bool allow_arguments, bool leaves_external, bool external_ancestor) {
    std::string code = directive_code(which);
    std::string d = where.directive->name;
    for (const FieldSetSelection& selection : set.selections) {
      if (!selection.directives.empty()) {
        error(code + "_DIRECTIVE_IN_FIELDS_ARG",
              field_set_prefix(where) + "cannot have directive applications in the @" + d +
                  "(fields:) argument but found " + join_strings(selection.directives, ", ", ", ", ", ") + ".",
              where.directive->node);
      }
      if (selection.is_fragment) {
        if (selection.selection_set) {
          walk_selections(*selection.selection_set, where, which, allow_arguments, leaves_external, external_ancestor);
        }
        continue;
      }
      if (selection.field == nullptr) continue;  // __typename
      std::string field_coordinate = selection.parent->name + "." + selection.name;
      if (!allow_arguments && !selection.field->arguments.empty()) {
        error(code + "_FIELDS_HAS_ARGS",
              field_set_prefix(where) + "field " + field_coordinate +
                  " cannot be included because it has arguments (fields with argument are not allowed in @" + d + ")",
              where.directive->node);
      }
      bool external = metadata_->is_external(*selection.parent, *selection.field) ||
                      has_external_implementation(*selection.parent, selection.name);
      if (!selection.selection_set) {
        if (leaves_external && !external_ancestor && !external) {
          if (metadata_->is_fake_external(*selection.parent, *selection.field)) {
            error(code + "_FIELDS_MISSING_EXTERNAL",
                  field_set_prefix(where) + "field \"" + field_coordinate + "\" should not be part of a @" + d +
                      " since it is already \"effectively\" provided by this subgraph (while it is marked @external, "
                      "it is a @key field of an extension type, which are not internally considered external for "
                      "historical/backward compatibility reasons)",
                  where.directive->node);
          } else {
            error(code + "_FIELDS_MISSING_EXTERNAL",
                  field_set_prefix(where) + "field \"" + field_coordinate + "\" should not be part of a @" + d +
                      " since it is already provided by this subgraph (it is not marked @external)",
                  where.directive->node);
          }
        }
        continue;
      }
      walk_selections(*selection.selection_set, where, which, allow_arguments, leaves_external,
                      external_ancestor || external);
    }
  }

  void federation_rules() {
    rename_roots();
    if (!sg_.fed2) return;
    SubgraphMetadata metadata(sg_);
    metadata_ = &metadata;
    size_t start = errors_.size();
    if (!federation_steps()) {
      // A thrown error replaces everything collected by the federation validations.
      FederationError thrown = errors_.back();
      errors_.resize(start);
      errors_.push_back(std::move(thrown));
    }
    metadata_ = nullptr;
  }

  // Returns false when an error was "thrown" (it is then the last one).
  bool federation_steps() {
    // Step 2: @key.
    for (const Application& where : applications_of(schema_, sg_.name_of(FedDirective::Key))) {
      if (where.type == nullptr || where.field != nullptr) continue;
      if (where.type->kind == TypeKind::Interface && sg_.federation_version < Version{2, 3}) {
        error("KEY_UNSUPPORTED_ON_INTERFACE",
              "Cannot use @key on interface \"" + where.type->name + "\": @key is not yet supported on interfaces",
              where.directive->node);
      }
      validate_field_set(where, FedDirective::Key, *where.type, false, false);
    }
    // Step 3: @requires.
    for (const Application& where : applications_of(schema_, sg_.name_of(FedDirective::Requires))) {
      if (where.field == nullptr || where.argument != nullptr) continue;
      if (where.type->kind == TypeKind::Interface) {
        error("REQUIRES_UNSUPPORTED_ON_INTERFACE",
              "Cannot use @requires on field \"" + where.type->name + "." + where.field->name + "\" of parent type \"" +
                  where.type->name + "\": @requires is not yet supported within interfaces",
              where.directive->node);
      }
      validate_field_set(where, FedDirective::Requires, *where.type, true, true);
    }
    // Step 4: @provides.
    for (const Application& where : applications_of(schema_, sg_.name_of(FedDirective::Provides))) {
      if (where.field == nullptr || where.argument != nullptr) continue;
      std::string field_coordinate = where.type->name + "." + where.field->name;
      if (metadata_->is_external(*where.type, *where.field)) {
        error("EXTERNAL_COLLISION_WITH_ANOTHER_DIRECTIVE",
              "Cannot have both @provides and @external on field \"" + field_coordinate + "\"", where.directive->node);
        return false;
      }
      if (!is_composite(schema_, where.field->type.name)) {
        error("PROVIDES_ON_NON_OBJECT_FIELD",
              "Invalid @provides directive on field \"" + field_coordinate + "\": field has type \"" +
                  where.field->type.to_string() + "\" which is not a Composite Type",
              where.directive->node);
        return false;
      }
      if (where.type->kind == TypeKind::Interface) {
        error("PROVIDES_UNSUPPORTED_ON_INTERFACE",
              "Cannot use @provides on field \"" + field_coordinate + "\" of parent type \"" + where.type->name +
                  "\": @provides is not yet supported within interfaces",
              where.directive->node);
      }
      validate_field_set(where, FedDirective::Provides, *schema_.find_type(where.field->type.name), false, true);
    }
    // Step 5: @context.
    for (const Application& where : applications_of(schema_, sg_.name_of(FedDirective::Context))) {
      const json::Value* name = where.directive->argument("name");
      if (name == nullptr || !name->is_string() || where.type == nullptr) continue;
      const std::string& text = name->as_string();
      if (text.find('_') != std::string::npos) {
        error("CONTEXT_NAME_INVALID", "Context name \"" + text + "\" may not contain an underscore.",
              where.directive->node);
      } else if (!valid_context_name(text)) {
        error("CONTEXT_NAME_INVALID",
              "Context name \"" + text + "\" is invalid. It should have only alphanumeric characters.",
              where.directive->node);
      }
      contexts_[text].push_back(where.type);
    }
    // Step 6: @fromContext.
    check_from_context();
    // Step 7: @external on interface fields.
    for (const auto& type : schema_.types()) {
      if (type->kind != TypeKind::Interface) continue;
      for (const Field& field : type->fields) {
        if (metadata_->is_external(*type, field)) {
          error("EXTERNAL_ON_INTERFACE",
                "Interface type field \"" + type->name + "." + field.name +
                    "\" is marked @external but @external is not allowed on interface fields "
                    "(it is nonsensical).",
                field.node);
        }
      }
    }
    // Step 8: unused externals.
    for (const auto& type : schema_.types()) {
      if (type->kind != TypeKind::Object && type->kind != TypeKind::Interface) continue;
      for (const Field& field : type->fields) {
        if (metadata_->is_external(*type, field) && !metadata_->is_used(field)) {
          error("EXTERNAL_UNUSED",
                "Field \"" + type->name + "." + field.name +
                    "\" is marked @external but is not used in any federation directive (@key, @provides, @requires) "
                    "or to satisfy an interface; the field declaration has no use and should be removed (or the field "
                    "should not be @external).",
                field.node);
        }
      }
    }
    // Step 9: interface keys on implementations.
    if (!check_interface_keys()) return false;
    // Step 10: @interfaceObject needs a @key.
    for (const Application& where : applications_of(schema_, sg_.name_of(FedDirective::InterfaceObject))) {
      if (where.type == nullptr || where.field != nullptr) continue;
      if (!sg_.has(where.type->directives, FedDirective::Key)) {
        error("INTERFACE_OBJECT_USAGE_ERROR",
              "The @interfaceObject directive can only be applied to entity types but type \"" + where.type->name +
                  "\" has no @key in this subgraph.",
              where.type->node);
      }
    }
    // Step 12: duplicated @shareable.
    check_shareable_duplicates();
    // Step 13: @shareable on non-object fields.
    for (const Application& where : applications_of(schema_, sg_.name_of(FedDirective::Shareable))) {
      if (where.field == nullptr || where.argument != nullptr || where.type->kind == TypeKind::Object) continue;
      error("INVALID_SHAREABLE_USAGE",
            "Invalid use of @shareable on field \"" + where.type->name + "." + where.field->name +
                "\": only object type fields can be marked with @shareable",
            where.directive->node);
    }
    // Step 14: @cost on interface fields.
    for (const Application& where : applications_of(schema_, sg_.name_of(FedDirective::Cost))) {
      if (where.field == nullptr || where.argument != nullptr || where.type->kind != TypeKind::Interface) continue;
      error("COST_APPLIED_TO_INTERFACE_FIELD",
            "@cost cannot be applied to interface \"" + where.type->name + "." + where.field->name + "\"",
            where.directive->node);
    }
    // Step 15: @listSize.
    for (const Application& where : applications_of(schema_, sg_.name_of(FedDirective::ListSize))) {
      if (where.field != nullptr && where.argument == nullptr) check_list_size(where);
    }
    // Step 16: access control on interfaces.
    for (FedDirective which : {FedDirective::Authenticated, FedDirective::RequiresScopes, FedDirective::Policy}) {
      const std::string& name = sg_.name_of(which);
      for (const Application& where : applications_of(schema_, name)) {
        if (where.type == nullptr || where.argument != nullptr) continue;
        std::string kind;
        std::string coordinate = where.type->name;
        if (where.field != nullptr) {
          if (where.type->kind != TypeKind::Interface) continue;
          kind = "field";
          coordinate += "." + where.field->name;
        } else if (where.type->kind == TypeKind::Interface) {
          kind = "interface";
        } else if (sg_.has(where.type->directives, FedDirective::InterfaceObject)) {
          kind = "interface object";
        } else {
          continue;
        }
        error("AUTH_REQUIREMENTS_APPLIED_ON_INTERFACE",
              "Invalid use of @" + name + " on " + kind + " \"" + coordinate + "\": @" + name +
                  " cannot be applied on interfaces, interface fields and interface objects",
              where.directive->node);
      }
    }
    return true;
  }

  static bool valid_context_name(const std::string& name) {
    if (name.empty() || !std::isalpha(static_cast<unsigned char>(name[0]))) return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
  }

  void check_from_context() {
    const std::string& name = sg_.name_of(FedDirective::FromContext);
    for (const Application& where : applications_of(schema_, name)) {
      if (where.argument == nullptr) continue;
      if (where.directive_definition != nullptr) {
        error("CONTEXT_NOT_SET",
              "@fromContext argument cannot be used on a directive definition \"" + element_coordinate(where) + "\".",
              where.directive->node);
        continue;
      }
      std::string argument_coordinate = element_coordinate(where);
      if (where.type->kind != TypeKind::Object) {
        error("CONTEXT_NOT_SET",
              "@fromContext argument cannot be used on a field that exists on an abstract type \"" +
                  argument_coordinate + "\".",
              where.directive->node);
        continue;
      }
      for (const TypeMember& member : where.type->interfaces) {
        const Type* interface_type = schema_.find_type(member.name);
        if (interface_type != nullptr && interface_type->find_field(where.field->name) != nullptr) {
          error("CONTEXT_NOT_SET",
                "@fromContext argument cannot be used on a field implementing an interface field \"" +
                    interface_type->name + "." + where.field->name + "\".",
                where.directive->node);
        }
      }
      if (where.argument->default_value) {
        error("CONTEXT_NOT_SET",
              "@fromContext arguments may not have a default value: \"" + argument_coordinate + "\".",
              where.directive->node);
      }
      const json::Value* field = where.directive->argument("field");
      std::string value = field != nullptr && field->is_string() ? field->as_string() : std::string();
      auto parsed = split_context_reference(value);
      if (parsed && parsed->second.find_first_not_of(" \t\r\n,") == std::string::npos) parsed.reset();
      if (!parsed) {
        error("NO_CONTEXT_IN_SELECTION", "@fromContext argument does not reference a context \"" + value + "\".",
              where.directive->node);
        continue;
      }
      auto context = contexts_.find(parsed->first);
      if (context == contexts_.end()) {
        error("CONTEXT_NOT_SET",
              "Context \"" + parsed->first + "\" is used at location \"" + argument_coordinate + "\" but is never set.",
              where.directive->node);
      } else {
        check_context_selection(parsed->first, argument_coordinate, parsed->second, *where.argument, context->second,
                                where.argument->node);
      }
      bool resolvable = false;
      for (const AppliedDirective* key : sg_.applications(where.type->directives, FedDirective::Key)) {
        const json::Value* flag = key->argument("resolvable");
        if (flag == nullptr || !flag->is_bool() || flag->as_bool()) resolvable = true;
      }
      if (!resolvable) {
        error("CONTEXT_NO_RESOLVABLE_KEY",
              "Object \"" + where.type->name + "\" has no resolvable key but has a field with a contextual argument.",
              where.type->node);
      }
    }
  }

  // The type a context selection resolves to: the leaf's type, wrapped in the lists of the path
  // (non-null dropped). Null when it cannot be determined (several different branches).
  std::optional<TypeRef> selection_type(const FieldSetSelections& set) const {
    std::optional<TypeRef> result;
    for (const FieldSetSelection& selection : set.selections) {
      if (selection.is_fragment || selection.field == nullptr) return std::nullopt;
      TypeRef type;
      if (selection.selection_set) {
        auto inner = selection_type(*selection.selection_set);
        if (!inner) return std::nullopt;
        type = *inner;
        for (auto it = selection.field->type.wrappers.rbegin(); it != selection.field->type.wrappers.rend(); ++it) {
          if (*it == 'L') type.wrappers.insert(type.wrappers.begin(), 'L');
        }
      } else {
        type.name = selection.field->type.name;
        for (char wrapper : selection.field->type.wrappers) {
          if (wrapper == 'L') type.wrappers += 'L';
        }
      }
      if (result && !(*result == type)) return std::nullopt;
      result = type;
    }
    return result;
  }

  void check_context_selection(const std::string& context, const std::string& argument, const std::string& selection,
                               const InputValue& target, const std::vector<const Type*>& locations,
                               const graphql::Node* node) {
    std::string prefix = "Context \"" + context + "\" is used in \"" + argument + "\" but the selection is invalid";
    std::string trimmed = selection;
    trimmed.erase(0, trimmed.find_first_not_of(" \t\r\n,"));
    std::string text = !trimmed.empty() && trimmed[0] == '{' ? trimmed : "{" + trimmed + "}";
    auto parsed = graphql::parse(text, "selection");
    if (!parsed.ok()) {
      error("CONTEXT_INVALID_SELECTION", prefix + ": " + parsed.error().message(), node);
      return;
    }
    const graphql::OperationDefinition* operation = nullptr;
    if (!parsed->definitions().empty() && parsed->definitions()[0]->kind == graphql::Kind::OperationDefinition) {
      operation = static_cast<const graphql::OperationDefinition*>(parsed->definitions()[0]);
    }
    if (operation == nullptr || operation->selection_set->selections.empty()) {
      error("CONTEXT_INVALID_SELECTION", prefix + ": no selection is made", node);
      return;
    }
    const auto& selections = operation->selection_set->selections;
    graphql::Kind first = selections[0]->kind;
    if (first == graphql::Kind::Field && selections.size() > 1) {
      error("CONTEXT_INVALID_SELECTION", prefix + ": multiple selections are made", node);
      return;
    }
    if (first == graphql::Kind::FragmentSpread) {
      error("CONTEXT_INVALID_SELECTION", prefix + ": fragment spread is not allowed", node);
      return;
    }
    if (first == graphql::Kind::InlineFragment) {
      bool all_fragments = std::all_of(selections.begin(), selections.end(), [](const graphql::Selection* s) {
        return s->kind == graphql::Kind::InlineFragment;
      });
      if (!all_fragments) error("CONTEXT_INVALID_SELECTION", prefix + ": multiple fields could be selected", node);
      return;  // the type-condition form is not checked further yet
    }
    for (const Type* location : locations) {
      FieldSetOptions options;
      options.validate = false;
      FieldSetResult resolved = parse_field_set(schema_, *location, text, options);
      if (resolved.error) {
        error("CONTEXT_INVALID_SELECTION",
              prefix + " for type " + location->name + ". Error: " + resolved.error->message, node);
        return;
      }
      auto type = selection_type(resolved.field_set->root);
      const TypeRef& wanted = target.type;
      // Lists must pair with lists and the named types be equal; the selection's type never
      // carries non-null, so a non-null argument never matches.
      bool matches = type && type->wrappers.size() == wanted.wrappers.size() && type->name == wanted.name &&
                     wanted.wrappers.find('N') == std::string::npos;
      if (!matches) {
        error("CONTEXT_INVALID_SELECTION",
              prefix + ": the type of the selection \"" + (type ? type->to_string() : std::string("undefined")) +
                  "\" does not match the expected type \"" + wanted.to_string() + "\"",
              node);
        return;
      }
    }
  }

  bool check_interface_keys() {
    for (const auto& type : schema_.types()) {
      if (type->kind != TypeKind::Interface) continue;
      for (const AppliedDirective* key : sg_.applications(type->directives, FedDirective::Key)) {
        const json::Value* fields = key->argument("fields");
        if (fields == nullptr || !fields->is_string()) continue;
        FieldSetOptions options;
        options.validate = false;
        FieldSetResult parsed = parse_field_set(schema_, *type, fields->as_string(), options);
        if (parsed.error) {
          Application where{key, type.get()};
          error("KEY_INVALID_FIELDS", field_set_prefix(where) + (parsed.error ? parsed.error->message : std::string()),
                key->node);
          return false;
        }
        bool interface_resolvable = true;
        if (const json::Value* flag = key->argument("resolvable")) {
          interface_resolvable = !(flag->is_bool() && !flag->as_bool());
        }
        std::vector<std::string> missing;
        std::vector<std::string> unresolvable;
        for (const auto& candidate : schema_.types()) {
          if (candidate->kind != TypeKind::Object) continue;
          bool implements_it = std::any_of(candidate->interfaces.begin(), candidate->interfaces.end(),
                                           [&](const TypeMember& m) { return m.name == type->name; });
          if (!implements_it) continue;
          const AppliedDirective* matching = nullptr;
          for (const AppliedDirective* candidate_key : sg_.applications(candidate->directives, FedDirective::Key)) {
            const json::Value* candidate_fields = candidate_key->argument("fields");
            if (candidate_fields == nullptr || !candidate_fields->is_string()) continue;
            FieldSetResult other = parse_field_set(schema_, *candidate, candidate_fields->as_string(), options);
            if (!other.error && same_selections(parsed.field_set->root, other.field_set->root)) {
              matching = candidate_key;
              break;
            }
          }
          if (matching == nullptr) {
            missing.push_back(candidate->name);
          } else if (interface_resolvable) {
            const json::Value* flag = matching->argument("resolvable");
            if (flag != nullptr && flag->is_bool() && !flag->as_bool()) unresolvable.push_back(candidate->name);
          }
        }
        std::string key_text = directive_to_string(schema_, *key);
        if (!missing.empty()) {
          error("INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
                "Key " + key_text + " on interface type \"" + type->name + "\" is missing on implementation " +
                    type_names(missing) + ".",
                key->node);
        } else if (!unresolvable.empty()) {
          error("INTERFACE_KEY_NOT_ON_IMPLEMENTATION",
                "Key " + key_text + " on interface type \"" + type->name +
                    "\" should be resolvable on all implementation types, but is declared with argument "
                    "\"@key(resolvable:)\" set to false in " +
                    type_names(unresolvable) + ".",
                key->node);
        }
      }
    }
    return true;
  }

  void check_shareable_duplicates() {
    const std::string& name = sg_.name_of(FedDirective::Shareable);
    if (name.empty()) return;
    for (const auto& type : schema_.types()) {
      if (type->kind != TypeKind::Object) continue;
      std::map<int, int> per_block;
      for (const AppliedDirective& directive : type->directives) {
        if (directive.name == name) ++per_block[directive.extension];
      }
      if (std::any_of(per_block.begin(), per_block.end(), [](const auto& entry) { return entry.second > 1; })) {
        error("INVALID_SHAREABLE_USAGE",
              "Invalid duplicate application of @shareable on the same type declaration of \"" + type->name +
                  "\": @shareable is only repeatable on types so it can be used simultaneously on a type definition "
                  "and its extensions, but it should not be duplicated on the same definition/extension declaration",
              type->node);
      }
      for (const Field& field : type->fields) {
        auto count = std::count_if(field.directives.begin(), field.directives.end(),
                                   [&](const AppliedDirective& d) { return d.name == name; });
        if (count > 1) {
          error("INVALID_SHAREABLE_USAGE",
                "Invalid duplicate application of @shareable on field \"" + type->name + "." + field.name +
                    "\": @shareable is only repeatable on types so it can be used simultaneously on a type definition "
                    "and its extensions, but it should not be duplicated on the same definition/extension declaration",
                field.node);
        }
      }
    }
  }

  void check_list_size(const Application& where) {
    const Field& field = *where.field;
    std::string coordinate = where.type->name + "." + field.name;
    const AppliedDirective& directive = *where.directive;
    auto is_list = [](const TypeRef& type) { return type.nullable().is_list(); };
    const json::Value* sized = directive.argument("sizedFields");
    bool has_sized = sized != nullptr && sized->is_array() && !sized->as_array().empty();
    if (!has_sized && !is_list(field.type)) {
      error("LIST_SIZE_APPLIED_TO_NON_LIST", "\"" + coordinate + "\" is not a list", directive.node);
    }
    const json::Value* assumed = directive.argument("assumedSize");
    if (assumed != nullptr && assumed->is_number() && assumed->as_double() < 0) {
      error("LIST_SIZE_INVALID_ASSUMED_SIZE", "Assumed size of \"" + coordinate + "\" cannot be negative",
            directive.node);
    }
    if (const json::Value* slicing = directive.argument("slicingArguments");
        slicing != nullptr && slicing->is_array()) {
      for (const json::Value& name : slicing->as_array()) {
        if (!name.is_string()) continue;
        const InputValue* argument = field.find_argument(name.as_string());
        if (argument == nullptr) {
          error("LIST_SIZE_INVALID_SLICING_ARGUMENT",
                "Slicing argument \"" + name.as_string() + "\" is not an argument of \"" + coordinate + "\"",
                directive.node);
        } else if (argument->type.name != "Int" || argument->type.is_list() || argument->type.wrappers.size() > 1) {
          error("LIST_SIZE_INVALID_SLICING_ARGUMENT",
                "Slicing argument \"" + coordinate + "(" + argument->name + ":)\" must be Int or Int!", directive.node);
        }
      }
    }
    if (has_sized) {
      const Type* base = schema_.find_type(field.type.name);
      if (base == nullptr || !is_composite(schema_, base->name)) {
        error("LIST_SIZE_INVALID_SIZED_FIELD",
              "Sized fields cannot be used because \"" + field.type.to_string() + "\" is not a composite type",
              directive.node);
        return;
      }
      for (const json::Value& name : sized->as_array()) {
        if (!name.is_string()) continue;
        const Field* sized_field = base->find_field(name.as_string());
        if (sized_field == nullptr) {
          error("LIST_SIZE_INVALID_SIZED_FIELD",
                "Sized field \"" + name.as_string() + "\" is not a field on type \"" + base->name + "\"",
                directive.node);
        } else if (!is_list(sized_field->type)) {
          error("LIST_SIZE_APPLIED_TO_NON_LIST",
                "Sized field \"" + base->name + "." + sized_field->name + "\" is not a list", directive.node);
        }
      }
    }
  }

  const Subgraph& sg_;
  const Schema& schema_;
  Schema* renamable_ = nullptr;  // the subgraph's schema, when run() may rename its root types
  FederationErrors errors_;
  const SubgraphMetadata* metadata_ = nullptr;
  std::map<std::string, std::vector<const Type*>> contexts_;
};

}  // namespace

FederationErrors validate_schema_rules(const Schema& schema) {
  const Subgraph holder;
  return Validator(holder, schema).graphql_rules();
}

FederationErrors validate_subgraph(Subgraph& subgraph) {
  add_federation_operations(subgraph);
  FederationErrors errors = Validator(subgraph).run();
  prefix_errors(errors, subgraph.name);
  return errors;
}

}  // namespace junction::federation
