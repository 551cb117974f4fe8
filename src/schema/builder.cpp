// Builds a Schema from a type-system document, following graphql-js buildASTSchema /
// extendSchemaImpl: definitions merged with their extensions, standard types shared, the
// type map ordered the way GraphQLSchema's constructor orders it.
#include <unordered_set>

#include "graphql/printer.h"
#include "schema/schema.h"
#include "schema/values.h"

namespace junction::schema {

namespace detail {
Result<std::shared_ptr<const Schema>> build_builtins(const std::shared_ptr<const graphql::Document>& document);
}  // namespace detail

class SchemaBuilder {
 public:
  explicit SchemaBuilder(bool builtins) : builtins_(builtins), schema_(std::make_shared<Schema>()) {}

  Result<std::shared_ptr<const Schema>> build(const std::shared_ptr<const graphql::Document>& document);

 private:
  using Directives = graphql::List<graphql::Directive>;

  void fail(std::string message, const graphql::Node* node) {
    if (!error_) error_ = Diagnostic{std::move(message), {}};
    if (node != nullptr && document_ != nullptr && error_->locations.empty()) {
      error_->locations.push_back(document_->locate(node));
    }
  }

  const NamedType* lookup(graphql::Name name) const {
    if (!builtins_) {
      if (const NamedType* builtin = builtin_type(name)) return builtin;
    }
    auto it = type_map_.find(name);
    return it == type_map_.end() ? nullptr : it->second;
  }

  const Type* wrap(const graphql::TypeRef* ref) {
    switch (ref->kind) {
      case graphql::Kind::NamedType: {
        const auto* named_ref = static_cast<const graphql::NamedType*>(ref);
        const NamedType* named = lookup(named_ref->name);
        if (named == nullptr) {
          fail("Unknown type: \"" + std::string(named_ref->name) + "\".", ref);
          return &builtin_type("String")->ref;  // keeps building; the error is reported
        }
        return &named->ref;
      }
      case graphql::Kind::ListType:
        return schema_->arena_.make<Type>(Type::Wrapper::List, wrap(static_cast<const graphql::ListType*>(ref)->type),
                                          nullptr);
      default:
        return schema_->arena_.make<Type>(Type::Wrapper::NonNull,
                                          wrap(static_cast<const graphql::NonNullType*>(ref)->type), nullptr);
    }
  }

  static std::optional<std::string_view> description_of(const graphql::StringValue* description) {
    if (description == nullptr) return std::nullopt;
    return description->value;
  }

  static const graphql::Directive* find_directive(Directives directives, std::string_view name) {
    for (const graphql::Directive* directive : directives) {
      if (directive->name == name) return directive;
    }
    return nullptr;
  }
  static const graphql::Argument* find_argument(const graphql::Directive* directive, std::string_view name) {
    const graphql::Argument* found = nullptr;
    for (const graphql::Argument* argument : directive->arguments) {
      if (argument->name == name) found = argument;  // the last one wins, as in graphql-js
    }
    return found;
  }

  // graphql-js getDeprecationReason: the reason of the first @deprecated, its default when
  // the argument is absent, nothing for @deprecated(reason: null).
  std::optional<std::string_view> deprecation_reason(Directives directives) {
    const graphql::Directive* deprecated = find_directive(directives, "deprecated");
    if (deprecated == nullptr) return std::nullopt;
    const graphql::Argument* reason = find_argument(deprecated, "reason");
    if (reason == nullptr) return std::string_view("No longer supported");
    if (reason->value->kind == graphql::Kind::NullValue) return std::nullopt;
    if (reason->value->kind == graphql::Kind::StringValue) {
      return static_cast<const graphql::StringValue*>(reason->value)->value;
    }
    fail("Argument \"reason\" has invalid value " + graphql::print(reason->value) + ".", reason->value);
    return std::nullopt;
  }

  std::optional<std::string_view> specified_by_url(Directives directives) {
    const graphql::Directive* specified_by = find_directive(directives, "specifiedBy");
    if (specified_by == nullptr) return std::nullopt;
    const graphql::Argument* url = find_argument(specified_by, "url");
    if (url == nullptr) {
      fail("Argument \"url\" of required type \"String!\" was not provided.", specified_by);
      return std::nullopt;
    }
    if (url->value->kind == graphql::Kind::StringValue) {
      return static_cast<const graphql::StringValue*>(url->value)->value;
    }
    if (url->value->kind == graphql::Kind::NullValue) {
      fail("Argument \"url\" of non-null type \"String!\" must not be null.", url->value);
    } else {
      fail("Argument \"url\" has invalid value " + graphql::print(url->value) + ".", url->value);
    }
    return std::nullopt;
  }

  InputValue input_value(const graphql::InputValueDefinition* node) {
    InputValue value;
    value.name = node->name;
    value.description = description_of(node->description);
    value.type = wrap(node->type);
    value.deprecation_reason = deprecation_reason(node->directives);
    value.ast = node;
    return value;
  }

  // Later definitions of a name replace earlier ones in place (graphql-js object keys). Long
  // lists keep a name index so that building stays linear.
  template <class T>
  static void put(std::vector<T>& items, T item, std::unordered_map<std::string_view, uint32_t>* index = nullptr) {
    constexpr size_t kLinearLimit = 8;
    if (index != nullptr && items.size() >= kLinearLimit) {
      if (index->empty()) {
        for (uint32_t i = 0; i < items.size(); ++i) index->emplace(items[i].name, i);
      }
      auto [it, inserted] = index->emplace(item.name, static_cast<uint32_t>(items.size()));
      if (inserted) {
        items.push_back(std::move(item));
      } else {
        items[it->second] = std::move(item);
      }
      return;
    }
    for (T& existing : items) {
      if (existing.name == item.name) {
        existing = std::move(item);
        return;
      }
    }
    items.push_back(std::move(item));
  }

  void populate(NamedType& type);
  void compute_defaults(NamedType& type);
  void compute_default(InputValue& value);
  void order_types(const std::vector<const NamedType*>& config_types);
  void collect(const NamedType* type, std::unordered_set<const NamedType*>& seen);

  bool builtins_;
  std::shared_ptr<Schema> schema_;
  const graphql::Document* document_ = nullptr;
  std::unordered_map<std::string_view, NamedType*> type_map_;
  std::unordered_map<std::string_view, std::vector<const graphql::TypeDefinition*>> extensions_;
  std::unordered_map<const NamedType*, int> default_state_;  // 1 in progress, 2 done
  std::optional<Diagnostic> error_;
};

void SchemaBuilder::populate(NamedType& type) {
  std::unordered_map<std::string_view, uint32_t> field_index;
  std::unordered_map<std::string_view, uint32_t> value_index;
  std::vector<const graphql::TypeDefinition*> nodes;
  nodes.push_back(type.ast);
  nodes.insert(nodes.end(), type.extensions.begin(), type.extensions.end());
  for (const graphql::TypeDefinition* node : nodes) {
    for (const graphql::NamedType* interface_ref : node->interfaces) {
      const NamedType* interface_type = lookup(interface_ref->name);
      if (interface_type == nullptr) {
        fail("Unknown type: \"" + std::string(interface_ref->name) + "\".", interface_ref);
        continue;
      }
      type.interfaces.push_back(interface_type);
    }
    for (const graphql::FieldDefinition* field_node : node->fields) {
      Field field;
      field.name = field_node->name;
      field.description = description_of(field_node->description);
      field.type = wrap(field_node->type);
      for (const graphql::InputValueDefinition* argument : field_node->arguments) {
        put(field.arguments, input_value(argument));
      }
      field.deprecation_reason = deprecation_reason(field_node->directives);
      field.ast = field_node;
      put(type.fields, std::move(field), &field_index);
    }
    for (const graphql::NamedType* member_ref : node->members) {
      const NamedType* member = lookup(member_ref->name);
      if (member == nullptr) {
        fail("Unknown type: \"" + std::string(member_ref->name) + "\".", member_ref);
        continue;
      }
      type.members.push_back(member);
    }
    for (const graphql::EnumValueDefinition* value_node : node->values) {
      EnumValue value;
      value.name = value_node->name;
      value.description = description_of(value_node->description);
      value.deprecation_reason = deprecation_reason(value_node->directives);
      value.ast = value_node;
      put(type.values, value, &value_index);
    }
    for (const graphql::InputValueDefinition* field_node : node->input_fields) {
      put(type.input_fields, input_value(field_node), &value_index);
    }
  }
  // Only the definition (not its extensions) sets @specifiedBy and @oneOf, as in graphql-js.
  if (type.kind == TypeKind::Scalar) type.specified_by_url = specified_by_url(type.ast->directives);
  if (type.kind == TypeKind::InputObject) type.one_of = find_directive(type.ast->directives, "oneOf") != nullptr;
  if (type.fields.size() > 8) {
    if (field_index.empty()) {
      for (uint32_t i = 0; i < type.fields.size(); ++i) field_index.emplace(type.fields[i].name, i);
    }
    type.field_index = std::move(field_index);
  }
}

void SchemaBuilder::compute_default(InputValue& value) {
  if (value.ast == nullptr || value.ast->default_value == nullptr) return;
  // Defaults of an input object's fields fill in the fields a literal leaves out.
  if (const NamedType* base = value.type->base(); base->kind == TypeKind::InputObject && !base->builtin) {
    compute_defaults(*type_map_.at(base->name));
  }
  value.default_value = value_from_ast(value.ast->default_value, value.type);
}

void SchemaBuilder::compute_defaults(NamedType& type) {
  int& state = default_state_[&type];
  if (state != 0) return;  // done, or in progress through a cycle of input types
  state = 1;
  for (InputValue& field : type.input_fields) compute_default(field);
  for (Field& field : type.fields) {
    for (InputValue& argument : field.arguments) compute_default(argument);
  }
  default_state_[&type] = 2;
}

void SchemaBuilder::collect(const NamedType* type, std::unordered_set<const NamedType*>& seen) {
  if (!seen.insert(type).second) return;
  schema_->types_.push_back(type);
  auto collect_type = [&](const Type* ref) { collect(ref->base(), seen); };
  switch (type->kind) {
    case TypeKind::Union:
      for (const NamedType* member : type->members) collect(member, seen);
      break;
    case TypeKind::Object:
    case TypeKind::Interface:
      for (const NamedType* interface_type : type->interfaces) collect(interface_type, seen);
      for (const Field& field : type->fields) {
        collect_type(field.type);
        for (const InputValue& argument : field.arguments) collect_type(argument.type);
      }
      break;
    case TypeKind::InputObject:
      for (const InputValue& field : type->input_fields) collect_type(field.type);
      break;
    default: break;
  }
}

// GraphQLSchema's type map: the given types in order, each followed by the types first
// reached from it; then the root types, the directives' argument types and the introspection
// types.
void SchemaBuilder::order_types(const std::vector<const NamedType*>& config_types) {
  std::unordered_set<const NamedType*> seen(config_types.begin(), config_types.end());
  for (const NamedType* type : config_types) {
    seen.erase(type);
    collect(type, seen);
  }
  for (const NamedType* root : {schema_->query_, schema_->mutation_, schema_->subscription_}) {
    if (root != nullptr) collect(root, seen);
  }
  for (const Directive* directive : schema_->directives_) {
    for (const InputValue& argument : directive->arguments) collect(argument.type->base(), seen);
  }
  if (const NamedType* schema_type = builtins_ ? lookup("__Schema") : builtin_type("__Schema")) {
    collect(schema_type, seen);
  }
}

Result<std::shared_ptr<const Schema>> SchemaBuilder::build(const std::shared_ptr<const graphql::Document>& document) {
  document_ = document.get();
  schema_->documents_.push_back(document);

  std::vector<const graphql::TypeDefinition*> type_definitions;
  std::vector<const graphql::DirectiveDefinition*> directive_definitions;
  for (const graphql::Definition* definition : document->definitions()) {
    switch (definition->kind) {
      case graphql::Kind::SchemaDefinition:
        schema_->ast_ = static_cast<const graphql::SchemaDefinition*>(definition);
        break;
      case graphql::Kind::SchemaExtension:
        schema_->extension_asts_.push_back(static_cast<const graphql::SchemaDefinition*>(definition));
        break;
      case graphql::Kind::DirectiveDefinition:
        directive_definitions.push_back(static_cast<const graphql::DirectiveDefinition*>(definition));
        break;
      default:
        if (graphql::is_type_definition(definition->kind)) {
          type_definitions.push_back(static_cast<const graphql::TypeDefinition*>(definition));
        } else if (graphql::is_type_extension(definition->kind)) {
          const auto* extension = static_cast<const graphql::TypeDefinition*>(definition);
          extensions_[extension->name].push_back(extension);
        }
    }
  }

  // Named types, in definition order; the standard ones stay shared.
  std::vector<const NamedType*> config_types;
  std::vector<NamedType*> created;
  for (const graphql::TypeDefinition* node : type_definitions) {
    if (!builtins_) {
      if (const NamedType* builtin = builtin_type(node->name)) {
        config_types.push_back(builtin);
        continue;
      }
    }
    auto owned = std::make_unique<NamedType>();
    NamedType* type = owned.get();
    switch (node->kind) {
      case graphql::Kind::ScalarTypeDefinition: type->kind = TypeKind::Scalar; break;
      case graphql::Kind::ObjectTypeDefinition: type->kind = TypeKind::Object; break;
      case graphql::Kind::InterfaceTypeDefinition: type->kind = TypeKind::Interface; break;
      case graphql::Kind::UnionTypeDefinition: type->kind = TypeKind::Union; break;
      case graphql::Kind::EnumTypeDefinition: type->kind = TypeKind::Enum; break;
      default: type->kind = TypeKind::InputObject; break;
    }
    type->name = node->name;
    type->description = description_of(node->description);
    type->ref.named = type;
    type->builtin = builtins_;
    type->ast = node;
    if (auto it = extensions_.find(node->name); it != extensions_.end()) type->extensions = it->second;
    schema_->owned_types_.push_back(std::move(owned));
    auto [it, inserted] = type_map_.emplace(type->name, type);
    if (inserted) {
      config_types.push_back(type);
    } else {
      // A repeated name replaces the earlier type in its place (invalid SDL reaches here
      // only when validation was skipped).
      for (auto& config_type : config_types) {
        if (config_type == it->second) config_type = type;
      }
      it->second = type;
    }
    created.push_back(type);
  }
  for (NamedType* type : created) populate(*type);
  for (NamedType* type : created) compute_defaults(*type);

  // Directives: those the document defines, then the specified ones it does not redefine.
  for (const graphql::DirectiveDefinition* node : directive_definitions) {
    auto directive = std::make_unique<Directive>();
    directive->name = node->name;
    directive->description = description_of(node->description);
    for (const graphql::InputValueDefinition* argument : node->arguments) {
      put(directive->arguments, input_value(argument));
    }
    for (InputValue& argument : directive->arguments) compute_default(argument);
    for (graphql::Name location : node->locations) {
      if (auto parsed = parse_directive_location(location)) directive->locations.push_back(*parsed);
    }
    directive->repeatable = node->repeatable;
    directive->builtin = builtins_;
    directive->ast = node;
    schema_->directives_.push_back(directive.get());
    schema_->owned_directives_.push_back(std::move(directive));
  }
  if (!builtins_) {
    for (const Directive* specified : specified_directives()) {
      bool redefined = false;
      for (const Directive* directive : schema_->directives_)
        redefined = redefined || directive->name == specified->name;
      if (!redefined) schema_->directives_.push_back(specified);
    }
  }

  // Root operation types: from `schema` and `extend schema`, else the conventional names.
  auto root_from = [&](const graphql::SchemaDefinition* node) {
    for (const graphql::OperationTypeDefinition* operation : node->operation_types) {
      const NamedType* type = lookup(operation->type->name);
      if (type == nullptr) {
        fail("Unknown type: \"" + std::string(operation->type->name) + "\".", operation->type);
        continue;
      }
      switch (operation->operation) {
        case graphql::OperationType::Query: schema_->query_ = type; break;
        case graphql::OperationType::Mutation: schema_->mutation_ = type; break;
        case graphql::OperationType::Subscription: schema_->subscription_ = type; break;
      }
    }
  };
  if (schema_->ast_ != nullptr) root_from(schema_->ast_);
  for (const graphql::SchemaDefinition* extension : schema_->extension_asts_) root_from(extension);
  if (schema_->ast_ != nullptr) {
    schema_->description_ = description_of(schema_->ast_->description);
  } else {
    for (const NamedType* type : config_types) {
      if (type->name == "Query") schema_->query_ = type;
      if (type->name == "Mutation") schema_->mutation_ = type;
      if (type->name == "Subscription") schema_->subscription_ = type;
    }
  }

  order_types(config_types);
  for (const NamedType* type : schema_->types_) schema_->type_index_.emplace(type->name, type);
  for (const NamedType* type : schema_->types_) {
    if (type->kind != TypeKind::Object && type->kind != TypeKind::Interface) continue;
    for (const NamedType* interface_type : type->interfaces) {
      if (interface_type->kind != TypeKind::Interface) continue;
      auto& list = type->kind == TypeKind::Object ? schema_->possible_types_[interface_type]
                                                  : schema_->interface_implementations_[interface_type];
      list.push_back(type);
    }
  }
  if (error_) return Error(*error_);
  return std::shared_ptr<const Schema>(std::move(schema_));
}

Result<std::shared_ptr<const Schema>> build_schema_unchecked(const std::shared_ptr<const graphql::Document>& document) {
  return SchemaBuilder(false).build(document);
}

namespace detail {
Result<std::shared_ptr<const Schema>> build_builtins(const std::shared_ptr<const graphql::Document>& document) {
  return SchemaBuilder(true).build(document);
}
}  // namespace detail

}  // namespace junction::schema
