#include "federation/query_graph.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "common/parallel.h"
#include "federation/metadata.h"

namespace junction::federation {

// ---- Display -----------------------------------------------------------------------------------

std::string Transition::display() const {
  switch (kind) {
    case TransitionKind::FieldCollection: return std::string(field_name);
    case TransitionKind::DownCast:
    case TransitionKind::InterfaceObjectFakeDownCast: return "... on " + std::string(cast_type);
    case TransitionKind::KeyResolution: return "key()";
    case TransitionKind::RootTypeResolution: return std::string(graphql::operation_type_name(root_kind)) + "()";
    case TransitionKind::SubgraphEntering: return "∅";
  }
  return {};
}

std::string QueryGraph::vertex_display(uint32_t index) const {
  const Vertex& v = vertices[index];
  std::string out = std::string(v.type_name) + "(" + source_name(v.source) + ")";
  if (v.provide_id > 0) out += "-" + std::to_string(v.provide_id);
  if (v.root_kind && v.source < 0) out += "*";
  return out;
}

std::string QueryGraph::edge_display(uint32_t index) const {
  const Edge& e = edges[index];
  std::string label;
  if (e.conditions != nullptr) label = "{ " + print_conditions(e.conditions->root) + " }";
  if (e.override_condition) {
    if (!label.empty()) label += ", ";
    label += e.override_condition->label + " = " + (e.override_condition->condition ? "true" : "false");
  }
  std::string transition = e.transition.display();
  if (e.transition.kind == TransitionKind::SubgraphEntering && label.empty()) transition.clear();
  if (!label.empty()) label += " ⊢ ";
  label += transition;
  return vertex_display(e.head) + " -> " + vertex_display(e.tail) + " (" + label + ")";
}

// ---- Graph basics ------------------------------------------------------------------------------

std::optional<uint32_t> QueryGraph::root(graphql::OperationType kind) const {
  for (const auto& [root_kind, vertex] : roots) {
    if (root_kind == kind) return vertex;
  }
  return std::nullopt;
}

std::string_view QueryGraph::own_name(std::string_view name) {
  owned_names_.push_back(std::make_unique<const std::string>(name));
  return *owned_names_.back();
}

void QueryGraph::adopt_names(QueryGraph& other) {
  for (auto& name : other.owned_names_) owned_names_.push_back(std::move(name));
  other.owned_names_.clear();
}

uint32_t QueryGraph::add_vertex(std::string_view type_name, const Type* type, int source) {
  Vertex v;
  v.index = static_cast<uint32_t>(vertices.size());
  v.type_name = type_name;
  v.type = type;
  v.source = source;
  vertices.push_back(std::move(v));
  return vertices.back().index;
}

uint32_t QueryGraph::add_edge(uint32_t head, uint32_t tail, Transition transition,
                              std::shared_ptr<const FieldSet> conditions) {
  Edge e;
  e.index = static_cast<uint32_t>(edges.size());
  e.head = head;
  e.tail = tail;
  e.transition = transition;
  e.conditions = std::move(conditions);
  edges.push_back(std::move(e));
  vertices[head].out.push_back(edges.back().index);
  return edges.back().index;
}

void QueryGraph::finalize() {
  visible_.assign(vertices.size(), {});
  // Printing the conditions is each edge's own: in chunks on every core for a large graph.
  constexpr size_t kChunk = 2048;
  for_each_index((edges.size() + kChunk - 1) / kChunk, edges.size() >= 4 * kChunk, [&](size_t chunk) {
    for (size_t e = chunk * kChunk; e < std::min(edges.size(), (chunk + 1) * kChunk); ++e) {
      Edge& edge = edges[e];
      edge.conditions_text = edge.conditions != nullptr ? print_conditions(edge.conditions->root) : std::string();
    }
  });
  for (const Vertex& v : vertices) {
    for (uint32_t e : v.out) {
      const Edge& edge = edges[e];
      bool self = edge.head == edge.tail;
      if (self && (edge.transition.kind == TransitionKind::KeyResolution ||
                   edge.transition.kind == TransitionKind::RootTypeResolution)) {
        continue;
      }
      visible_[v.index].push_back(e);
    }
  }
  collecting_keys_.assign(vertices.size(), {});
  collecting_.assign(vertices.size(), {});
  std::vector<std::pair<std::pair<bool, std::string_view>, uint32_t>> sorted;
  for (const Vertex& v : vertices) {
    sorted.clear();
    for (uint32_t e : v.out) {
      const Transition& transition = edges[e].transition;
      if (!transition.collects()) continue;
      bool cast = transition.kind != TransitionKind::FieldCollection;
      sorted.push_back({{cast, cast ? transition.cast_type : transition.field_name}, e});
    }
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [key, e] : sorted) {
      collecting_keys_[v.index].push_back(key);
      collecting_[v.index].push_back(e);
    }
  }
  followups_.assign(edges.size(), {});
  for (const Edge& last : edges) {
    TransitionKind kind = last.transition.kind;
    if (kind != TransitionKind::KeyResolution && kind != TransitionKind::RootTypeResolution &&
        kind != TransitionKind::SubgraphEntering) {
      continue;
    }
    for (uint32_t e : visible_[last.tail]) {
      const Edge& edge = edges[e];
      if (kind == TransitionKind::KeyResolution) {
        bool same = edge.transition.kind == TransitionKind::KeyResolution &&
                    (edge.conditions != nullptr) == (last.conditions != nullptr) &&
                    edge.conditions_text == last.conditions_text;
        if (same) continue;
      } else if (edge.transition.kind == TransitionKind::RootTypeResolution) {
        continue;
      }
      followups_[last.index].push_back(e);
    }
  }
}

const std::vector<uint32_t>& QueryGraph::next_edges(uint32_t vertex, std::optional<uint32_t> previous) const {
  if (!previous) return visible_[vertex];
  TransitionKind kind = edges[*previous].transition.kind;
  if (kind == TransitionKind::KeyResolution || kind == TransitionKind::RootTypeResolution ||
      kind == TransitionKind::SubgraphEntering) {
    return followups_[*previous];
  }
  return visible_[vertex];
}

std::span<const uint32_t> QueryGraph::collecting_edges(uint32_t vertex, bool cast, std::string_view name) const {
  const auto& keys = collecting_keys_[vertex];
  auto [first, last] = std::equal_range(keys.begin(), keys.end(), std::pair<bool, std::string_view>(cast, name));
  return std::span<const uint32_t>(collecting_[vertex])
      .subspan(static_cast<size_t>(first - keys.begin()), static_cast<size_t>(last - first));
}

bool QueryGraph::is_terminal(uint32_t vertex) const { return out_edges(vertex).empty(); }

std::vector<std::string> possible_runtime_types(const Schema& schema, const Type& type) {
  std::vector<std::string> out;
  switch (type.kind) {
    case TypeKind::Object: out.push_back(type.name); break;
    case TypeKind::Union:
      for (const TypeMember& member : type.members) out.push_back(member.name);
      break;
    case TypeKind::Interface:
      for (const auto& candidate : schema.types()) {
        if (candidate->kind != TypeKind::Object) continue;
        for (const TypeMember& implemented : candidate->interfaces) {
          if (implemented.name == type.name) out.push_back(candidate->name);
        }
      }
      break;
    default: break;
  }
  return out;
}

std::vector<std::string_view> possible_runtime_type_names(const Schema& schema, const Type& type) {
  std::vector<std::string_view> out;
  switch (type.kind) {
    case TypeKind::Object: out.emplace_back(type.name); break;
    case TypeKind::Union:
      for (const TypeMember& member : type.members) out.emplace_back(member.name);
      break;
    case TypeKind::Interface:
      for (const auto& candidate : schema.types()) {
        if (candidate->kind != TypeKind::Object) continue;
        for (const TypeMember& implemented : candidate->interfaces) {
          if (implemented.name == type.name) out.emplace_back(candidate->name);
        }
      }
      break;
    default: break;
  }
  return out;
}

// ---- Conditions -------------------------------------------------------------------------------

namespace {

void append_selections(std::string& out, const FieldSetSelections& set);

void append_selection(std::string& out, const FieldSetSelection& selection) {
  if (selection.is_fragment) {
    out += "...";
    if (selection.type_condition != nullptr) out += " on " + selection.type_condition->name;
  } else {
    out += selection.name;
    if (!selection.arguments.empty()) {
      static const Schema empty_schema;
      out += '(';
      for (size_t i = 0; i < selection.arguments.size(); ++i) {
        if (i != 0) out += ", ";
        out += selection.arguments[i].first + ": ";
        append_value(out, empty_schema, selection.arguments[i].second, nullptr);
      }
      out += ')';
    }
  }
  if (selection.selection_set) {
    out += " { ";
    append_selections(out, *selection.selection_set);
    out += " }";
  }
}

void append_selections(std::string& out, const FieldSetSelections& set) {
  for (size_t i = 0; i < set.selections.size(); ++i) {
    if (i != 0) out += ' ';
    append_selection(out, set.selections[i]);
  }
}

// A copy of a selection set with same-named fields (and same fragments) merged, first
// occurrence first.
FieldSetSelections normalized(const FieldSetSelections& set) {
  FieldSetSelections out;
  out.parent = set.parent;
  for (const FieldSetSelection& selection : set.selections) {
    FieldSetSelection* existing = nullptr;
    for (FieldSetSelection& candidate : out.selections) {
      bool same = candidate.is_fragment == selection.is_fragment &&
                  (selection.is_fragment ? candidate.type_condition == selection.type_condition
                                         : candidate.name == selection.name && candidate.alias == selection.alias &&
                                               candidate.arguments == selection.arguments);
      if (same) existing = &candidate;
    }
    if (existing == nullptr) {
      FieldSetSelection copy;
      copy.is_fragment = selection.is_fragment;
      copy.name = selection.name;
      copy.alias = selection.alias;
      copy.field = selection.field;
      copy.parent = selection.parent;
      copy.arguments = selection.arguments;
      copy.directives = selection.directives;
      copy.type_condition = selection.type_condition;
      copy.node = selection.node;
      if (selection.selection_set)
        copy.selection_set = std::make_unique<FieldSetSelections>(normalized(*selection.selection_set));
      out.selections.push_back(std::move(copy));
      continue;
    }
    if (selection.selection_set) {
      FieldSetSelections merged;
      merged.parent = selection.selection_set->parent;
      if (existing->selection_set) {
        for (FieldSetSelection& kept : existing->selection_set->selections)
          merged.selections.push_back(std::move(kept));
      }
      FieldSetSelections extra = normalized(*selection.selection_set);
      for (FieldSetSelection& added : extra.selections) merged.selections.push_back(std::move(added));
      existing->selection_set = std::make_unique<FieldSetSelections>(normalized(merged));
    }
  }
  return out;
}

}  // namespace

std::string print_conditions(const FieldSetSelections& set) {
  std::string out;
  append_selections(out, set);
  return out;
}

namespace {

std::shared_ptr<const FieldSet> parse_conditions(const Schema& schema, const Type& parent, const std::string& fields) {
  FieldSetOptions options;
  options.validate = false;
  FieldSetResult parsed = parse_field_set(schema, parent, fields, options);
  if (parsed.error || !parsed.field_set) return nullptr;
  auto out = std::make_shared<FieldSet>();
  out->document = parsed.field_set->document;
  out->root = normalized(parsed.field_set->root);
  return out;
}

// Merges two condition sets (a @requires added to existing conditions).
std::shared_ptr<const FieldSet> merge_conditions(const std::shared_ptr<const FieldSet>& a,
                                                 const std::shared_ptr<const FieldSet>& b) {
  if (a == nullptr) return b;
  if (b == nullptr) return a;
  auto out = std::make_shared<FieldSet>();
  out->document = a->document;
  FieldSetSelections merged;
  merged.parent = a->root.parent;
  FieldSetSelections first = normalized(a->root);
  FieldSetSelections second = normalized(b->root);
  for (FieldSetSelection& s : first.selections) merged.selections.push_back(std::move(s));
  for (FieldSetSelection& s : second.selections) merged.selections.push_back(std::move(s));
  out->root = normalized(merged);
  return out;
}

std::string_view root_type_name(graphql::OperationType kind) {
  switch (kind) {
    case graphql::OperationType::Query: return "[query]";
    case graphql::OperationType::Mutation: return "[mutation]";
    case graphql::OperationType::Subscription: return "[subscription]";
  }
  return "[query]";
}

constexpr graphql::OperationType kRootKinds[] = {graphql::OperationType::Query, graphql::OperationType::Mutation,
                                                 graphql::OperationType::Subscription};

// Builds one schema's graph inside a (possibly shared) query graph.
class SchemaGraphBuilder {
 public:
  SchemaGraphBuilder(QueryGraph& graph, const Schema& schema, int source, const Subgraph* subgraph, const Schema* api,
                     std::map<std::string, std::string> override_labels)
      : graph_(graph),
        schema_(schema),
        source_(source),
        subgraph_(subgraph),
        api_(api),
        override_labels_(std::move(override_labels)) {
    if (subgraph_ != nullptr) metadata_ = std::make_unique<SubgraphMetadata>(*subgraph_);
  }

  std::unordered_map<std::string_view, uint32_t> vertex_of;  // type name → vertex
  std::vector<uint32_t> roots;                               // this schema's root vertices, root order

  void build() {
    // Roots in the order their types were added to the schema (Apollo sets a root when a type
    // with its default name is added).
    std::vector<graphql::OperationType> kinds(std::begin(kRootKinds), std::end(kRootKinds));
    if (subgraph_ == nullptr) {
      auto position = [&](graphql::OperationType kind) {
        const RootType* root = schema_.root(kind);
        if (root == nullptr) return schema_.types().size();
        for (size_t i = 0; i < schema_.types().size(); ++i) {
          if (schema_.types()[i]->name == root->type) return i;
        }
        return schema_.types().size();
      };
      std::stable_sort(kinds.begin(), kinds.end(), [&](auto a, auto b) { return position(a) < position(b); });
    }
    for (graphql::OperationType kind : kinds) {
      const RootType* root = schema_.root(kind);
      if (root == nullptr) continue;
      uint32_t v = add_type(root->type);
      roots.push_back(v);
      root_kinds.emplace_back(kind, v);
    }
    if (subgraph_ != nullptr) add_entity_edges();
  }

  std::vector<std::pair<graphql::OperationType, uint32_t>> root_kinds;

 private:
  bool is_external(const Type& type, const Field& field) const {
    return metadata_ != nullptr && metadata_->is_external(type, field);
  }

  uint32_t add_type(std::string_view name) {
    auto it = vertex_of.find(name);
    if (it != vertex_of.end()) return it->second;
    const Type* type = schema_.find_type(name);
    std::string_view stable = type != nullptr ? std::string_view(type->name) : graph_.own_name(name);
    uint32_t v = graph_.add_vertex(stable, type, source_);
    vertex_of[stable] = v;
    if (type == nullptr) return v;
    switch (type->kind) {
      case TypeKind::Object: add_object_edges(*type, v); break;
      case TypeKind::Interface:
        if (subgraph_ != nullptr) add_interface_field_edges(*type, v);
        add_abstract_edges(*type, v);
        break;
      case TypeKind::Union:
        add_typename_edge(*type, v);
        add_abstract_edges(*type, v);
        break;
      default: break;
    }
    return v;
  }

  void add_typename_edge(const Type& type, uint32_t head) {
    uint32_t tail = add_type("String");
    Transition transition;
    transition.kind = TransitionKind::FieldCollection;
    transition.field_name = "__typename";
    transition.parent_type = type.name;
    graph_.add_edge(head, tail, transition);
  }

  void add_field_edge(const Type& type, const Field& field, uint32_t head) {
    uint32_t tail = add_type(field.type.name);
    Transition transition;
    transition.kind = TransitionKind::FieldCollection;
    transition.field = &field;
    transition.field_name = field.name;
    transition.parent_type = type.name;
    auto label =
        override_labels_.empty() ? override_labels_.end() : override_labels_.find(type.name + "." + field.name);
    if (label == override_labels_.end()) {
      graph_.add_edge(head, tail, transition);
      return;
    }
    for (bool condition : {true, false}) {
      uint32_t e = graph_.add_edge(head, tail, transition);
      graph_.edges[e].override_condition = OverrideCondition{label->second, condition};
    }
  }

  void add_object_edges(const Type& type, uint32_t head) {
    bool interface_object = subgraph_ != nullptr && subgraph_->has(type.directives, FedDirective::InterfaceObject);
    if (!interface_object) add_typename_edge(type, head);
    for (const Field& field : type.fields) {
      if (is_external(type, field)) {
        add_type(field.type.name);
      } else {
        add_field_edge(type, field, head);
      }
    }
  }

  bool directly_provided(const Type& type, const std::string& field_name) const {
    const Field* field = type.find_field(field_name);
    return field != nullptr && !is_external(type, *field) && !subgraph_->has(field->directives, FedDirective::Requires);
  }

  void add_interface_field_edges(const Type& type, uint32_t head) {
    const Type* in_api = api_ != nullptr ? api_->find_type(type.name) : nullptr;
    if (in_api == nullptr) return;
    std::vector<const Type*> local;
    for (const std::string& name : possible_runtime_types(*api_, *in_api)) {
      if (const Type* found = schema_.find_type(name)) local.push_back(found);
    }
    add_typename_edge(type, head);
    for (const Field& field : type.fields) {
      if (is_external(type, field)) continue;
      bool everywhere =
          std::all_of(local.begin(), local.end(), [&](const Type* t) { return directly_provided(*t, field.name); });
      if (!everywhere) continue;
      add_field_edge(type, field, head);
    }
  }

  void add_abstract_edges(const Type& type, uint32_t head) {
    for (std::string_view name : possible_runtime_type_names(schema_, type)) {
      uint32_t tail = add_type(name);
      Transition transition;
      transition.kind = TransitionKind::DownCast;
      transition.source_type = type.name;
      transition.cast_type = name;
      graph_.add_edge(head, tail, transition);
    }
  }

  void add_entity_edges() {
    const Type* entity = schema_.find_type("_Entity");
    if (entity == nullptr) return;
    uint32_t entity_vertex = add_type("_Entity");
    for (const auto& type : schema_.types()) {
      if (type->kind != TypeKind::Interface) continue;
      bool resolvable = false;
      for (const AppliedDirective* key : subgraph_->applications(type->directives, FedDirective::Key)) {
        const json::Value* flag = key->argument("resolvable");
        if (flag == nullptr || !flag->is_bool() || flag->as_bool()) resolvable = true;
      }
      if (!resolvable) continue;
      uint32_t tail = add_type(type->name);
      Transition transition;
      transition.kind = TransitionKind::DownCast;
      transition.source_type = "_Entity";
      transition.cast_type = type->name;
      graph_.add_edge(entity_vertex, tail, transition);
    }
  }

  QueryGraph& graph_;
  const Schema& schema_;
  int source_;
  const Subgraph* subgraph_;
  const Schema* api_;
  std::map<std::string, std::string> override_labels_;
  std::unique_ptr<SubgraphMetadata> metadata_;
};

}  // namespace

QueryGraph build_api_graph(const Schema& api, const Schema& supergraph) {
  std::map<std::string, std::string> labels;
  for (const auto& type : supergraph.types()) {
    for (const Field& field : type->fields) {
      for (const AppliedDirective& directive : field.directives) {
        if (directive.name != "join__field") continue;
        const json::Value* label = directive.argument("overrideLabel");
        if (label != nullptr && label->is_string() && !label->as_string().empty()) {
          labels[type->name + "." + field.name] = label->as_string();
        }
      }
    }
  }
  QueryGraph graph;
  graph.sources.push_back("supergraph");
  graph.schemas.push_back(&api);
  SchemaGraphBuilder builder(graph, api, 0, nullptr, nullptr, labels);
  builder.build();
  for (const auto& [kind, vertex] : builder.root_kinds) {
    graph.roots.emplace_back(kind, vertex);
    graph.vertices[vertex].root_kind = kind;
  }
  graph.finalize();
  return graph;
}

namespace {

// Depth-first over a subgraph's own edges (Apollo's simpleTraversal): visits vertices and
// returns the edges in visiting order.
struct LocalGraph {
  std::vector<uint32_t> roots;
  std::unordered_map<uint32_t, size_t> local_edge_count;  // vertex → number of out-edges that are its own
  std::unordered_map<std::string_view, uint32_t> vertex_of;
};

template <class OnVertex, class OnEdge>
void simple_traversal(const QueryGraph& graph, const LocalGraph& local, OnVertex on_vertex, OnEdge on_edge) {
  std::vector<bool> marked(graph.vertices.size(), false);
  std::vector<uint32_t> stack;
  auto maybe_add = [&](uint32_t v) {
    if (v >= marked.size()) marked.resize(v + 1, false);
    if (marked[v]) return;
    marked[v] = true;
    stack.push_back(v);
  };
  for (uint32_t root : local.roots) maybe_add(root);
  while (!stack.empty()) {
    uint32_t v = stack.back();
    stack.pop_back();
    on_vertex(v);
    size_t count = local.local_edge_count.at(v);
    for (size_t i = 0; i < count; ++i) {
      uint32_t e = graph.vertices[v].out[i];
      const Edge& edge = graph.edges[e];
      if (edge.head == edge.tail && (edge.transition.kind == TransitionKind::KeyResolution ||
                                     edge.transition.kind == TransitionKind::RootTypeResolution)) {
        continue;
      }
      on_edge(v, i);
      maybe_add(edge.tail);
    }
  }
}

uint32_t copy_vertex(QueryGraph& graph, uint32_t original, int provide_id) {
  const Vertex source = graph.vertices[original];
  uint32_t copy = graph.add_vertex(source.type_name, source.type, source.source);
  graph.vertices[copy].provide_id = provide_id;
  for (uint32_t e : source.out) {
    Edge edge = graph.edges[e];
    uint32_t added = graph.add_edge(copy, edge.tail, edge.transition, edge.conditions);
    graph.edges[added].override_condition = edge.override_condition;
    graph.edges[added].required_contexts = edge.required_contexts;
  }
  return copy;
}

void add_provides_edges(QueryGraph& graph, const Schema& schema, uint32_t from, const FieldSetSelections& provided,
                        int provide_id) {
  std::vector<std::pair<uint32_t, const FieldSetSelections*>> stack{{from, &provided}};
  int source = graph.vertices[from].source;
  while (!stack.empty()) {
    auto [v, set] = stack.back();
    stack.pop_back();
    for (auto it = set->selections.rbegin(); it != set->selections.rend(); ++it) {
      const FieldSetSelection& selection = *it;
      if (!selection.is_fragment) {
        if (selection.field == nullptr) continue;
        uint32_t existing = UINT32_MAX;
        for (uint32_t e : graph.vertices[v].out) {
          const Edge& edge = graph.edges[e];
          if (edge.transition.kind == TransitionKind::FieldCollection && edge.transition.field_name == selection.name) {
            existing = e;
            break;
          }
        }
        if (existing != UINT32_MAX) {
          if (selection.selection_set) {
            uint32_t copied = copy_vertex(graph, graph.edges[existing].tail, provide_id);
            graph.edges[existing].tail = copied;
            stack.emplace_back(copied, selection.selection_set.get());
          }
          continue;
        }
        const std::string& type_name = selection.field->type.name;
        std::optional<uint32_t> existing_tail;
        for (const Vertex& candidate : graph.vertices) {
          if (candidate.type_name == type_name && candidate.source == source) {
            existing_tail = candidate.index;
            break;
          }
        }
        uint32_t tail =
            existing_tail ? *existing_tail : graph.add_vertex(type_name, schema.find_type(type_name), source);
        Transition transition;
        transition.kind = TransitionKind::FieldCollection;
        transition.field = selection.field;
        transition.field_name = selection.field->name;
        transition.parent_type = selection.parent->name;
        transition.part_of_provide = true;
        if (selection.selection_set) {
          uint32_t copied = existing_tail ? copy_vertex(graph, *existing_tail, provide_id) : tail;
          graph.add_edge(v, copied, transition);
          stack.emplace_back(copied, selection.selection_set.get());
        } else {
          graph.add_edge(v, tail, transition);
        }
      } else if (selection.type_condition != nullptr) {
        for (uint32_t e : graph.vertices[v].out) {
          Edge& edge = graph.edges[e];
          if (edge.transition.kind == TransitionKind::DownCast &&
              edge.transition.cast_type == selection.type_condition->name) {
            uint32_t copied = copy_vertex(graph, edge.tail, provide_id);
            graph.edges[e].tail = copied;
            stack.emplace_back(copied, selection.selection_set.get());
            break;
          }
        }
      } else if (selection.selection_set) {
        stack.emplace_back(v, selection.selection_set.get());
      }
    }
  }
}

}  // namespace

QueryGraph build_federated_graph(const std::vector<Subgraph>& subgraphs, const Schema& api) {
  QueryGraph graph;
  for (const Subgraph& subgraph : subgraphs) {
    graph.sources.push_back(subgraph.name);
    graph.schemas.push_back(&subgraph.schema);
    graph.subgraphs.push_back(&subgraph);
  }
  // Federated roots.
  for (graphql::OperationType kind : kRootKinds) {
    bool present = std::any_of(subgraphs.begin(), subgraphs.end(),
                               [&](const Subgraph& s) { return s.schema.root(kind) != nullptr; });
    if (!present) continue;
    uint32_t v = graph.add_vertex(root_type_name(kind), nullptr, -1);
    graph.vertices[v].root_kind = kind;
    graph.roots.emplace_back(kind, v);
  }
  std::vector<LocalGraph> locals(subgraphs.size());
  std::vector<std::vector<std::pair<graphql::OperationType, uint32_t>>> subgraph_roots(subgraphs.size());
  // Each subgraph's own graph is built apart (on every core for a large graph), then appended.
  std::vector<QueryGraph> parts(subgraphs.size());
  size_t type_count = 0;
  for (const Subgraph& subgraph : subgraphs) type_count += subgraph.schema.types().size();
  for_each_index(subgraphs.size(), type_count >= kParallelMinTypes, [&](size_t i) {
    SchemaGraphBuilder builder(parts[i], subgraphs[i].schema, static_cast<int>(i), &subgraphs[i], &api, {});
    builder.build();
    locals[i].roots = builder.roots;
    subgraph_roots[i] = builder.root_kinds;
    locals[i].vertex_of = std::move(builder.vertex_of);
  });
  size_t vertex_total = graph.vertices.size();
  size_t edge_total = 0;
  for (const QueryGraph& part : parts) {
    vertex_total += part.vertices.size();
    edge_total += part.edges.size();
  }
  graph.vertices.reserve(vertex_total);
  graph.edges.reserve(edge_total + edge_total / 2);  // the key, root and entering edges come next
  for (size_t i = 0; i < subgraphs.size(); ++i) {
    auto vertex_offset = static_cast<uint32_t>(graph.vertices.size());
    auto edge_offset = static_cast<uint32_t>(graph.edges.size());
    for (Vertex& vertex : parts[i].vertices) {
      vertex.index += vertex_offset;
      for (uint32_t& e : vertex.out) e += edge_offset;
      graph.vertices.push_back(std::move(vertex));
    }
    for (Edge& edge : parts[i].edges) {
      edge.index += edge_offset;
      edge.head += vertex_offset;
      edge.tail += vertex_offset;
      graph.edges.push_back(std::move(edge));
    }
    graph.adopt_names(parts[i]);
    parts[i] = QueryGraph();
    for (uint32_t& root : locals[i].roots) root += vertex_offset;
    for (auto& [kind, root] : subgraph_roots[i]) root += vertex_offset;
    for (auto& [name, v] : locals[i].vertex_of) {
      v += vertex_offset;
      locals[i].local_edge_count[v] = graph.vertices[v].out.size();
    }
  }
  // Per type name, the subgraphs (ascending) with a vertex for it.
  std::unordered_map<std::string_view, std::vector<uint32_t>> vertices_by_type;
  for (const LocalGraph& local : locals) {
    for (const auto& [name, v] : local.vertex_of) vertices_by_type[name].push_back(v);
  }
  for (auto& [name, list] : vertices_by_type) {
    std::sort(list.begin(), list.end(),
              [&](uint32_t a, uint32_t b) { return graph.vertices[a].source < graph.vertices[b].source; });
  }
  // Pass 1: entering and root-type edges.
  for (size_t i = 0; i < subgraphs.size(); ++i) {
    for (const auto& [kind, root_vertex] : subgraph_roots[i]) {
      Transition entering;
      entering.kind = TransitionKind::SubgraphEntering;
      graph.add_edge(*graph.root(kind), root_vertex, entering);
      for (size_t j = 0; j < subgraphs.size(); ++j) {
        for (const auto& [other_kind, other_root] : subgraph_roots[j]) {
          if (other_kind != kind) continue;
          Transition jump;
          jump.kind = TransitionKind::RootTypeResolution;
          jump.root_kind = kind;
          graph.add_edge(root_vertex, other_root, jump);
        }
      }
    }
  }
  // Pass 2: key edges; @requires conditions.
  for (size_t i = 0; i < subgraphs.size(); ++i) {
    const Subgraph& subgraph = subgraphs[i];
    simple_traversal(
        graph, locals[i],
        [&](uint32_t v) {
          const Type* type = graph.vertices[v].type;
          if (type == nullptr || (type->kind != TypeKind::Object && type->kind != TypeKind::Interface)) return;
          bool interface_object = subgraph.has(type->directives, FedDirective::InterfaceObject);
          for (const AppliedDirective* key : subgraph.applications(type->directives, FedDirective::Key)) {
            const json::Value* flag = key->argument("resolvable");
            if (flag != nullptr && flag->is_bool() && !flag->as_bool()) continue;
            const json::Value* fields = key->argument("fields");
            if (fields == nullptr || !fields->is_string()) continue;
            auto conditions = parse_conditions(subgraph.schema, *type, fields->as_string());
            if (!interface_object) {
              auto holders = vertices_by_type.find(type->name);
              if (holders == vertices_by_type.end()) continue;
              for (uint32_t other : holders->second) {
                Transition key_transition;
                key_transition.kind = TransitionKind::KeyResolution;
                graph.add_edge(other, v, key_transition, conditions);
              }
              continue;
            }
            for (size_t j = 0; j < subgraphs.size(); ++j) {
              auto other = locals[j].vertex_of.find(type->name);
              if (other != locals[j].vertex_of.end()) {
                Transition key_transition;
                key_transition.kind = TransitionKind::KeyResolution;
                graph.add_edge(other->second, v, key_transition, conditions);
              }
              const Type* in_api = api.find_type(type->name);
              if (in_api == nullptr) continue;
              for (const std::string& implementation : possible_runtime_types(api, *in_api)) {
                auto implementation_vertex = locals[j].vertex_of.find(implementation);
                if (implementation_vertex == locals[j].vertex_of.end()) continue;
                const Type* implementation_type = graph.vertices[implementation_vertex->second].type;
                if (implementation_type == nullptr) continue;
                auto implementation_conditions =
                    parse_conditions(subgraphs[j].schema, *implementation_type, fields->as_string());
                if (implementation_conditions == nullptr) continue;
                Transition key_transition;
                key_transition.kind = TransitionKind::KeyResolution;
                graph.add_edge(implementation_vertex->second, v, key_transition, implementation_conditions);
              }
            }
          }
        },
        [&](uint32_t v, size_t position) {
          Edge& edge = graph.edges[graph.vertices[v].out[position]];
          if (edge.transition.kind != TransitionKind::FieldCollection || edge.transition.field == nullptr) return;
          const Type* type = graph.vertices[v].type;
          for (const AppliedDirective* requirement :
               subgraph.applications(edge.transition.field->directives, FedDirective::Requires)) {
            const json::Value* fields = requirement->argument("fields");
            if (fields == nullptr || !fields->is_string()) continue;
            edge.conditions =
                merge_conditions(edge.conditions, parse_conditions(subgraph.schema, *type, fields->as_string()));
          }
        });
  }
  // Pass 3: progressive override.
  for (size_t i = 0; i < subgraphs.size(); ++i) {
    for (const auto& type : subgraphs[i].schema.types()) {
      for (const Field& field : type->fields) {
        for (const AppliedDirective* override_directive :
             subgraphs[i].applications(field.directives, FedDirective::Override)) {
          const json::Value* label = override_directive->argument("label");
          const json::Value* from = override_directive->argument("from");
          if (label == nullptr || !label->is_string() || from == nullptr || !from->is_string()) continue;
          auto mark = [&](size_t index, bool condition) {
            auto v = locals[index].vertex_of.find(type->name);
            if (v == locals[index].vertex_of.end()) return;
            for (uint32_t e : graph.vertices[v->second].out) {
              Edge& edge = graph.edges[e];
              if (edge.transition.kind == TransitionKind::FieldCollection && edge.transition.field_name == field.name) {
                edge.override_condition = OverrideCondition{label->as_string(), condition};
              }
            }
          };
          mark(i, true);
          for (size_t j = 0; j < subgraphs.size(); ++j) {
            if (subgraphs[j].name == from->as_string()) mark(j, false);
          }
        }
      }
    }
  }
  // Pass 4: contexts.
  for (size_t i = 0; i < subgraphs.size(); ++i) {
    const Subgraph& subgraph = subgraphs[i];
    std::map<std::string, std::vector<std::string>> context_types;
    for (const auto& type : subgraph.schema.types()) {
      for (const AppliedDirective* context : subgraph.applications(type->directives, FedDirective::Context)) {
        const json::Value* name = context->argument("name");
        if (name == nullptr || !name->is_string()) continue;
        auto& list = context_types[name->as_string()];
        if (std::find(list.begin(), list.end(), type->name) == list.end()) list.push_back(type->name);
      }
    }
    std::map<std::string, std::vector<RequiredContext>> by_field;
    for (const auto& type : subgraph.schema.types()) {
      for (const Field& field : type->fields) {
        for (const InputValue& argument : field.arguments) {
          for (const AppliedDirective* from_context :
               subgraph.applications(argument.directives, FedDirective::FromContext)) {
            const json::Value* value = from_context->argument("field");
            if (value == nullptr || !value->is_string()) continue;
            auto reference = split_context_reference(value->as_string());
            if (!reference) continue;
            graph.uses_context = true;
            RequiredContext required;
            required.argument = argument.name;
            required.coordinate = type->name + "." + field.name + "(" + argument.name + ":)";
            required.context = reference->first;
            required.selection = reference->second;
            required.types_with_context = context_types[reference->first];
            required.subgraph = subgraph.name;
            by_field[type->name + "." + field.name].push_back(std::move(required));
          }
        }
      }
    }
    if (by_field.empty()) continue;
    simple_traversal(
        graph, locals[i], [](uint32_t) {},
        [&](uint32_t v, size_t position) {
          Edge& edge = graph.edges[graph.vertices[v].out[position]];
          const Type* type = graph.vertices[v].type;
          if (type == nullptr || type->kind != TypeKind::Object ||
              edge.transition.kind != TransitionKind::FieldCollection) {
            return;
          }
          auto found = by_field.find(type->name + "." + std::string(edge.transition.field_name));
          if (found == by_field.end()) return;
          for (const RequiredContext& required : found->second) edge.required_contexts.push_back(required);
        });
  }
  // Pass 5: @provides.
  int provide_id = 0;
  for (size_t i = 0; i < subgraphs.size(); ++i) {
    const Subgraph& subgraph = subgraphs[i];
    std::vector<std::pair<uint32_t, size_t>> visited;
    simple_traversal(
        graph, locals[i], [](uint32_t) {}, [&](uint32_t v, size_t position) { visited.emplace_back(v, position); });
    for (const auto& [v, position] : visited) {
      uint32_t e = graph.vertices[v].out[position];
      if (graph.edges[e].transition.kind != TransitionKind::FieldCollection ||
          graph.edges[e].transition.field == nullptr) {
        continue;
      }
      const Field* field = graph.edges[e].transition.field;
      for (const AppliedDirective* provides : subgraph.applications(field->directives, FedDirective::Provides)) {
        ++provide_id;
        const Type* field_type = subgraph.schema.find_type(field->type.name);
        const json::Value* fields = provides->argument("fields");
        if (field_type == nullptr || fields == nullptr || !fields->is_string()) continue;
        auto provided = parse_conditions(subgraph.schema, *field_type, fields->as_string());
        if (provided == nullptr) continue;
        uint32_t original_tail = locals[i].vertex_of.at(field->type.name);
        uint32_t copied = copy_vertex(graph, original_tail, provide_id);
        graph.edges[e].tail = copied;
        add_provides_edges(graph, subgraph.schema, copied, provided->root, provide_id);
      }
    }
  }
  // Pass 6: @interfaceObject fake downcasts.
  for (size_t i = 0; i < subgraphs.size(); ++i) {
    const Subgraph& subgraph = subgraphs[i];
    for (const auto& type : subgraph.schema.types()) {
      if (!subgraph.has(type->directives, FedDirective::InterfaceObject)) continue;
      auto v = locals[i].vertex_of.find(type->name);
      const Type* in_api = api.find_type(type->name);
      if (v == locals[i].vertex_of.end() || in_api == nullptr) continue;
      auto condition = parse_conditions(subgraph.schema, *type, "__typename");
      for (std::string_view implementation : possible_runtime_type_names(api, *in_api)) {
        Transition fake;
        fake.kind = TransitionKind::InterfaceObjectFakeDownCast;
        fake.source_type = type->name;
        fake.cast_type = implementation;
        graph.add_edge(v->second, v->second, fake, condition);
      }
    }
  }
  graph.finalize();
  return graph;
}

}  // namespace junction::federation
