// Field sets: the selections written in @key(fields:), @requires(fields:) and
// @provides(fields:), parsed and resolved against a type the way Apollo's parseFieldSetArgument
// does (docs/federation/subgraphs.md §5.5).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "federation/model.h"
#include "graphql/ast.h"

namespace junction::federation {

struct FieldSetSelection;

struct FieldSetSelections {
  const Type* parent = nullptr;
  std::vector<FieldSetSelection> selections;
};

struct FieldSetSelection {
  // A field (field non-null, or name "__typename"), or an inline fragment (is_fragment).
  bool is_fragment = false;
  std::string name;
  std::string alias;
  const Field* field = nullptr;
  const Type* parent = nullptr;
  std::vector<std::pair<std::string, json::Value>> arguments;
  std::vector<std::string> directives;   // printed, e.g. "@include(if: true)"
  const Type* type_condition = nullptr;  // fragments; null when absent
  std::unique_ptr<FieldSetSelections> selection_set;
  const graphql::Node* node = nullptr;

  [[nodiscard]] bool is_typename() const { return !is_fragment && field == nullptr; }
};

struct FieldSetError {
  std::string message;
  std::string code;  // empty: the caller's <D>_INVALID_FIELDS
  bool from_parsing = true;
};

struct FieldSetOptions {
  // @key: fields returning an interface or union are rejected.
  bool reject_abstract_fields = false;
  // Run the validations of step 4 (non-empty, mandatory arguments, leaf selections).
  bool validate = true;
  // Arguments of fields that are exempt from "mandatory" (those with @fromContext).
  std::string from_context_directive;
  std::string directive_name;  // for the alias message ("key")
};

// A parsed field set: the document it was parsed from stays alive with it.
struct FieldSet {
  std::shared_ptr<const graphql::Document> document;
  FieldSetSelections root;
};

// Parses `fields` against `parent` in `schema`. On failure, the first error; without
// validation, the selections resolved before a resolution error are returned as well.
struct FieldSetResult {
  std::optional<FieldSet> field_set;
  std::optional<FieldSetError> error;
};
FieldSetResult parse_field_set(const Schema& schema, const Type& parent, std::string_view fields,
                               const FieldSetOptions& options = {});

// Visits every field selection (depth first, in order), with its parent type.
template <class Visit>
void for_each_field(const FieldSetSelections& set, Visit&& visit) {
  for (const FieldSetSelection& selection : set.selections) {
    if (!selection.is_fragment) visit(selection);
    if (selection.selection_set) for_each_field(*selection.selection_set, visit);
  }
}

// Two field sets select the same fields (order-insensitive).
bool same_selections(const FieldSetSelections& a, const FieldSetSelections& b);

// A @fromContext(field:) value split into its context name and the selection after it:
// "$ctx { a }" gives {"ctx", " { a }"}. Nullopt when it does not start with "$name"
// (ignored characters aside).
std::optional<std::pair<std::string, std::string>> split_context_reference(std::string_view value);

// A field set printed compactly, the way Apollo prints a selection set without braces at the
// top ("a b { c }").
std::string print_field_set(const FieldSetSelections& set);

}  // namespace junction::federation
