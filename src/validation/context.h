// The machinery every validation rule shares: the walk that visits each node once and calls
// every interested rule in order (graphql-js visitInParallel + visitWithTypeInfo), the type
// information at the current node (graphql-js TypeInfo), and the context rules report to.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/arena.h"
#include "common/result.h"
#include "graphql/ast.h"
#include "json/value.h"
#include "schema/schema.h"

namespace junction::validation {

// Set of node kinds, for declaring which nodes a rule wants to see.
class KindSet {
 public:
  constexpr KindSet() = default;
  constexpr KindSet(std::initializer_list<graphql::Kind> kinds) {
    for (graphql::Kind kind : kinds) bits_ |= uint64_t{1} << static_cast<unsigned>(kind);
  }
  static constexpr KindSet all() {
    KindSet set;
    set.bits_ = ~uint64_t{0};
    return set;
  }
  [[nodiscard]] constexpr bool contains(graphql::Kind kind) const {
    return (bits_ >> static_cast<unsigned>(kind)) & 1U;
  }

 private:
  uint64_t bits_ = 0;
};

enum class Visit : uint8_t { Continue, Skip };  // Skip: this rule sees nothing below the node

class Context;

// A directive as validation sees it: from the schema (or the specified ones when there is
// no schema), or defined in the document being validated (which then takes precedence).
struct KnownDirective {
  std::string_view name;
  std::vector<std::string_view> locations;
  std::vector<std::string_view> argument_names;
  bool repeatable = false;
  std::vector<std::pair<std::string_view, std::string>> required_arguments;  // name, printed type
};

// One validation rule. `enter` is called for the kinds in `enter_kinds()`, `leave` for those
// in `leave_kinds()`, in document order, interleaved with every other rule exactly as
// graphql-js runs rules in parallel.
class Rule {
 public:
  explicit Rule(Context& context) : context_(context) {}
  Rule(const Rule&) = delete;
  Rule& operator=(const Rule&) = delete;
  virtual ~Rule() = default;

  [[nodiscard]] virtual KindSet enter_kinds() const { return {}; }
  [[nodiscard]] virtual KindSet leave_kinds() const { return {}; }
  virtual Visit enter(const graphql::Node* /*node*/) { return Visit::Continue; }
  virtual void leave(const graphql::Node* /*node*/) {}

 protected:
  Context& context_;
};

// A use of a variable, with the input type and default of the position it is used in.
struct VariableUsage {
  const graphql::Variable* node = nullptr;
  const schema::Type* type = nullptr;         // null when the position has no known input type
  bool has_location_default = false;          // the argument or input field has a default
  const schema::Type* parent_type = nullptr;  // graphql-js getParentInputType() at the use
};

// graphql-js TypeInfo: what the schema says about the node being visited.
class TypeInfo {
 public:
  TypeInfo(const schema::Schema& schema, Arena& arena) : schema_(schema), arena_(arena) {}

  void enter(const graphql::Node* node);
  void leave(const graphql::Node* node);

  [[nodiscard]] const schema::Type* type() const { return top(type_stack_); }
  [[nodiscard]] const schema::NamedType* parent_type() const { return top(parent_type_stack_); }
  [[nodiscard]] const schema::Type* input_type() const { return top(input_type_stack_); }
  [[nodiscard]] const schema::Type* parent_input_type() const {
    return input_type_stack_.size() >= 2 ? input_type_stack_[input_type_stack_.size() - 2] : nullptr;
  }
  [[nodiscard]] const schema::Field* field_def() const { return top(field_def_stack_); }
  [[nodiscard]] bool has_default_value() const { return !default_stack_.empty() && default_stack_.back(); }
  [[nodiscard]] const schema::Directive* directive() const { return directive_; }
  [[nodiscard]] const schema::InputValue* argument() const { return argument_; }

 private:
  template <class T>
  static T top(const std::vector<T>& stack) {
    return stack.empty() ? nullptr : stack.back();
  }
  const schema::Field* find_field_def(const schema::NamedType* parent, const graphql::Field* field) const;

  const schema::Schema& schema_;
  Arena& arena_;
  std::vector<const schema::Type*> type_stack_;
  std::vector<const schema::NamedType*> parent_type_stack_;
  std::vector<const schema::Type*> input_type_stack_;
  std::vector<const schema::Field*> field_def_stack_;
  std::vector<bool> default_stack_;
  const schema::Directive* directive_ = nullptr;
  const schema::InputValue* argument_ = nullptr;
};

// Thrown to stop validation when an error or work limit is reached; never escapes
// validate() or validate_sdl().
struct ValidationAborted {};

class Context {
 public:
  // `schema` is null when validating SDL with no schema to extend. Operation validation keeps
  // type information as it walks (`with_type_info`); SDL validation does not.
  Context(const schema::Schema* schema, const graphql::Document& document, uint32_t max_errors, bool with_type_info);
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  [[nodiscard]] const schema::Schema* schema() const { return schema_; }
  [[nodiscard]] const graphql::Document& document() const { return document_; }
  [[nodiscard]] bool hide_suggestions() const { return false; }
  Arena& arena() { return arena_; }

  // Reports an error located at `nodes` (names are located by their text).
  void report(std::string message, std::initializer_list<const graphql::Node*> nodes = {});
  void report(std::string message, const std::vector<const graphql::Node*>& nodes);
  void report_at_names(std::string message, std::initializer_list<graphql::Name> names);
  void report_at(std::string message, const std::vector<SourceLocation>& locations);
  [[nodiscard]] SourceLocation locate(const graphql::Node* node) const { return document_.locate(node); }
  [[nodiscard]] SourceLocation locate(graphql::Name name) const { return document_.locate(name); }
  std::vector<Diagnostic> take_errors() { return std::move(errors_); }

  // The walk's position: the current node's ancestors (nodes only, outermost first).
  [[nodiscard]] std::span<const graphql::Node* const> ancestors() const { return ancestors_; }
  std::vector<const graphql::Node*>& ancestor_stack() { return ancestors_; }

  // Type information (operation validation only).
  TypeInfo* type_info() { return type_info_.get(); }

  [[nodiscard]] const graphql::FragmentDefinition* fragment(graphql::Name name) const;
  // The directives usable here, worked out once per validation.
  const std::vector<KnownDirective>& known_directives();
  const KnownDirective* find_known_directive(std::string_view name);
  // Every fragment spread under a selection set, in graphql-js's (stack) order.
  const std::vector<const graphql::FragmentSpread*>& fragment_spreads(const graphql::SelectionSet* set);
  std::vector<const graphql::FragmentDefinition*> recursively_referenced_fragments(
      std::span<const graphql::OperationDefinition* const> operations);
  // Variables used in a definition (not through fragments), with their positions' types.
  const std::vector<VariableUsage>& variable_usages(const graphql::Definition* definition);
  // Variables used by an operation and the fragments it reaches.
  const std::vector<VariableUsage>& recursive_variable_usages(const graphql::OperationDefinition* operation);

  // graphql-js's limit on work spent following fragments (50,000 units).
  void spend_fragment_work(size_t cost);

 private:
  const schema::Schema* schema_;
  const graphql::Document& document_;
  uint32_t max_errors_;
  Arena arena_;
  std::vector<Diagnostic> errors_;
  std::vector<const graphql::Node*> ancestors_;
  std::unique_ptr<TypeInfo> type_info_;
  std::unordered_map<std::string_view, const graphql::FragmentDefinition*> fragments_;
  std::unordered_map<const graphql::SelectionSet*, std::vector<const graphql::FragmentSpread*>> spreads_;
  std::unordered_map<std::string, std::vector<const graphql::FragmentDefinition*>> referenced_cache_;
  std::unordered_map<const graphql::Definition*, std::vector<VariableUsage>> usages_;
  std::unordered_map<const graphql::OperationDefinition*, std::vector<VariableUsage>> recursive_usages_;
  std::unordered_map<std::string, std::vector<VariableUsage>> fragment_usages_cache_;
  int64_t remaining_fragment_work_ = 50000;
  std::optional<std::vector<KnownDirective>> known_directives_;
};

// Walks `document` once, calling `rules` in parallel (and the type info when the context has
// one). Node kinds are visited in graphql-js's key order; descriptions are not visited.
void walk(Context& context, const std::vector<std::unique_ptr<Rule>>& rules);

}  // namespace junction::validation
