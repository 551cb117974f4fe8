#include "federation/model.h"

#include <algorithm>

#include "schema/values.h"

namespace junction::federation {

// ---- Elements ------------------------------------------------------------------------------

std::string TypeRef::to_string() const {
  std::string out;
  for (char wrapper : wrappers) {
    if (wrapper == 'L') out += '[';
  }
  out += name;
  for (size_t i = wrappers.size(); i-- > 0;) {
    out += wrappers[i] == 'L' ? "]" : "!";
  }
  return out;
}

TypeRef type_ref_from_ast(const graphql::TypeRef* ref) {
  TypeRef out;
  while (ref != nullptr) {
    if (ref->kind == graphql::Kind::NonNullType) {
      out.wrappers += 'N';
      ref = static_cast<const graphql::NonNullType*>(ref)->type;
    } else if (ref->kind == graphql::Kind::ListType) {
      out.wrappers += 'L';
      ref = static_cast<const graphql::ListType*>(ref)->type;
    } else {
      out.name = std::string(static_cast<const graphql::NamedType*>(ref)->name);
      break;
    }
  }
  return out;
}

const json::Value* AppliedDirective::argument(std::string_view argument_name) const {
  for (const auto& argument : arguments) {
    if (argument.first == argument_name) return &argument.second;
  }
  return nullptr;
}

const InputValue* Field::find_argument(std::string_view argument_name) const {
  for (const InputValue& argument : arguments) {
    if (argument.name == argument_name) return &argument;
  }
  return nullptr;
}

InputValue* Field::find_argument(std::string_view argument_name) {
  for (InputValue& argument : arguments) {
    if (argument.name == argument_name) return &argument;
  }
  return nullptr;
}

const InputValue* DirectiveDefinition::find_argument(std::string_view argument_name) const {
  for (const InputValue& argument : arguments) {
    if (argument.name == argument_name) return &argument;
  }
  return nullptr;
}

std::string_view type_kind_keyword(TypeKind kind) {
  switch (kind) {
    case TypeKind::Scalar: return "scalar";
    case TypeKind::Object: return "type";
    case TypeKind::Interface: return "interface";
    case TypeKind::Union: return "union";
    case TypeKind::Enum: return "enum";
    case TypeKind::InputObject: return "input";
  }
  return "type";
}

Field* Type::find_field(std::string_view field_name) {
  for (Field& field : fields) {
    if (field.name == field_name) return &field;
  }
  return nullptr;
}
const Field* Type::find_field(std::string_view field_name) const {
  return const_cast<Type*>(this)->find_field(field_name);  // NOLINT: same lookup
}
const InputValue* Type::find_input_field(std::string_view field_name) const {
  for (const InputValue& field : input_fields) {
    if (field.name == field_name) return &field;
  }
  return nullptr;
}
const EnumValue* Type::find_value(std::string_view value_name) const {
  for (const EnumValue& value : values) {
    if (value.name == value_name) return &value;
  }
  return nullptr;
}
bool Type::has_directive(std::string_view directive_name) const {
  return std::any_of(directives.begin(), directives.end(),
                     [&](const AppliedDirective& d) { return d.name == directive_name; });
}

// ---- Schema --------------------------------------------------------------------------------

Schema::Schema(const Schema& other)
    : description(other.description),
      schema_directives(other.schema_directives),
      roots(other.roots),
      has_schema_definition(other.has_schema_definition),
      schema_extension_count(other.schema_extension_count),
      directives_(other.directives_) {
  for (const auto& type : other.types_) {
    types_.push_back(std::make_unique<Type>(*type));
    type_index_.insert(types_.back().get());
  }
}

Schema& Schema::operator=(const Schema& other) {
  if (this != &other) *this = Schema(other);
  return *this;
}

Type* Schema::TypeIndex::find(std::string_view name) const {
  if (slots_.empty()) return nullptr;
  size_t hash = std::hash<std::string_view>{}(name);
  size_t mask = slots_.size() - 1;
  for (size_t i = hash & mask; slots_[i].type != nullptr; i = (i + 1) & mask) {
    if (slots_[i].hash == hash && slots_[i].type->name == name) return slots_[i].type;
  }
  return nullptr;
}

void Schema::TypeIndex::insert(Type* type) {
  if ((count_ + 1) * 2 > slots_.size()) grow();
  size_t hash = std::hash<std::string_view>{}(type->name);
  size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].type != nullptr) i = (i + 1) & mask;
  slots_[i] = {hash, type};
  ++count_;
}

void Schema::TypeIndex::grow() {
  std::vector<Slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 16 : old.size() * 2, Slot{});
  size_t mask = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.type == nullptr) continue;
    size_t i = slot.hash & mask;
    while (slots_[i].type != nullptr) i = (i + 1) & mask;
    slots_[i] = slot;
  }
}

void Schema::TypeIndex::erase(std::string_view name) {
  if (slots_.empty()) return;
  size_t hash = std::hash<std::string_view>{}(name);
  size_t mask = slots_.size() - 1;
  size_t i = hash & mask;
  while (slots_[i].type != nullptr && !(slots_[i].hash == hash && slots_[i].type->name == name)) i = (i + 1) & mask;
  if (slots_[i].type == nullptr) return;
  // Backward-shift deletion: later entries of the run move up, so that no probe stops early.
  for (size_t next = (i + 1) & mask; slots_[next].type != nullptr; next = (next + 1) & mask) {
    size_t home = slots_[next].hash & mask;
    // `next` may fill the hole at `i` when its home is not in (i, next] (cyclically).
    bool movable = i <= next ? (home <= i || home > next) : (home <= i && home > next);
    if (movable) {
      slots_[i] = slots_[next];
      i = next;
    }
  }
  slots_[i] = Slot{};
  --count_;
}

Type* Schema::find_type(std::string_view type_name) { return type_index_.find(type_name); }
const Type* Schema::find_type(std::string_view type_name) const {
  return const_cast<Schema*>(this)->find_type(type_name);  // NOLINT: same lookup
}

Type& Schema::add_type(TypeKind kind, std::string type_name) {
  auto type = std::make_unique<Type>();
  type->kind = kind;
  type->name = std::move(type_name);
  Type* raw = type.get();
  types_.push_back(std::move(type));
  type_index_.erase(raw->name);  // a type of the same name is no longer found
  type_index_.insert(raw);
  return *raw;
}

void Schema::remove_type(std::string_view type_name) {
  Type* type = type_index_.find(type_name);
  if (type == nullptr) return;
  type_index_.erase(type_name);
  types_.erase(std::remove_if(types_.begin(), types_.end(), [&](const auto& t) { return t.get() == type; }),
               types_.end());
}

const DirectiveDefinition* Schema::find_directive_definition(std::string_view directive_name) const {
  for (const DirectiveDefinition& definition : directives_) {
    if (definition.name == directive_name) return &definition;
  }
  return nullptr;
}

DirectiveDefinition* Schema::find_directive_definition(std::string_view directive_name) {
  for (DirectiveDefinition& definition : directives_) {
    if (definition.name == directive_name) return &definition;
  }
  return nullptr;
}

void Schema::remove_directive_definition(std::string_view directive_name) {
  directives_.erase(std::remove_if(directives_.begin(), directives_.end(),
                                   [&](const DirectiveDefinition& d) { return d.name == directive_name; }),
                    directives_.end());
}

void Schema::rename_type(std::string_view from, const std::string& to) {
  if (Type* type = type_index_.find(from)) {
    type_index_.erase(from);
    type_index_.erase(to);
    type->name = to;
    type_index_.insert(type);
  }
  auto fix = [&](TypeRef& ref) {
    if (ref.name == from) ref.name = to;
  };
  for (auto& type : types_) {
    for (Field& field : type->fields) {
      fix(field.type);
      for (InputValue& argument : field.arguments) fix(argument.type);
    }
    for (InputValue& field : type->input_fields) fix(field.type);
    for (TypeMember& member : type->members) {
      if (member.name == from) member.name = to;
    }
    for (TypeMember& interface_ref : type->interfaces) {
      if (interface_ref.name == from) interface_ref.name = to;
    }
  }
  for (DirectiveDefinition& directive : directives_) {
    for (InputValue& argument : directive.arguments) fix(argument.type);
  }
  for (RootType& root : roots) {
    if (root.type == from) root.type = to;
  }
}

DirectiveDefinition& Schema::add_directive_definition(DirectiveDefinition definition) {
  directives_.push_back(std::move(definition));
  return directives_.back();
}

const RootType* Schema::root(graphql::OperationType operation) const {
  for (const RootType& root : roots) {
    if (root.operation == operation) return &root;
  }
  return nullptr;
}

// ---- Built-ins -----------------------------------------------------------------------------

bool is_builtin_scalar(std::string_view name) {
  return name == "Int" || name == "Float" || name == "String" || name == "Boolean" || name == "ID";
}

const DirectiveDefinition* builtin_directive(std::string_view name) {
  static const std::vector<DirectiveDefinition> builtins = [] {
    auto argument = [](std::string arg_name, TypeRef type, std::optional<json::Value> default_value = std::nullopt) {
      InputValue value;
      value.name = std::move(arg_name);
      value.type = std::move(type);
      value.default_value = std::move(default_value);
      return value;
    };
    std::vector<DirectiveDefinition> list;
    list.push_back(
        {"include", {}, {argument("if", {"Boolean", "N"})}, false, {"FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"}});
    list.push_back(
        {"skip", {}, {argument("if", {"Boolean", "N"})}, false, {"FIELD", "FRAGMENT_SPREAD", "INLINE_FRAGMENT"}});
    list.push_back({"deprecated",
                    {},
                    {argument("reason", {"String", ""}, json::Value("No longer supported"))},
                    false,
                    {"FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INPUT_FIELD_DEFINITION", "ENUM_VALUE"}});
    list.push_back({"specifiedBy", {}, {argument("url", {"String", "N"})}, false, {"SCALAR"}});
    list.push_back({"defer",
                    {},
                    {argument("label", {"String", ""}), argument("if", {"Boolean", "N"}, json::Value(true))},
                    false,
                    {"FRAGMENT_SPREAD", "INLINE_FRAGMENT"}});
    list.push_back({"stream",
                    {},
                    {argument("label", {"String", ""}), argument("initialCount", {"Int", ""}, json::Value(0)),
                     argument("if", {"Boolean", "N"}, json::Value(true))},
                    false,
                    {"FIELD"}});
    return list;
  }();
  for (const DirectiveDefinition& definition : builtins) {
    if (definition.name == name) return &definition;
  }
  return nullptr;
}

// ---- Building from SDL ---------------------------------------------------------------------

namespace {
std::optional<std::string> description_of(const graphql::StringValue* description) {
  if (description == nullptr) return std::nullopt;
  return std::string(description->value);
}

}  // namespace

AppliedDirective applied_directive_from_ast(const graphql::Directive* node, int extension) {
  AppliedDirective directive;
  directive.name = std::string(node->name);
  directive.extension = extension;
  directive.node = node;
  for (const graphql::Argument* argument : node->arguments) {
    json::Value value = schema::value_from_ast_untyped(argument->value);
    bool replaced = false;  // a repeated argument keeps its first place and takes the last value
    for (auto& existing : directive.arguments) {
      if (existing.first == argument->name) {
        existing.second = value;
        replaced = true;
      }
    }
    if (!replaced) directive.arguments.emplace_back(std::string(argument->name), std::move(value));
  }
  return directive;
}

InputValue input_value_from_ast(const graphql::InputValueDefinition* node, int extension) {
  InputValue value;
  value.name = std::string(node->name);
  value.description = description_of(node->description);
  value.type = type_ref_from_ast(node->type);
  if (node->default_value != nullptr) value.default_value = schema::value_from_ast_untyped(node->default_value);
  for (const graphql::Directive* directive : node->directives) {
    value.directives.push_back(applied_directive_from_ast(directive, kDefinition));
  }
  value.extension = extension;
  value.node = node;
  return value;
}

namespace {

Directives directives_of(graphql::List<graphql::Directive> nodes, int extension) {
  Directives out;
  out.reserve(nodes.size());
  for (const graphql::Directive* node : nodes) out.push_back(applied_directive_from_ast(node, extension));
  return out;
}

InputValue input_value_of(const graphql::InputValueDefinition* node, int extension) {
  return input_value_from_ast(node, extension);
}

}  // namespace

TypeKind type_kind_of(graphql::Kind kind) {
  switch (kind) {
    case graphql::Kind::ScalarTypeDefinition:
    case graphql::Kind::ScalarTypeExtension: return TypeKind::Scalar;
    case graphql::Kind::ObjectTypeDefinition:
    case graphql::Kind::ObjectTypeExtension: return TypeKind::Object;
    case graphql::Kind::InterfaceTypeDefinition:
    case graphql::Kind::InterfaceTypeExtension: return TypeKind::Interface;
    case graphql::Kind::UnionTypeDefinition:
    case graphql::Kind::UnionTypeExtension: return TypeKind::Union;
    case graphql::Kind::EnumTypeDefinition:
    case graphql::Kind::EnumTypeExtension: return TypeKind::Enum;
    default: return TypeKind::InputObject;
  }
}

namespace {

void add_body(Type& type, const graphql::TypeDefinition* node, int extension) {
  Directives directives = directives_of(node->directives, extension);
  type.directives.insert(type.directives.end(), directives.begin(), directives.end());
  for (const graphql::NamedType* interface_ref : node->interfaces) {
    type.interfaces.push_back({std::string(interface_ref->name), extension});
  }
  for (const graphql::FieldDefinition* field_node : node->fields) {
    Field field;
    field.name = std::string(field_node->name);
    field.description = description_of(field_node->description);
    field.type = type_ref_from_ast(field_node->type);
    for (const graphql::InputValueDefinition* argument : field_node->arguments) {
      field.arguments.push_back(input_value_of(argument, kDefinition));
    }
    field.directives = directives_of(field_node->directives, kDefinition);
    field.extension = extension;
    field.node = field_node;
    type.fields.push_back(std::move(field));
  }
  for (const graphql::InputValueDefinition* field_node : node->input_fields) {
    type.input_fields.push_back(input_value_of(field_node, extension));
  }
  for (const graphql::NamedType* member : node->members) type.members.push_back({std::string(member->name), extension});
  for (const graphql::EnumValueDefinition* value_node : node->values) {
    EnumValue value;
    value.name = std::string(value_node->name);
    value.description = description_of(value_node->description);
    value.directives = directives_of(value_node->directives, kDefinition);
    value.extension = extension;
    value.node = value_node;
    type.values.push_back(std::move(value));
  }
}

}  // namespace

Result<Schema> build_model(const graphql::Document& document) {
  Schema schema;
  for (const graphql::Definition* definition : document.definitions()) {
    switch (definition->kind) {
      case graphql::Kind::SchemaDefinition:
      case graphql::Kind::SchemaExtension: {
        const auto* node = static_cast<const graphql::SchemaDefinition*>(definition);
        int extension = kDefinition;
        if (node->kind == graphql::Kind::SchemaExtension) {
          extension = schema.schema_extension_count++;
        } else {
          schema.has_schema_definition = true;
          schema.description = description_of(node->description);
        }
        Directives directives = directives_of(node->directives, extension);
        schema.schema_directives.insert(schema.schema_directives.end(), directives.begin(), directives.end());
        for (const graphql::OperationTypeDefinition* operation : node->operation_types) {
          schema.roots.push_back({operation->operation, std::string(operation->type->name), extension});
        }
        break;
      }
      case graphql::Kind::DirectiveDefinition: {
        const auto* node = static_cast<const graphql::DirectiveDefinition*>(definition);
        DirectiveDefinition directive;
        directive.name = std::string(node->name);
        directive.description = description_of(node->description);
        for (const graphql::InputValueDefinition* argument : node->arguments) {
          directive.arguments.push_back(input_value_of(argument, kDefinition));
        }
        directive.repeatable = node->repeatable;
        directive.node = node;
        for (graphql::Name location : node->locations) directive.locations.emplace_back(location);
        schema.add_directive_definition(std::move(directive));
        break;
      }
      case graphql::Kind::OperationDefinition:
      case graphql::Kind::FragmentDefinition: break;  // not part of a schema
      default: {
        const auto* node = static_cast<const graphql::TypeDefinition*>(definition);
        bool extension = node->is_extension();
        Type* type = schema.find_type(node->name);
        if (type == nullptr) {
          type = &schema.add_type(type_kind_of(node->kind), std::string(node->name));
          type->has_definition = false;
          type->node = node;
        } else if (type->kind != type_kind_of(node->kind)) {
          return Error(Diagnostic{"Type \"" + std::string(node->name) + "\" is defined both as " +
                                      std::string(type_kind_keyword(type->kind)) + " and as " +
                                      std::string(type_kind_keyword(type_kind_of(node->kind))) + ".",
                                  {document.locate(definition)}});
        }
        if (extension) {
          add_body(*type, node, type->extension_count++);
        } else {
          type->has_definition = true;
          type->preserve_empty = true;
          type->description = description_of(node->description);
          add_body(*type, node, kDefinition);
        }
      }
    }
  }
  return schema;
}

// ---- Collation -----------------------------------------------------------------------------

int collate_names(std::string_view a, std::string_view b) {
  auto weight = [](char c) -> int {
    if (c == '_') return 1;
    if (c >= '0' && c <= '9') return 2 + (c - '0');
    if (c >= 'a' && c <= 'z') return 12 + (c - 'a');
    if (c >= 'A' && c <= 'Z') return 12 + (c - 'A');
    return 100 + static_cast<unsigned char>(c);
  };
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    int wa = weight(a[i]);
    int wb = weight(b[i]);
    if (wa != wb) return wa < wb ? -1 : 1;
  }
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  // Equal ignoring case: at the first difference, lower case sorts first.
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return (a[i] >= 'a' && a[i] <= 'z') ? -1 : 1;
  }
  return 0;
}

}  // namespace junction::federation
