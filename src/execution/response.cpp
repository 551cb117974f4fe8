#include "execution/response.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "schema/introspection.h"

namespace junction::execution {

namespace {

class Completer {
 public:
  Completer(const schema::Schema& api, const graphql::Document& document, const graphql::OperationDefinition& operation,
            const json::Value& variables, std::vector<json::Value>& errors)
      : api_(api), document_(document), operation_(operation), variables_(variables), errors_(errors) {
    for (const graphql::Definition* definition : document.definitions()) {
      if (const auto* fragment = graphql::as<graphql::FragmentDefinition>(definition)) {
        fragments_.emplace(fragment->name, fragment);
      }
    }
  }

  json::Value run(const json::Value& data) {
    const schema::NamedType* root = api_.root_type(operation_.operation);
    std::vector<const graphql::SelectionSet*> sets{operation_.selection_set};
    std::vector<json::Value> path;
    auto completed = complete_object(root, data, sets, path);
    return completed ? std::move(*completed) : json::Value();
  }

 private:
  // The `if` of @skip/@include, from a literal or a variable.
  bool condition(const graphql::Directive* directive) const {
    for (const graphql::Argument* argument : directive->arguments) {
      if (argument->name != "if") continue;
      if (const auto* literal = graphql::as<graphql::BooleanValue>(argument->value)) return literal->value;
      if (const auto* variable = graphql::as<graphql::Variable>(argument->value)) {
        const json::Value* value = variables_.find(variable->name);
        return value != nullptr && value->is_bool() && value->as_bool();
      }
    }
    return false;
  }

  bool included(graphql::List<graphql::Directive> directives) const {
    for (const graphql::Directive* directive : directives) {
      if (directive->name == "skip" && condition(directive)) return false;
      if (directive->name == "include" && !condition(directive)) return false;
    }
    return true;
  }

  bool applies(const graphql::NamedType* condition, const schema::NamedType* type) const {
    if (condition == nullptr) return true;
    const schema::NamedType* named = api_.find_type(condition->name);
    if (named == nullptr) return false;
    if (named == type) return true;
    return named->is_abstract() && api_.is_possible_type(named, type);
  }

  // CollectFields: response key -> the field nodes that share it, in first-seen order.
  using Grouped = std::vector<std::pair<std::string_view, std::vector<const graphql::Field*>>>;
  void collect(const schema::NamedType* type, const graphql::SelectionSet* set, Grouped& out,
               std::vector<std::string_view>& visited) const {
    if (set == nullptr) return;
    for (const graphql::Selection* selection : set->selections) {
      if (const auto* field = graphql::as<graphql::Field>(selection)) {
        if (!included(field->directives)) continue;
        std::string_view key = field->alias.empty() ? field->name : field->alias;
        auto found = std::find_if(out.begin(), out.end(), [&](const auto& entry) { return entry.first == key; });
        if (found == out.end()) {
          out.emplace_back(key, std::vector<const graphql::Field*>{field});
        } else {
          found->second.push_back(field);
        }
      } else if (const auto* inline_fragment = graphql::as<graphql::InlineFragment>(selection)) {
        if (!included(inline_fragment->directives) || !applies(inline_fragment->type_condition, type)) continue;
        collect(type, inline_fragment->selection_set, out, visited);
      } else if (const auto* spread = graphql::as<graphql::FragmentSpread>(selection)) {
        if (!included(spread->directives)) continue;
        if (std::find(visited.begin(), visited.end(), spread->name) != visited.end()) continue;
        visited.push_back(spread->name);
        auto found = fragments_.find(spread->name);
        if (found == fragments_.end() || !applies(found->second->type_condition, type)) continue;
        collect(type, found->second->selection_set, out, visited);
      }
    }
  }

  // CollectFields for a type and selection sets, computed once per response (lists of objects
  // repeat the same selections).
  const Grouped& grouped_fields(const schema::NamedType* type, const std::vector<const graphql::SelectionSet*>& sets) {
    auto [entry, inserted] = grouped_.try_emplace({type, sets});
    if (inserted) {
      std::vector<std::string_view> visited;
      for (const graphql::SelectionSet* set : sets) collect(type, set, entry->second, visited);
    }
    return entry->second;
  }

  bool explained_by_error(const std::vector<json::Value>& path) const {
    for (const json::Value& error : errors_) {
      const json::Value* error_path = error.find("path");
      if (error_path == nullptr || !error_path->is_array()) continue;
      // An error at this field, below it, at an object above it (a failed entity fetch) or
      // inside the same object (a subgraph that nulled the entity it was filling) already
      // explains the null.
      const auto& elements = error_path->as_array();
      size_t object_depth = path.empty() ? 0 : path.size() - 1;  // the path of the object holding the field
      size_t common = std::min(elements.size(), object_depth);
      if (std::equal(path.begin(), path.begin() + static_cast<std::ptrdiff_t>(common), elements.begin())) return true;
    }
    return false;
  }

  void null_error(const schema::NamedType* parent, std::string_view field, const std::vector<json::Value>& path) {
    if (explained_by_error(path)) return;
    json::Value error = json::Value::object();
    error.set("message", "Cannot return null for non-nullable field " + std::string(parent->name) + "." +
                             std::string(field) + ".");
    error.set("path", json::Value(path));
    errors_.push_back(std::move(error));
  }

  // nullopt: the object is null because a non-null field inside it is.
  std::optional<json::Value> complete_object(const schema::NamedType* type, const json::Value& source,
                                             const std::vector<const graphql::SelectionSet*>& sets,
                                             std::vector<json::Value>& path) {
    const Grouped& grouped = grouped_fields(type, sets);
    json::Value out = json::Value::object();
    // Response keys are unique after grouping: members are appended without a lookup.
    json::Value::Object& members = out.as_object();
    members.reserve(grouped.size());
    for (const auto& [key, fields] : grouped) {
      const graphql::Field* first = fields.front();
      if (first->name == "__typename") {
        members.push_back({std::string(key), json::Value(type->name)});
        continue;
      }
      if (first->name == "__schema" || first->name == "__type") {
        members.push_back(
            {std::string(key), introspection().find(key) != nullptr ? *introspection().find(key) : json::Value()});
        continue;
      }
      const schema::Field* definition = type->find_field(first->name);
      if (definition == nullptr) continue;
      const json::Value* value = source.find(key);
      static const json::Value null_value;
      path.emplace_back(std::string(key));
      auto completed = complete_value(definition->type, value != nullptr ? *value : null_value, fields, path);
      if (!completed && definition->type->is_non_null()) null_error(type, first->name, path);
      path.pop_back();
      if (!completed) {
        if (definition->type->is_non_null()) return std::nullopt;
        members.push_back({std::string(key), json::Value()});
        continue;
      }
      members.push_back({std::string(key), std::move(*completed)});
    }
    return out;
  }

  std::optional<json::Value> complete_value(const schema::Type* type, const json::Value& value,
                                            const std::vector<const graphql::Field*>& fields,
                                            std::vector<json::Value>& path) {
    if (type->is_non_null()) {
      auto inner = complete_value(type->of_type, value, fields, path);
      if (!inner || inner->is_null()) return std::nullopt;
      return inner;
    }
    if (value.is_null()) return json::Value();
    if (type->is_list()) {
      if (!value.is_array()) return json::Value();
      json::Value list = json::Value::array();
      const auto& elements = value.as_array();
      for (size_t index = 0; index < elements.size(); ++index) {
        path.emplace_back(static_cast<int64_t>(index));
        auto element = complete_value(type->of_type, elements[index], fields, path);
        if (!element && type->of_type->is_non_null()) {
          path.pop_back();
          return std::nullopt;
        }
        path.pop_back();
        list.push(element ? std::move(*element) : json::Value());
      }
      return list;
    }
    const schema::NamedType* named = type->named;
    if (named->is_leaf()) return value;
    if (!value.is_object()) return json::Value();
    const schema::NamedType* runtime = named;
    if (named->is_abstract()) {
      const json::Value* type_name = value.find("__typename");
      runtime = type_name != nullptr && type_name->is_string() ? api_.find_type(type_name->as_string()) : nullptr;
      // An @interfaceObject subgraph names the interface itself; the planner asks the
      // interface's owner for the object type whenever the selection depends on it.
      if (runtime == nullptr || (runtime != named && !api_.is_possible_type(named, runtime))) return json::Value();
    }
    std::vector<const graphql::SelectionSet*> sets;
    sets.reserve(fields.size());
    for (const graphql::Field* field : fields) sets.push_back(field->selection_set);
    auto object = complete_object(runtime, value, sets, path);
    if (!object) return json::Value();  // the object itself is nullable here
    return object;
  }

  const json::Value& introspection() {
    if (!introspection_) {
      json::Value result = schema::execute_introspection(api_, document_, operation_, variables_);
      introspection_ = std::move(result);
    }
    return *introspection_;
  }

  const schema::Schema& api_;
  const graphql::Document& document_;
  const graphql::OperationDefinition& operation_;
  const json::Value& variables_;
  std::vector<json::Value>& errors_;
  std::unordered_map<std::string_view, const graphql::FragmentDefinition*> fragments_;
  std::map<std::pair<const schema::NamedType*, std::vector<const graphql::SelectionSet*>>, Grouped> grouped_;
  std::optional<json::Value> introspection_;
};

}  // namespace

json::Value build_response(const schema::Schema& api, const graphql::Document& document,
                           const graphql::OperationDefinition& operation, const json::Value& variables,
                           const json::Value& data, std::vector<json::Value> errors) {
  Completer completer(api, document, operation, variables, errors);
  json::Value completed = completer.run(data);
  json::Value response = json::Value::object();
  if (!errors.empty()) response.set("errors", json::Value(json::Value::Array(std::move(errors))));
  response.set("data", std::move(completed));
  return response;
}

}  // namespace junction::execution
