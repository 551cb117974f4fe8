// The schema model federation works on (subgraphs, supergraphs, API schemas): like
// graphql-js's types but mutable and complete — every element keeps its applied directives,
// its description and whether it came from the definition or from an extension, and values
// are kept untyped, as Apollo's federation-internals keeps them. Built from SDL
// (`build_model`) and printed exactly as Apollo prints (`print_model`).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "common/result.h"
#include "graphql/ast.h"
#include "json/value.h"

namespace junction::federation {

// A type reference: a named type under list and non-null wrappers, outermost first
// ("[Int!]!" is {"Int", "NLN"}).
struct TypeRef {
  std::string name;
  std::string wrappers;

  [[nodiscard]] bool is_non_null() const { return !wrappers.empty() && wrappers.front() == 'N'; }
  [[nodiscard]] bool is_list() const { return !wrappers.empty() && wrappers.front() == 'L'; }
  [[nodiscard]] TypeRef nullable() const { return is_non_null() ? TypeRef{name, wrappers.substr(1)} : *this; }
  [[nodiscard]] TypeRef of_type() const { return {name, wrappers.empty() ? "" : wrappers.substr(1)}; }
  [[nodiscard]] std::string to_string() const;
  friend bool operator==(const TypeRef&, const TypeRef&) = default;
};
TypeRef type_ref_from_ast(const graphql::TypeRef* ref);

// Extension tag of an element: kDefinition, or the index of the `extend` block it came from.
inline constexpr int kDefinition = -1;

// A directive applied to an element: arguments in the order written (or added), values
// untyped (enum literals become strings, as in Apollo).
struct AppliedDirective {
  std::string name;
  std::vector<std::pair<std::string, json::Value>> arguments;
  int extension = kDefinition;
  const graphql::Directive* node = nullptr;  // where it was written; null when synthesized
  uint32_t sequence = 0;                     // creation order among a subgraph's applications

  [[nodiscard]] const json::Value* argument(std::string_view argument_name) const;
};
using Directives = std::vector<AppliedDirective>;

struct InputValue {
  std::string name;
  std::optional<std::string> description;
  TypeRef type;
  std::optional<json::Value> default_value;
  Directives directives;
  int extension = kDefinition;  // input fields of input objects
  const graphql::Node* node = nullptr;
};

struct Field {
  std::string name;
  std::optional<std::string> description;
  TypeRef type;
  std::vector<InputValue> arguments;
  Directives directives;
  int extension = kDefinition;
  const graphql::Node* node = nullptr;

  [[nodiscard]] const InputValue* find_argument(std::string_view argument_name) const;
  [[nodiscard]] InputValue* find_argument(std::string_view argument_name);
};

struct EnumValue {
  std::string name;
  std::optional<std::string> description;
  Directives directives;
  int extension = kDefinition;
  const graphql::Node* node = nullptr;
};

// An implemented interface or a union member, with the block it came from.
struct TypeMember {
  std::string name;
  int extension = kDefinition;
};

enum class TypeKind : uint8_t { Scalar, Object, Interface, Union, Enum, InputObject };
std::string_view type_kind_keyword(TypeKind kind);  // "scalar", "type", ...
TypeKind type_kind_of(graphql::Kind kind);          // of a type definition or extension node

struct Type {
  TypeKind kind = TypeKind::Object;
  std::string name;
  std::optional<std::string> description;
  Directives directives;
  std::vector<TypeMember> interfaces;    // Object, Interface
  std::vector<Field> fields;             // Object, Interface
  std::vector<InputValue> input_fields;  // InputObject
  std::vector<TypeMember> members;       // Union
  std::vector<EnumValue> values;         // Enum
  bool has_definition = true;            // false when only extensions define it
  int extension_count = 0;               // number of `extend` blocks
  bool preserve_empty = true;            // a definition written without a body still prints
  const graphql::Node* node = nullptr;   // the first definition or extension written

  [[nodiscard]] Field* find_field(std::string_view field_name);
  [[nodiscard]] const Field* find_field(std::string_view field_name) const;
  [[nodiscard]] const InputValue* find_input_field(std::string_view field_name) const;
  [[nodiscard]] const EnumValue* find_value(std::string_view value_name) const;
  [[nodiscard]] bool has_directive(std::string_view directive_name) const;
};

struct DirectiveDefinition {
  std::string name;
  std::optional<std::string> description;
  std::vector<InputValue> arguments;
  bool repeatable = false;
  std::vector<std::string> locations;
  const graphql::Node* node = nullptr;

  [[nodiscard]] const InputValue* find_argument(std::string_view argument_name) const;
};

struct RootType {
  graphql::OperationType operation = graphql::OperationType::Query;
  std::string type;
  int extension = kDefinition;
};

class Schema {
 public:
  Schema() = default;
  Schema(const Schema& other);
  Schema& operator=(const Schema& other);
  Schema(Schema&&) noexcept = default;
  Schema& operator=(Schema&&) noexcept = default;
  ~Schema() = default;

  // The schema definition and its extensions.
  std::optional<std::string> description;
  Directives schema_directives;
  std::vector<RootType> roots;
  bool has_schema_definition = false;
  int schema_extension_count = 0;

  // Types and directive definitions, in insertion order.
  [[nodiscard]] const std::vector<std::unique_ptr<Type>>& types() const { return types_; }
  [[nodiscard]] Type* find_type(std::string_view type_name);
  [[nodiscard]] const Type* find_type(std::string_view type_name) const;
  Type& add_type(TypeKind kind, std::string type_name);  // appended; the name must be new
  void remove_type(std::string_view type_name);

  [[nodiscard]] const std::vector<DirectiveDefinition>& directive_definitions() const { return directives_; }
  [[nodiscard]] std::vector<DirectiveDefinition>& directive_definitions() { return directives_; }
  [[nodiscard]] const DirectiveDefinition* find_directive_definition(std::string_view directive_name) const;
  [[nodiscard]] DirectiveDefinition* find_directive_definition(std::string_view directive_name);
  void remove_directive_definition(std::string_view directive_name);
  // Renames a type and every reference to it (fields, arguments, members, interfaces, roots).
  void rename_type(std::string_view from, const std::string& to);
  DirectiveDefinition& add_directive_definition(DirectiveDefinition definition);

  [[nodiscard]] const RootType* root(graphql::OperationType operation) const;

 private:
  // Types by name: an open-addressing table of (hash, type) probed linearly, the name read
  // from the type itself (composition looks names up constantly; a node-based map chased a
  // pointer and compared a copied key for each lookup).
  class TypeIndex {
   public:
    [[nodiscard]] Type* find(std::string_view name) const;
    void insert(Type* type);  // its name must not be in the index
    void erase(std::string_view name);

   private:
    struct Slot {
      size_t hash = 0;
      Type* type = nullptr;  // null: empty
    };
    void grow();
    std::vector<Slot> slots_;
    size_t count_ = 0;
  };
  std::vector<std::unique_ptr<Type>> types_;
  TypeIndex type_index_;
  std::vector<DirectiveDefinition> directives_;
};

// Apollo's view of built-ins: the specified scalars and the directives it never prints
// (@include, @skip, @deprecated, @specifiedBy, @defer, @stream).
bool is_builtin_scalar(std::string_view name);
const DirectiveDefinition* builtin_directive(std::string_view name);

// Model elements from AST nodes (the node pointers are kept: the document must outlive them).
AppliedDirective applied_directive_from_ast(const graphql::Directive* node, int extension);
InputValue input_value_from_ast(const graphql::InputValueDefinition* node, int extension);

// Builds the model from a parsed document, keeping source order, extensions, descriptions and
// every applied directive. Only shape errors are reported (an extension of a different kind
// than its definition); GraphQL validity is checked elsewhere.
Result<Schema> build_model(const graphql::Document& document);

struct PrintOptions {
  // Composition sorts types and directive definitions by name (ICU collation); re-printing a
  // parsed schema keeps insertion order.
  bool sort_definitions = false;
  // Filters (Apollo's printSchema options): what is left out when they return false.
  std::function<bool(const DirectiveDefinition&)> keep_directive_definition;
  std::function<bool(const Type&)> keep_type;
  std::function<bool(const Type&, const Field&)> keep_field;
  std::function<bool(const AppliedDirective&)> keep_schema_directive;
};

// Apollo's printSchema: the schema block with its extensions, then directive definitions,
// then types with their extensions, separated by blank lines, no trailing newline.
std::string print_model(const Schema& schema, const PrintOptions& options = {});

// Apollo's valueToString: a value printed for a position of type `type` in `schema` (enum
// values bare, integer IDs bare, custom scalars untyped); `type` may be null.
void append_value(std::string& out, const Schema& schema, const json::Value& value, const TypeRef* type);
std::string value_to_string(const Schema& schema, const json::Value& value, const TypeRef* type);
// An applied directive as Apollo prints it: `@key(fields: "id")`.
std::string directive_to_string(const Schema& schema, const AppliedDirective& directive);

// JavaScript's `a.localeCompare(b)` for GraphQL names (ICU root collation): <0, 0, >0.
int collate_names(std::string_view a, std::string_view b);

}  // namespace junction::federation
