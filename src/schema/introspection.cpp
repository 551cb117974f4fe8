#include "schema/introspection.h"

#include <unordered_map>
#include <utility>
#include <vector>

#include "common/assert.h"
#include "graphql/parser.h"
#include "schema/values.h"

namespace junction::schema {
namespace {

// A value the introspection types describe.
struct Object {
  enum class Kind : uint8_t { Root, Schema, Type, Field, InputValue, EnumValue, Directive };
  Kind kind = Kind::Root;
  const void* pointer = nullptr;

  [[nodiscard]] std::string_view type_name(const Schema& schema) const {
    switch (kind) {
      case Kind::Root: return schema.query_type() != nullptr ? schema.query_type()->name : "Query";
      case Kind::Schema: return "__Schema";
      case Kind::Type: return "__Type";
      case Kind::Field: return "__Field";
      case Kind::InputValue: return "__InputValue";
      case Kind::EnumValue: return "__EnumValue";
      case Kind::Directive: return "__Directive";
    }
    return "";
  }
};

using FieldGroup = std::pair<std::string_view, std::vector<const graphql::Field*>>;

class Executor {
 public:
  Executor(const Schema& schema, const graphql::Document& document, const json::Value& variables)
      : schema_(schema), variables_(variables) {
    for (const graphql::Definition* definition : document.definitions()) {
      if (const auto* fragment = graphql::as<graphql::FragmentDefinition>(definition)) {
        fragments_.emplace(fragment->name, fragment);
      }
    }
  }

  json::Value execute(const Object& object, const std::vector<const graphql::SelectionSet*>& sets) {
    std::vector<FieldGroup> groups;
    std::vector<std::string_view> visited;
    for (const graphql::SelectionSet* set : sets) collect(object, set, groups, visited);
    json::Value result = json::Value::object();
    for (const auto& [key, fields] : groups) {
      const graphql::Field* first = fields.front();
      if (first->name == "__typename") {
        result.set(key, object.type_name(schema_));
        continue;
      }
      auto value = resolve(object, first);
      if (!value) continue;  // not an introspection field
      result.set(key, complete(*value, fields));
    }
    return result;
  }

 private:
  // A resolved value before its sub-selection is applied.
  struct Resolved {
    json::Value scalar;            // when leaf
    std::vector<Object> objects;   // when a list of objects
    std::optional<Object> object;  // when one object
    bool is_list = false;
    bool is_null = false;
  };

  json::Value complete(const Resolved& value, const std::vector<const graphql::Field*>& fields) {
    if (value.is_null) return json::Value();
    if (!value.object && !value.is_list) return value.scalar;
    std::vector<const graphql::SelectionSet*> sets;
    for (const graphql::Field* field : fields) {
      if (field->selection_set != nullptr) sets.push_back(field->selection_set);
    }
    if (value.object) return execute(*value.object, sets);
    json::Value::Array items;
    items.reserve(value.objects.size());
    for (const Object& object : value.objects) items.push_back(execute(object, sets));
    return json::Value(std::move(items));
  }

  [[nodiscard]] bool directive_says(const graphql::Directive* directive) const {
    for (const graphql::Argument* argument : directive->arguments) {
      if (argument->name != "if") continue;
      auto value = value_from_ast(argument->value, &builtin_type("Boolean")->ref, &variables_);
      return value && value->is_bool() && value->as_bool();
    }
    return false;
  }
  [[nodiscard]] bool included(graphql::List<graphql::Directive> directives) const {
    for (const graphql::Directive* directive : directives) {
      if (directive->name == "skip" && directive_says(directive)) return false;
      if (directive->name == "include" && !directive_says(directive)) return false;
    }
    return true;
  }

  [[nodiscard]] bool condition_matches(const graphql::NamedType* condition, const Object& object) const {
    if (condition == nullptr) return true;
    std::string_view runtime = object.type_name(schema_);
    if (condition->name == runtime) return true;
    const NamedType* condition_type = schema_.find_type(condition->name);
    const NamedType* runtime_type = schema_.find_type(runtime);
    return condition_type != nullptr && runtime_type != nullptr && condition_type->is_abstract() &&
           schema_.is_sub_type(condition_type, runtime_type);
  }

  void collect(const Object& object, const graphql::SelectionSet* set, std::vector<FieldGroup>& groups,
               std::vector<std::string_view>& visited) {
    for (const graphql::Selection* selection : set->selections) {
      switch (selection->kind) {
        case graphql::Kind::Field: {
          const auto* field = static_cast<const graphql::Field*>(selection);
          if (!included(field->directives)) break;
          std::string_view key = field->response_key();
          auto it = std::find_if(groups.begin(), groups.end(), [&](const FieldGroup& g) { return g.first == key; });
          if (it == groups.end()) {
            groups.push_back({key, {field}});
          } else {
            it->second.push_back(field);
          }
          break;
        }
        case graphql::Kind::InlineFragment: {
          const auto* fragment = static_cast<const graphql::InlineFragment*>(selection);
          if (!included(fragment->directives) || !condition_matches(fragment->type_condition, object)) break;
          collect(object, fragment->selection_set, groups, visited);
          break;
        }
        case graphql::Kind::FragmentSpread: {
          const auto* spread = static_cast<const graphql::FragmentSpread*>(selection);
          if (!included(spread->directives)) break;
          if (std::find(visited.begin(), visited.end(), spread->name) != visited.end()) break;
          visited.push_back(spread->name);
          auto it = fragments_.find(spread->name);
          if (it == fragments_.end() || !condition_matches(it->second->type_condition, object)) break;
          collect(object, it->second->selection_set, groups, visited);
          break;
        }
        default: break;
      }
    }
  }

  // The value of an argument: the literal or variable given, else the definition's default.
  json::Value argument(const graphql::Field* field, const Object& object, std::string_view name) {
    const NamedType* type = builtin_type(object.type_name(schema_));
    const Field* definition = nullptr;
    if (object.kind == Object::Kind::Root) {
      definition = field->name == "__type" ? Schema::type_meta_field() : nullptr;
    } else if (type != nullptr) {
      definition = type->find_field(field->name);
    }
    const InputValue* argument_definition = definition != nullptr ? definition->find_argument(name) : nullptr;
    for (const graphql::Argument* given : field->arguments) {
      if (given->name != name || argument_definition == nullptr) continue;
      if (given->value->kind == graphql::Kind::Variable &&
          variables_.find(static_cast<const graphql::Variable*>(given->value)->name) == nullptr) {
        break;  // an unset variable falls back to the default
      }
      auto value = value_from_ast(given->value, argument_definition->type, &variables_);
      if (value) return *value;
    }
    if (argument_definition != nullptr && argument_definition->default_value) {
      return *argument_definition->default_value;
    }
    return json::Value();
  }

  bool include_deprecated(const graphql::Field* field, const Object& object) {
    json::Value value = argument(field, object, "includeDeprecated");
    return value.is_bool() && value.as_bool();
  }

  static Resolved null_value() {
    Resolved r;
    r.is_null = true;
    return r;
  }
  static Resolved leaf(json::Value value) {
    Resolved r;
    r.is_null = value.is_null();
    r.scalar = std::move(value);
    return r;
  }
  static Resolved optional_string(const std::optional<std::string_view>& value) {
    return value ? leaf(json::Value(*value)) : null_value();
  }
  static Resolved one(Object::Kind kind, const void* pointer) {
    if (pointer == nullptr) return null_value();
    Resolved r;
    r.object = Object{kind, pointer};
    return r;
  }
  static Resolved many(std::vector<Object> objects) {
    Resolved r;
    r.is_list = true;
    r.objects = std::move(objects);
    return r;
  }
  template <class T>
  static Resolved list_of(Object::Kind kind, const std::vector<T>& items, bool include_deprecated) {
    std::vector<Object> objects;
    for (const T& item : items) {
      if (include_deprecated || !item.deprecation_reason) objects.push_back({kind, &item});
    }
    return many(std::move(objects));
  }
  static Resolved types_of(const std::vector<const NamedType*>& types) {
    std::vector<Object> objects;
    for (const NamedType* type : types) objects.push_back({Object::Kind::Type, &type->ref});
    return many(std::move(objects));
  }
  static Resolved deprecation(const std::optional<std::string_view>& reason, bool is_flag) {
    if (is_flag) return leaf(json::Value(reason.has_value()));
    return optional_string(reason);
  }

  std::optional<Resolved> resolve(const Object& object, const graphql::Field* field) {
    std::string_view name = field->name;
    switch (object.kind) {
      case Object::Kind::Root:
        if (name == "__schema") return one(Object::Kind::Schema, &schema_);
        if (name == "__type") {
          json::Value type_name = argument(field, object, "name");
          const NamedType* type = type_name.is_string() ? schema_.find_type(type_name.as_string()) : nullptr;
          return type == nullptr ? null_value() : one(Object::Kind::Type, &type->ref);
        }
        return std::nullopt;
      case Object::Kind::Schema: {
        if (name == "description") return optional_string(schema_.description());
        if (name == "types") {
          std::vector<Object> objects;
          for (const NamedType* type : schema_.types()) objects.push_back({Object::Kind::Type, &type->ref});
          return many(std::move(objects));
        }
        auto root = [&](const NamedType* type) {
          return type == nullptr ? null_value() : one(Object::Kind::Type, &type->ref);
        };
        if (name == "queryType") return root(schema_.query_type());
        if (name == "mutationType") return root(schema_.mutation_type());
        if (name == "subscriptionType") return root(schema_.subscription_type());
        if (name == "directives") {
          bool all = include_deprecated(field, object);
          std::vector<Object> objects;
          for (const Directive* directive : schema_.directives()) {
            if (all || !directive->deprecation_reason) objects.push_back({Object::Kind::Directive, directive});
          }
          return many(std::move(objects));
        }
        return null_value();
      }
      case Object::Kind::Type: return resolve_type(*static_cast<const Type*>(object.pointer), field, object);
      case Object::Kind::Field: {
        const auto& f = *static_cast<const Field*>(object.pointer);
        if (name == "name") return leaf(json::Value(f.name));
        if (name == "description") return optional_string(f.description);
        if (name == "args") return list_of(Object::Kind::InputValue, f.arguments, include_deprecated(field, object));
        if (name == "type") return one(Object::Kind::Type, f.type);
        if (name == "isDeprecated") return deprecation(f.deprecation_reason, true);
        if (name == "deprecationReason") return deprecation(f.deprecation_reason, false);
        return null_value();
      }
      case Object::Kind::InputValue: {
        const auto& v = *static_cast<const InputValue*>(object.pointer);
        if (name == "name") return leaf(json::Value(v.name));
        if (name == "description") return optional_string(v.description);
        if (name == "type") return one(Object::Kind::Type, v.type);
        if (name == "defaultValue") {
          if (!v.default_value) return null_value();
          auto literal = print_value_literal(*v.default_value, v.type);
          return literal ? leaf(json::Value(*literal)) : null_value();
        }
        if (name == "isDeprecated") return deprecation(v.deprecation_reason, true);
        if (name == "deprecationReason") return deprecation(v.deprecation_reason, false);
        return null_value();
      }
      case Object::Kind::EnumValue: {
        const auto& v = *static_cast<const EnumValue*>(object.pointer);
        if (name == "name") return leaf(json::Value(v.name));
        if (name == "description") return optional_string(v.description);
        if (name == "isDeprecated") return deprecation(v.deprecation_reason, true);
        if (name == "deprecationReason") return deprecation(v.deprecation_reason, false);
        return null_value();
      }
      case Object::Kind::Directive: {
        const auto& d = *static_cast<const Directive*>(object.pointer);
        if (name == "name") return leaf(json::Value(d.name));
        if (name == "description") return optional_string(d.description);
        if (name == "isRepeatable") return leaf(json::Value(d.repeatable));
        if (name == "locations") {
          json::Value::Array locations;
          for (DirectiveLocation location : d.locations) locations.emplace_back(directive_location_name(location));
          return leaf(json::Value(std::move(locations)));
        }
        if (name == "args") return list_of(Object::Kind::InputValue, d.arguments, include_deprecated(field, object));
        if (name == "isDeprecated") return deprecation(d.deprecation_reason, true);
        if (name == "deprecationReason") return deprecation(d.deprecation_reason, false);
        return null_value();
      }
    }
    return null_value();
  }

  Resolved resolve_type(const Type& type, const graphql::Field* field, const Object& object) {
    std::string_view name = field->name;
    if (name == "kind") {
      if (type.is_list()) return leaf(json::Value("LIST"));
      if (type.is_non_null()) return leaf(json::Value("NON_NULL"));
      return leaf(json::Value(type_kind_name(type.named->kind)));
    }
    if (name == "ofType") return type.is_named() ? null_value() : one(Object::Kind::Type, type.of_type);
    if (!type.is_named()) return null_value();
    const NamedType& named = *type.named;
    if (name == "name") return leaf(json::Value(named.name));
    if (name == "description") return optional_string(named.description);
    if (name == "specifiedByURL") {
      return named.kind == TypeKind::Scalar ? optional_string(named.specified_by_url) : null_value();
    }
    if (name == "fields") {
      if (named.kind != TypeKind::Object && named.kind != TypeKind::Interface) return null_value();
      return list_of(Object::Kind::Field, named.fields, include_deprecated(field, object));
    }
    if (name == "interfaces") {
      if (named.kind != TypeKind::Object && named.kind != TypeKind::Interface) return null_value();
      return types_of(named.interfaces);
    }
    if (name == "possibleTypes") {
      if (!named.is_abstract()) return null_value();
      auto possible = schema_.possible_types(&named);
      return types_of(std::vector<const NamedType*>(possible.begin(), possible.end()));
    }
    if (name == "enumValues") {
      if (named.kind != TypeKind::Enum) return null_value();
      return list_of(Object::Kind::EnumValue, named.values, include_deprecated(field, object));
    }
    if (name == "inputFields") {
      if (named.kind != TypeKind::InputObject) return null_value();
      return list_of(Object::Kind::InputValue, named.input_fields, include_deprecated(field, object));
    }
    if (name == "isOneOf") {
      return named.kind == TypeKind::InputObject ? leaf(json::Value(named.one_of)) : null_value();
    }
    return null_value();
  }

  const Schema& schema_;
  const json::Value& variables_;
  std::unordered_map<std::string_view, const graphql::FragmentDefinition*> fragments_;
};

}  // namespace

std::string introspection_query(const IntrospectionOptions& options) {
  std::string description = options.descriptions ? "description" : "";
  std::string input_deprecation = options.input_value_deprecation ? "(includeDeprecated: true)" : "";
  std::string query = "query IntrospectionQuery {\n  __schema {\n";
  if (options.schema_description) query += "    " + description + "\n";
  query += "    queryType { name kind }\n    mutationType { name kind }\n    subscriptionType { name kind }\n";
  query += "    types { ...FullType }\n    directives {\n      name\n      " + description + "\n";
  if (options.directive_is_repeatable) query += "      isRepeatable\n";
  query += "      locations\n      args" + input_deprecation + " { ...InputValue }\n    }\n  }\n}\n\n";
  query += "fragment FullType on __Type {\n  kind\n  name\n  " + description + "\n";
  if (options.specified_by_url) query += "  specifiedByURL\n";
  if (options.one_of) query += "  isOneOf\n";
  query += "  fields(includeDeprecated: true) {\n    name\n    " + description + "\n    args" + input_deprecation +
           " { ...InputValue }\n    type { ...TypeRef }\n    isDeprecated\n    deprecationReason\n  }\n";
  query += "  inputFields" + input_deprecation + " { ...InputValue }\n  interfaces { ...TypeRef }\n";
  query += "  enumValues(includeDeprecated: true) {\n    name\n    " + description +
           "\n    isDeprecated\n    deprecationReason\n  }\n  possibleTypes { ...TypeRef }\n}\n\n";
  query +=
      "fragment InputValue on __InputValue {\n  name\n  " + description + "\n  type { ...TypeRef }\n  defaultValue\n";
  if (options.input_value_deprecation) query += "  isDeprecated\n  deprecationReason\n";
  query += "}\n\nfragment TypeRef on __Type {\n  kind\n  name\n";
  // Nine levels of ofType, as graphql-js's default typeDepth.
  std::string close;
  for (int depth = 0; depth < 9; ++depth) {
    std::string pad(static_cast<size_t>(2 * (depth + 1)), ' ');
    query += pad + "ofType {\n" + pad + "  name\n" + pad + "  kind\n";
    close = pad + "}\n" + close;
  }
  query += close + "}\n";
  return query;
}

json::Value execute_introspection(const Schema& schema, const graphql::Document& document,
                                  const graphql::OperationDefinition& operation, const json::Value& variables) {
  Executor executor(schema, document, variables);
  return executor.execute(Object{}, {operation.selection_set});
}

json::Value introspect(const Schema& schema, const IntrospectionOptions& options) {
  auto parsed = graphql::parse(introspection_query(options), "IntrospectionQuery");
  JN_CHECK(parsed.ok());
  const graphql::Document& document = *parsed;
  const auto* operation = graphql::as<graphql::OperationDefinition>(document.definitions().front());
  json::Value result = json::Value::object();
  result.set("data", execute_introspection(schema, document, *operation, json::Value::object()));
  return result;
}

}  // namespace junction::schema
