#include "graphql/ast.h"

namespace junction::graphql {

std::string_view kind_name(Kind kind) {
  switch (kind) {
    case Kind::Document: return "Document";
    case Kind::OperationDefinition: return "OperationDefinition";
    case Kind::VariableDefinition: return "VariableDefinition";
    case Kind::SelectionSet: return "SelectionSet";
    case Kind::Field: return "Field";
    case Kind::Argument: return "Argument";
    case Kind::FragmentSpread: return "FragmentSpread";
    case Kind::InlineFragment: return "InlineFragment";
    case Kind::FragmentDefinition: return "FragmentDefinition";
    case Kind::Variable: return "Variable";
    case Kind::IntValue: return "IntValue";
    case Kind::FloatValue: return "FloatValue";
    case Kind::StringValue: return "StringValue";
    case Kind::BooleanValue: return "BooleanValue";
    case Kind::NullValue: return "NullValue";
    case Kind::EnumValue: return "EnumValue";
    case Kind::ListValue: return "ListValue";
    case Kind::ObjectValue: return "ObjectValue";
    case Kind::ObjectField: return "ObjectField";
    case Kind::Directive: return "Directive";
    case Kind::NamedType: return "NamedType";
    case Kind::ListType: return "ListType";
    case Kind::NonNullType: return "NonNullType";
    case Kind::SchemaDefinition: return "SchemaDefinition";
    case Kind::OperationTypeDefinition: return "OperationTypeDefinition";
    case Kind::ScalarTypeDefinition: return "ScalarTypeDefinition";
    case Kind::ObjectTypeDefinition: return "ObjectTypeDefinition";
    case Kind::FieldDefinition: return "FieldDefinition";
    case Kind::InputValueDefinition: return "InputValueDefinition";
    case Kind::InterfaceTypeDefinition: return "InterfaceTypeDefinition";
    case Kind::UnionTypeDefinition: return "UnionTypeDefinition";
    case Kind::EnumTypeDefinition: return "EnumTypeDefinition";
    case Kind::EnumValueDefinition: return "EnumValueDefinition";
    case Kind::InputObjectTypeDefinition: return "InputObjectTypeDefinition";
    case Kind::DirectiveDefinition: return "DirectiveDefinition";
    case Kind::SchemaExtension: return "SchemaExtension";
    case Kind::ScalarTypeExtension: return "ScalarTypeExtension";
    case Kind::ObjectTypeExtension: return "ObjectTypeExtension";
    case Kind::InterfaceTypeExtension: return "InterfaceTypeExtension";
    case Kind::UnionTypeExtension: return "UnionTypeExtension";
    case Kind::EnumTypeExtension: return "EnumTypeExtension";
    case Kind::InputObjectTypeExtension: return "InputObjectTypeExtension";
  }
  return "Unknown";
}

std::string_view operation_type_name(OperationType type) {
  switch (type) {
    case OperationType::Query: return "query";
    case OperationType::Mutation: return "mutation";
    case OperationType::Subscription: return "subscription";
  }
  return "query";
}

Name named_type_of(const TypeRef* type) {
  while (type != nullptr && type->kind != Kind::NamedType) {
    type = type->kind == Kind::ListType ? static_cast<const ListType*>(type)->type
                                        : static_cast<const NonNullType*>(type)->type;
  }
  return type != nullptr ? static_cast<const NamedType*>(type)->name : Name();
}

bool is_executable_definition(Kind kind) {
  return kind == Kind::OperationDefinition || kind == Kind::FragmentDefinition;
}

bool is_type_definition(Kind kind) {
  switch (kind) {
    case Kind::ScalarTypeDefinition:
    case Kind::ObjectTypeDefinition:
    case Kind::InterfaceTypeDefinition:
    case Kind::UnionTypeDefinition:
    case Kind::EnumTypeDefinition:
    case Kind::InputObjectTypeDefinition: return true;
    default: return false;
  }
}

bool is_type_extension(Kind kind) {
  switch (kind) {
    case Kind::ScalarTypeExtension:
    case Kind::ObjectTypeExtension:
    case Kind::InterfaceTypeExtension:
    case Kind::UnionTypeExtension:
    case Kind::EnumTypeExtension:
    case Kind::InputObjectTypeExtension: return true;
    default: return false;
  }
}

bool is_type_system_definition_or_extension(Kind kind) {
  return is_type_definition(kind) || is_type_extension(kind) || kind == Kind::SchemaDefinition ||
         kind == Kind::SchemaExtension || kind == Kind::DirectiveDefinition;
}

bool TypeDefinition::is_extension() const { return is_type_extension(kind); }

}  // namespace junction::graphql
