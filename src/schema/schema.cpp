#include "schema/schema.h"

#include <algorithm>

namespace junction::schema {

std::string_view type_kind_name(TypeKind kind) {
  switch (kind) {
    case TypeKind::Scalar: return "SCALAR";
    case TypeKind::Object: return "OBJECT";
    case TypeKind::Interface: return "INTERFACE";
    case TypeKind::Union: return "UNION";
    case TypeKind::Enum: return "ENUM";
    case TypeKind::InputObject: return "INPUT_OBJECT";
  }
  return "SCALAR";
}

const NamedType* Type::base() const {
  const Type* type = this;
  while (!type->is_named()) type = type->of_type;
  return type->named;
}

void append_type(std::string& out, const Type* type) {
  switch (type->wrapper) {
    case Type::Wrapper::Named: out += type->named->name; break;
    case Type::Wrapper::List:
      out += '[';
      append_type(out, type->of_type);
      out += ']';
      break;
    case Type::Wrapper::NonNull:
      append_type(out, type->of_type);
      out += '!';
      break;
  }
}

std::string type_to_string(const Type* type) {
  std::string out;
  append_type(out, type);
  return out;
}

bool is_input_type(const Type* type) { return type->base()->is_input(); }
bool is_output_type(const Type* type) { return type->base()->is_output(); }

const InputValue* Field::find_argument(std::string_view wanted) const {
  for (const InputValue& argument : arguments) {
    if (argument.name == wanted) return &argument;
  }
  return nullptr;
}

const Field* NamedType::find_field(std::string_view wanted) const {
  if (!field_index.empty()) {
    auto it = field_index.find(wanted);
    return it == field_index.end() ? nullptr : &fields[it->second];
  }
  for (const Field& field : fields) {
    if (field.name == wanted) return &field;
  }
  return nullptr;
}

const InputValue* NamedType::find_input_field(std::string_view wanted) const {
  for (const InputValue& field : input_fields) {
    if (field.name == wanted) return &field;
  }
  return nullptr;
}

const EnumValue* NamedType::find_value(std::string_view wanted) const {
  for (const EnumValue& value : values) {
    if (value.name == wanted) return &value;
  }
  return nullptr;
}

bool NamedType::implements(const NamedType* interface_type) const {
  return std::find(interfaces.begin(), interfaces.end(), interface_type) != interfaces.end();
}

std::string_view directive_location_name(DirectiveLocation location) {
  switch (location) {
    case DirectiveLocation::Query: return "QUERY";
    case DirectiveLocation::Mutation: return "MUTATION";
    case DirectiveLocation::Subscription: return "SUBSCRIPTION";
    case DirectiveLocation::Field: return "FIELD";
    case DirectiveLocation::FragmentDefinition: return "FRAGMENT_DEFINITION";
    case DirectiveLocation::FragmentSpread: return "FRAGMENT_SPREAD";
    case DirectiveLocation::InlineFragment: return "INLINE_FRAGMENT";
    case DirectiveLocation::VariableDefinition: return "VARIABLE_DEFINITION";
    case DirectiveLocation::Schema: return "SCHEMA";
    case DirectiveLocation::Scalar: return "SCALAR";
    case DirectiveLocation::Object: return "OBJECT";
    case DirectiveLocation::FieldDefinition: return "FIELD_DEFINITION";
    case DirectiveLocation::ArgumentDefinition: return "ARGUMENT_DEFINITION";
    case DirectiveLocation::Interface: return "INTERFACE";
    case DirectiveLocation::Union: return "UNION";
    case DirectiveLocation::Enum: return "ENUM";
    case DirectiveLocation::EnumValue: return "ENUM_VALUE";
    case DirectiveLocation::InputObject: return "INPUT_OBJECT";
    case DirectiveLocation::InputFieldDefinition: return "INPUT_FIELD_DEFINITION";
    case DirectiveLocation::DirectiveDefinition: return "DIRECTIVE_DEFINITION";
  }
  return "QUERY";
}

std::optional<DirectiveLocation> parse_directive_location(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(DirectiveLocation::DirectiveDefinition); ++i) {
    auto location = static_cast<DirectiveLocation>(i);
    if (directive_location_name(location) == name) return location;
  }
  return std::nullopt;
}

const InputValue* Directive::find_argument(std::string_view wanted) const {
  for (const InputValue& argument : arguments) {
    if (argument.name == wanted) return &argument;
  }
  return nullptr;
}

bool Directive::allows(DirectiveLocation location) const {
  return std::find(locations.begin(), locations.end(), location) != locations.end();
}

const NamedType* Schema::find_type(std::string_view name) const {
  auto it = type_index_.find(name);
  return it == type_index_.end() ? nullptr : it->second;
}

const Directive* Schema::find_directive(std::string_view name) const {
  for (const Directive* directive : directives_) {
    if (directive->name == name) return directive;
  }
  return nullptr;
}

const NamedType* Schema::root_type(graphql::OperationType operation) const {
  switch (operation) {
    case graphql::OperationType::Query: return query_;
    case graphql::OperationType::Mutation: return mutation_;
    case graphql::OperationType::Subscription: return subscription_;
  }
  return nullptr;
}

std::span<const NamedType* const> Schema::possible_types(const NamedType* abstract_type) const {
  if (abstract_type->kind == TypeKind::Union) return abstract_type->members;
  auto it = possible_types_.find(abstract_type);
  if (it == possible_types_.end()) return {};
  return it->second;
}

std::span<const NamedType* const> Schema::interface_implementations(const NamedType* interface_type) const {
  auto it = interface_implementations_.find(interface_type);
  if (it == interface_implementations_.end()) return {};
  return it->second;
}

bool Schema::is_possible_type(const NamedType* abstract_type, const NamedType* object_type) const {
  auto types = possible_types(abstract_type);
  return std::find(types.begin(), types.end(), object_type) != types.end();
}

bool Schema::is_sub_type(const NamedType* abstract_type, const NamedType* maybe_sub) const {
  if (abstract_type->kind == TypeKind::Union) {
    return std::find(abstract_type->members.begin(), abstract_type->members.end(), maybe_sub) !=
           abstract_type->members.end();
  }
  if (maybe_sub->kind == TypeKind::Interface) {
    auto interfaces = interface_implementations(abstract_type);
    return std::find(interfaces.begin(), interfaces.end(), maybe_sub) != interfaces.end();
  }
  return is_possible_type(abstract_type, maybe_sub);
}

bool Schema::is_type_sub_type_of(const Type* maybe_sub, const Type* super) const {
  if (maybe_sub == super) return true;
  if (super->is_non_null()) {
    if (maybe_sub->is_non_null()) return is_type_sub_type_of(maybe_sub->of_type, super->of_type);
    return false;
  }
  if (maybe_sub->is_non_null()) return is_type_sub_type_of(maybe_sub->of_type, super);
  if (super->is_list()) {
    if (maybe_sub->is_list()) return is_type_sub_type_of(maybe_sub->of_type, super->of_type);
    return false;
  }
  if (maybe_sub->is_list()) return false;
  const NamedType* sub_named = maybe_sub->named;
  const NamedType* super_named = super->named;
  if (sub_named == super_named) return true;
  return super_named->is_abstract() &&
         (sub_named->kind == TypeKind::Interface || sub_named->kind == TypeKind::Object) &&
         is_sub_type(super_named, sub_named);
}

bool Schema::types_overlap(const NamedType* a, const NamedType* b) const {
  if (a == b) return true;
  if (a->is_abstract()) {
    if (b->is_abstract()) {
      for (const NamedType* type : possible_types(a)) {
        if (is_sub_type(b, type)) return true;
      }
      return false;
    }
    return is_sub_type(a, b);
  }
  if (b->is_abstract()) return is_sub_type(b, a);
  return false;
}

const Type* type_from_ast(const Schema& schema, const graphql::TypeRef* ref, Arena& arena) {
  switch (ref->kind) {
    case graphql::Kind::NamedType: {
      const NamedType* named = schema.find_type(static_cast<const graphql::NamedType*>(ref)->name);
      return named == nullptr ? nullptr : &named->ref;
    }
    case graphql::Kind::ListType: {
      const Type* inner = type_from_ast(schema, static_cast<const graphql::ListType*>(ref)->type, arena);
      if (inner == nullptr) return nullptr;
      return arena.make<Type>(Type::Wrapper::List, inner, nullptr);
    }
    case graphql::Kind::NonNullType: {
      const Type* inner = type_from_ast(schema, static_cast<const graphql::NonNullType*>(ref)->type, arena);
      if (inner == nullptr) return nullptr;
      return arena.make<Type>(Type::Wrapper::NonNull, inner, nullptr);
    }
    default: return nullptr;
  }
}

}  // namespace junction::schema
