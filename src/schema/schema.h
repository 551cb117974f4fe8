// The GraphQL type system: an immutable schema built from SDL, shaped like graphql-js's
// GraphQLSchema so that printing, introspection and validation give the same answers.
//
// A Schema owns its types and directives; names and descriptions are views into the
// documents it was built from, which it keeps alive. Built-in scalars, the specified
// directives and the introspection types are shared by every schema.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/arena.h"
#include "common/result.h"
#include "graphql/ast.h"
#include "json/value.h"

namespace junction::schema {

enum class TypeKind : uint8_t { Scalar, Object, Interface, Union, Enum, InputObject };

// graphql-js's __TypeKind name: "SCALAR", "OBJECT", ...
std::string_view type_kind_name(TypeKind kind);

struct NamedType;

// A type reference: a named type, or a list or non-null wrapper around another reference.
struct Type {
  enum class Wrapper : uint8_t { Named, List, NonNull };
  Wrapper wrapper = Wrapper::Named;
  const Type* of_type = nullptr;     // List and NonNull
  const NamedType* named = nullptr;  // Named

  [[nodiscard]] bool is_named() const { return wrapper == Wrapper::Named; }
  [[nodiscard]] bool is_list() const { return wrapper == Wrapper::List; }
  [[nodiscard]] bool is_non_null() const { return wrapper == Wrapper::NonNull; }
  // The named type under every wrapper.
  [[nodiscard]] const NamedType* base() const;
  // This type without an outer non-null.
  [[nodiscard]] const Type* nullable() const { return is_non_null() ? of_type : this; }
};

// "[Int!]!" and friends.
std::string type_to_string(const Type* type);
void append_type(std::string& out, const Type* type);

struct InputValue {
  std::string_view name;
  std::optional<std::string_view> description;
  const Type* type = nullptr;
  // The default after coercion (graphql-js valueFromAST); absent when none was given or when
  // the given one is not valid for the type.
  std::optional<json::Value> default_value;
  std::optional<std::string_view> deprecation_reason;  // set when deprecated
  const graphql::InputValueDefinition* ast = nullptr;

  [[nodiscard]] bool is_required() const { return type->is_non_null() && !default_value.has_value(); }
};

struct Field {
  std::string_view name;
  std::optional<std::string_view> description;
  const Type* type = nullptr;
  std::vector<InputValue> arguments;
  std::optional<std::string_view> deprecation_reason;
  const graphql::FieldDefinition* ast = nullptr;

  [[nodiscard]] const InputValue* find_argument(std::string_view wanted) const;
};

struct EnumValue {
  std::string_view name;
  std::optional<std::string_view> description;
  std::optional<std::string_view> deprecation_reason;
  const graphql::EnumValueDefinition* ast = nullptr;
};

struct NamedType {
  TypeKind kind = TypeKind::Scalar;
  std::string_view name;
  std::optional<std::string_view> description;
  Type ref;              // this type as a type reference
  bool builtin = false;  // a specified scalar or an introspection type
  const graphql::TypeDefinition* ast = nullptr;
  std::vector<const graphql::TypeDefinition*> extensions;

  std::vector<Field> fields;                         // Object, Interface
  std::vector<const NamedType*> interfaces;          // Object, Interface (as declared, duplicates kept)
  std::vector<const NamedType*> members;             // Union (as declared, duplicates kept)
  std::vector<EnumValue> values;                     // Enum
  std::vector<InputValue> input_fields;              // InputObject
  bool one_of = false;                               // InputObject with @oneOf
  std::optional<std::string_view> specified_by_url;  // Scalar

  [[nodiscard]] bool is_composite() const {
    return kind == TypeKind::Object || kind == TypeKind::Interface || kind == TypeKind::Union;
  }
  [[nodiscard]] bool is_abstract() const { return kind == TypeKind::Interface || kind == TypeKind::Union; }
  [[nodiscard]] bool is_leaf() const { return kind == TypeKind::Scalar || kind == TypeKind::Enum; }
  [[nodiscard]] bool is_input() const {
    return kind == TypeKind::Scalar || kind == TypeKind::Enum || kind == TypeKind::InputObject;
  }
  [[nodiscard]] bool is_output() const { return kind != TypeKind::InputObject; }

  [[nodiscard]] const Field* find_field(std::string_view wanted) const;
  [[nodiscard]] const InputValue* find_input_field(std::string_view wanted) const;
  [[nodiscard]] const EnumValue* find_value(std::string_view wanted) const;
  [[nodiscard]] bool implements(const NamedType* interface_type) const;

  // Built by the schema: name -> index, for types with many fields.
  std::unordered_map<std::string_view, uint32_t> field_index;
};

bool is_input_type(const Type* type);
bool is_output_type(const Type* type);

enum class DirectiveLocation : uint8_t {
  Query,
  Mutation,
  Subscription,
  Field,
  FragmentDefinition,
  FragmentSpread,
  InlineFragment,
  VariableDefinition,
  Schema,
  Scalar,
  Object,
  FieldDefinition,
  ArgumentDefinition,
  Interface,
  Union,
  Enum,
  EnumValue,
  InputObject,
  InputFieldDefinition,
  DirectiveDefinition,
};
std::string_view directive_location_name(DirectiveLocation location);
std::optional<DirectiveLocation> parse_directive_location(std::string_view name);

struct Directive {
  std::string_view name;
  std::optional<std::string_view> description;
  std::vector<InputValue> arguments;
  std::vector<DirectiveLocation> locations;
  bool repeatable = false;
  bool builtin = false;  // @include, @skip, @deprecated, @specifiedBy, @oneOf as graphql-js defines them
  std::optional<std::string_view> deprecation_reason;
  const graphql::DirectiveDefinition* ast = nullptr;

  [[nodiscard]] const InputValue* find_argument(std::string_view wanted) const;
  [[nodiscard]] bool allows(DirectiveLocation location) const;
};

class SchemaBuilder;

class Schema {
 public:
  // Types in graphql-js's type-map order (the order printSchema and introspection use).
  [[nodiscard]] std::span<const NamedType* const> types() const { return types_; }
  [[nodiscard]] const NamedType* find_type(std::string_view name) const;
  [[nodiscard]] std::span<const Directive* const> directives() const { return directives_; }
  [[nodiscard]] const Directive* find_directive(std::string_view name) const;

  [[nodiscard]] const NamedType* query_type() const { return query_; }
  [[nodiscard]] const NamedType* mutation_type() const { return mutation_; }
  [[nodiscard]] const NamedType* subscription_type() const { return subscription_; }
  [[nodiscard]] const NamedType* root_type(graphql::OperationType operation) const;
  [[nodiscard]] std::optional<std::string_view> description() const { return description_; }
  [[nodiscard]] const graphql::SchemaDefinition* ast() const { return ast_; }
  [[nodiscard]] std::span<const graphql::SchemaDefinition* const> extension_asts() const { return extension_asts_; }

  // Object types an abstract type may resolve to (union members, interface implementations),
  // in type-map order for interfaces and declaration order for unions.
  [[nodiscard]] std::span<const NamedType* const> possible_types(const NamedType* abstract_type) const;
  // Interfaces that implement `interface_type`, in type-map order.
  [[nodiscard]] std::span<const NamedType* const> interface_implementations(const NamedType* interface_type) const;
  [[nodiscard]] bool is_possible_type(const NamedType* abstract_type, const NamedType* object_type) const;
  // graphql-js isSubType: object or interface implements an interface, or is a union member.
  [[nodiscard]] bool is_sub_type(const NamedType* abstract_type, const NamedType* maybe_sub) const;
  // graphql-js isTypeSubTypeOf (covariant output types).
  [[nodiscard]] bool is_type_sub_type_of(const Type* maybe_sub, const Type* super) const;
  // graphql-js doTypesOverlap.
  [[nodiscard]] bool types_overlap(const NamedType* a, const NamedType* b) const;

  // The meta-fields every schema answers: __schema and __type on the query root, __typename
  // everywhere.
  static const Field* schema_meta_field();
  static const Field* type_meta_field();
  static const Field* typename_meta_field();

  // The document the schema was built from (null for the built-ins), for locating diagnostics.
  [[nodiscard]] const graphql::Document* document() const {
    return documents_.empty() ? nullptr : documents_.front().get();
  }

 private:
  friend class SchemaBuilder;

  std::vector<std::shared_ptr<const graphql::Document>> documents_;
  std::vector<std::unique_ptr<NamedType>> owned_types_;
  std::vector<std::unique_ptr<Directive>> owned_directives_;
  std::vector<const NamedType*> types_;
  std::unordered_map<std::string_view, const NamedType*> type_index_;
  std::vector<const Directive*> directives_;
  const NamedType* query_ = nullptr;
  const NamedType* mutation_ = nullptr;
  const NamedType* subscription_ = nullptr;
  std::optional<std::string_view> description_;
  const graphql::SchemaDefinition* ast_ = nullptr;
  std::vector<const graphql::SchemaDefinition*> extension_asts_;
  std::unordered_map<const NamedType*, std::vector<const NamedType*>> possible_types_;
  std::unordered_map<const NamedType*, std::vector<const NamedType*>> interface_implementations_;
  Arena arena_;  // wrapped types
};

// graphql-js typeFromAST: the schema type a type reference names, or null when its named type
// is unknown. Wrappers are allocated in `arena`.
const Type* type_from_ast(const Schema& schema, const graphql::TypeRef* ref, Arena& arena);

// Builds a schema from SDL the way graphql-js buildASTSchema does with assumeValidSDL: the
// document is expected to have passed SDL validation (validation::validate_sdl); what
// validation would reject gives an error here rather than a crash.
Result<std::shared_ptr<const Schema>> build_schema_unchecked(const std::shared_ptr<const graphql::Document>& document);

// The shared built-in types and directives.
const NamedType* builtin_type(std::string_view name);
bool is_specified_scalar(const NamedType* type);
bool is_introspection_type(const NamedType* type);
std::span<const Directive* const> specified_directives();
bool is_specified_directive(const Directive* directive);

}  // namespace junction::schema
