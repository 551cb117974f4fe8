// The merger's state, shared by the files that implement it (merge.cpp: types and fields;
// merge_directives.cpp: spec features and applied directives; merge_checks.cpp: the
// validations that run after merging). Internal to the composition library.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "composition/merge.h"
#include "federation/metadata.h"
#include "federation/spec.h"
#include "federation/text.h"

namespace junction::composition::detail {

using federation::AppliedDirective;
using federation::DirectiveDefinition;
using federation::Directives;
using federation::EnumValue;
using federation::FedDirective;
using federation::FederationError;
using federation::Field;
using federation::InputValue;
using federation::Schema;
using federation::Subgraph;
using federation::SubgraphMetadata;
using federation::Type;
using federation::TypeKind;
using federation::TypeRef;
using federation::Version;

// A supergraph element, found again by name (elements may be removed while merging).
struct ElementRef {
  enum class Kind : uint8_t { Schema, Type, Field, Argument, InputField, EnumValue, DirectiveArgument };
  Kind kind = Kind::Schema;
  std::string type;      // the type, or the directive for DirectiveArgument
  std::string name;      // field, input field, enum value or argument
  std::string argument;  // the argument of a field

  [[nodiscard]] std::string coordinate() const;
};

// The directives of one source element, with its subgraph.
struct DirectiveSource {
  size_t subgraph = 0;
  const Directives* directives = nullptr;
};

struct PendingDirectives {
  ElementRef element;
  std::vector<std::string> names;
  std::vector<DirectiveSource> sources;
};

enum class EnumPosition : uint8_t { None, Input, Output, Both };
struct EnumUsage {
  EnumPosition position = EnumPosition::None;
  std::string input_example;
  std::string output_example;
};

// How a composed spec directive is merged.
struct ComposedDirective {
  std::string name_in_feature;  // "tag"
  std::string name_in_supergraph;
  std::string spec_identity;    // where its supergraph definition comes from
  bool join_directive = false;  // applications become @join__directive (cacheTag)
};

// Per-field override state (merge.md §2.8).
struct OverrideContext {
  std::set<size_t> used_overridden;
  std::set<size_t> unused_overridden;
  std::map<size_t, std::string> labels;
  std::set<size_t> unknown_target;
};

// One @composeDirective'd directive retained for a subgraph.
struct ComposeItem {
  size_t subgraph = 0;
  std::string identity;
  std::string name_in_feature;
  std::string name;  // in the subgraph (and the supergraph)
};

class Merger {
 public:
  explicit Merger(const std::vector<const Subgraph*>& subgraphs);
  MergeResult merge();

  // ---- Shared state ------------------------------------------------------------------------
  std::vector<const Subgraph*> subgraphs_;
  std::vector<std::unique_ptr<SubgraphMetadata>> metadata_;
  std::vector<std::string> graphs_;  // join__Graph value per subgraph
  std::vector<std::string> names_;   // subgraph names, in order
  // Per type name, the subgraphs defining it (index, type), in subgraph order: one lookup per
  // type instead of one per subgraph and type.
  std::unordered_map<std::string_view, std::vector<std::pair<size_t, const Type*>>> definitions_;
  Schema supergraph_;
  std::optional<Schema> api_schema_;  // set by post_merge_validations
  Version latest_version_{2, 0};
  int join_minor_ = 3;
  std::vector<FederationError> errors_;
  std::vector<FederationError> hints_;

  // Spec features whose directives compose (merge.md §1.4).
  std::vector<ComposedDirective> composed_;
  std::string inaccessible_name_;                                   // supergraph name of @inaccessible, if composed
  std::vector<std::string> access_control_;                         // authenticated, requiresScopes, policy names
  std::vector<std::string> spec_identities_;                        // composed specs, in first-seen order
  std::vector<ComposeItem> compose_items_;                          // @composeDirective'd, retained
  std::vector<std::pair<std::string, std::string>> compose_links_;  // (url, imports...) per feature
  std::set<std::string> join_types_;                                // names of link/join/spec types, never merged

  std::vector<PendingDirectives> pending_;
  std::map<std::string, EnumUsage> enum_usages_;
  std::map<std::string, std::vector<DirectiveSource>> additional_sources_;  // access control, by coordinate
  bool additional_sources_computed_ = false;
  std::set<std::string> mismatched_types_;

  // ---- Helpers (merge.cpp) -----------------------------------------------------------------
  void error(std::string code, std::string message);
  void hint(std::string code, std::string message);
  [[nodiscard]] size_t count() const { return subgraphs_.size(); }
  [[nodiscard]] const std::string& subgraph_name(size_t index) const { return subgraphs_[index]->name; }
  [[nodiscard]] const Subgraph& subgraph(size_t index) const { return *subgraphs_[index]; }
  [[nodiscard]] const SubgraphMetadata& meta(size_t index) const { return *metadata_[index]; }
  [[nodiscard]] bool is_interface_object(size_t index, const Type& type) const;
  [[nodiscard]] TypeKind expected_kind(size_t index, const Type& type) const;
  [[nodiscard]] std::vector<const Type*> type_sources(const Type& supergraph_type) const;
  Directives* resolve(const ElementRef& element);
  [[nodiscard]] std::vector<std::string> implementations_of(std::string_view interface_name) const;

  // ---- Directives (merge_directives.cpp) ---------------------------------------------------
  void collect_composed_directives();
  void validate_compose_directives();
  void add_specs();
  void add_core_features();
  [[nodiscard]] bool is_merged_directive(size_t subgraph, std::string_view name) const;
  [[nodiscard]] bool is_composed_custom(size_t subgraph, std::string_view name) const;
  [[nodiscard]] const DirectiveDefinition* supergraph_definition(std::string_view name) const;
  void record_directives(const ElementRef& element, const std::vector<DirectiveSource>& sources, bool access_control);
  void merge_applied_directives();
  void merge_directive_on(Directives& target, const std::string& name, const std::vector<DirectiveSource>& sources,
                          const std::string& coordinate);
  void compute_additional_sources();
  using ArgumentsMerger = std::function<void(DirectiveDefinition&, const std::vector<const std::vector<InputValue>*>&)>;
  void merge_directive_definitions(const ArgumentsMerger& merge_arguments);
  void add_directives_shallow();

  // ---- Checks after merging (merge_checks.cpp) ---------------------------------------------
  void post_merge_validations();
  void check_transitive_auth();
  void validate_api_schema();
};

// Mismatch reporting (merge.md §0.3): groups of subgraph names by accessor value, the
// supergraph's value first.
struct Group {
  std::string key;
  std::vector<std::string> subgraphs;
};
std::vector<Group> group_values(const std::vector<std::optional<std::string>>& values,
                                const std::vector<std::string>& names, const std::string& supergraph_key);

// DNF_CONJUNCTION of @requiresScopes/@policy values (lists of lists of strings).
json::Value dnf_conjunction(const std::vector<json::Value>& values);

// graph name helpers
std::string sanitized_graph_name(std::string_view subgraph_name);

}  // namespace junction::composition::detail
