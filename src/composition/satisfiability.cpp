// The satisfiability traversal (docs/federation/satisfiability.md §6-16): the supergraph API
// graph is walked depth first; every step must be followed by some path in the federated graph
// of the extracted subgraphs, with @key/@requires/@fromContext conditions resolved on the way.
// A large supergraph is walked by one worker per core, the root fields dealt out among them and
// the visited states shared; when any worker finds something to report, one sequential walk
// runs again so that the errors and hints are Apollo's, in Apollo's order.
#include "composition/satisfiability.h"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "common/parallel.h"
#include "federation/api_schema.h"
#include "federation/extract.h"
#include "federation/metadata.h"
#include "federation/query_graph.h"
#include "federation/text.h"
#include "graphql/printer.h"

namespace junction::composition {

using namespace federation;  // NOLINT(google-build-using-namespace): this file works on the model

namespace {

// Why a subgraph path cannot advance. Reasons about key edges are worded only when an error is
// reported (most are discarded).
struct Reason {
  enum class Kind : uint8_t { Text, IgnoredKey, UnsatisfiableKey };
  int source = -1;
  int dest = -1;
  std::string details;  // Text
  Kind kind = Kind::Text;
  uint32_t edge = 0;  // key reasons
};
using Reasons = std::vector<Reason>;

// What made a path step: a supergraph transition (validation), an operation element
// (condition resolution), or a non-collecting edge. Names point into graph-owned strings.
struct Trigger {
  enum class Kind : uint8_t { Field, Cast, Other } kind = Kind::Other;
  std::string_view name;         // field name, or type condition ("" for none)
  std::string_view parent_type;  // for fields
  const Field* field = nullptr;  // operation fields: the definition (for argument checks)
  bool operation = false;        // from a condition selection rather than the supergraph
};

using Names = std::vector<std::string_view>;
using SharedNames = std::shared_ptr<const Names>;

// One step of a path; paths share their prefixes.
struct Step {
  std::shared_ptr<const Step> previous;
  std::optional<uint32_t> edge;
  Trigger trigger;
  size_t size = 0;  // steps up to and including this one
};

struct Path {
  uint32_t root = 0;
  uint32_t tail = 0;
  std::shared_ptr<const Step> last;
  std::optional<uint32_t> edge_to_tail;
  SharedNames runtime_types;
  SharedNames runtime_types_before_cast;  // when the last step is a downcast
  struct Entering {
    size_t index = 0;
    uint32_t edge = 0;
    int cost = 0;
  };
  std::optional<Entering> entering;

  [[nodiscard]] size_t size() const { return last ? last->size : 0; }
  [[nodiscard]] const Names& runtime() const {
    static const Names no_names;
    return runtime_types ? *runtime_types : no_names;
  }
  // The steps in order (first to last).
  [[nodiscard]] std::vector<const Step*> steps() const {
    std::vector<const Step*> out(size());
    const Step* step = last.get();
    for (size_t i = out.size(); i-- > 0; step = step->previous.get()) out[i] = step;
    return out;
  }
};

// A path in the API graph (the supergraph side): only its edges matter.
struct ApiPath {
  uint32_t root = 0;
  uint32_t tail = 0;
  std::vector<uint32_t> edges;
};

struct Resolution {
  enum class Tag : uint8_t { None, NoPostRequireKey, NoContextSet };
  bool satisfied = false;
  int cost = 0;
  Tag tag = Tag::None;
};

struct Exclusions {
  std::vector<int> destinations;
  std::vector<std::string> conditions;  // printed condition sets
};

struct Indirect {
  std::vector<Path> paths;
  Reasons reasons;
};

bool is_leaf_type(const Schema& schema, std::string_view name) {
  if (is_builtin_scalar(name)) return true;
  const Type* type = schema.find_type(name);
  return type == nullptr || type->kind == TypeKind::Scalar || type->kind == TypeKind::Enum;
}

bool is_abstract(const Type* type) {
  return type != nullptr && (type->kind == TypeKind::Interface || type->kind == TypeKind::Union);
}

// ---- Witness printing (graphql-js print) ------------------------------------------------------

std::string witness_value(const Schema& api, const TypeRef& type) {
  if (type.is_non_null()) return witness_value(api, type.nullable());
  if (type.is_list()) return "[]";
  const std::string& name = type.name;
  if (name == "Int") return "0";
  if (name == "Float") return "3.14";
  if (name == "Boolean") return "true";
  if (name == "String") return graphql::print_string("A string value");
  if (name == "ID") return graphql::print_string("<any id>");
  const Type* named = api.find_type(name);
  if (named == nullptr || named->kind == TypeKind::Scalar) return graphql::print_string("<some value>");
  if (named->kind == TypeKind::Enum) return named->values.empty() ? "null" : named->values.front().name;
  std::string out = "{";
  bool first = true;
  for (const InputValue& field : named->input_fields) {
    // JavaScript truthiness: a default of 0, "", false or null counts as no default.
    bool has_default = field.default_value.has_value();
    if (has_default) {
      const json::Value& value = *field.default_value;
      has_default =
          !(value.is_null() || (value.is_bool() && !value.as_bool()) || (value.is_number() && value.as_double() == 0) ||
            (value.is_string() && value.as_string().empty()));
    }
    if (has_default || !field.type.is_non_null()) continue;
    if (!first) out += ", ";
    first = false;
    out += field.name + ": " + witness_value(api, field.type);
  }
  return out + "}";
}

// What every traversal of one supergraph reads: its extracted subgraphs, the federated and API
// graphs, the join__Graph names and the contexts. Built once, shared read-only by the workers.
struct Prepared {
  std::vector<Subgraph> subgraphs;
  QueryGraph api_graph;
  QueryGraph graph;
  std::map<std::string, std::string> graph_enum;
  std::map<std::string, std::vector<std::string>, std::less<>> contexts_by_type;
};

class Satisfiability {
 public:
  // The states visited by all the workers of one traversal: a worker skips a state that one
  // visited by any of them covers (each vertex's list under one of a few locks).
  struct Visit {
    std::set<std::string> keys;
    std::map<std::string, bool> overrides;
  };
  struct SharedVisits {
    explicit SharedVisits(size_t vertices) : visits(vertices) {}
    std::vector<std::vector<Visit>> visits;
    std::array<std::mutex, 64> locks;
  };

  // Traverses the root fields whose position modulo `lanes` is `lane` (all of them for one lane),
  // recording visits in `shared` when several workers traverse at once.
  Satisfiability(const Schema& supergraph, const Schema& api, const Prepared& prepared, size_t lane, size_t lanes,
                 SharedVisits* shared = nullptr)
      : supergraph_(supergraph),
        api_(api),
        api_graph_(prepared.api_graph),
        graph_(prepared.graph),
        graph_enum_(prepared.graph_enum),
        contexts_by_type_(prepared.contexts_by_type),
        lane_(lane),
        lanes_(lanes),
        shared_(shared) {}

  // The graphs and names the traversal needs; an error when the supergraph cannot be extracted.
  static Result<std::unique_ptr<Prepared>> prepare(const Schema& supergraph, const Schema& api) {
    auto prepared = std::make_unique<Prepared>();
    // The API graph does not depend on the subgraphs: on a large graph it is built on another
    // core while they are extracted and their graph is built.
    std::jthread api_builder = run_beside(supergraph.types().size() >= kParallelMinTypes,
                                          [&] { prepared->api_graph = build_api_graph(api, supergraph); });
    auto extracted = extract_subgraphs(supergraph);
    if (!extracted.ok()) return std::move(extracted).error();
    prepared->subgraphs = std::move(extracted).value();
    prepared->graph = build_federated_graph(prepared->subgraphs, api);
    if (api_builder.joinable()) api_builder.join();
    prepared->graph_enum = graph_enum_of(supergraph);
    prepared->contexts_by_type = contexts_of(supergraph);
    return prepared;
  }

  void walk() {
    visits_.resize(api_graph_.vertices.size());
    traverse();
  }

  // Errors and hints in Apollo's order.
  SatisfiabilityResult run() {
    walk();
    return {std::move(errors_), std::move(hints_)};
  }

  // Whether the traversal found nothing at all to report, not even a per-subgraph error of a
  // mutation field that another subgraph can serve.
  [[nodiscard]] bool clean() const {
    if (!errors_.empty() || !hints_.empty() || pending_hint_) return false;
    return std::all_of(mutation_errors_.begin(), mutation_errors_.end(), [](const auto& field) {
      return std::all_of(field.second.begin(), field.second.end(),
                         [](const auto& entry) { return entry.second.empty(); });
    });
  }

 private:
  // ---- Setup ---------------------------------------------------------------------------------

  static std::map<std::string, std::string> graph_enum_of(const Schema& supergraph) {
    std::map<std::string, std::string> graph_enum;
    const Type* graph = supergraph.find_type("join__Graph");
    if (graph == nullptr) return graph_enum;
    for (const EnumValue& value : graph->values) {
      for (const AppliedDirective& directive : value.directives) {
        const json::Value* name = directive.argument("name");
        if (directive.name == "join__graph" && name != nullptr && name->is_string()) {
          graph_enum[name->as_string()] = value.name;
        }
      }
    }
    return graph_enum;
  }

  // Supergraph type name → contexts set on it (directly, or through an interface or union).
  static std::map<std::string, std::vector<std::string>, std::less<>> contexts_of(const Schema& supergraph) {
    std::map<std::string, std::vector<std::string>, std::less<>> contexts_by_type;
    Features features = linked_features(supergraph);
    const LinkedFeature* context = features.by_identity(std::string(kSpecsPrefix) + "context");
    if (context == nullptr) return contexts_by_type;
    std::string name = context->directive_name_in_schema("context");
    for (const auto& type : supergraph.types()) {
      for (const AppliedDirective& directive : type->directives) {
        const json::Value* value = directive.argument("name");
        if (directive.name != name || value == nullptr || !value->is_string()) continue;
        std::vector<std::string> names{type->name};
        if (type->kind == TypeKind::Interface) {
          for (const auto& candidate : supergraph.types()) {
            for (const TypeMember& implemented : candidate->interfaces) {
              if (implemented.name == type->name) names.push_back(candidate->name);
            }
          }
        } else if (type->kind == TypeKind::Union) {
          for (const TypeMember& member : type->members) names.push_back(member.name);
        }
        for (const std::string& holder : names) {
          auto& list = contexts_by_type[holder];
          if (std::find(list.begin(), list.end(), value->as_string()) == list.end()) list.push_back(value->as_string());
        }
      }
    }
    return contexts_by_type;
  }

  // ---- Paths -----------------------------------------------------------------------------------

  const Schema& schema_of(int source) const { return *graph_.schemas[static_cast<size_t>(source)]; }

  SharedNames runtime_types_of(int source, std::string_view type_name) const {
    auto key = std::make_pair(source, type_name);  // the name lives in a schema or the graph
    auto cached = runtime_cache_.find(key);
    if (cached != runtime_cache_.end()) return cached->second;
    auto names = std::make_shared<Names>();
    if (source >= 0) {
      if (const Type* type = schema_of(source).find_type(type_name)) {
        *names = possible_runtime_type_names(schema_of(source), *type);
      }
    }
    return runtime_cache_.emplace(key, std::move(names)).first->second;
  }

  SharedNames update_runtime_types(const SharedNames& current, uint32_t edge_index) const {
    const Edge& edge = graph_.edge(edge_index);
    const Vertex& tail = graph_.vertex(edge.tail);
    static const Names no_names;
    const Names& names = current ? *current : no_names;
    switch (edge.transition.kind) {
      case TransitionKind::FieldCollection: {
        int source = graph_.vertex(edge.head).source;
        const Schema& schema = schema_of(source);
        if (edge.transition.field == nullptr) return std::make_shared<Names>();
        const Type* base = schema.find_type(edge.transition.field->type.name);
        if (base == nullptr || base->kind == TypeKind::Scalar || base->kind == TypeKind::Enum) {
          return std::make_shared<Names>();
        }
        if (names.size() == 1) {
          const Type* parent = schema.find_type(names[0]);
          const Field* field = parent != nullptr ? parent->find_field(edge.transition.field_name) : nullptr;
          if (field != nullptr) return runtime_types_of(source, field->type.name);
        }
        auto out = std::make_shared<Names>();
        for (std::string_view parent : names) {
          const Type* parent_type = schema.find_type(parent);
          const Field* field = parent_type != nullptr ? parent_type->find_field(edge.transition.field_name) : nullptr;
          if (field == nullptr) continue;
          for (std::string_view name : *runtime_types_of(source, field->type.name)) {
            if (std::find(out->begin(), out->end(), name) == out->end()) out->push_back(name);
          }
        }
        return out;
      }
      case TransitionKind::DownCast: {
        SharedNames casted = runtime_types_of(tail.source, edge.transition.cast_type);
        auto out = std::make_shared<Names>();
        for (std::string_view name : names) {
          if (std::find(casted->begin(), casted->end(), name) != casted->end()) out->push_back(name);
        }
        return out;
      }
      case TransitionKind::InterfaceObjectFakeDownCast: return current;
      case TransitionKind::KeyResolution: return runtime_types_of(tail.source, tail.type_name);
      case TransitionKind::RootTypeResolution:
      case TransitionKind::SubgraphEntering: return std::make_shared<Names>(Names{std::string_view(tail.type_name)});
    }
    return current;
  }

  Path start(uint32_t vertex) const {
    Path path;
    path.root = vertex;
    path.tail = vertex;
    const Vertex& v = graph_.vertex(vertex);
    if (v.source >= 0) path.runtime_types = runtime_types_of(v.source, v.type_name);
    return path;
  }

  bool last_is_fake_downcast(const Path& path) const {
    return path.edge_to_tail &&
           graph_.edge(*path.edge_to_tail).transition.kind == TransitionKind::InterfaceObjectFakeDownCast;
  }

  static std::shared_ptr<const Step> step(std::shared_ptr<const Step> previous, std::optional<uint32_t> edge,
                                          const Trigger& trigger) {
    size_t size = previous ? previous->size + 1 : 1;
    return std::make_shared<const Step>(Step{std::move(previous), edge, trigger, size});
  }

  Path add(const Path& path, const Trigger& trigger, std::optional<uint32_t> edge_index, int cost) const {
    if (edge_index) {
      const Edge& edge = graph_.edge(*edge_index);
      if (edge.transition.kind == TransitionKind::DownCast && path.edge_to_tail && path.last &&
          path.last->trigger.kind == Trigger::Kind::Cast && path.last->trigger.operation &&
          path.runtime_types_before_cast) {
        SharedNames without_previous = update_runtime_types(path.runtime_types_before_cast, *edge_index);
        const Names& current = path.runtime();
        bool covered = !without_previous->empty() &&
                       std::all_of(without_previous->begin(), without_previous->end(), [&](std::string_view t) {
                         return std::find(current.begin(), current.end(), t) != current.end();
                       });
        if (covered) {
          uint32_t previous_head = graph_.edge(*path.edge_to_tail).head;
          for (uint32_t candidate : graph_.out_edges(previous_head)) {
            if (graph_.vertex(graph_.edge(candidate).tail).type_name != graph_.vertex(edge.tail).type_name) continue;
            Path out = path;
            out.tail = graph_.edge(candidate).tail;
            out.last = step(path.last->previous, candidate, trigger);
            out.edge_to_tail = candidate;
            out.runtime_types = without_previous;
            return out;
          }
        }
      }
      Path out = path;
      if (graph_.vertex(edge.head).source != graph_.vertex(edge.tail).source) {
        out.entering = Path::Entering{path.size(), *edge_index, cost};
      }
      if (edge.transition.kind == TransitionKind::KeyResolution && last_is_fake_downcast(path) && path.last) {
        const Type* tail_type = graph_.vertex(edge.tail).type;
        if (tail_type != nullptr && tail_type->kind == TypeKind::Interface) {
          out.tail = edge.tail;
          out.last = step(path.last->previous, *edge_index, trigger);
          out.edge_to_tail = *edge_index;
          out.runtime_types = update_runtime_types(path.runtime_types, *edge_index);
          out.runtime_types_before_cast.reset();
          return out;
        }
      }
      out.tail = edge.tail;
      out.last = step(path.last, *edge_index, trigger);
      out.edge_to_tail = *edge_index;
      out.runtime_types = update_runtime_types(path.runtime_types, *edge_index);
      if (edge.transition.kind == TransitionKind::DownCast) {
        out.runtime_types_before_cast = path.runtime_types;
      } else {
        out.runtime_types_before_cast.reset();
      }
      return out;
    }
    Path out = path;
    out.last = step(path.last, std::nullopt, trigger);
    out.edge_to_tail.reset();
    out.runtime_types_before_cast.reset();
    return out;
  }

  const std::vector<uint32_t>& next_edges(const Path& path) const {
    return graph_.next_edges(path.tail, path.edge_to_tail);
  }

  bool is_top_level(const Path& path) const {
    if (!graph_.vertex(path.root).root_kind) return false;
    for (const Step* step_entry : path.steps()) {
      if (!step_entry->edge) continue;
      const Edge& e = graph_.edge(*step_entry->edge);
      if (e.transition.kind == TransitionKind::FieldCollection) return false;
      const Vertex& tail = graph_.vertex(e.tail);
      const Schema& schema = schema_of(tail.source);
      bool root = std::any_of(schema.roots.begin(), schema.roots.end(),
                              [&](const RootType& r) { return r.type == tail.type_name; });
      if (!root) return false;
    }
    return true;
  }

  // ---- Conditions ------------------------------------------------------------------------------

  static bool satisfies_override(const Edge& edge, const std::map<std::string, bool>& conditions) {
    if (!edge.override_condition) return true;
    auto it = conditions.find(edge.override_condition->label);
    return it != conditions.end() && it->second == edge.override_condition->condition;
  }

  // The first @key of the head type (in its subgraph) selecting no external field.
  bool has_locally_satisfiable_key(uint32_t vertex) const {
    const Vertex& v = graph_.vertex(vertex);
    if (v.source < 0 || v.type == nullptr) return false;
    const Subgraph& subgraph = *graph_.subgraphs[static_cast<size_t>(v.source)];
    const SubgraphMetadata& metadata = meta(v.source);
    for (const AppliedDirective* key : subgraph.applications(v.type->directives, FedDirective::Key)) {
      const FieldSet* set = metadata.field_set(*key, *v.type);
      if (set == nullptr) continue;
      bool external = false;
      for_each_field(set->root, [&](const FieldSetSelection& selection) {
        if (selection.field != nullptr && metadata.is_external(*selection.parent, *selection.field)) external = true;
      });
      if (!external) return true;
    }
    return false;
  }

  const SubgraphMetadata& meta(int source) const {
    auto it = metadata_.find(source);
    if (it == metadata_.end()) {
      it = metadata_.emplace(source, std::make_unique<SubgraphMetadata>(*graph_.subgraphs[static_cast<size_t>(source)]))
               .first;
    }
    return *it->second;
  }

  // The type a trigger's field belongs to, for context matching.
  static std::optional<std::string_view> field_parent_of(const Trigger& trigger) {
    if (trigger.kind != Trigger::Kind::Field) return std::nullopt;
    return trigger.parent_type;
  }

  Resolution can_satisfy(const Path& path, uint32_t edge_index, const Exclusions& exclusions) {
    const Edge& edge = graph_.edge(edge_index);
    if (edge.conditions == nullptr && edge.required_contexts.empty()) return {true, 0, Resolution::Tag::None};
    int total = 0;
    if (!edge.required_contexts.empty()) {
      std::set<std::string> matched;
      bool unsatisfied = false;
      for (const RequiredContext& context : edge.required_contexts) {
        for (const Step* entry = path.last.get(); entry != nullptr; entry = entry->previous.get()) {
          const auto& step_edge = entry->edge;
          auto parent = field_parent_of(entry->trigger);
          if (!step_edge || matched.count(context.argument) != 0 || unsatisfied || !parent) continue;
          const Type* parent_in_supergraph = supergraph_.find_type(*parent);
          if (parent_in_supergraph == nullptr) continue;
          bool matches = std::any_of(
              context.types_with_context.begin(), context.types_with_context.end(), [&](const std::string& t) {
                if (parent_in_supergraph->name == t) return true;
                if (std::any_of(parent_in_supergraph->interfaces.begin(), parent_in_supergraph->interfaces.end(),
                                [&](const TypeMember& m) { return m.name == t; })) {
                  return true;
                }
                const Type* holder = supergraph_.find_type(t);
                return holder != nullptr && holder->kind == TypeKind::Union &&
                       std::any_of(holder->members.begin(), holder->members.end(),
                                   [&](const TypeMember& m) { return m.name == *parent; });
              });
          if (!matches) continue;
          FieldSetOptions options;
          options.validate = false;
          std::string text = context.selection;
          FieldSetResult selection = parse_field_set(supergraph_, *parent_in_supergraph, text, options);
          matched.insert(context.argument);
          if (!selection.field_set || selection.error) {
            unsatisfied = true;
            continue;
          }
          // Inline fragments on objects that cannot be the parent are dropped.
          auto& selections = selection.field_set->root.selections;
          std::vector<std::string> runtime = possible_runtime_types(supergraph_, *parent_in_supergraph);
          selections.erase(std::remove_if(selections.begin(), selections.end(),
                                          [&](const FieldSetSelection& s) {
                                            return s.is_fragment && s.type_condition != nullptr &&
                                                   s.type_condition->kind == TypeKind::Object &&
                                                   std::find(runtime.begin(), runtime.end(), s.type_condition->name) ==
                                                       runtime.end();
                                          }),
                           selections.end());
          Resolution resolution = resolve(*step_edge, exclusions, &selection.field_set->root);
          if (!resolution.satisfied) unsatisfied = true;
          total += resolution.cost;
        }
      }
      bool all_matched = std::all_of(edge.required_contexts.begin(), edge.required_contexts.end(),
                                     [&](const RequiredContext& c) { return matched.count(c.argument) != 0; });
      if (!all_matched) return {false, 0, Resolution::Tag::NoContextSet};
      if (unsatisfied) return {false, 0, Resolution::Tag::None};
      if (!has_locally_satisfiable_key(edge.head)) return {false, 0, Resolution::Tag::NoPostRequireKey};
      if (edge.conditions == nullptr) return {true, total, Resolution::Tag::None};
    }
    Resolution resolution = resolve(edge_index, exclusions, nullptr);
    if (!resolution.satisfied) return {false, 0, Resolution::Tag::None};
    bool last_is_key =
        path.edge_to_tail && graph_.edge(*path.edge_to_tail).transition.kind == TransitionKind::KeyResolution;
    if (edge.transition.kind == TransitionKind::FieldCollection && !last_is_key) {
      if (!has_locally_satisfiable_key(edge.head)) return {false, 0, Resolution::Tag::NoPostRequireKey};
    }
    return {true, total + resolution.cost, Resolution::Tag::None};
  }

  // ---- The condition resolver (§11) -------------------------------------------------------------

  struct Simultaneous {
    std::vector<Path> paths;
    std::shared_ptr<const Exclusions> exclusions;
    std::vector<std::shared_ptr<Indirect>> indirect;  // lazily, per path
  };
  using Options = std::vector<std::vector<Path>>;

  Resolution resolve(uint32_t edge_index, const Exclusions& exclusions, const FieldSetSelections* extra) {
    const Edge& edge = graph_.edge(edge_index);
    const FieldSetSelections* conditions =
        extra != nullptr ? extra : (edge.conditions ? &edge.conditions->root : nullptr);
    if (conditions == nullptr) return {true, 0, Resolution::Tag::None};
    bool cacheable = extra == nullptr && exclusions.conditions.empty();
    if (cacheable) {
      auto cached = cache_.find(edge_index);
      if (cached != cache_.end()) {
        std::vector<int> a = cached->second.second;
        std::vector<int> b = exclusions.destinations;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        if (a == b) return cached->second.first;
      }
    }
    auto nested = std::make_shared<Exclusions>(exclusions);
    nested->conditions.push_back(extra != nullptr ? print_conditions(*conditions) : edge.conditions_text);
    Simultaneous initial;
    initial.paths.push_back(start(edge.head));
    initial.exclusions = nested;
    initial.indirect.resize(1);
    std::vector<std::pair<const FieldSetSelection*, std::vector<Simultaneous>>> stack;
    for (const FieldSetSelection& selection : conditions->selections) stack.push_back({&selection, {initial}});
    Resolution out{true, 1, Resolution::Tag::None};
    while (!stack.empty()) {
      auto [selection, options] = std::move(stack.back());
      stack.pop_back();
      std::vector<Simultaneous> advanced;
      for (Simultaneous& option : options) {
        auto result = advance_simultaneous(option, *selection);
        if (!result) continue;
        for (Simultaneous& s : *result) advanced.push_back(std::move(s));
      }
      if (advanced.empty()) {
        out = {false, 0, Resolution::Tag::None};
        break;
      }
      if (selection->selection_set) {
        for (const FieldSetSelection& sub : selection->selection_set->selections) stack.push_back({&sub, advanced});
      }
    }
    if (cacheable && cache_.find(edge_index) == cache_.end())
      cache_.emplace(edge_index, std::make_pair(out, exclusions.destinations));
    return out;
  }

  static Trigger operation_trigger(const FieldSetSelection& selection) {
    Trigger trigger;
    trigger.operation = true;
    if (selection.is_fragment) {
      trigger.kind = Trigger::Kind::Cast;
      if (selection.type_condition != nullptr) trigger.name = selection.type_condition->name;
    } else {
      trigger.kind = Trigger::Kind::Field;
      trigger.name = selection.name;
      if (selection.parent != nullptr) trigger.parent_type = selection.parent->name;
      trigger.field = selection.field;
    }
    return trigger;
  }

  bool is_terminal_operation(const FieldSetSelection& selection) const {
    if (selection.is_fragment) return false;
    if (selection.field == nullptr) return true;  // __typename
    return selection.selection_set == nullptr;
  }

  std::optional<std::vector<Simultaneous>> advance_simultaneous(Simultaneous& simultaneous,
                                                                const FieldSetSelection& selection) {
    std::vector<Options> per_path;
    for (size_t i = 0; i < simultaneous.paths.size(); ++i) {
      const Path& path = simultaneous.paths[i];
      auto [direct, only_exploded] = advance_with_operation(path, selection);
      if (direct &&
          (direct->empty() || (is_terminal_operation(selection) && !only_exploded) || selection.is_fragment)) {
        if (!direct->empty()) per_path.push_back(std::move(*direct));
        continue;
      }
      Options options = direct ? std::move(*direct) : Options{};
      if (!selection.is_fragment) {
        if (!simultaneous.indirect[i]) {
          simultaneous.indirect[i] =
              std::make_shared<Indirect>(indirect_paths(path, *simultaneous.exclusions, {}, true));
        }
        for (const Path& indirect : simultaneous.indirect[i]->paths) {
          if (is_terminal_operation(selection) && indirect.edge_to_tail) {
            const Edge& last = graph_.edge(*indirect.edge_to_tail);
            if (last.transition.kind == TransitionKind::KeyResolution && last.conditions != nullptr &&
                std::any_of(last.conditions->root.selections.begin(), last.conditions->root.selections.end(),
                            [&](const FieldSetSelection& s) { return !s.is_fragment && s.name == selection.name; })) {
              continue;
            }
          }
          auto [with_operation, unused] = advance_with_operation(indirect, selection);
          (void)unused;
          if (!with_operation) continue;
          for (auto& option : *with_operation) options.push_back(std::move(option));
        }
      }
      if (options.empty()) return std::nullopt;
      per_path.push_back(std::move(options));
    }
    Options combined = cartesian(per_path);
    std::vector<Simultaneous> out;
    for (auto& paths : combined) {
      Simultaneous next;
      next.indirect.resize(paths.size());
      next.paths = std::move(paths);
      next.exclusions = simultaneous.exclusions;
      out.push_back(std::move(next));
    }
    return out;
  }

  static Options cartesian(const std::vector<Options>& groups) {
    if (groups.empty()) return {};
    Options out{{}};
    for (const Options& group : groups) {
      if (group.empty()) return {};
      Options next;
      for (const auto& prefix : out) {
        for (const auto& option : group) {
          std::vector<Path> combined = prefix;
          combined.insert(combined.end(), option.begin(), option.end());
          next.push_back(std::move(combined));
        }
      }
      out = std::move(next);
    }
    return out;
  }

  std::optional<uint32_t> edge_for_field(uint32_t vertex, const FieldSetSelection& selection) const {
    for (uint32_t e : graph_.out_edges(vertex)) {
      const Edge& edge = graph_.edge(e);
      if (edge.transition.kind != TransitionKind::FieldCollection || edge.transition.field_name != selection.name)
        continue;
      if (edge.override_condition) continue;  // no override condition is selected while resolving
      if (edge.transition.field != nullptr) {
        bool missing = std::any_of(
            edge.transition.field->arguments.begin(), edge.transition.field->arguments.end(), [&](const InputValue& a) {
              if (!a.type.is_non_null() || a.default_value) return false;
              bool contextual = std::any_of(edge.required_contexts.begin(), edge.required_contexts.end(),
                                            [&](const RequiredContext& c) { return c.argument == a.name; });
              if (contextual) return false;
              return std::none_of(selection.arguments.begin(), selection.arguments.end(),
                                  [&](const auto& given) { return given.first == a.name; });
            });
        if (missing) continue;
      }
      return e;
    }
    return std::nullopt;
  }

  std::optional<uint32_t> edge_for_cast(uint32_t vertex, std::string_view type_name) const {
    for (uint32_t e : graph_.out_edges(vertex)) {
      const Edge& edge = graph_.edge(e);
      if (edge.transition.kind == TransitionKind::DownCast && edge.transition.cast_type == type_name) return e;
    }
    return std::nullopt;
  }

  std::optional<Options> field_option(const Path& path, const FieldSetSelection& selection, uint32_t edge) {
    Resolution resolution = can_satisfy(path, edge, Exclusions{});
    if (!resolution.satisfied) return std::nullopt;
    return Options{{add(path, operation_trigger(selection), edge, resolution.cost)}};
  }

  bool implementation_has_provides(const Path& path, const std::string& field_name, const Type& interface_type) const {
    int source = graph_.vertex(path.tail).source;
    const Subgraph& subgraph = *graph_.subgraphs[static_cast<size_t>(source)];
    for (const std::string& name : possible_runtime_types(subgraph.schema, interface_type)) {
      const Type* implementation = subgraph.schema.find_type(name);
      const Field* field = implementation != nullptr ? implementation->find_field(field_name) : nullptr;
      if (field != nullptr && subgraph.has(field->directives, FedDirective::Provides)) return true;
    }
    return false;
  }

  bool implementation_is_shareable_entity(const Path& path, const std::string& field_name,
                                          const Type& interface_type) const {
    int source = graph_.vertex(path.tail).source;
    const Subgraph& subgraph = *graph_.subgraphs[static_cast<size_t>(source)];
    for (const std::string& name : possible_runtime_types(subgraph.schema, interface_type)) {
      const Type* implementation = subgraph.schema.find_type(name);
      if (implementation == nullptr || !subgraph.has(implementation->directives, FedDirective::Key)) continue;
      const Field* field = implementation->find_field(field_name);
      if (field == nullptr || !subgraph.has(field->directives, FedDirective::Shareable)) continue;
      if (is_leaf_type(subgraph.schema, field->type.name)) continue;
      const Type* type = subgraph.schema.find_type(field->type.name);
      bool all_leaves = type != nullptr && type->kind == TypeKind::Object &&
                        std::all_of(type->fields.begin(), type->fields.end(),
                                    [&](const Field& f) { return is_leaf_type(subgraph.schema, f.type.name); });
      if (!all_leaves) return true;
      std::set<std::string> names;
      for (const Field& f : type->fields) names.insert(f.name);
      for (const Vertex& v : graph_.vertices) {
        if (v.type_name != name || v.source == source || v.source < 0 || v.type == nullptr) continue;
        const Subgraph& other = *graph_.subgraphs[static_cast<size_t>(v.source)];
        const Field* other_field = v.type->find_field(field_name);
        if (other_field == nullptr || !other.has(other_field->directives, FedDirective::Shareable)) continue;
        const Type* other_type = other.schema.find_type(other_field->type.name);
        if (other_field->type.name != type->name || other_type == nullptr ||
            (other_type->kind != TypeKind::Object && other_type->kind != TypeKind::Interface)) {
          return true;
        }
        for (const std::string& needed : names) {
          if (other_type->find_field(needed) == nullptr) return true;
        }
      }
      return false;
    }
    return false;
  }

  // advanceWithOperation: {options (null: cannot), only type-exploded}.
  std::pair<std::optional<Options>, bool> advance_with_operation(const Path& path, const FieldSetSelection& selection) {
    const Vertex& tail = graph_.vertex(path.tail);
    if (tail.source < 0 || tail.type == nullptr) return {std::nullopt, false};
    const Type& current = *tail.type;
    const Schema& schema = schema_of(tail.source);
    Trigger trigger = operation_trigger(selection);
    if (!selection.is_fragment) {
      switch (current.kind) {
        case TypeKind::Object: {
          auto edge = edge_for_field(path.tail, selection);
          if (!edge) return {std::nullopt, false};
          return {field_option(path, selection, *edge), false};
        }
        case TypeKind::Interface: {
          bool of_implementation = selection.parent != nullptr && selection.parent->name != current.name;
          std::optional<uint32_t> interface_edge =
              of_implementation ? std::nullopt : edge_for_field(path.tail, selection);
          std::optional<Path> interface_path;
          bool overrides_explosion = false;
          if (interface_edge) {
            auto option = field_option(path, selection, *interface_edge);
            if (option) interface_path = option->front().front();
            overrides_explosion =
                selection.name == "__typename" || (!graph_.edge(*interface_edge).transition.part_of_provide &&
                                                   !implementation_has_provides(path, selection.name, current));
            bool leaf_named = selection.field == nullptr || (selection.field->type.wrappers.empty() &&
                                                             is_leaf_type(schema, selection.field->type.name));
            if (overrides_explosion &&
                (leaf_named || !implementation_is_shareable_entity(path, selection.name, current))) {
              return {interface_path ? std::optional<Options>(Options{{*interface_path}}) : std::nullopt, false};
            }
          }
          Names implementations = of_implementation ? Names{std::string_view(selection.parent->name)} : path.runtime();
          std::vector<Options> by_implementation;
          auto fallback = [&]() -> std::pair<std::optional<Options>, bool> {
            if (interface_path) return {Options{{*interface_path}}, false};
            return {std::nullopt, false};
          };
          for (std::string_view implementation : implementations) {
            FieldSetSelection cast;
            cast.is_fragment = true;
            cast.type_condition = schema.find_type(implementation);
            Simultaneous single;
            single.paths.push_back(path);
            single.indirect.resize(1);
            single.exclusions = std::make_shared<Exclusions>();
            auto cast_options = advance_simultaneous_cast(single, implementation);
            if (!cast_options) return fallback();
            if (cast_options->empty()) continue;
            Options with_field;
            for (Simultaneous& option : *cast_options) {
              auto collected = advance_simultaneous(option, selection);
              if (!collected) continue;
              for (Simultaneous& s : *collected) with_field.push_back(s.paths);
            }
            if (with_field.empty()) return fallback();
            by_implementation.push_back(std::move(with_field));
          }
          Options all = cartesian(by_implementation);
          if (interface_path) all.insert(all.begin(), std::vector<Path>{*interface_path});
          return {all, !interface_path.has_value()};
        }
        case TypeKind::Union: {
          auto edge = edge_for_field(path.tail, selection);
          if (!edge) return {std::nullopt, false};
          return {field_option(path, selection, *edge), false};
        }
        default: return {std::nullopt, false};
      }
    }
    if (selection.type_condition == nullptr || selection.type_condition->name == current.name) {
      return {Options{{path}}, false};
    }
    const std::string& type_name = selection.type_condition->name;
    switch (current.kind) {
      case TypeKind::Interface:
      case TypeKind::Union: {
        if (auto edge = edge_for_cast(path.tail, type_name)) {
          return {Options{{add(path, trigger, *edge, 0)}}, false};
        }
        const Type* casted = api_.find_type(type_name);
        std::vector<std::string> casted_types =
            casted != nullptr ? possible_runtime_types(api_, *casted) : std::vector<std::string>{};
        std::vector<Options> by_implementation;
        for (std::string_view runtime : path.runtime()) {
          if (std::find(casted_types.begin(), casted_types.end(), runtime) == casted_types.end()) continue;
          Simultaneous single;
          single.paths.push_back(path);
          single.indirect.resize(1);
          single.exclusions = std::make_shared<Exclusions>();
          auto options = advance_simultaneous_cast(single, runtime);
          if (!options) return {std::nullopt, false};
          if (options->empty()) continue;
          Options collected;
          for (Simultaneous& s : *options) collected.push_back(s.paths);
          by_implementation.push_back(std::move(collected));
        }
        return {cartesian(by_implementation), false};
      }
      case TypeKind::Object: {
        const Type* condition = api_.find_type(type_name);
        if (is_abstract(condition)) {
          std::vector<std::string> runtime = possible_runtime_types(api_, *condition);
          if (std::find(runtime.begin(), runtime.end(), current.name) != runtime.end()) return {Options{{path}}, false};
        }
        const Subgraph& subgraph = *graph_.subgraphs[static_cast<size_t>(tail.source)];
        if (subgraph.has(current.directives, FedDirective::InterfaceObject)) {
          for (uint32_t e : next_edges(path)) {
            const Edge& edge = graph_.edge(e);
            if (edge.transition.kind != TransitionKind::InterfaceObjectFakeDownCast ||
                edge.transition.cast_type != type_name) {
              continue;
            }
            Resolution resolution = can_satisfy(path, e, Exclusions{});
            if (!resolution.satisfied) return {std::nullopt, false};
            return {Options{{add(path, trigger, e, resolution.cost)}}, false};
          }
        }
        return {Options{}, false};
      }
      default: return {std::nullopt, false};
    }
  }

  // advanceSimultaneousPathsWithOperation for a synthetic `... on T`.
  std::optional<std::vector<Simultaneous>> advance_simultaneous_cast(Simultaneous& simultaneous,
                                                                     std::string_view type) {
    FieldSetSelection cast;
    cast.is_fragment = true;
    const Vertex& tail = graph_.vertex(simultaneous.paths.front().tail);
    cast.type_condition = tail.source >= 0 ? schema_of(tail.source).find_type(type) : nullptr;
    if (cast.type_condition == nullptr) cast.type_condition = api_.find_type(type);
    return advance_simultaneous(simultaneous, cast);
  }

  // ---- Indirect paths (§9) ---------------------------------------------------------------------

  // Which edge of `vertex` a trigger would take: the edge, "none to take" (nullopt inner), or
  // "cannot" (outer nullopt).
  std::optional<std::optional<uint32_t>> trigger_to_edge(uint32_t vertex, const Trigger& trigger,
                                                         const std::map<std::string, bool>& overrides,
                                                         bool operation_mode) const {
    if (trigger.kind == Trigger::Kind::Other) return std::nullopt;
    if (operation_mode) {
      if (trigger.kind == Trigger::Kind::Field) {
        for (uint32_t e : graph_.collecting_edges(vertex, false, trigger.name)) {
          if (satisfies_override(graph_.edge(e), overrides)) return std::optional<uint32_t>(e);
        }
        return std::nullopt;
      }
      if (trigger.name.empty()) return std::optional<uint32_t>();
      for (uint32_t e : graph_.collecting_edges(vertex, true, trigger.name)) {
        if (graph_.edge(e).transition.kind == TransitionKind::DownCast) return std::optional<uint32_t>(e);
      }
      return std::nullopt;
    }
    for (uint32_t e : matching_edges(vertex, trigger)) {
      if (satisfies_override(graph_.edge(e), overrides)) return std::optional<uint32_t>(e);
    }
    return std::nullopt;
  }

  // The out-edges of `vertex` a supergraph or operation element can take (any that can follow
  // the path's last edge: follow-up rules never hide collecting edges).
  std::span<const uint32_t> matching_edges(uint32_t vertex, const Trigger& trigger) const {
    if (trigger.kind == Trigger::Kind::Other) return {};
    return graph_.collecting_edges(vertex, trigger.kind == Trigger::Kind::Cast, trigger.name);
  }

  std::optional<uint32_t> direct_path_from_previous_subgraph(const Path& path, std::string_view type_name,
                                                             const std::map<std::string, bool>& overrides,
                                                             std::optional<uint32_t> start_vertex,
                                                             bool operation_mode) const {
    if (!path.entering || graph_.uses_context) return std::nullopt;
    const Edge& entering = graph_.edge(path.entering->edge);
    if (entering.transition.kind == TransitionKind::SubgraphEntering && !start_vertex) return std::nullopt;
    uint32_t vertex = start_vertex ? *start_vertex : entering.head;
    std::vector<const Step*> steps = path.steps();
    for (size_t i = path.entering->index + 1; i < steps.size(); ++i) {
      auto edge = trigger_to_edge(vertex, steps[i]->trigger, overrides, operation_mode);
      if (!edge) return std::nullopt;
      if (!*edge) continue;
      if (graph_.edge(**edge).has_conditions()) return std::nullopt;
      vertex = graph_.edge(**edge).tail;
    }
    return graph_.vertex(vertex).type_name == type_name ? std::optional<uint32_t>(vertex) : std::nullopt;
  }

  bool has_valid_direct_key_edge(uint32_t from, int to, int max_cost) {
    for (uint32_t e : graph_.out_edges(from)) {
      const Edge& edge = graph_.edge(e);
      if (edge.transition.kind != TransitionKind::KeyResolution || graph_.vertex(edge.tail).source != to) continue;
      Resolution resolution = resolve(e, Exclusions{}, nullptr);
      if (resolution.satisfied && resolution.cost <= max_cost) return true;
    }
    return false;
  }

  static std::string key_text(const Edge& edge) {
    return edge.conditions != nullptr ? edge.conditions_text : std::string("undefined");
  }

  bool condition_has_overridden_fields(int source, const Edge& edge) const {
    if (edge.conditions == nullptr || source < 0) return false;
    const Subgraph& subgraph = *graph_.subgraphs[static_cast<size_t>(source)];
    bool found = false;
    for_each_field(edge.conditions->root, [&](const FieldSetSelection& selection) {
      if (selection.field == nullptr) return;
      const Type* type = subgraph.schema.find_type(selection.parent->name);
      const Field* field =
          type != nullptr && type->kind == TypeKind::Object ? type->find_field(selection.name) : nullptr;
      if (field == nullptr) return;
      auto externals = subgraph.applications(field->directives, FedDirective::External);
      if (externals.empty()) return;
      const json::Value* reason = externals.back()->argument("reason");
      if (reason != nullptr && reason->is_string() && reason->as_string() == "[overridden]") found = true;
    });
    return found;
  }

  Indirect indirect_paths(const Path& path, const Exclusions& exclusions, const std::map<std::string, bool>& overrides,
                          bool operation_mode) {
    Indirect out;
    int source = graph_.vertex(path.tail).source;
    if (last_is_fake_downcast(path) && path.entering && path.entering->index + 2 == path.size()) {
      std::vector<int> reachable;
      for (uint32_t e : next_edges(path)) {
        const Edge& edge = graph_.edge(e);
        int tail_source = graph_.vertex(edge.tail).source;
        if (edge.transition.collects() || tail_source == source) continue;
        if (std::find(reachable.begin(), reachable.end(), tail_source) == reachable.end())
          reachable.push_back(tail_source);
      }
      for (int destination : reachable) {
        out.reasons.push_back({source, destination,
                               "ignoring moving from \"" + graph_.source_name(source) + "\" to \"" +
                                   graph_.source_name(destination) + "\" as a more direct option exists"});
      }
      return out;
    }
    bool top_level = is_top_level(path);
    const Vertex& tail = graph_.vertex(path.tail);
    std::optional<std::string> type_name;
    if (tail.source >= 0) type_name = tail.type_name;
    int original = tail.source;
    struct Best {
      std::optional<Path> path;  // nullopt: blocked
      int cost = 0;
    };
    std::vector<std::pair<int, Best>> best;  // insertion ordered
    auto find_best = [&](int destination) -> Best* {
      for (auto& entry : best) {
        if (entry.first == destination) return &entry.second;
      }
      return nullptr;
    };
    std::vector<Path> to_try{path};
    while (!to_try.empty()) {
      size_t smallest = 0;
      for (size_t i = 1; i < to_try.size(); ++i) {
        if (to_try[i].size() < to_try[smallest].size()) smallest = i;
      }
      Path current = std::move(to_try[smallest]);
      to_try.erase(to_try.begin() + static_cast<std::ptrdiff_t>(smallest));
      int current_source = graph_.vertex(current.tail).source;
      std::vector<uint32_t> candidates;
      for (uint32_t e : next_edges(current)) {
        if (!graph_.edge(e).transition.collects()) candidates.push_back(e);
      }
      if (candidates.empty()) {
        for (uint32_t e : graph_.out_edges(current.tail)) {
          const Edge& edge = graph_.edge(e);
          if (edge.transition.collects()) continue;
          int destination = graph_.vertex(edge.tail).source;
          if (destination == current_source || destination == original) continue;
          out.reasons.push_back({current_source, destination, {}, Reason::Kind::IgnoredKey, e});
        }
        continue;
      }
      for (uint32_t e : candidates) {
        const Edge& edge = graph_.edge(e);
        int destination = graph_.vertex(edge.tail).source;
        if (std::find(exclusions.destinations.begin(), exclusions.destinations.end(), destination) !=
            exclusions.destinations.end()) {
          continue;
        }
        if (destination == original) continue;
        if (top_level && (edge.transition.kind == TransitionKind::RootTypeResolution ||
                          edge.transition.kind == TransitionKind::KeyResolution)) {
          continue;
        }
        Best* previous = find_best(destination);
        if (previous != nullptr && !previous->path) continue;
        if (previous != nullptr && (previous->path->size() < current.size() + 1 ||
                                    (previous->path->size() == current.size() + 1 && previous->cost <= 1))) {
          continue;
        }
        if (edge.conditions != nullptr) {
          const std::string& printed = edge.conditions_text;
          if (std::find(exclusions.conditions.begin(), exclusions.conditions.end(), printed) !=
              exclusions.conditions.end()) {
            continue;
          }
        }
        Exclusions nested = exclusions;
        if (std::find(nested.destinations.begin(), nested.destinations.end(), destination) ==
            nested.destinations.end()) {
          nested.destinations.push_back(destination);
        }
        Resolution resolution = can_satisfy(current, e, nested);
        if (!resolution.satisfied) {
          out.reasons.push_back({current_source, destination, {}, Reason::Kind::UnsatisfiableKey, e});
          continue;
        }
        if (previous != nullptr && previous->path->size() == current.size() + 1 && previous->cost <= resolution.cost) {
          continue;
        }
        if (current.entering &&
            graph_.vertex(graph_.edge(current.entering->edge).tail).type_name != type_name.value_or("")) {
          const Edge& entering = graph_.edge(current.entering->edge);
          std::optional<uint32_t> start_vertex;
          bool back_to_previous = false;
          if (entering.transition.kind == TransitionKind::SubgraphEntering) {
            auto root_kind = graph_.vertex(current.root).root_kind;
            if (root_kind && *root_kind != graphql::OperationType::Mutation) {
              for (uint32_t root_edge : graph_.out_edges(current.root)) {
                if (graph_.vertex(graph_.edge(root_edge).tail).source == destination) {
                  start_vertex = graph_.edge(root_edge).tail;
                  break;
                }
              }
            }
            back_to_previous = true;
          } else {
            back_to_previous = graph_.vertex(entering.head).source == destination;
          }
          auto previous_vertex = direct_path_from_previous_subgraph(current, graph_.vertex(edge.tail).type_name,
                                                                    overrides, start_vertex, operation_mode);
          int max_cost = current.entering->cost + (back_to_previous ? 0 : resolution.cost);
          if (previous_vertex &&
              (back_to_previous || has_valid_direct_key_edge(*previous_vertex, destination, max_cost))) {
            if (previous == nullptr) {
              best.push_back({destination, Best{std::nullopt, 0}});
            } else {
              previous->path.reset();
            }
            out.reasons.push_back({current_source, destination, {}, Reason::Kind::IgnoredKey, e});
            continue;
          }
        }
        Trigger trigger;
        trigger.kind = Trigger::Kind::Other;
        Path updated = add(current, trigger, e, resolution.cost);
        if (previous == nullptr) {
          best.push_back({destination, Best{updated, resolution.cost}});
        } else {
          previous->path = updated;
          previous->cost = resolution.cost;
        }
        if (edge.transition.kind == TransitionKind::KeyResolution &&
            graph_.vertex(edge.head).source != graph_.vertex(edge.tail).source) {
          to_try.push_back(updated);
        }
      }
    }
    for (auto& entry : best) {
      if (entry.second.path) out.paths.push_back(*entry.second.path);
    }
    return out;
  }

  // ---- Advancing one option by a supergraph transition (§8) -----------------------------------

  struct Option {
    Path path;
    std::map<std::string, bool> overrides;  // in force when the option was created
    std::shared_ptr<Indirect> indirect;
    std::vector<std::pair<std::string, std::pair<int, std::string>>> contexts;  // key → (subgraph, type)
  };

  struct Advance {
    bool dropped = false;     // the type condition can never match here
    std::vector<Path> paths;  // on success
    // On failure, what is needed to word the reasons (only when the whole transition fails).
    Reasons reasons;
    std::shared_ptr<Indirect> indirect;
    uint32_t tail = 0;
  };

  Trigger supergraph_trigger(const Edge& api_edge) const {
    Trigger trigger;
    if (api_edge.transition.kind == TransitionKind::FieldCollection) {
      trigger.kind = Trigger::Kind::Field;
      trigger.name = api_edge.transition.field_name;
      trigger.parent_type = api_edge.transition.parent_type;
    } else {
      trigger.kind = Trigger::Kind::Cast;
      trigger.name = api_edge.transition.cast_type;
    }
    return trigger;
  }

  // advancePathWithDirectTransition.
  std::pair<std::vector<Path>, Reasons> advance_direct(const Path& original, const Edge& api_edge,
                                                       const std::map<std::string, bool>& overrides) {
    Path path = original;
    const Transition& transition = api_edge.transition;
    Trigger trigger = supergraph_trigger(api_edge);
    const Vertex& tail_vertex = graph_.vertex(path.tail);
    const Subgraph* tail_subgraph =
        tail_vertex.source >= 0 ? graph_.subgraphs[static_cast<size_t>(tail_vertex.source)] : nullptr;
    bool tail_interface_object = tail_subgraph != nullptr && tail_vertex.type != nullptr &&
                                 tail_subgraph->has(tail_vertex.type->directives, FedDirective::InterfaceObject);
    if (transition.kind == TransitionKind::FieldCollection && transition.parent_type != tail_vertex.type_name &&
        tail_vertex.type != nullptr && !is_leaf_type(schema_of(tail_vertex.source), tail_vertex.type_name) &&
        !tail_interface_object) {
      if (auto cast = edge_for_cast(path.tail, transition.parent_type)) {
        Trigger cast_trigger;
        cast_trigger.kind = Trigger::Kind::Cast;
        cast_trigger.name = transition.parent_type;
        path = add(path, cast_trigger, *cast, 0);
      }
    }
    if (transition.kind == TransitionKind::DownCast && transition.cast_type == graph_.vertex(path.tail).type_name) {
      return {{path}, {}};
    }
    std::vector<Path> options;
    Reasons reasons;
    for (uint32_t e : matching_edges(path.tail, trigger)) {
      const Edge& edge = graph_.edge(e);
      int head_source = graph_.vertex(edge.head).source;
      if (edge.override_condition && !satisfies_override(edge, overrides)) {
        auto value = overrides.find(edge.override_condition->label);
        std::string shown = value == overrides.end() ? "undefined" : (value->second ? "true" : "false");
        reasons.push_back({head_source, graph_.vertex(edge.tail).source,
                           "Unable to take edge " + graph_.edge_display(e) + " because override condition \"" +
                               edge.override_condition->label + "\" is " + shown});
        continue;
      }
      Resolution resolution = can_satisfy(path, e, Exclusions{});
      if (resolution.satisfied) {
        options.push_back(add(path, trigger, e, resolution.cost));
        continue;
      }
      const Schema& schema = schema_of(head_source);
      if (edge.transition.kind == TransitionKind::FieldCollection) {
        std::string parent(graph_.vertex(edge.head).type_name);
        std::string coordinate = parent + "." + std::string(edge.transition.field_name);
        std::string details;
        if (resolution.tag == Resolution::Tag::NoPostRequireKey) {
          details = "@require condition on field \"" + coordinate + "\" can be satisfied but missing usable key on \"" +
                    parent + "\" in subgraph \"" + graph_.source_name(head_source) + "\" to resume query";
        } else if (resolution.tag == Resolution::Tag::NoContextSet) {
          details = "could not find a match for required context for field \"" + coordinate + "\"";
        } else {
          details = "cannot satisfy @require conditions on field \"" + coordinate + "\"" +
                    external_key_fields_warning(head_source, schema.find_type(parent));
        }
        reasons.push_back({head_source, head_source, details});
      } else if (edge.transition.kind == TransitionKind::InterfaceObjectFakeDownCast) {
        reasons.push_back({head_source, head_source,
                           resolution.tag == Resolution::Tag::NoPostRequireKey
                               ? "@interfaceObject type \"" + std::string(edge.transition.source_type) +
                                     "\" misses a resolvable key to resume query once the implementation type has "
                                     "been resolved"
                               : "no subgraph can be reached to resolve the implementation type of @interfaceObject "
                                 "type \"" +
                                     std::string(edge.transition.source_type) + "\""});
      }
    }
    if (!options.empty()) return {options, {}};
    if (!reasons.empty()) return {{}, reasons};
    int source = graph_.vertex(path.tail).source;
    std::string details;
    if (transition.kind == TransitionKind::FieldCollection) {
      const Schema& schema = schema_of(source);
      std::string parent(transition.parent_type);
      const Type* type = schema.find_type(parent);
      std::string coordinate = parent + "." + std::string(transition.field_name);
      if (type == nullptr && graph_.vertex(path.tail).type_name != parent) {
        details = "cannot find implementation type \"" + parent + "\" (supergraph interface \"" +
                  std::string(graph_.vertex(path.tail).type_name) + "\" is declared with @interfaceObject in \"" +
                  graph_.source_name(source) + "\")";
      } else {
        const Field* field = type != nullptr ? type->find_field(transition.field_name) : nullptr;
        if (field != nullptr) {
          const Subgraph& subgraph = *graph_.subgraphs[static_cast<size_t>(source)];
          auto externals = subgraph.applications(field->directives, FedDirective::External);
          const json::Value* reason = externals.empty() ? nullptr : externals.back()->argument("reason");
          std::vector<std::string> overriding;
          if (reason != nullptr && reason->is_string() && reason->as_string() == "[overridden]") {
            overriding = overriding_sources(source, parent, transition.field_name);
          }
          details = overriding.empty() ? "field \"" + coordinate + "\" is not resolvable because marked @external"
                                       : "field \"" + coordinate + "\" is not resolvable because it is overridden by " +
                                             subgraph_names(overriding);
        } else {
          details = "cannot find field \"" + coordinate + "\"";
        }
      }
    } else {
      details = "cannot find type \"" + std::string(transition.cast_type) + "\"";
    }
    return {{}, {{source, source, details}}};
  }

  std::vector<std::string> overriding_sources(int source, std::string_view type_name,
                                              std::string_view field_name) const {
    std::vector<std::string> out;
    for (size_t i = 0; i < graph_.subgraphs.size(); ++i) {
      if (static_cast<int>(i) == source) continue;
      const Subgraph& subgraph = *graph_.subgraphs[i];
      const Type* type = subgraph.schema.find_type(type_name);
      const Field* field = type != nullptr && type->kind == TypeKind::Object ? type->find_field(field_name) : nullptr;
      if (field == nullptr) continue;
      auto overrides = subgraph.applications(field->directives, FedDirective::Override);
      if (overrides.empty()) continue;
      const json::Value* from = overrides.back()->argument("from");
      if (from != nullptr && from->is_string() && from->as_string() == graph_.source_name(source)) {
        out.push_back(subgraph.name);
      }
    }
    return out;
  }

  std::string external_key_fields_warning(int source, const Type* type) const {
    if (type == nullptr) return {};
    const Subgraph& subgraph = *graph_.subgraphs[static_cast<size_t>(source)];
    std::vector<std::string> fields;
    for (const AppliedDirective* key : subgraph.applications(type->directives, FedDirective::Key)) {
      const FieldSet* set = meta(source).field_set(*key, *type);
      if (set == nullptr) continue;
      for (const FieldSetSelection& selection : set->root.selections) {
        if (selection.field == nullptr || !subgraph.has(selection.field->directives, FedDirective::External)) continue;
        if (std::find(fields.begin(), fields.end(), selection.name) == fields.end()) fields.push_back(selection.name);
      }
    }
    if (fields.empty()) return {};
    std::string printed;
    for (size_t i = 0; i < fields.size(); ++i) printed += (i != 0 ? ", " : "") + quote(fields[i]);
    return " (please ensure that this is not due to key " + std::string(fields.size() == 1 ? "field " : "fields ") +
           printed + " being accidentally marked @external)";
  }

  // advancePathWithTransition.
  Advance advance(Option& option, const Edge& api_edge, const std::map<std::string, bool>& overrides) {
    Advance out;
    const Path& path = option.path;
    const Transition& transition = api_edge.transition;
    const Vertex& tail = graph_.vertex(path.tail);
    if (transition.kind == TransitionKind::DownCast) {
      const Type* source_type = api_.find_type(transition.source_type);
      bool exception = source_type != nullptr && source_type->kind == TypeKind::Interface && tail.type != nullptr &&
                       tail.type->kind == TypeKind::Object;
      if (!exception) {
        const Type* target = api_.find_type(transition.cast_type);
        std::vector<std::string> supergraph_types =
            target != nullptr ? possible_runtime_types(api_, *target) : std::vector<std::string>{};
        bool intersects = std::any_of(supergraph_types.begin(), supergraph_types.end(), [&](const std::string& t) {
          return std::find(path.runtime().begin(), path.runtime().end(), t) != path.runtime().end();
        });
        if (!intersects) {
          out.dropped = true;
          return out;
        }
      }
    }
    auto [direct, direct_reasons] = advance_direct(path, api_edge, overrides);
    const Vertex& target = api_graph_.vertex(api_edge.tail);
    if (!direct.empty() && is_leaf_type(api_, target.type_name)) {
      out.paths = std::move(direct);
      return out;
    }
    Reasons dead_ends = std::move(direct_reasons);
    std::vector<Path> options = std::move(direct);
    if (!option.indirect) {
      option.indirect = std::make_shared<Indirect>(indirect_paths(path, Exclusions{}, option.overrides, false));
    }
    for (const Path& indirect : option.indirect->paths) {
      auto [with_transition, reasons] = advance_direct(indirect, api_edge, overrides);
      if (with_transition.empty()) {
        dead_ends.insert(dead_ends.end(), reasons.begin(), reasons.end());
      } else {
        options.insert(options.end(), with_transition.begin(), with_transition.end());
      }
    }
    if (!options.empty()) {
      out.paths = std::move(options);
      return out;
    }
    out.reasons = std::move(dead_ends);
    out.indirect = option.indirect;
    out.tail = path.tail;
    return out;
  }

  // The reasons of a failed advance, completed with the subgraphs that have the field but cannot
  // be reached.
  Reasons failure_reasons(const Advance& failed, const Edge& api_edge) const {
    const Transition& transition = api_edge.transition;
    const Vertex& tail = graph_.vertex(failed.tail);
    Reasons all = failed.reasons;
    if (failed.indirect) all.insert(all.end(), failed.indirect->reasons.begin(), failed.indirect->reasons.end());
    if (transition.kind == TransitionKind::FieldCollection) {
      std::set<int> with_dead_end;  // reasons' destinations
      for (const Reason& reason : all) with_dead_end.insert(reason.dest);
      std::string parent(transition.parent_type);
      for (int source = -1; source < static_cast<int>(graph_.subgraphs.size()); ++source) {
        if (with_dead_end.count(source) != 0 || source < 0) continue;
        const Schema& schema = schema_of(source);
        const Type* type = schema.find_type(parent);
        if (type == nullptr ||
            (type->kind != TypeKind::Object && type->kind != TypeKind::Interface && type->kind != TypeKind::Union)) {
          continue;
        }
        if (type->find_field(transition.field_name) == nullptr) continue;
        std::string coordinate = parent + "." + std::string(transition.field_name);
        std::string tail_name(tail.type_name);
        const Type* tail_there = schema.find_type(tail_name);
        std::string name = graph_.source_name(source);
        if (tail_there == nullptr) {
          all.push_back(
              {tail.source, source,
               "cannot move to subgraph \"" + name + "\", which has field \"" + coordinate +
                   "\", because interface \"" + tail_name + "\" is not defined in this subgraph (to jump to \"" + name +
                   "\", it would need to both define interface \"" + tail_name + "\" and have a @key on it)"});
          continue;
        }
        const Subgraph& subgraph = *graph_.subgraphs[static_cast<size_t>(source)];
        auto keys = subgraph.applications(tail_there->directives, FedDirective::Key);
        std::string kind = tail_there == type ? "type" : "interface";
        std::string explanation =
            keys.empty() ? kind + " \"" + tail_name + "\" has no @key defined in subgraph \"" + name + "\""
                         : "none of the @key defined on " + kind + " \"" + tail_name + "\" in subgraph \"" + name +
                               "\" are resolvable (they are all declared with their \"resolvable\" argument set to "
                               "false)";
        all.push_back({tail.source, source,
                       "cannot move to subgraph \"" + name + "\", which has field \"" + coordinate + "\", because " +
                           explanation});
      }
    }
    return all;
  }

  // ---- Messages (§14) --------------------------------------------------------------------------

  std::string witness(const ApiPath& api_path) const {
    std::vector<std::string> opened;
    std::string out;
    auto root_kind = api_graph_.vertex(api_path.root).root_kind.value_or(graphql::OperationType::Query);
    if (root_kind != graphql::OperationType::Query) out += std::string(graphql::operation_type_name(root_kind)) + " ";
    out += "{\n";
    std::string indentation = "  ";
    for (const auto& step : api_path.edges) {
      const Edge& edge = api_graph_.edge(step);
      if (edge.transition.kind == TransitionKind::DownCast) {
        out += indentation + "... on " + std::string(edge.transition.cast_type);
      } else {
        out += indentation + std::string(edge.transition.field_name);
        const Field* field = edge.transition.field;
        if (field != nullptr && !field->arguments.empty()) {
          std::vector<std::string> arguments;
          size_t length = 0;
          for (const InputValue& argument : field->arguments) {
            arguments.push_back(argument.name + ": " + witness_value(api_, argument.type));
            length += arguments.back().size();
          }
          length += 2 * (arguments.size() - 1);
          if (edge.transition.field_name.size() + length + 2 > 80) {
            out += "(\n";
            for (const std::string& argument : arguments) out += indentation + "  " + argument + "\n";
            out += indentation + ")";
          } else {
            out += "(" + join_strings(arguments, ", ", ", ", ", ") + ")";
          }
        }
      }
      const Vertex& tail = api_graph_.vertex(edge.tail);
      bool last = &step == &api_path.edges.back();
      if (last) {
        if (!is_leaf_type(api_, tail.type_name)) {
          out += " {\n" + indentation + "  ...\n" + indentation + "}";
        }
        out += "\n";
      } else {
        out += " {\n";
        opened.push_back(indentation);
        indentation += "  ";
      }
    }
    while (!opened.empty()) {
      out += opened.back() + "}\n";
      opened.pop_back();
    }
    return out + "}";
  }

  std::string details_of(const Reason& reason) const {
    if (reason.kind == Reason::Kind::Text) return reason.details;
    const Edge& edge = graph_.edge(reason.edge);
    std::string destination = graph_.source_name(reason.dest);
    std::string source = graph_.source_name(reason.source);
    std::string prefix = "cannot move to subgraph \"" + destination + "\" using @key(fields: \"" + key_text(edge) +
                         "\") of \"" + std::string(graph_.vertex(edge.head).type_name) + "\"";
    if (reason.kind == Reason::Kind::IgnoredKey) {
      return "ignoring moving to subgraph \"" + destination + "\" using @key(fields: \"" + key_text(edge) +
             "\") of \"" + std::string(graph_.vertex(edge.head).type_name) +
             "\" because there is a more direct path in " + destination + " that avoids " + source + " altogether";
    }
    std::string extra = condition_has_overridden_fields(reason.source, edge)
                            ? " (note that some of those key fields are overridden in \"" + source + "\")"
                            : std::string();
    return prefix + ", the key field(s) cannot be resolved from subgraph \"" + source + "\"" + extra;
  }

  std::string display_reasons(const Reasons& reasons) const {
    std::vector<std::pair<int, std::vector<std::string>>> groups;
    for (const Reason& reason : reasons) {
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == reason.source; });
      if (it == groups.end()) {
        groups.push_back({reason.source, {}});
        it = groups.end() - 1;
      }
      it->second.push_back(details_of(reason));
    }
    std::vector<std::string> parts;
    for (const auto& [source, details] : groups) {
      std::string message = "- from subgraph \"" + graph_.source_name(source) + "\":";
      if (details.size() == 1) {
        message += " " + details[0] + ".";
      } else {
        std::vector<std::string> distinct;
        for (const std::string& detail : details) {
          if (std::find(distinct.begin(), distinct.end(), detail) == distinct.end()) distinct.push_back(detail);
        }
        for (const std::string& detail : distinct) message += "\n  - " + detail + ".";
      }
      parts.push_back(message);
    }
    return join_strings(parts, "\n", "\n", "\n");
  }

  FederationError satisfiability_error(const ApiPath& api_path, const Reasons& reasons) const {
    return {"SATISFIABILITY_ERROR",
            "The following supergraph API query:\n" + witness(api_path) +
                "\ncannot be satisfied by the subgraphs because:\n" + display_reasons(reasons),
            {},
            std::nullopt};
  }

  // ---- The traversal (§7) ----------------------------------------------------------------------

  struct State {
    ApiPath api_path;
    std::vector<Option> options;                                  // when not partitioned
    std::vector<std::pair<int, std::vector<Option>>> partitions;  // top-level mutation fields
    std::string mutation_field;
    bool partitioned = false;
    std::map<std::string, bool> overrides;
  };

  std::set<std::string> visit_keys(const std::vector<Option>& options) const {
    std::set<std::string> keys;
    for (const Option& option : options) {
      const Vertex& tail = graph_.vertex(option.path.tail);
      std::string key = graph_enum_of(tail.source) + "." + std::string(tail.type_name) + "[";
      auto contexts = option.contexts;
      std::sort(contexts.begin(), contexts.end(),
                [](const auto& a, const auto& b) { return collate_names(a.first, b.first) < 0; });
      for (size_t i = 0; i < contexts.size(); ++i) {
        if (i != 0) key += ",";
        key += contexts[i].first + "=" + graph_enum_of(contexts[i].second.first) + "." + contexts[i].second.second;
      }
      keys.insert(key + "]");
    }
    return keys;
  }

  std::string graph_enum_of(int source) const {
    if (source < 0) return "undefined";
    auto it = graph_enum_.find(graph_.source_name(source));
    return it == graph_enum_.end() ? "undefined" : it->second;
  }

  bool can_skip(const std::vector<Option>& options, const State& state) {
    Visit current{visit_keys(options), state.overrides};
    // Every worker starts from the roots: those visits are its own.
    bool shared = shared_ != nullptr && !state.api_path.edges.empty();
    std::unique_lock<std::mutex> guard;
    if (shared) guard = std::unique_lock(shared_->locks[state.api_path.tail % shared_->locks.size()]);
    auto& visits = shared ? shared_->visits[state.api_path.tail] : visits_[state.api_path.tail];
    for (const Visit& previous : visits) {
      bool keys = std::all_of(previous.keys.begin(), previous.keys.end(),
                              [&](const std::string& k) { return current.keys.count(k) != 0; });
      bool overrides = std::all_of(previous.overrides.begin(), previous.overrides.end(), [&](const auto& entry) {
        auto it = current.overrides.find(entry.first);
        return it != current.overrides.end() && it->second == entry.second;
      });
      if (keys && overrides) return true;
    }
    visits.push_back(std::move(current));
    return false;
  }

  bool can_skip(const State& state) {
    if (!state.partitioned) return can_skip(state.options, state);
    bool skip = true;
    for (const auto& [subgraph, options] : state.partitions) {
      if (!can_skip(options, state)) skip = false;
    }
    return skip;
  }

  // validateTransitionForSubgraphPaths: nullopt on error (appended to `errors`); an empty list
  // when the edge is dropped.
  std::optional<std::vector<Option>> advance_options(std::vector<Option>& options, const Edge& api_edge,
                                                     const std::map<std::string, bool>& overrides,
                                                     const std::vector<std::string>& matching_contexts,
                                                     const ApiPath& new_path, FederationErrors& errors) {
    std::vector<Option> advanced;
    std::vector<Advance> failures;
    for (Option& option : options) {
      Advance result = advance(option, api_edge, overrides);
      if (result.dropped) return std::vector<Option>{};
      if (result.paths.empty()) {
        failures.push_back(std::move(result));
        continue;
      }
      auto contexts = option.contexts;
      if (!matching_contexts.empty()) {
        const Vertex& tail = graph_.vertex(option.path.tail);
        for (size_t i = 0; i < matching_contexts.size(); ++i) {
          std::string key = std::to_string(i);
          auto it = std::find_if(contexts.begin(), contexts.end(), [&](const auto& c) { return c.first == key; });
          if (it == contexts.end()) {
            contexts.push_back({key, {tail.source, std::string(tail.type_name)}});
          } else {
            it->second = {tail.source, std::string(tail.type_name)};
          }
        }
      }
      for (Path& path : result.paths) advanced.push_back(Option{std::move(path), overrides, nullptr, contexts});
    }
    if (advanced.empty()) {
      Reasons reasons;
      for (const Advance& failure : failures) {
        Reasons mine = failure_reasons(failure, api_edge);
        reasons.insert(reasons.end(), mine.begin(), mine.end());
      }
      errors.push_back(satisfiability_error(new_path, reasons));
      return std::nullopt;
    }
    return advanced;
  }

  bool is_shareable(std::string_view type_name, std::string_view field_name) const {
    const Type* type = supergraph_.find_type(type_name);
    if (type == nullptr || type->kind != TypeKind::Object) return false;
    const Field* field = type->find_field(field_name);
    if (field == nullptr) return false;
    size_t joins = 0;
    size_t resolving = 0;
    for (const AppliedDirective& directive : field->directives) {
      if (directive.name != "join__field") continue;
      ++joins;
      auto flag = [&](std::string_view name) {
        const json::Value* value = directive.argument(name);
        return value != nullptr && value->is_bool() && value->as_bool();
      };
      if (!flag("external") && !flag("usedOverridden")) ++resolving;
    }
    if (joins == 0) {
      return std::count_if(type->directives.begin(), type->directives.end(),
                           [](const AppliedDirective& d) { return d.name == "join__type"; }) > 1;
    }
    return resolving > 1;
  }

  template <class Strings>
  static std::vector<std::string> sorted_runtime_types(const Strings& types) {
    std::vector<std::string> out(types.begin(), types.end());
    std::sort(out.begin(), out.end(),
              [](const std::string& a, const std::string& b) { return collate_names(a, b) < 0; });
    return out;
  }

  // §15: shared fields of abstract type. Returns false when the state must be dropped (error).
  bool check_shared_runtime_types(const State& state, const Edge& api_edge) {
    std::vector<const Option*> all;
    if (state.partitioned) {
      for (const auto& [subgraph, options] : state.partitions) {
        for (const Option& option : options) all.push_back(&option);
      }
    } else {
      for (const Option& option : state.options) all.push_back(&option);
    }
    if (all.size() <= 1 || api_edge.transition.kind != TransitionKind::FieldCollection) return true;
    const Type* target = api_.find_type(api_graph_.vertex(api_edge.tail).type_name);
    if (!is_abstract(target) || !is_shareable(api_edge.transition.parent_type, api_edge.transition.field_name)) {
      return true;
    }
    size_t abstract_tails = static_cast<size_t>(std::count_if(all.begin(), all.end(), [&](const Option* option) {
      return is_abstract(graph_.vertex(option->path.tail).type);
    }));
    if (abstract_tails <= 1) return true;
    std::vector<std::string> all_types = sorted_runtime_types(possible_runtime_types(api_, *target));
    std::vector<std::string> intersection = all_types;
    std::vector<std::pair<std::string, std::vector<std::string>>> by_description;
    std::vector<std::pair<std::string, std::vector<std::string>>> per_subgraph;
    bool all_empty = true;
    for (const Option* option : all) {
      std::string subgraph = graph_.source_name(graph_.vertex(option->path.tail).source);
      std::vector<std::string> names = sorted_runtime_types(option->path.runtime());
      if (names.size() == 1 && std::find(all_types.begin(), all_types.end(), names[0]) == all_types.end()) continue;
      auto existing =
          std::find_if(per_subgraph.begin(), per_subgraph.end(), [&](const auto& e) { return e.first == subgraph; });
      if (existing == per_subgraph.end()) {
        per_subgraph.push_back({subgraph, names});
      } else {
        existing->second = names;
      }
      std::string description = "no runtime type is defined";
      if (!names.empty()) {
        std::vector<std::string> quoted;
        for (const std::string& name : names) quoted.push_back(quote(name));
        description = std::string(names.size() > 1 ? "types " : "type ") + join_strings(quoted);
        all_empty = false;
      }
      auto group = std::find_if(by_description.begin(), by_description.end(),
                                [&](const auto& e) { return e.first == description; });
      if (group == by_description.end()) {
        by_description.push_back({description, {subgraph}});
      } else {
        group->second.push_back(subgraph);
      }
      intersection.erase(
          std::remove_if(intersection.begin(), intersection.end(),
                         [&](const std::string& t) { return std::find(names.begin(), names.end(), t) == names.end(); }),
          intersection.end());
    }
    if (all_empty) return true;
    std::string coordinate =
        std::string(api_edge.transition.parent_type) + "." + std::string(api_edge.transition.field_name);
    std::string field_type = api_edge.transition.field != nullptr ? api_edge.transition.field->type.to_string() : "";
    std::string witness_text = witness(state.api_path);
    if (intersection.empty()) {
      std::vector<std::string> lines;
      for (const auto& [description, subgraphs] : by_description) {
        lines.push_back(" - in " + subgraph_names(subgraphs) + ", " + description);
      }
      errors_.push_back(
          {"SHAREABLE_HAS_MISMATCHED_RUNTIME_TYPES",
           "For the following supergraph API query:\n" + witness_text + "\nShared field \"" + coordinate +
               "\" return type \"" + field_type +
               "\" has a non-intersecting set of possible runtime types across subgraphs. Runtime types in "
               "subgraphs are:\n" +
               join_strings(lines, ";\n", ";\n", ";\n") +
               ".\nThis is not allowed as shared fields must resolve the same way in all subgraphs, and "
               "that implies at least some common runtime types between the subgraphs.",
           {},
           std::nullopt});
      return false;
    }
    if (by_description.size() > 1) {
      std::vector<std::string> subgraphs;
      for (const Option* option : all) {
        std::string name = graph_.source_name(graph_.vertex(option->path.tail).source);
        if (std::find(subgraphs.begin(), subgraphs.end(), name) == subgraphs.end()) subgraphs.push_back(name);
      }
      auto print_types = [](const std::vector<std::string>& types) {
        std::vector<std::string> quoted;
        for (const std::string& t : types) quoted.push_back(quote(t));
        return human_readable_list(quoted, "type", "types");
      };
      std::vector<std::string> lines;
      for (const std::string& subgraph : subgraphs) {
        auto entry =
            std::find_if(per_subgraph.begin(), per_subgraph.end(), [&](const auto& e) { return e.first == subgraph; });
        if (entry == per_subgraph.end()) continue;
        std::vector<std::string> outside;
        for (const std::string& t : entry->second) {
          if (std::find(intersection.begin(), intersection.end(), t) == intersection.end()) outside.push_back(t);
        }
        if (outside.empty()) continue;
        lines.push_back(" - subgraph \"" + subgraph + "\" should never resolve \"" + coordinate +
                        "\" to an object of " + print_types(outside));
      }
      pending_hint_ = FederationError{"INCONSISTENT_RUNTIME_TYPES_FOR_SHAREABLE_RETURN",
                                      "For the following supergraph API query:\n" + witness_text + "\nShared field \"" +
                                          coordinate + "\" return type \"" + field_type +
                                          "\" has different sets of possible runtime types across subgraphs.\nSince a "
                                          "shared field must be resolved "
                                          "the same way in all subgraphs, make sure that " +
                                          subgraph_names(subgraphs) + " only resolve \"" + coordinate +
                                          "\" to objects of " + print_types(intersection) + ". In particular:\n" +
                                          join_strings(lines, ";\n", ";\n", ";\n") +
                                          ".\nOtherwise the @shareable contract will be broken.",
                                      {},
                                      std::nullopt};
    }
    return true;
  }

  std::optional<State> validate_transition(State& state, uint32_t api_edge_index,
                                           const std::vector<std::string>& matching_contexts) {
    const Edge& api_edge = api_graph_.edge(api_edge_index);
    std::map<std::string, bool> overrides = state.overrides;
    if (api_edge.override_condition)
      overrides[api_edge.override_condition->label] = api_edge.override_condition->condition;
    ApiPath new_path = state.api_path;
    new_path.edges.push_back(api_edge_index);
    new_path.tail = api_edge.tail;
    State updated;
    updated.api_path = new_path;
    updated.overrides = overrides;
    if (!state.partitioned) {
      auto advanced = advance_options(state.options, api_edge, overrides, matching_contexts, new_path, errors_);
      if (!advanced || advanced->empty()) return std::nullopt;
      bool top_level_mutation = state.api_path.edges.empty() &&
                                api_edge.transition.kind == TransitionKind::FieldCollection &&
                                api_graph_.vertex(state.api_path.root).root_kind == graphql::OperationType::Mutation;
      if (top_level_mutation) {
        std::vector<std::pair<int, std::vector<Option>>> partitions;
        for (Option& option : *advanced) {
          int subgraph = graph_.vertex(graph_.edge(*option.path.edge_to_tail).head).source;
          auto it =
              std::find_if(partitions.begin(), partitions.end(), [&](const auto& p) { return p.first == subgraph; });
          if (it == partitions.end()) {
            partitions.push_back({subgraph, {}});
            it = partitions.end() - 1;
          }
          it->second.push_back(std::move(option));
        }
        if (partitions.size() <= 1) {
          for (auto& [subgraph, options] : partitions) {
            for (Option& option : options) updated.options.push_back(std::move(option));
          }
        } else {
          std::string coordinate =
              std::string(api_edge.transition.parent_type) + "." + std::string(api_edge.transition.field_name);
          auto& errors = mutation_errors_[coordinate];
          if (mutation_order_.empty() ||
              std::find(mutation_order_.begin(), mutation_order_.end(), coordinate) == mutation_order_.end()) {
            mutation_order_.push_back(coordinate);
          }
          for (const auto& partition : partitions) {
            int subgraph = partition.first;
            if (std::find_if(errors.begin(), errors.end(), [&](const auto& e) { return e.first == subgraph; }) ==
                errors.end()) {
              errors.push_back({subgraph, {}});
            }
          }
          updated.partitioned = true;
          updated.mutation_field = coordinate;
          updated.partitions = std::move(partitions);
        }
      } else {
        updated.options = std::move(*advanced);
      }
    } else {
      updated.partitioned = true;
      updated.mutation_field = state.mutation_field;
      auto& errors = mutation_errors_[state.mutation_field];
      for (auto& [subgraph, options] : state.partitions) {
        FederationErrors local;
        auto advanced = advance_options(options, api_edge, overrides, matching_contexts, new_path, local);
        if (!advanced) {
          for (auto& entry : errors) {
            if (entry.first == subgraph) entry.second.insert(entry.second.end(), local.begin(), local.end());
          }
          continue;
        }
        if (advanced->empty()) return std::nullopt;
        updated.partitions.push_back({subgraph, std::move(*advanced)});
      }
      if (updated.partitions.empty()) return std::nullopt;
    }
    pending_hint_.reset();
    if (!check_shared_runtime_types(updated, api_edge)) return std::nullopt;
    return updated;
  }

  void traverse() {
    std::vector<State> stack;
    for (const auto& [kind, root] : api_graph_.roots) {
      auto federated_root = graph_.root(kind);
      if (!federated_root) continue;
      State state;
      state.api_path.root = root;
      state.api_path.tail = root;
      Path start_path = start(*federated_root);
      for (uint32_t e : graph_.out_edges(*federated_root)) {
        Trigger trigger;
        trigger.kind = Trigger::Kind::Other;
        state.options.push_back(Option{add(start_path, trigger, e, 0), {}, nullptr, {}});
      }
      stack.push_back(std::move(state));
    }
    while (!stack.empty()) {
      State state = std::move(stack.back());
      stack.pop_back();
      if (can_skip(state)) continue;
      bool root = state.api_path.edges.empty();
      size_t position = 0;
      for (uint32_t e : api_graph_.out_edges(state.api_path.tail)) {
        if (root && position++ % lanes_ != lane_) continue;  // another worker's root field
        const Edge& edge = api_graph_.edge(e);
        if (edge.transition.kind == TransitionKind::FieldCollection && edge.transition.field_name == "__typename") {
          continue;
        }
        if (edge.override_condition) {
          auto selected = state.overrides.find(edge.override_condition->label);
          if (selected != state.overrides.end() && selected->second != edge.override_condition->condition) continue;
        }
        std::vector<std::string> matching;
        if (edge.transition.kind == TransitionKind::FieldCollection) {
          auto contexts = contexts_by_type_.find(api_graph_.vertex(edge.head).type_name);
          if (contexts != contexts_by_type_.end()) matching = contexts->second;
        }
        auto next = validate_transition(state, e, matching);
        if (!next) continue;
        if (pending_hint_) {
          hints_.push_back(*pending_hint_);
          pending_hint_.reset();
        }
        if (!api_graph_.is_terminal(next->api_path.tail)) stack.push_back(std::move(*next));
      }
    }
    for (const std::string& coordinate : mutation_order_) {
      const auto& by_subgraph = mutation_errors_[coordinate];
      bool some_clean =
          std::any_of(by_subgraph.begin(), by_subgraph.end(), [](const auto& e) { return e.second.empty(); });
      if (some_clean) continue;
      std::vector<std::string> parts{
          "Supergraph API queries using the mutation field \"" + coordinate +
          "\" at top-level must be satisfiable without needing to call that field from multiple subgraphs, but every "
          "subgraph with that field encounters satisfiability errors. Please fix these satisfiability errors for (at "
          "least) one of the following subgraphs with the mutation field:"};
      for (const auto& [subgraph, errors] : by_subgraph) {
        parts.push_back("- When calling \"" + coordinate + "\" at top-level from subgraph \"" +
                        graph_.source_name(subgraph) + "\":");
        for (const FederationError& error : errors) {
          size_t start_index = 0;
          while (start_index <= error.message.size()) {
            size_t end = error.message.find('\n', start_index);
            if (end == std::string::npos) end = error.message.size();
            std::string line = error.message.substr(start_index, end - start_index);
            parts.push_back(line.empty() ? line : "  " + line);
            start_index = end + 1;
          }
        }
      }
      std::string message;
      for (size_t i = 0; i < parts.size(); ++i) message += (i != 0 ? "\n" : "") + parts[i];
      errors_.push_back({"SATISFIABILITY_ERROR", message, {}, std::nullopt});
    }
  }

  const Schema& supergraph_;
  const Schema& api_;
  const QueryGraph& api_graph_;
  const QueryGraph& graph_;
  const std::map<std::string, std::string>& graph_enum_;
  const std::map<std::string, std::vector<std::string>, std::less<>>& contexts_by_type_;
  size_t lane_ = 0;
  size_t lanes_ = 1;
  mutable std::map<int, std::unique_ptr<SubgraphMetadata>> metadata_;
  std::map<uint32_t, std::pair<Resolution, std::vector<int>>> cache_;
  mutable std::map<std::pair<int, std::string_view>, SharedNames> runtime_cache_;
  std::vector<std::vector<Visit>> visits_;  // per API graph vertex
  SharedVisits* shared_ = nullptr;          // the workers' visits, when several traverse at once
  std::map<std::string, std::vector<std::pair<int, FederationErrors>>> mutation_errors_;
  std::vector<std::string> mutation_order_;
  std::optional<FederationError> pending_hint_;
  FederationErrors errors_;
  FederationErrors hints_;
};

}  // namespace

SatisfiabilityResult validate_satisfiability(const Schema& supergraph, const Schema& api_schema) {
  auto prepared = Satisfiability::prepare(supergraph, api_schema);
  if (!prepared.ok()) return {{{"INVALID_GRAPHQL", prepared.error().message(), {}, std::nullopt}}, {}};
  // A large graph is traversed on every core, its root fields dealt out among them. When no
  // worker finds anything to report, neither would one traversal of them all (a worker only
  // skips a state another state it visited covers); otherwise one traversal runs again, so that
  // errors and hints, their order and their example queries, are exactly Apollo's.
  size_t lanes = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  if (lanes > 1 && supergraph.types().size() >= kParallelMinTypes) {
    std::vector<char> clean(lanes, 0);
    Satisfiability::SharedVisits visits((*prepared)->api_graph.vertices.size());
    for_each_index(lanes, true, [&](size_t lane) {
      Satisfiability worker(supergraph, api_schema, **prepared, lane, lanes, &visits);
      worker.walk();
      clean[lane] = worker.clean() ? 1 : 0;
    });
    if (std::all_of(clean.begin(), clean.end(), [](char c) { return c != 0; })) return {};
  }
  return Satisfiability(supergraph, api_schema, **prepared, 0, 1).run();
}

}  // namespace junction::composition
