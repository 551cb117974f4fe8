#include "federation/api_schema.h"

#include <algorithm>
#include <functional>

#include "common/source.h"
#include "graphql/parser.h"
#include "validation/validate.h"

namespace junction::federation {

Features linked_features(const Schema& schema) {
  Features features;
  for (const AppliedDirective& directive : schema.schema_directives) {
    if (directive.name != "link" && directive.name != "core") continue;
    const json::Value* url = directive.argument(directive.name == "core" ? "feature" : "url");
    if (url == nullptr || !url->is_string()) continue;
    auto parsed = parse_feature_url(url->as_string());
    if (!parsed.ok()) continue;
    LinkedFeature feature;
    feature.url = *parsed;
    const json::Value* as = directive.argument("as");
    feature.alias = as != nullptr && as->is_string() ? as->as_string() : parsed->name;
    if (const json::Value* imports = directive.argument("import")) {
      std::vector<std::string> ignored;
      feature.imports = parse_imports(*imports, nullptr, ignored);
    }
    (void)features.add(std::move(feature));
  }
  return features;
}

namespace {

bool is_feature_type(const Features& features, std::string_view name) {
  for (const LinkedFeature& feature : features.list()) {
    if (name.size() > feature.alias.size() + 2 && name.substr(0, feature.alias.size()) == feature.alias &&
        name.substr(feature.alias.size(), 2) == "__") {
      return true;
    }
    for (const Import& import : feature.imports) {
      if (import.name[0] != '@' && import.name_in_schema() == name) return true;
    }
  }
  return false;
}

bool is_feature_directive(const Features& features, std::string_view name) {
  for (const LinkedFeature& feature : features.list()) {
    if (name == feature.alias) return true;
    if (name.size() > feature.alias.size() + 2 && name.substr(0, feature.alias.size()) == feature.alias &&
        name.substr(feature.alias.size(), 2) == "__") {
      return true;
    }
    for (const Import& import : feature.imports) {
      if (import.name[0] == '@' && import.name_in_schema() == "@" + std::string(name)) return true;
    }
  }
  return false;
}

class Validator {
 public:
  Validator(const Schema& schema, const Features& features, std::string inaccessible)
      : schema_(schema), features_(features), inaccessible_(std::move(inaccessible)) {}

  FederationErrors run() {
    for (const auto& type : schema_.types()) check_type(*type);
    for (const DirectiveDefinition& directive : schema_.directive_definitions()) check_directive(directive);
    return std::move(errors_);
  }

 private:
  bool marked(const Directives& directives) const {
    return std::any_of(directives.begin(), directives.end(),
                       [&](const AppliedDirective& d) { return d.name == inaccessible_; });
  }
  bool type_inaccessible(std::string_view name) const {
    const Type* type = schema_.find_type(name);
    return type != nullptr && marked(type->directives);
  }
  void error(std::string code, std::string message) {
    errors_.push_back(FederationError{std::move(code), std::move(message), {}, std::nullopt});
  }

  bool any_inaccessible_inside(const Type& type) const {
    if (marked(type.directives)) return true;
    for (const Field& field : type.fields) {
      if (marked(field.directives)) return true;
      for (const InputValue& argument : field.arguments) {
        if (marked(argument.directives)) return true;
      }
    }
    for (const InputValue& field : type.input_fields) {
      if (marked(field.directives)) return true;
    }
    for (const EnumValue& value : type.values) {
      if (marked(value.directives)) return true;
    }
    return false;
  }

  static bool required(const InputValue& value) { return value.type.is_non_null() && !value.default_value; }

  // Walks a default value along its type, calling `visit` for each input field or enum value
  // it mentions ("In.f" or "E.V").
  void default_references(const json::Value& value, const TypeRef& type,
                          const std::function<void(const std::string&)>& visit) const {
    TypeRef nullable = type.nullable();
    if (nullable.is_list()) {
      TypeRef item = nullable.of_type();
      if (value.is_array()) {
        for (const json::Value& element : value.as_array()) default_references(element, item, visit);
      } else {
        default_references(value, item, visit);
      }
      return;
    }
    const Type* named = schema_.find_type(nullable.name);
    if (named == nullptr) return;
    if (named->kind == TypeKind::InputObject && value.is_object()) {
      for (const json::Member& member : value.as_object()) {
        const InputValue* field = named->find_input_field(member.key);
        if (field == nullptr) continue;
        visit(named->name + "." + field->name);
        default_references(member.value, field->type, visit);
      }
    } else if (named->kind == TypeKind::Enum && value.is_string()) {
      if (named->find_value(value.as_string()) != nullptr) visit(named->name + "." + value.as_string());
    }
  }

  // Elements in the API whose default value mentions `coordinate`.
  std::vector<std::string> default_referencers(const std::string& coordinate) const {
    std::vector<std::string> out;
    auto check = [&](const InputValue& value, const std::string& where, bool in_api) {
      if (!value.default_value || !in_api || marked(value.directives)) return;
      bool found = false;
      default_references(*value.default_value, value.type, [&](const std::string& c) {
        if (c == coordinate) found = true;
      });
      if (found) out.push_back(where);
    };
    for (const auto& type : schema_.types()) {
      bool type_in_api = !marked(type->directives);
      for (const Field& field : type->fields) {
        bool field_in_api = type_in_api && !marked(field.directives);
        for (const InputValue& argument : field.arguments) {
          check(argument, type->name + "." + field.name + "(" + argument.name + ":)", field_in_api);
        }
      }
      for (const InputValue& field : type->input_fields) check(field, type->name + "." + field.name, type_in_api);
    }
    for (const DirectiveDefinition& directive : schema_.directive_definitions()) {
      for (const InputValue& argument : directive.arguments) {
        check(argument, "@" + directive.name + "(" + argument.name + ":)", true);
      }
    }
    return out;
  }

  void check_type(const Type& type) {
    if (is_feature_type(features_, type.name)) {
      if (any_inaccessible_inside(type)) {
        error("DISALLOWED_INACCESSIBLE", "Core feature type \"" + type.name + "\" cannot use @inaccessible.");
      }
      return;
    }
    if (is_builtin_scalar(type.name)) {
      if (any_inaccessible_inside(type)) {
        error("DISALLOWED_INACCESSIBLE", "Built-in type \"" + type.name + "\" cannot use @inaccessible.");
      }
      return;
    }
    if (marked(type.directives)) {
      for (const auto& other : schema_.types()) {
        bool other_in_api = !marked(other->directives);
        for (const Field& field : other->fields) {
          bool field_in_api = other_in_api && !marked(field.directives);
          if (field.type.name == type.name && field_in_api) {
            error("REFERENCED_INACCESSIBLE", "Type \"" + type.name + "\" is @inaccessible but is referenced by \"" +
                                                 other->name + "." + field.name + "\", which is in the API schema.");
          }
          for (const InputValue& argument : field.arguments) {
            if (argument.type.name == type.name && field_in_api && !marked(argument.directives)) {
              error("REFERENCED_INACCESSIBLE", "Type \"" + type.name + "\" is @inaccessible but is referenced by \"" +
                                                   other->name + "." + field.name + "(" + argument.name +
                                                   ":)\", which is in the API schema.");
            }
          }
        }
        for (const InputValue& field : other->input_fields) {
          if (field.type.name == type.name && other_in_api && !marked(field.directives)) {
            error("REFERENCED_INACCESSIBLE", "Type \"" + type.name + "\" is @inaccessible but is referenced by \"" +
                                                 other->name + "." + field.name + "\", which is in the API schema.");
          }
        }
      }
      for (const DirectiveDefinition& directive : schema_.directive_definitions()) {
        for (const InputValue& argument : directive.arguments) {
          if (argument.type.name == type.name && !marked(argument.directives)) {
            error("REFERENCED_INACCESSIBLE", "Type \"" + type.name + "\" is @inaccessible but is referenced by \"@" +
                                                 directive.name + "(" + argument.name +
                                                 ":)\", which is in the API schema.");
          }
        }
      }
      const RootType* query = schema_.root(graphql::OperationType::Query);
      if (query != nullptr && query->type == type.name) {
        error(
            "QUERY_ROOT_TYPE_INACCESSIBLE",
            "Type \"" + type.name + "\" is @inaccessible but is the root query type, which must be in the API schema.");
      }
      return;
    }
    switch (type.kind) {
      case TypeKind::Object:
      case TypeKind::Interface: check_fields(type); break;
      case TypeKind::InputObject:
        if (!type.input_fields.empty() && std::all_of(type.input_fields.begin(), type.input_fields.end(),
                                                      [&](const InputValue& f) { return marked(f.directives); })) {
          error("ONLY_INACCESSIBLE_CHILDREN",
                "Type \"" + type.name + "\" is in the API schema but all of its input fields are @inaccessible.");
        }
        for (const InputValue& field : type.input_fields) {
          if (!marked(field.directives)) continue;
          std::string coordinate = type.name + "." + field.name;
          if (required(field)) {
            error("REQUIRED_INACCESSIBLE",
                  "Input field \"" + coordinate + "\" is @inaccessible but is a required input field of its type.");
          }
          for (const std::string& referencer : default_referencers(coordinate)) {
            error("DEFAULT_VALUE_USES_INACCESSIBLE", "Input field \"" + coordinate +
                                                         "\" is @inaccessible but is used in the default value of \"" +
                                                         referencer + "\", which is in the API schema.");
          }
        }
        break;
      case TypeKind::Union:
        if (!type.members.empty() && std::all_of(type.members.begin(), type.members.end(),
                                                 [&](const TypeMember& m) { return type_inaccessible(m.name); })) {
          error("ONLY_INACCESSIBLE_CHILDREN",
                "Type \"" + type.name + "\" is in the API schema but all of its members are @inaccessible.");
        }
        break;
      case TypeKind::Enum:
        if (!type.values.empty() && std::all_of(type.values.begin(), type.values.end(),
                                                [&](const EnumValue& v) { return marked(v.directives); })) {
          error("ONLY_INACCESSIBLE_CHILDREN",
                "Type \"" + type.name + "\" is in the API schema but all of its values are @inaccessible.");
        }
        for (const EnumValue& value : type.values) {
          if (!marked(value.directives)) continue;
          std::string coordinate = type.name + "." + value.name;
          for (const std::string& referencer : default_referencers(coordinate)) {
            error("DEFAULT_VALUE_USES_INACCESSIBLE", "Enum value \"" + coordinate +
                                                         "\" is @inaccessible but is used in the default value of \"" +
                                                         referencer + "\", which is in the API schema.");
          }
        }
        break;
      case TypeKind::Scalar: break;
    }
  }

  void check_fields(const Type& type) {
    if (!type.fields.empty() &&
        std::all_of(type.fields.begin(), type.fields.end(), [&](const Field& f) { return marked(f.directives); })) {
      error("ONLY_INACCESSIBLE_CHILDREN",
            "Type \"" + type.name + "\" is in the API schema but all of its fields are @inaccessible.");
    }
    for (const Field& field : type.fields) {
      std::string coordinate = type.name + "." + field.name;
      if (marked(field.directives)) {
        for (const TypeMember& implemented : type.interfaces) {
          const Type* interface_type = schema_.find_type(implemented.name);
          if (interface_type == nullptr || marked(interface_type->directives)) continue;
          const Field* interface_field = interface_type->find_field(field.name);
          if (interface_field != nullptr && !marked(interface_field->directives)) {
            error("IMPLEMENTED_BY_INACCESSIBLE",
                  "Field \"" + coordinate + "\" is @inaccessible but implements the interface field \"" +
                      implemented.name + "." + field.name + "\", which is in the API schema.");
          }
        }
        continue;
      }
      for (const InputValue& argument : field.arguments) {
        if (!marked(argument.directives)) continue;
        std::string argument_coordinate = coordinate + "(" + argument.name + ":)";
        if (required(argument)) {
          error("REQUIRED_INACCESSIBLE",
                "Argument \"" + argument_coordinate + "\" is @inaccessible but is a required argument of its field.");
        }
        if (type.kind == TypeKind::Interface) {
          for (const auto& other : schema_.types()) {
            bool implements_it = std::any_of(other->interfaces.begin(), other->interfaces.end(),
                                             [&](const TypeMember& m) { return m.name == type.name; });
            if (!implements_it || marked(other->directives)) continue;
            const Field* implementation = other->find_field(field.name);
            if (implementation == nullptr || marked(implementation->directives)) continue;
            const InputValue* same = implementation->find_argument(argument.name);
            if (same != nullptr && !marked(same->directives) && required(*same)) {
              error("REQUIRED_INACCESSIBLE", "Argument \"" + argument_coordinate +
                                                 "\" is @inaccessible but is implemented by the required argument \"" +
                                                 other->name + "." + field.name + "(" + argument.name +
                                                 ":)\", which is in the API schema.");
            }
          }
        }
        for (const TypeMember& implemented : type.interfaces) {
          const Type* interface_type = schema_.find_type(implemented.name);
          if (interface_type == nullptr || marked(interface_type->directives)) continue;
          const Field* interface_field = interface_type->find_field(field.name);
          if (interface_field == nullptr || marked(interface_field->directives)) continue;
          const InputValue* same = interface_field->find_argument(argument.name);
          if (same != nullptr && !marked(same->directives)) {
            error("IMPLEMENTED_BY_INACCESSIBLE",
                  "Argument \"" + argument_coordinate + "\" is @inaccessible but implements the interface argument \"" +
                      implemented.name + "." + field.name + "(" + argument.name + ":)\", which is in the API schema.");
          }
        }
      }
    }
  }

  void check_directive(const DirectiveDefinition& directive) {
    bool any = std::any_of(directive.arguments.begin(), directive.arguments.end(),
                           [&](const InputValue& a) { return marked(a.directives); });
    if (!any) return;
    if (builtin_directive(directive.name) != nullptr) {
      error("DISALLOWED_INACCESSIBLE", "Built-in directive \"@" + directive.name + "\" cannot use @inaccessible.");
      return;
    }
    if (is_feature_directive(features_, directive.name)) {
      error("DISALLOWED_INACCESSIBLE", "Core feature directive \"@" + directive.name + "\" cannot use @inaccessible.");
      return;
    }
    std::vector<std::string> type_system;
    for (const std::string& location : directive.locations) {
      bool executable = false;
      for (std::string_view candidate : {"QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION",
                                         "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION"}) {
        if (location == candidate) executable = true;
      }
      if (!executable) type_system.push_back(location);
    }
    if (!type_system.empty()) {
      std::string locations;
      for (size_t i = 0; i < type_system.size(); ++i) locations += (i != 0 ? ", " : "") + type_system[i];
      error("DISALLOWED_INACCESSIBLE", "Directive \"@" + directive.name +
                                           "\" cannot use @inaccessible because it may be applied to these type-system "
                                           "locations: " +
                                           locations + ".");
      return;
    }
    for (const InputValue& argument : directive.arguments) {
      if (marked(argument.directives) && required(argument)) {
        error("REQUIRED_INACCESSIBLE", "Argument \"@" + directive.name + "(" + argument.name +
                                           ":)\" is @inaccessible but is a required argument of its directive.");
      }
    }
  }

  const Schema& schema_;
  const Features& features_;
  std::string inaccessible_;
  FederationErrors errors_;
};

void strip(Directives& directives, const std::function<bool(const std::string&)>& remove) {
  directives.erase(
      std::remove_if(directives.begin(), directives.end(), [&](const AppliedDirective& d) { return remove(d.name); }),
      directives.end());
}

}  // namespace

ApiSchemaResult to_api_schema(const Schema& supergraph) {
  ApiSchemaResult result;
  Features features = linked_features(supergraph);
  std::string inaccessible;
  if (const LinkedFeature* feature = features.by_identity(std::string(kSpecsPrefix) + "inaccessible")) {
    inaccessible = feature->directive_name_in_schema("inaccessible");
  }
  if (!inaccessible.empty()) {
    result.errors = Validator(supergraph, features, inaccessible).run();
    if (!result.errors.empty()) return result;
  }
  Schema api = supergraph;
  auto marked = [&](const Directives& directives) {
    return !inaccessible.empty() && std::any_of(directives.begin(), directives.end(),
                                                [&](const AppliedDirective& d) { return d.name == inaccessible; });
  };
  for (const char* custom : {"defer", "stream"}) api.remove_directive_definition(custom);
  std::vector<std::string> hidden;
  for (const auto& type : api.types()) {
    if (marked(type->directives)) hidden.push_back(type->name);
  }
  for (const std::string& name : hidden) api.remove_type(name);
  auto is_hidden = [&](const std::string& name) {
    return std::find(hidden.begin(), hidden.end(), name) != hidden.end();
  };
  std::vector<std::string> feature_types;
  for (const auto& type : api.types()) {
    if (is_feature_type(features, type->name)) feature_types.push_back(type->name);
  }
  for (const std::string& name : feature_types) api.remove_type(name);
  auto removed_directive = [&](const std::string& name) {
    return name.rfind("join__", 0) == 0 || is_feature_directive(features, name);
  };
  for (const auto& owned : api.types()) {
    Type* type = api.find_type(owned->name);
    type->members.erase(std::remove_if(type->members.begin(), type->members.end(),
                                       [&](const TypeMember& m) { return is_hidden(m.name); }),
                        type->members.end());
    type->interfaces.erase(std::remove_if(type->interfaces.begin(), type->interfaces.end(),
                                          [&](const TypeMember& m) { return is_hidden(m.name); }),
                           type->interfaces.end());
    type->fields.erase(
        std::remove_if(type->fields.begin(), type->fields.end(), [&](const Field& f) { return marked(f.directives); }),
        type->fields.end());
    for (Field& field : type->fields) {
      field.arguments.erase(std::remove_if(field.arguments.begin(), field.arguments.end(),
                                           [&](const InputValue& a) { return marked(a.directives); }),
                            field.arguments.end());
      strip(field.directives, removed_directive);
      for (InputValue& argument : field.arguments) strip(argument.directives, removed_directive);
    }
    type->input_fields.erase(std::remove_if(type->input_fields.begin(), type->input_fields.end(),
                                            [&](const InputValue& f) { return marked(f.directives); }),
                             type->input_fields.end());
    for (InputValue& field : type->input_fields) strip(field.directives, removed_directive);
    type->values.erase(std::remove_if(type->values.begin(), type->values.end(),
                                      [&](const EnumValue& v) { return marked(v.directives); }),
                       type->values.end());
    for (EnumValue& value : type->values) strip(value.directives, removed_directive);
    strip(type->directives, removed_directive);
  }
  std::vector<std::string> feature_directives;
  for (DirectiveDefinition& directive : api.directive_definitions()) {
    directive.arguments.erase(std::remove_if(directive.arguments.begin(), directive.arguments.end(),
                                             [&](const InputValue& a) { return marked(a.directives); }),
                              directive.arguments.end());
    for (InputValue& argument : directive.arguments) strip(argument.directives, removed_directive);
    if (removed_directive(directive.name)) feature_directives.push_back(directive.name);
  }
  for (const std::string& name : feature_directives) api.remove_directive_definition(name);
  strip(api.schema_directives, removed_directive);
  result.schema = std::move(api);
  return result;
}

Result<BuiltApiSchema> build_api_schema(const Schema& supergraph, const std::string& name) {
  ApiSchemaResult api = to_api_schema(supergraph);
  if (!api.schema) {
    std::string message = name + ": the supergraph does not produce a valid API schema";
    for (const auto& problem : api.errors) message += "\n  error[" + problem.code + "]: " + problem.message;
    return Error(message);
  }
  PrintOptions print_options;
  print_options.sort_definitions = true;
  BuiltApiSchema built;
  built.sdl = print_model(*api.schema, print_options);
  auto document = graphql::parse(Source::make(name + " (API schema)", built.sdl));
  if (!document.ok()) return Error(name + ": API schema: " + document.error().message());
  auto schema = validation::build_schema(std::make_shared<const graphql::Document>(std::move(document).value()));
  if (!schema.ok()) return Error(name + ": API schema: " + schema.error().message());
  built.schema = std::move(schema).value();
  return built;
}

}  // namespace junction::federation
