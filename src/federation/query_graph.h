// Query graphs (Apollo's query-graphs package, docs/federation/satisfiability.md §3-5): the
// API graph of a supergraph's API schema, and the federated graph joining every subgraph's
// graph with @key, root-type and subgraph-entering edges. Satisfiability walks them; the query
// planner will too.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "federation/fieldset.h"
#include "federation/subgraph.h"

namespace junction::federation {

enum class TransitionKind : uint8_t {
  FieldCollection,
  DownCast,
  InterfaceObjectFakeDownCast,
  KeyResolution,
  RootTypeResolution,
  SubgraphEntering,
};

// Names are views of strings owned by the schemas the graph was built from (or literals): a
// graph lives no longer than its schemas.
struct Transition {
  TransitionKind kind = TransitionKind::FieldCollection;
  // FieldCollection: the field (in the schema of the edge's head) and its parent type.
  const Field* field = nullptr;
  std::string_view field_name;
  std::string_view parent_type;
  bool part_of_provide = false;
  // DownCast / InterfaceObjectFakeDownCast: from and to.
  std::string_view source_type;
  std::string_view cast_type;
  // RootTypeResolution.
  graphql::OperationType root_kind = graphql::OperationType::Query;

  [[nodiscard]] bool collects() const {
    return kind == TransitionKind::FieldCollection || kind == TransitionKind::DownCast ||
           kind == TransitionKind::InterfaceObjectFakeDownCast;
  }
  [[nodiscard]] std::string display() const;  // "a", "... on T", "key()", "query()", "∅"
};

struct OverrideCondition {
  std::string label;
  bool condition = true;
};

// A @fromContext argument's need, attached to the edge of its field.
struct RequiredContext {
  std::string argument;                         // the argument name
  std::string coordinate;                       // "T.f(x:)"
  std::string context;                          // the context name
  std::string selection;                        // what follows "$name"
  std::vector<std::string> types_with_context;  // types carrying @context(name:) in that subgraph
  std::string subgraph;
};

struct Vertex {
  uint32_t index = 0;
  std::string_view type_name;                       // owned by the schema (or a literal)
  const Type* type = nullptr;                       // in its source schema; null for the federated roots
  int source = -1;                                  // subgraph index; -1 for the federated roots ("_")
  int provide_id = 0;                               // > 0 for @provides copies
  std::optional<graphql::OperationType> root_kind;  // federated roots and API roots
  std::vector<uint32_t> out;                        // edge indices, in order
};

struct Edge {
  uint32_t index = 0;
  uint32_t head = 0;
  uint32_t tail = 0;
  Transition transition;
  std::shared_ptr<const FieldSet> conditions;  // parsed against the head type, normalized
  std::optional<OverrideCondition> override_condition;
  std::vector<RequiredContext> required_contexts;
  std::string conditions_text;  // the conditions printed without braces (set by finalize)

  [[nodiscard]] bool has_conditions() const { return conditions != nullptr || !required_contexts.empty(); }
};

class QueryGraph {
 public:
  std::vector<Vertex> vertices;
  std::vector<Edge> edges;
  std::vector<std::string> sources;                                // subgraph names (index = Vertex::source)
  std::vector<const Schema*> schemas;                              // per source
  std::vector<const Subgraph*> subgraphs;                          // per source (federated graph only)
  std::vector<std::pair<graphql::OperationType, uint32_t>> roots;  // in query, mutation, subscription order
  bool uses_context = false;

  [[nodiscard]] const Vertex& vertex(uint32_t index) const { return vertices[index]; }
  [[nodiscard]] const Edge& edge(uint32_t index) const { return edges[index]; }
  [[nodiscard]] std::optional<uint32_t> root(graphql::OperationType kind) const;
  [[nodiscard]] std::string source_name(int source) const { return source < 0 ? "_" : sources[source]; }
  // Out-edges, hiding key and root-type self edges.
  [[nodiscard]] const std::vector<uint32_t>& out_edges(uint32_t vertex) const { return visible_[vertex]; }
  // Out-edges that can follow `previous` (satisfiability.md §3 "non-trivial follow-ups").
  [[nodiscard]] const std::vector<uint32_t>& next_edges(uint32_t vertex, std::optional<uint32_t> previous) const;
  // The collecting edges out of `vertex` for a field name (cast = false: field collections) or a
  // type condition (cast = true: downcasts, fake ones included), in out-edge order. Follow-up
  // rules never hide these, so they are the matching edges of next_edges() too.
  [[nodiscard]] std::span<const uint32_t> collecting_edges(uint32_t vertex, bool cast, std::string_view name) const;
  [[nodiscard]] bool is_terminal(uint32_t vertex) const;
  [[nodiscard]] std::string vertex_display(uint32_t vertex) const;  // "T(a)", "T(a)-1", "[query](_)*"
  [[nodiscard]] std::string edge_display(uint32_t edge) const;

  uint32_t add_vertex(std::string_view type_name, const Type* type, int source);
  // A name no schema owns (a type referenced but not defined), kept as long as the graph.
  std::string_view own_name(std::string_view name);
  // Takes the names `other` owns (when its vertices and edges move into this graph).
  void adopt_names(QueryGraph& other);
  uint32_t add_edge(uint32_t head, uint32_t tail, Transition transition,
                    std::shared_ptr<const FieldSet> conditions = nullptr);
  // Computes the lookups above once the graph is complete.
  void finalize();

 private:
  std::vector<std::unique_ptr<const std::string>> owned_names_;
  std::vector<std::vector<uint32_t>> visible_;    // per vertex
  std::vector<std::vector<uint32_t>> followups_;  // per edge, for key/root/entering edges
  // Per vertex: its collecting edges sorted by (cast, name), stable, and their keys alongside.
  std::vector<std::vector<std::pair<bool, std::string_view>>> collecting_keys_;
  std::vector<std::vector<uint32_t>> collecting_;
};

// The API graph: roots, one vertex per reachable named type, field edges on objects (two per
// progressive-override label, from the supergraph's @join__field), downcasts on abstract types.
QueryGraph build_api_graph(const Schema& api, const Schema& supergraph);

// The federated graph of extracted subgraphs (name order). `api` is the supergraph's API schema.
QueryGraph build_federated_graph(const std::vector<Subgraph>& subgraphs, const Schema& api);

// Possible runtime types (object type names) of a type in a schema, in schema order.
std::vector<std::string> possible_runtime_types(const Schema& schema, const Type& type);
// The same, as views of the names stored in the schema.
std::vector<std::string_view> possible_runtime_type_names(const Schema& schema, const Type& type);

// A selection set printed without outer braces, duplicates merged ("org { name id } id").
std::string print_conditions(const FieldSetSelections& set);

}  // namespace junction::federation
