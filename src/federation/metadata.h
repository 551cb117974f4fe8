// What federation derives from a subgraph's directives: which fields are external, used,
// provided, shareable, and the parsed field sets of every @key/@requires/@provides
// (docs/federation/subgraphs.md §5.7).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "federation/fieldset.h"
#include "federation/subgraph.h"

namespace junction::federation {

class SubgraphMetadata {
 public:
  explicit SubgraphMetadata(const Subgraph& subgraph);

  [[nodiscard]] const Subgraph& subgraph() const { return *subgraph_; }

  // @external on the field, or (Federation 2) on its type; fake externals excluded.
  [[nodiscard]] bool is_external(const Type& type, const Field& field) const;
  // @external on a @key field of an `extend type` / @extends type: not really external.
  [[nodiscard]] bool is_fake_external(const Type& type, const Field& field) const;
  [[nodiscard]] bool is_provided(const Field& field) const { return provided_.count(&field) != 0; }
  [[nodiscard]] bool is_partially_external(const Type& type, const Field& field) const {
    return is_external(type, field) && is_provided(field);
  }
  [[nodiscard]] bool is_fully_external(const Type& type, const Field& field) const {
    return is_external(type, field) && !is_provided(field);
  }
  // Selected by a @key, @requires, @provides or @fromContext, or implementing an interface field.
  [[nodiscard]] bool is_used(const Field& field) const { return used_.count(&field) != 0; }
  [[nodiscard]] bool is_key_field(const Field& field) const { return key_fields_.count(&field) != 0; }
  [[nodiscard]] bool is_shareable(const Type& type, const Field& field) const;

  // The parsed field set of a @key/@requires/@provides application, or null when it does not
  // parse. `target` is the type it selects from.
  [[nodiscard]] const FieldSet* field_set(const AppliedDirective& directive, const Type& target) const;

 private:
  // The selections of a field set, also those resolved before an error (for "used" fields).
  [[nodiscard]] const FieldSet* resolved_selections(const AppliedDirective& directive, const Type& target) const;
  void mark_used(const FieldSetSelections& set);
  void mark_key_fields(const FieldSetSelections& set);

  const Subgraph* subgraph_;
  // Fields of the subgraph's schema, by address.
  std::unordered_set<const Field*> used_;
  std::unordered_set<const Field*> provided_;
  std::unordered_set<const Field*> key_fields_;
  std::unordered_set<const Field*> fake_external_;
  struct Parsed {
    std::unique_ptr<FieldSet> field_set;
    bool complete = false;
  };
  mutable std::map<std::pair<const AppliedDirective*, const Type*>, Parsed> field_sets_;
};

// Removes the selections of @provides/@requires that select non-external leaves (and the
// directive when nothing external is left), as Apollo does for upgraded and extracted subgraphs.
void remove_inactive_provides_and_requires(Subgraph& subgraph);

// "T.f"
inline std::string coordinate(std::string_view type, std::string_view field) {
  std::string out(type);
  out += '.';
  out += field;
  return out;
}

}  // namespace junction::federation
