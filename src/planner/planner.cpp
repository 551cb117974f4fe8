#include "planner/planner.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "graphql/printer.h"

namespace junction::planner {

namespace {

using federation::FieldSetSelection;
using federation::FieldSetSelections;

// While planning, selections live in deques so that references to them stay valid as
// siblings are added.
struct Draft {
  Selection head;  // children unused
  std::deque<Draft> children;
};
using DraftSet = std::deque<Draft>;

bool same_head(const Selection& a, const Selection& b) {
  return a.kind == b.kind && a.alias == b.alias && a.name == b.name && a.arguments == b.arguments &&
         a.type_condition == b.type_condition && a.directives == b.directives && a.constant == b.constant;
}

Draft& merge_head(DraftSet& set, const Selection& head) {
  for (Draft& draft : set) {
    if (same_head(draft.head, head)) return draft;
  }
  Draft& added = set.emplace_back();
  added.head = head;
  added.head.children.clear();
  return added;
}

Selection field_head(std::string name) {
  Selection head;
  head.name = std::move(name);
  return head;
}

Selection fragment_head(std::string type_condition) {
  Selection head;
  head.kind = Selection::Kind::InlineFragment;
  head.type_condition = std::move(type_condition);
  return head;
}

SelectionSet finish(const DraftSet& drafts) {
  SelectionSet out;
  out.reserve(drafts.size());
  for (const Draft& draft : drafts) {
    Selection selection = draft.head;
    selection.children = finish(draft.children);
    out.push_back(std::move(selection));
  }
  return out;
}

// ---- The operation as selections ------------------------------------------------------

void collect_variables(const graphql::Node* node, std::vector<std::string>& out) {
  if (node == nullptr) return;
  if (const auto* variable = graphql::as<graphql::Variable>(node)) {
    std::string name(variable->name);
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  } else if (const auto* list = graphql::as<graphql::ListValue>(node)) {
    for (const graphql::Value* value : list->values) collect_variables(value, out);
  } else if (const auto* object = graphql::as<graphql::ObjectValue>(node)) {
    for (const graphql::ObjectField* field : object->fields) collect_variables(field->value, out);
  }
}

// Only @skip and @include travel to subgraphs.
std::string forwarded_directives(graphql::List<graphql::Directive> directives, std::vector<std::string>& variables) {
  std::string out;
  for (const graphql::Directive* directive : directives) {
    if (directive->name != "skip" && directive->name != "include") continue;
    out += ' ';
    out += graphql::print(directive);
    for (const graphql::Argument* argument : directive->arguments) collect_variables(argument->value, variables);
  }
  return out;
}

class OperationReader {
 public:
  explicit OperationReader(const graphql::Document& document) {
    for (const graphql::Definition* definition : document.definitions()) {
      if (const auto* fragment = graphql::as<graphql::FragmentDefinition>(definition)) {
        fragments_.emplace(fragment->name, fragment);
      }
    }
  }

  SelectionSet read(const graphql::SelectionSet* set, int depth = 0) {
    SelectionSet out;
    if (set == nullptr || depth > 200) return out;
    for (const graphql::Selection* node : set->selections) {
      if (const auto* field = graphql::as<graphql::Field>(node)) {
        Selection selection;
        selection.alias = std::string(field->alias);
        selection.name = std::string(field->name);
        if (!field->arguments.empty()) {
          selection.arguments = "(";
          bool first = true;
          for (const graphql::Argument* argument : field->arguments) {
            if (!first) selection.arguments += ", ";
            first = false;
            selection.arguments += graphql::print(argument);
            collect_variables(argument->value, selection.variables);
          }
          selection.arguments += ")";
        }
        selection.directives = forwarded_directives(field->directives, selection.variables);
        selection.children = read(field->selection_set, depth + 1);
        out.push_back(std::move(selection));
      } else if (const auto* inline_fragment = graphql::as<graphql::InlineFragment>(node)) {
        Selection selection;
        selection.kind = Selection::Kind::InlineFragment;
        if (inline_fragment->type_condition != nullptr) {
          selection.type_condition = std::string(inline_fragment->type_condition->name);
        }
        selection.directives = forwarded_directives(inline_fragment->directives, selection.variables);
        selection.children = read(inline_fragment->selection_set, depth + 1);
        out.push_back(std::move(selection));
      } else if (const auto* spread = graphql::as<graphql::FragmentSpread>(node)) {
        auto found = fragments_.find(spread->name);
        if (found == fragments_.end()) continue;
        Selection selection;
        selection.kind = Selection::Kind::InlineFragment;
        selection.type_condition = std::string(found->second->type_condition->name);
        selection.directives = forwarded_directives(spread->directives, selection.variables);
        selection.children = read(found->second->selection_set, depth + 1);
        out.push_back(std::move(selection));
      }
    }
    return out;
  }

 private:
  std::unordered_map<std::string_view, const graphql::FragmentDefinition*> fragments_;
};

// A field set (@key, @requires) as selections.
SelectionSet from_field_set(const FieldSetSelections& set) {
  SelectionSet out;
  for (const FieldSetSelection& selection : set.selections) {
    Selection converted;
    if (selection.is_fragment) {
      converted.kind = Selection::Kind::InlineFragment;
      if (selection.type_condition != nullptr) converted.type_condition = selection.type_condition->name;
    } else {
      converted.name = selection.name;
    }
    if (selection.selection_set) converted.children = from_field_set(*selection.selection_set);
    out.push_back(std::move(converted));
  }
  return out;
}

// ---- Planning ----------------------------------------------------------------------------

struct Group {
  int id = 0;
  int subgraph = 0;
  bool entity = false;
  int parent = -1;
  ResponsePath path;
  DraftSet representation;
  DraftSet selection;
  std::set<int> depends_on;
  std::vector<std::string> variables;
};

constexpr int kMaxJumps = 16;

class Planner {
 public:
  Planner(const Supergraph& supergraph, const graphql::Document& document,
          const graphql::OperationDefinition& operation, const OverrideLabels& labels)
      : supergraph_(supergraph), api_(supergraph.api()), document_(document), operation_(operation), labels_(labels) {}

  Result<std::shared_ptr<const QueryPlan>> run() {
    if (operation_.operation == graphql::OperationType::Subscription) {
      return Error("Subscriptions are not supported by this gateway.");
    }
    const schema::NamedType* root = api_.root_type(operation_.operation);
    if (root == nullptr) {
      return Error(std::string("The schema has no ") + std::string(graphql::operation_type_name(operation_.operation)) +
                   " type.");
    }
    OperationReader reader(document_);
    SelectionSet selections = reader.read(operation_.selection_set);
    plan_root(root, selections, "");
    if (!error_.empty()) return Error(error_);
    return finalize();
  }

 private:
  // Root fields (through fragments on the root type, whose directives they keep).
  void plan_root(const schema::NamedType* root, const SelectionSet& selections, const std::string& directives) {
    for (const Selection& selection : selections) {
      if (!selection.is_field()) {
        plan_root(root, selection.children, directives + selection.directives);
        continue;
      }
      if (selection.name == "__typename" || selection.name == "__schema" || selection.name == "__type") {
        introspection_ = true;
        schema_introspection_ = schema_introspection_ || selection.name != "__typename";
        continue;
      }
      const schema::Field* field = root->find_field(selection.name);
      if (field == nullptr) {
        fail("Cannot query field \"" + selection.name + "\" on type \"" + std::string(root->name) + "\".");
        return;
      }
      int group = root_group(root, selection);
      if (group < 0) return;
      Selection wrapped = selection;
      if (!directives.empty()) {
        // Keep the fragment's @skip/@include around the field.
        Selection fragment;
        fragment.kind = Selection::Kind::InlineFragment;
        fragment.directives = directives;
        fragment.children.push_back(selection);
        wrapped = fragment;
      }
      std::set<int> touched;
      plan_set(group, groups_[static_cast<size_t>(group)].selection, {}, root, {wrapped}, nullptr, touched, 0);
    }
  }

  int root_group(const schema::NamedType* root, const Selection& selection) {
    std::vector<int> candidates;
    for (int index = 0; index < subgraph_count(); ++index) {
      if (supergraph_.resolves(index, root->name, selection.name, labels_)) candidates.push_back(index);
    }
    if (candidates.empty()) {
      fail("No subgraph resolves " + std::string(root->name) + "." + selection.name + ".");
      return -1;
    }
    bool mutation = operation_.operation == graphql::OperationType::Mutation;
    if (mutation) {
      // In order: the latest root fetch if it can take this field, else a new one after it.
      if (last_root_ >= 0 &&
          std::count(candidates.begin(), candidates.end(), groups_[static_cast<size_t>(last_root_)].subgraph) != 0) {
        return last_root_;
      }
      int group = new_group(candidates.front(), false, -1, {});
      for (const Group& earlier : groups_) {
        if (earlier.id != group) groups_[static_cast<size_t>(group)].depends_on.insert(earlier.id);
      }
      last_root_ = group;
      return group;
    }
    for (const Group& group : groups_) {
      if (!group.entity && std::count(candidates.begin(), candidates.end(), group.subgraph) != 0) return group.id;
    }
    return new_group(candidates.front(), false, -1, {});
  }

  int subgraph_count() const { return static_cast<int>(supergraph_.subgraphs().size()); }

  int new_group(int subgraph, bool entity, int parent, ResponsePath path) {
    Group& group = groups_.emplace_back();
    group.id = static_cast<int>(groups_.size()) - 1;
    group.subgraph = subgraph;
    group.entity = entity;
    group.parent = parent;
    group.path = std::move(path);
    return group.id;
  }

  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }

  // The selection of `provided` (a @provides field set at this position) for `field` on
  // `parent`, directly or in a fragment on `parent`.
  static const FieldSetSelection* provided_field(const FieldSetSelections* provided, std::string_view parent,
                                                 std::string_view field) {
    if (provided == nullptr) return nullptr;
    for (const FieldSetSelection& selection : provided->selections) {
      if (!selection.is_fragment && selection.name == field) return &selection;
      if (selection.is_fragment && selection.selection_set &&
          (selection.type_condition == nullptr || selection.type_condition->name == parent)) {
        if (const FieldSetSelection* inner = provided_field(selection.selection_set.get(), parent, field)) {
          return inner;
        }
      }
    }
    return nullptr;
  }

  bool resolvable(int subgraph, std::string_view parent, std::string_view field,
                  const FieldSetSelections* provided) const {
    return supergraph_.resolves(subgraph, parent, field, labels_) || provided_field(provided, parent, field) != nullptr;
  }

  const FieldSetSelections* child_provided(int subgraph, std::string_view parent, std::string_view field,
                                           const FieldSetSelections* provided) const {
    if (const federation::FieldSet* own = supergraph_.provides_of(subgraph, parent, field)) return &own->root;
    const FieldSetSelection* selection = provided_field(provided, parent, field);
    return selection != nullptr ? selection->selection_set.get() : nullptr;
  }

  // Whether `subgraph` can select every field of a key at this position by itself.
  bool can_collect(int subgraph, std::string_view parent, const FieldSetSelections& set,
                   const FieldSetSelections* provided) const {
    for (const FieldSetSelection& selection : set.selections) {
      if (selection.is_fragment || selection.is_typename()) continue;
      if (!resolvable(subgraph, parent, selection.name, provided)) return false;
      if (selection.selection_set && selection.field != nullptr &&
          !can_collect(subgraph, selection.field->type.name, *selection.selection_set,
                       child_provided(subgraph, parent, selection.name, provided))) {
        return false;
      }
    }
    return true;
  }

  static ResponsePath child_path(const ResponsePath& path, const Selection& selection, const schema::Type* type) {
    ResponsePath out = path;
    out.emplace_back(selection.response_key());
    for (const schema::Type* level = type; level != nullptr && !level->is_named(); level = level->of_type) {
      if (level->is_list()) out.emplace_back("@");
    }
    return out;
  }

  void add_variables(int group, const Selection& selection) {
    auto& variables = groups_[static_cast<size_t>(group)].variables;
    for (const std::string& variable : selection.variables) {
      if (std::find(variables.begin(), variables.end(), variable) == variables.end()) variables.push_back(variable);
    }
  }

  void plan_set(int group, DraftSet& target, const ResponsePath& path, const schema::NamedType* parent,
                const SelectionSet& selections, const FieldSetSelections* provided, std::set<int>& touched, int jumps) {
    for (const Selection& selection : selections) {
      if (!error_.empty()) return;
      if (!selection.is_field()) {
        plan_fragment(group, target, path, parent, selection, provided, touched, jumps);
      } else if (selection.name == "__typename") {
        if (returned_as_interface(group, parent)) {
          // The subgraph would answer the interface's name: ask one that knows the object type.
          auto [entity, placed] = concrete(group, target, path, parent, provided, touched, jumps);
          if (placed == nullptr) return;
          add_variables(entity, selection);
          merge_head(placed->children, selection);
          continue;
        }
        add_variables(group, selection);
        merge_head(target, selection);
        touched.insert(group);
      } else {
        plan_field(group, target, path, parent, selection, provided, touched, jumps);
      }
    }
  }

  // An inline fragment on `condition` in the group's selection, keeping the user fragment's
  // @skip/@include.
  Draft& place_fragment(int group, DraftSet& target, std::string condition, const Selection& fragment) {
    Selection head = fragment_head(std::move(condition));
    head.directives = fragment.directives;
    head.variables = fragment.variables;
    add_variables(group, head);
    return merge_head(target, head);
  }

  void plan_fragment(int group, DraftSet& target, const ResponsePath& path, const schema::NamedType* parent,
                     const Selection& fragment, const FieldSetSelections* provided, std::set<int>& touched, int jumps) {
    const schema::NamedType* condition =
        fragment.type_condition.empty() ? parent : api_.find_type(fragment.type_condition);
    if (condition == nullptr) return;
    int subgraph = groups_[static_cast<size_t>(group)].subgraph;
    if (condition != parent && returned_as_interface(group, parent)) {
      // Objects the subgraph returns as an @interfaceObject: their types come from elsewhere.
      auto [entity, placed] = concrete(group, target, path, parent, provided, touched, jumps);
      if (placed != nullptr)
        plan_fragment(entity, placed->children, path, parent, fragment, nullptr, touched, jumps + 1);
      return;
    }
    // An object type under a condition it cannot satisfy: nothing to fetch.
    if (!parent->is_abstract() && condition != parent &&
        (!condition->is_abstract() || !api_.is_possible_type(condition, parent))) {
      return;
    }
    // Same type, or a narrowing that cannot change an object type: the children plan in place.
    if (condition == parent || (!parent->is_abstract() && condition->is_abstract())) {
      if (fragment.directives.empty()) {
        plan_set(group, target, path, parent, fragment.children, provided, touched, jumps);
        return;
      }
      Draft& placed = place_fragment(group, target, "", fragment);
      plan_set(group, placed.children, path, parent, fragment.children, provided, touched, jumps);
      return;
    }
    if (supergraph_.type_in(subgraph, condition->name) != nullptr && locally_possible(subgraph, parent, condition)) {
      Draft& placed = place_fragment(group, target, std::string(condition->name), fragment);
      plan_set(group, placed.children, path, condition, fragment.children, provided, touched, jumps);
      return;
    }
    // The subgraph does not know the condition type: the objects it returns can only be its
    // own types that the condition may hold.
    if (!condition->is_abstract()) return;
    for (const schema::NamedType* object : api_.possible_types(condition)) {
      if (!parent->is_abstract() || !api_.is_possible_type(parent, object)) continue;
      const federation::Type* local = supergraph_.type_in(subgraph, object->name);
      if (local == nullptr || local->kind != federation::TypeKind::Object) continue;
      if (!locally_possible(subgraph, parent, object)) continue;
      Draft& placed = place_fragment(group, target, std::string(object->name), fragment);
      plan_set(group, placed.children, path, object, fragment.children, provided, touched, jumps);
    }
  }

  void plan_field(int group, DraftSet& target, const ResponsePath& path, const schema::NamedType* parent,
                  const Selection& selection, const FieldSetSelections* provided, std::set<int>& touched, int jumps) {
    int subgraph = groups_[static_cast<size_t>(group)].subgraph;
    if (returned_as_interface(group, parent)) {
      if (resolvable(subgraph, parent->name, selection.name, provided) &&
          supergraph_.requires_of(subgraph, parent->name, selection.name) == nullptr) {
        add_field(group, target, path, parent, selection, provided, touched, jumps);
      } else {
        jump(group, target, path, parent, selection, provided, touched, jumps);
      }
      return;
    }
    if (parent->is_abstract()) {
      const federation::Type* local = supergraph_.type_in(subgraph, parent->name);
      if (local != nullptr && local->kind == federation::TypeKind::Interface &&
          resolvable(subgraph, parent->name, selection.name, provided) &&
          implementations_resolve(subgraph, parent, selection.name)) {
        add_field(group, target, path, parent, selection, provided, touched, jumps);
        return;
      }
      // Type explosion: the field on each object type this subgraph may return.
      for (const schema::NamedType* object : api_.possible_types(parent)) {
        const federation::Type* object_local = supergraph_.type_in(subgraph, object->name);
        if (object_local == nullptr || object_local->kind != federation::TypeKind::Object) continue;
        Draft& placed = merge_head(target, fragment_head(std::string(object->name)));
        plan_field(group, placed.children, path, object, selection, provided, touched, jumps);
      }
      return;
    }
    if (resolvable(subgraph, parent->name, selection.name, provided) &&
        (supergraph_.requires_of(subgraph, parent->name, selection.name) == nullptr ||
         provided_field(provided, parent->name, selection.name) != nullptr)) {
      // A value object this subgraph has only in part (@provides, or shareable with fewer
      // fields) cannot be completed from below: take the whole field from a subgraph that has
      // it, when there is a route to one.
      if (!selection.children.empty() && !covers(subgraph, parent, selection, provided) &&
          choose_route(subgraph, group, path, parent, selection.name, provided).subgraph >= 0) {
        jump(group, target, path, parent, selection, provided, touched, jumps);
        return;
      }
      add_field(group, target, path, parent, selection, provided, touched, jumps);
      return;
    }
    jump(group, target, path, parent, selection, provided, touched, jumps);
  }

  // Whether, in `subgraph`, an object of abstract type `parent` can be of type `condition`:
  // some object type the subgraph has is a member of both (a subgraph may know a type without
  // having it in its union or implementing its interface, and then cannot select it there).
  bool locally_possible(int subgraph, const schema::NamedType* parent, const schema::NamedType* condition) const {
    auto members = [&](const schema::NamedType* type) {
      std::vector<std::string_view> out;
      const federation::Type* local = supergraph_.type_in(subgraph, type->name);
      if (local == nullptr) return out;
      if (local->kind == federation::TypeKind::Object) {
        out.emplace_back(local->name);
      } else if (local->kind == federation::TypeKind::Union) {
        for (const auto& member : local->members) out.emplace_back(member.name);
      } else if (local->kind == federation::TypeKind::Interface) {
        for (const auto& object : supergraph_.subgraphs()[static_cast<size_t>(subgraph)].subgraph->schema.types()) {
          if (object->kind != federation::TypeKind::Object) continue;
          for (const auto& implemented : object->interfaces) {
            if (implemented.name == type->name) out.emplace_back(object->name);
          }
        }
      }
      return out;
    };
    std::vector<std::string_view> parents = members(parent);
    std::vector<std::string_view> conditions = members(condition);
    return std::any_of(parents.begin(), parents.end(), [&](std::string_view name) {
      return std::find(conditions.begin(), conditions.end(), name) != conditions.end();
    });
  }

  // Whether `subgraph` can answer `selection` (a field of `parent`) down to its leaves, where
  // the way down crosses only value types (entities below can be reached with a jump).
  bool covers(int subgraph, const schema::NamedType* parent, const Selection& selection,
              const FieldSetSelections* provided) const {
    const schema::Field* field = parent->find_field(selection.name);
    if (field == nullptr) return true;
    const schema::NamedType* type = field->type->base();
    if (type->is_abstract() || !supergraph_.keys(subgraph, type->name).empty()) return true;
    const FieldSetSelections* inner = child_provided(subgraph, parent->name, selection.name, provided);
    return covers_set(subgraph, type, selection.children, inner);
  }

  bool covers_set(int subgraph, const schema::NamedType* type, const SelectionSet& selections,
                  const FieldSetSelections* provided) const {
    for (const Selection& child : selections) {
      if (!child.is_field()) {
        if (!covers_set(subgraph, type, child.children, provided)) return false;
        continue;
      }
      if (child.name == "__typename") continue;
      if (!resolvable(subgraph, type->name, child.name, provided)) return false;
      if (!child.children.empty() && !covers(subgraph, type, child, provided)) return false;
    }
    return true;
  }

  // Every object type of an interface in this subgraph resolves the field there.
  bool implementations_resolve(int subgraph, const schema::NamedType* interface_type, std::string_view field) const {
    for (const schema::NamedType* object : api_.possible_types(interface_type)) {
      const federation::Type* local = supergraph_.type_in(subgraph, object->name);
      if (local == nullptr || local->kind != federation::TypeKind::Object) continue;
      if (!supergraph_.resolves(subgraph, object->name, field, labels_)) return false;
      if (supergraph_.requires_of(subgraph, object->name, field) != nullptr) return false;
    }
    return true;
  }

  void add_field(int group, DraftSet& target, const ResponsePath& path, const schema::NamedType* parent,
                 const Selection& selection, const FieldSetSelections* provided, std::set<int>& touched, int jumps) {
    const schema::Field* field = parent->find_field(selection.name);
    if (field == nullptr) {
      // Not in the API schema: an @inaccessible field a key or @requires needs. Leaves are
      // selected as they are; anything deeper is beyond this planner.
      const federation::Type* local = supergraph_.type_in(groups_[static_cast<size_t>(group)].subgraph, parent->name);
      if (selection.children.empty() && local != nullptr && local->find_field(selection.name) != nullptr) {
        add_variables(group, selection);
        touched.insert(group);
        merge_head(target, selection);
        return;
      }
      fail("Cannot query field \"" + selection.name + "\" on type \"" + std::string(parent->name) + "\".");
      return;
    }
    add_variables(group, selection);
    touched.insert(group);
    Draft& placed = merge_head(target, selection);
    if (selection.children.empty()) return;
    const schema::NamedType* type = field->type->base();
    if (type->is_abstract()) merge_head(placed.children, field_head("__typename"));
    int subgraph = groups_[static_cast<size_t>(group)].subgraph;
    plan_set(group, placed.children, child_path(path, selection, field->type), type, selection.children,
             child_provided(subgraph, parent->name, selection.name, provided), touched, jumps);
  }

  struct Route {
    int subgraph = -1;
    const EntityKey* key = nullptr;
    bool direct = false;
    std::string type;  // the entity type in that subgraph: the parent, or an @interfaceObject
  };

  // Whether the group's subgraph knows the abstract `parent` as an @interfaceObject (an object
  // type there), so that its objects come back with the interface's name as __typename.
  bool returned_as_interface(int group, const schema::NamedType* parent) const {
    return parent->is_abstract() &&
           supergraph_.is_interface_object(groups_[static_cast<size_t>(group)].subgraph, parent->name);
  }

  // The @interfaceObject of `candidate` that stands for an interface `parent` implements and
  // resolves `field`, or "".
  std::string interface_object_for(int candidate, const schema::NamedType* parent, std::string_view field) const {
    if (parent->is_abstract()) return "";
    for (const schema::NamedType* interface_type : parent->interfaces) {
      if (supergraph_.is_interface_object(candidate, interface_type->name) &&
          supergraph_.resolves(candidate, interface_type->name, field, labels_)) {
        return std::string(interface_type->name);
      }
    }
    return "";
  }

  // For objects a subgraph returned as an @interfaceObject: an entity fetch, from a subgraph
  // that has the interface with a resolvable @key, that answers their concrete __typename.
  // Returns that fetch's group and its `... on Interface` selection (null after a failure).
  std::pair<int, Draft*> concrete(int group, DraftSet& target, const ResponsePath& path,
                                  const schema::NamedType* interface_type, const FieldSetSelections* provided,
                                  std::set<int>& touched, int jumps) {
    int from = groups_[static_cast<size_t>(group)].subgraph;
    const EntityKey* chosen = nullptr;
    int owner = -1;
    for (int candidate = 0; candidate < subgraph_count() && chosen == nullptr; ++candidate) {
      const federation::Type* local = supergraph_.type_in(candidate, interface_type->name);
      if (candidate == from || local == nullptr || local->kind != federation::TypeKind::Interface) continue;
      for (const EntityKey& key : supergraph_.keys(candidate, interface_type->name)) {
        if (key.resolvable && can_collect(from, interface_type->name, key.fields->root, provided)) {
          chosen = &key;
          owner = candidate;
          break;
        }
      }
    }
    if (chosen == nullptr) {
      fail("Cannot find the object types behind @interfaceObject \"" + std::string(interface_type->name) +
           "\" of subgraph \"" + supergraph_.subgraphs()[static_cast<size_t>(from)].name +
           "\": no other subgraph has the interface with a resolvable @key.");
      return {-1, nullptr};
    }
    std::set<int> inputs;
    SelectionSet key =
        with_typename(group, target, chosen->fields->root, path, interface_type, provided, inputs, jumps);
    if (!error_.empty()) return {-1, nullptr};
    inputs.insert(group);
    int entity = entity_group(owner, path, group, inputs);
    for (int input : inputs) {
      if (input != entity) groups_[static_cast<size_t>(entity)].depends_on.insert(input);
    }
    touched.insert(inputs.begin(), inputs.end());
    Draft& representation = merge_head(groups_[static_cast<size_t>(entity)].representation,
                                       fragment_head(std::string(interface_type->name)));
    add_plain(representation.children, key);
    Draft& placed =
        merge_head(groups_[static_cast<size_t>(entity)].selection, fragment_head(std::string(interface_type->name)));
    merge_head(placed.children, field_head("__typename"));
    return {entity, &placed};
  }

  // The subgraph (and key) to fetch `field` of entity `parent` from, seen from `from`.
  Route choose_route(int from, int group, const ResponsePath& path, const schema::NamedType* parent,
                     std::string_view field, const FieldSetSelections* provided) const {
    Route best;
    int best_score = -1;
    for (int candidate = 0; candidate < subgraph_count(); ++candidate) {
      std::string type(parent->name);
      if (!supergraph_.resolves(candidate, parent->name, field, labels_)) {
        type = interface_object_for(candidate, parent, field);
        if (type.empty()) continue;
      }
      bool needs = supergraph_.requires_of(candidate, type, field) != nullptr;
      if (candidate == from && !needs) continue;
      const EntityKey* direct = nullptr;
      const EntityKey* any = nullptr;
      for (const EntityKey& key : supergraph_.keys(candidate, type)) {
        if (!key.resolvable) continue;
        if (any == nullptr) any = &key;
        if (direct == nullptr && can_collect(from, parent->name, key.fields->root, provided)) direct = &key;
      }
      if (any == nullptr) continue;
      int score = (direct != nullptr ? 8 : 0) + (needs ? 0 : 4) + (has_entity_group(candidate, path, group) ? 2 : 0);
      if (score > best_score) {
        best_score = score;
        best = {candidate, direct != nullptr ? direct : any, direct != nullptr, type};
      }
    }
    return best;
  }

  bool has_entity_group(int subgraph, const ResponsePath& path, int parent) const {
    return std::any_of(groups_.begin(), groups_.end(), [&](const Group& group) {
      return group.entity && group.subgraph == subgraph && group.parent == parent && group.path == path;
    });
  }

  // Whether `group` depends, directly or not, on `ancestor`.
  bool depends_on(int group, int ancestor) const {
    if (group == ancestor) return true;
    for (int dependency : groups_[static_cast<size_t>(group)].depends_on) {
      if (depends_on(dependency, ancestor)) return true;
    }
    return false;
  }

  int entity_group(int subgraph, const ResponsePath& path, int parent, const std::set<int>& inputs) {
    for (Group& group : groups_) {
      if (!group.entity || group.subgraph != subgraph || group.parent != parent || group.path != path) continue;
      bool cycle = std::any_of(inputs.begin(), inputs.end(), [&](int input) { return depends_on(input, group.id); });
      if (!cycle) return group.id;
    }
    return new_group(subgraph, true, parent, path);
  }

  void jump(int group, DraftSet& target, const ResponsePath& path, const schema::NamedType* parent,
            const Selection& selection, const FieldSetSelections* provided, std::set<int>& touched, int jumps) {
    int from = groups_[static_cast<size_t>(group)].subgraph;
    if (jumps > kMaxJumps) {
      fail("Cannot plan " + std::string(parent->name) + "." + selection.name + ": too many subgraph jumps.");
      return;
    }
    Route route = choose_route(from, group, path, parent, selection.name, provided);
    if (route.subgraph < 0) {
      fail("Cannot plan " + std::string(parent->name) + "." + selection.name + " from subgraph \"" +
           supergraph_.subgraphs()[static_cast<size_t>(from)].name +
           "\": no subgraph that resolves it has a resolvable @key for \"" + std::string(parent->name) + "\".");
      return;
    }
    // What the representations need, planned where the objects are: the key, then @requires.
    std::set<int> inputs;
    SelectionSet key = with_typename(group, target, route.key->fields->root, path, parent, provided, inputs, jumps);
    SelectionSet requirements;
    if (const federation::FieldSet* needed = supergraph_.requires_of(route.subgraph, route.type, selection.name)) {
      requirements = from_field_set(needed->root);
      plan_set(group, target, path, parent, requirements, provided, inputs, jumps + 1);
    }
    // An @interfaceObject takes representations under the interface's name.
    const schema::NamedType* entity_type = api_.find_type(route.type);
    if (entity_type == nullptr) entity_type = parent;
    bool as_interface = supergraph_.is_interface_object(route.subgraph, route.type);
    if (!error_.empty()) return;
    inputs.insert(group);
    int entity = entity_group(route.subgraph, path, group, inputs);
    Group& fetch = groups_[static_cast<size_t>(entity)];
    for (int input : inputs) {
      if (input != entity) fetch.depends_on.insert(input);
    }
    Draft& representation = merge_head(fetch.representation, fragment_head(std::string(parent->name)));
    if (as_interface) key.front().constant = route.type;
    add_plain(representation.children, key);
    add_plain(representation.children, requirements);
    touched.insert(inputs.begin(), inputs.end());
    Draft& placed = merge_head(groups_[static_cast<size_t>(entity)].selection, fragment_head(route.type));
    add_field(entity, placed.children, path, entity_type, selection, nullptr, touched, jumps + 1);
  }

  // A key as a representation's selections (__typename first), planned in `group`: the
  // __typename is the subgraph's own (under an @interfaceObject, the interface's name, which
  // is what a fetch from its owner wants).
  SelectionSet with_typename(int group, DraftSet& target, const FieldSetSelections& fields, const ResponsePath& path,
                             const schema::NamedType* parent, const FieldSetSelections* provided, std::set<int>& inputs,
                             int jumps) {
    SelectionSet key = from_field_set(fields);
    merge_head(target, field_head("__typename"));
    inputs.insert(group);
    plan_set(group, target, path, parent, key, provided, inputs, jumps + 1);
    key.insert(key.begin(), field_head("__typename"));
    return key;
  }

  static void add_plain(DraftSet& target, const SelectionSet& selections) {
    for (const Selection& selection : selections) {
      Draft& placed = merge_head(target, selection);
      add_plain(placed.children, selection.children);
    }
  }

  // Orders the groups so that dependencies come first, and renders each as a fetch.
  std::shared_ptr<const QueryPlan> finalize() {
    std::vector<int> order;
    std::vector<int> state(groups_.size(), 0);
    std::function<void(int)> visit = [&](int id) {
      if (state[static_cast<size_t>(id)] != 0) return;
      state[static_cast<size_t>(id)] = 1;
      for (int dependency : groups_[static_cast<size_t>(id)].depends_on) visit(dependency);
      state[static_cast<size_t>(id)] = 2;
      order.push_back(id);
    };
    for (const Group& group : groups_) visit(group.id);
    std::vector<int> position(groups_.size(), 0);
    for (size_t index = 0; index < order.size(); ++index)
      position[static_cast<size_t>(order[index])] = static_cast<int>(index);

    auto plan = std::make_shared<QueryPlan>();
    plan->introspection = introspection_;
    plan->schema_introspection = schema_introspection_;
    for (int id : order) {
      const Group& group = groups_[static_cast<size_t>(id)];
      Fetch fetch;
      fetch.id = position[static_cast<size_t>(id)];
      fetch.subgraph = group.subgraph;
      fetch.subgraph_name = supergraph_.subgraphs()[static_cast<size_t>(group.subgraph)].name;
      fetch.operation_type = group.entity ? graphql::OperationType::Query : operation_.operation;
      fetch.entity = group.entity;
      fetch.path = group.path;
      fetch.representation = finish(group.representation);
      fetch.selection = finish(group.selection);
      fetch.variables = group.variables;
      for (int dependency : group.depends_on) fetch.depends_on.push_back(position[static_cast<size_t>(dependency)]);
      std::sort(fetch.depends_on.begin(), fetch.depends_on.end());
      fetch.operation = render_operation(fetch);
      plan->fetches.push_back(std::move(fetch));
    }
    return plan;
  }

  std::string render_operation(const Fetch& fetch) const {
    std::string out = fetch.operation_type == graphql::OperationType::Mutation ? "mutation" : "query";
    std::vector<std::string> definitions;
    if (fetch.entity) definitions.emplace_back("$representations: [_Any!]!");
    for (const std::string& variable : fetch.variables) {
      for (const graphql::VariableDefinition* definition : operation_.variable_definitions) {
        if (definition->variable->name != variable) continue;
        std::string text = "$" + variable + ": " + graphql::print(definition->type);
        if (definition->default_value != nullptr) text += " = " + graphql::print(definition->default_value);
        definitions.push_back(std::move(text));
      }
    }
    if (!definitions.empty()) {
      out += '(';
      for (size_t index = 0; index < definitions.size(); ++index) {
        if (index != 0) out += ", ";
        out += definitions[index];
      }
      out += ')';
    }
    if (fetch.entity) {
      out += "{_entities(representations: $representations)";
      append_compact(out, fetch.selection);
      out += '}';
    } else {
      append_compact(out, fetch.selection);
    }
    return out;
  }

  const Supergraph& supergraph_;
  const schema::Schema& api_;
  const graphql::Document& document_;
  const graphql::OperationDefinition& operation_;
  const OverrideLabels& labels_;
  std::deque<Group> groups_;
  int last_root_ = -1;
  bool introspection_ = false;
  bool schema_introspection_ = false;
  std::string error_;
};

}  // namespace

Result<std::shared_ptr<const QueryPlan>> build_plan(const Supergraph& supergraph, const graphql::Document& document,
                                                    const graphql::OperationDefinition& operation,
                                                    const OverrideLabels& labels) {
  return Planner(supergraph, document, operation, labels).run();
}

Result<const graphql::OperationDefinition*> select_operation(const graphql::Document& document, std::string_view name) {
  const graphql::OperationDefinition* found = nullptr;
  int count = 0;
  for (const graphql::Definition* definition : document.definitions()) {
    const auto* operation = graphql::as<graphql::OperationDefinition>(definition);
    if (operation == nullptr) continue;
    ++count;
    if (name.empty() || operation->name == name) found = operation;
  }
  if (name.empty() && count > 1) return Error("Must provide operation name if query contains multiple operations.");
  if (found == nullptr) {
    if (name.empty()) return Error("Must provide an operation.");
    return Error("Unknown operation named \"" + std::string(name) + "\".");
  }
  return found;
}

}  // namespace junction::planner
