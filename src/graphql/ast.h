// The GraphQL abstract syntax tree, as graphql-js shapes it.
//
// Nodes live in the document's arena and are trivially destructible. Names and raw literals
// are views into the source text; strings that needed cooking (escapes, block strings) are
// views into the arena. Lists are spans of node pointers. A node's `loc` holds byte offsets
// into the source; line and column are computed only when an error is printed.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "common/arena.h"
#include "common/result.h"
#include "common/source.h"

namespace junction::graphql {

enum class Kind : uint8_t {
  Document,
  // Executable definitions.
  OperationDefinition,
  VariableDefinition,
  SelectionSet,
  Field,
  Argument,
  FragmentSpread,
  InlineFragment,
  FragmentDefinition,
  // Values.
  Variable,
  IntValue,
  FloatValue,
  StringValue,
  BooleanValue,
  NullValue,
  EnumValue,
  ListValue,
  ObjectValue,
  ObjectField,
  Directive,
  // Type references.
  NamedType,
  ListType,
  NonNullType,
  // Type system definitions.
  SchemaDefinition,
  OperationTypeDefinition,
  ScalarTypeDefinition,
  ObjectTypeDefinition,
  FieldDefinition,
  InputValueDefinition,
  InterfaceTypeDefinition,
  UnionTypeDefinition,
  EnumTypeDefinition,
  EnumValueDefinition,
  InputObjectTypeDefinition,
  DirectiveDefinition,
  // Type system extensions.
  SchemaExtension,
  ScalarTypeExtension,
  ObjectTypeExtension,
  InterfaceTypeExtension,
  UnionTypeExtension,
  EnumTypeExtension,
  InputObjectTypeExtension,
};

// graphql-js's name for a kind ("OperationDefinition", ...).
std::string_view kind_name(Kind kind);

// Byte offsets of a node's first and one-past-last character in its source.
struct Loc {
  uint32_t start = 0;
  uint32_t end = 0;
};

// A name is a view into the source text; an absent name is empty.
using Name = std::string_view;

template <class T>
using List = std::span<const T* const>;

enum class OperationType : uint8_t { Query, Mutation, Subscription };
std::string_view operation_type_name(OperationType type);

struct Node {
  Kind kind{};
  Loc loc{};
};

// ---- Values ----------------------------------------------------------------------------

struct Value : Node {};

struct Variable : Value {
  static constexpr Kind kKind = Kind::Variable;
  Name name;
};
struct IntValue : Value {
  static constexpr Kind kKind = Kind::IntValue;
  std::string_view value;  // the literal's text
};
struct FloatValue : Value {
  static constexpr Kind kKind = Kind::FloatValue;
  std::string_view value;  // the literal's text
};
struct StringValue : Value {
  static constexpr Kind kKind = Kind::StringValue;
  std::string_view value;  // the cooked value: escapes decoded, block strings dedented
  bool block = false;
};
struct BooleanValue : Value {
  static constexpr Kind kKind = Kind::BooleanValue;
  bool value = false;
};
struct NullValue : Value {
  static constexpr Kind kKind = Kind::NullValue;
};
struct EnumValue : Value {
  static constexpr Kind kKind = Kind::EnumValue;
  Name value;
};
struct ListValue : Value {
  static constexpr Kind kKind = Kind::ListValue;
  List<Value> values;
};
struct ObjectField : Node {
  static constexpr Kind kKind = Kind::ObjectField;
  Name name;
  const Value* value = nullptr;
};
struct ObjectValue : Value {
  static constexpr Kind kKind = Kind::ObjectValue;
  List<ObjectField> fields;
};

struct Argument : Node {
  static constexpr Kind kKind = Kind::Argument;
  Name name;
  const Value* value = nullptr;
};
struct Directive : Node {
  static constexpr Kind kKind = Kind::Directive;
  Name name;
  List<Argument> arguments;
};

// ---- Type references -------------------------------------------------------------------

struct TypeRef : Node {};
struct NamedType : TypeRef {
  static constexpr Kind kKind = Kind::NamedType;
  Name name;
};
struct ListType : TypeRef {
  static constexpr Kind kKind = Kind::ListType;
  const TypeRef* type = nullptr;
};
struct NonNullType : TypeRef {
  static constexpr Kind kKind = Kind::NonNullType;
  const TypeRef* type = nullptr;
};

// The name at the bottom of a type reference (`[Int!]!` -> "Int").
Name named_type_of(const TypeRef* type);

// ---- Executable definitions ------------------------------------------------------------

struct Definition : Node {};
struct Selection : Node {};

struct SelectionSet : Node {
  static constexpr Kind kKind = Kind::SelectionSet;
  List<Selection> selections;
};
struct Field : Selection {
  static constexpr Kind kKind = Kind::Field;
  Name alias;  // empty when the field is not aliased
  Name name;
  List<Argument> arguments;
  List<Directive> directives;
  const SelectionSet* selection_set = nullptr;  // null for leaf fields

  [[nodiscard]] Name response_key() const { return alias.empty() ? name : alias; }
};
struct FragmentSpread : Selection {
  static constexpr Kind kKind = Kind::FragmentSpread;
  Name name;
  List<Directive> directives;
};
struct InlineFragment : Selection {
  static constexpr Kind kKind = Kind::InlineFragment;
  const NamedType* type_condition = nullptr;  // null when absent
  List<Directive> directives;
  const SelectionSet* selection_set = nullptr;
};

struct VariableDefinition : Node {
  static constexpr Kind kKind = Kind::VariableDefinition;
  const StringValue* description = nullptr;
  const Variable* variable = nullptr;
  const TypeRef* type = nullptr;
  const Value* default_value = nullptr;
  List<Directive> directives;
};
struct OperationDefinition : Definition {
  static constexpr Kind kKind = Kind::OperationDefinition;
  OperationType operation = OperationType::Query;
  const StringValue* description = nullptr;
  Name name;
  List<VariableDefinition> variable_definitions;
  List<Directive> directives;
  const SelectionSet* selection_set = nullptr;
};
struct FragmentDefinition : Definition {
  static constexpr Kind kKind = Kind::FragmentDefinition;
  const StringValue* description = nullptr;
  Name name;
  const NamedType* type_condition = nullptr;
  List<Directive> directives;
  const SelectionSet* selection_set = nullptr;
};

// ---- Type system -----------------------------------------------------------------------

struct OperationTypeDefinition : Node {
  static constexpr Kind kKind = Kind::OperationTypeDefinition;
  OperationType operation = OperationType::Query;
  const NamedType* type = nullptr;
};
// `schema { ... }` and `extend schema ...` (kind tells which).
struct SchemaDefinition : Definition {
  const StringValue* description = nullptr;  // always null for extensions
  List<Directive> directives;
  List<OperationTypeDefinition> operation_types;
};

struct InputValueDefinition : Node {
  static constexpr Kind kKind = Kind::InputValueDefinition;
  const StringValue* description = nullptr;
  Name name;
  const TypeRef* type = nullptr;
  const Value* default_value = nullptr;
  List<Directive> directives;
};
struct FieldDefinition : Node {
  static constexpr Kind kKind = Kind::FieldDefinition;
  const StringValue* description = nullptr;
  Name name;
  List<InputValueDefinition> arguments;
  const TypeRef* type = nullptr;
  List<Directive> directives;
};
struct EnumValueDefinition : Node {
  static constexpr Kind kKind = Kind::EnumValueDefinition;
  const StringValue* description = nullptr;
  Name name;
  List<Directive> directives;
};

// Every named-type definition and extension (scalar, type, interface, union, enum, input);
// `kind` tells which, and only the lists that kind allows are non-empty.
struct TypeDefinition : Definition {
  const StringValue* description = nullptr;  // always null for extensions
  Name name;
  List<NamedType> interfaces;  // object and interface types
  List<Directive> directives;
  List<FieldDefinition> fields;             // object and interface types
  List<InputValueDefinition> input_fields;  // input object types
  List<NamedType> members;                  // unions
  List<EnumValueDefinition> values;         // enums

  [[nodiscard]] bool is_extension() const;
};

struct DirectiveDefinition : Definition {
  static constexpr Kind kKind = Kind::DirectiveDefinition;
  const StringValue* description = nullptr;
  Name name;
  List<InputValueDefinition> arguments;
  bool repeatable = false;
  std::span<const Name> locations;
};

bool is_executable_definition(Kind kind);
bool is_type_definition(Kind kind);  // scalar .. input object definitions (not extensions)
bool is_type_extension(Kind kind);   // scalar .. input object extensions
bool is_type_system_definition_or_extension(Kind kind);

// ---- Document --------------------------------------------------------------------------

// A parsed document: its definitions, the arena that holds them and the source they point
// into. Movable, not copyable; nodes stay valid as long as the document.
class Document {
 public:
  Document() = default;
  Document(std::shared_ptr<const Source> source, Arena arena, List<Definition> definitions)
      : source_(std::move(source)), arena_(std::move(arena)), definitions_(definitions) {}

  [[nodiscard]] List<Definition> definitions() const { return definitions_; }
  [[nodiscard]] const std::shared_ptr<const Source>& source() const { return source_; }

  // Byte offset of a name (a view into this document's source).
  [[nodiscard]] uint32_t offset_of(Name name) const {
    return static_cast<uint32_t>(name.data() - source_->text().data());
  }
  [[nodiscard]] SourceLocation locate(uint32_t offset) const { return source_->locate(offset); }
  [[nodiscard]] SourceLocation locate(const Node* node) const { return locate(node->loc.start); }
  [[nodiscard]] SourceLocation locate(Name name) const { return locate(offset_of(name)); }

 private:
  std::shared_ptr<const Source> source_;
  Arena arena_;
  List<Definition> definitions_;
};

// Downcasts by kind: `as<Field>(selection)` is null when the node is something else.
template <class T>
const T* as(const Node* node) {
  return node != nullptr && node->kind == T::kKind ? static_cast<const T*>(node) : nullptr;
}

}  // namespace junction::graphql
