#include "execution/execute.h"

#include <unordered_map>
#include <utility>

#include "json/write.h"

namespace junction::execution {

namespace {

using planner::Selection;
using planner::SelectionSet;

// Deep merge of a subgraph's object into the data tree (objects member by member, lists
// element by element).
void merge(json::Value& into, json::Value from) {
  if (into.is_object() && from.is_object()) {
    for (json::Member& member : from.as_object()) {
      json::Value* existing = nullptr;
      for (json::Member& mine : into.as_object()) {
        if (mine.key == member.key) {
          existing = &mine.value;
          break;
        }
      }
      if (existing == nullptr) {
        into.as_object().push_back(std::move(member));
      } else {
        merge(*existing, std::move(member.value));
      }
    }
    return;
  }
  if (into.is_array() && from.is_array() && into.as_array().size() == from.as_array().size()) {
    for (size_t index = 0; index < into.as_array().size(); ++index) {
      merge(into.as_array()[index], std::move(from.as_array()[index]));
    }
    return;
  }
  if (from.is_null() && !into.is_null()) return;  // a fetch that failed does not erase data
  into = std::move(from);
}

json::Value* member(json::Value& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  for (json::Member& entry : object.as_object()) {
    if (entry.key == key) return &entry.value;
  }
  return nullptr;
}

json::Value* resolve(json::Value& root, const std::vector<json::Value>& path) {
  json::Value* at = &root;
  for (const json::Value& element : path) {
    if (element.is_string()) {
      at = member(*at, element.as_string());
    } else if (at->is_array() && static_cast<size_t>(element.as_int()) < at->as_array().size()) {
      at = &at->as_array()[static_cast<size_t>(element.as_int())];
    } else {
      at = nullptr;
    }
    if (at == nullptr) return nullptr;
  }
  return at;
}

// The objects at a plan path ("@" = every element of a list), with their concrete paths.
void collect(const json::Value& at, const planner::ResponsePath& path, size_t depth, std::vector<json::Value>& current,
             std::vector<std::pair<const json::Value*, std::vector<json::Value>>>& out) {
  if (depth == path.size()) {
    if (at.is_object()) out.emplace_back(&at, current);
    return;
  }
  const std::string& element = path[depth];
  if (element == "@") {
    if (!at.is_array()) return;
    for (size_t index = 0; index < at.as_array().size(); ++index) {
      current.emplace_back(static_cast<int64_t>(index));
      collect(at.as_array()[index], path, depth + 1, current, out);
      current.pop_back();
    }
    return;
  }
  const json::Value* next = at.find(element);
  if (next == nullptr) return;
  current.emplace_back(element);
  collect(*next, path, depth + 1, current, out);
  current.pop_back();
}

bool type_matches(const planner::Supergraph& supergraph, std::string_view condition, std::string_view type_name) {
  if (condition.empty() || condition == type_name) return true;
  const schema::Schema& api = supergraph.api();
  const schema::NamedType* abstract_type = api.find_type(condition);
  const schema::NamedType* object = api.find_type(type_name);
  return abstract_type != nullptr && object != nullptr && abstract_type->is_abstract() &&
         api.is_possible_type(abstract_type, object);
}

// An object projected through a representation's selections; nullopt when a field is missing.
std::optional<json::Value> project(const planner::Supergraph& supergraph, const json::Value& object,
                                   const SelectionSet& selections) {
  json::Value out = json::Value::object();
  const json::Value* typename_value = object.find("__typename");
  std::string_view type_name = typename_value != nullptr && typename_value->is_string()
                                   ? std::string_view(typename_value->as_string())
                                   : std::string_view();
  for (const Selection& selection : selections) {
    if (!selection.is_field()) {
      if (!type_matches(supergraph, selection.type_condition, type_name)) continue;
      auto inner = project(supergraph, object, selection.children);
      if (!inner) return std::nullopt;
      for (json::Member& entry : inner->as_object()) out.set(entry.key, std::move(entry.value));
      continue;
    }
    if (!selection.constant.empty()) {
      out.set(selection.name, json::Value(selection.constant));
      continue;
    }
    const json::Value* value = object.find(selection.response_key());
    if (value == nullptr) return std::nullopt;
    if (selection.children.empty() || value->is_null()) {
      out.set(selection.name, *value);
    } else if (value->is_array()) {
      json::Value list = json::Value::array();
      for (const json::Value& element : value->as_array()) {
        if (!element.is_object()) {
          list.push(element);
          continue;
        }
        auto inner = project(supergraph, element, selection.children);
        if (!inner) return std::nullopt;
        list.push(std::move(*inner));
      }
      out.set(selection.name, std::move(list));
    } else {
      auto inner = project(supergraph, *value, selection.children);
      if (!inner) return std::nullopt;
      out.set(selection.name, std::move(*inner));
    }
  }
  return out;
}

json::Value subgraph_error(const json::Value& error, std::vector<json::Value> path, const std::string& subgraph) {
  json::Value out = json::Value::object();
  const json::Value* message = error.find("message");
  out.set("message", message != nullptr && message->is_string() ? *message : json::Value("Subgraph error"));
  if (!path.empty()) out.set("path", json::Value(std::move(path)));
  json::Value extensions = json::Value::object();
  if (const json::Value* own = error.find("extensions"); own != nullptr && own->is_object()) extensions = *own;
  if (extensions.find("code") == nullptr) extensions.set("code", "DOWNSTREAM_SERVICE_ERROR");
  extensions.set("serviceName", subgraph);
  out.set("extensions", std::move(extensions));
  return out;
}

}  // namespace

Execution::Execution(std::shared_ptr<const planner::Supergraph> supergraph,
                     std::shared_ptr<const planner::QueryPlan> plan, json::Value variables)
    : supergraph_(std::move(supergraph)),
      plan_(std::move(plan)),
      variables_(std::move(variables)),
      data_(json::Value::object()) {
  waiting_on_.resize(plan_->fetches.size());
  targets_.resize(plan_->fetches.size());
  for (const planner::Fetch& fetch : plan_->fetches) {
    waiting_on_[static_cast<size_t>(fetch.id)] = static_cast<int>(fetch.depends_on.size());
  }
  remaining_ = static_cast<int>(plan_->fetches.size());
}

std::vector<FetchRequest> Execution::start() {
  std::vector<FetchRequest> ready;
  for (const planner::Fetch& fetch : plan_->fetches) {
    if (fetch.depends_on.empty()) launch(fetch.id, ready);
  }
  return ready;
}

std::optional<FetchRequest> Execution::prepare(int id) {
  const planner::Fetch& fetch = plan_->fetches[static_cast<size_t>(id)];
  json::Value variables = json::Value::object();
  for (const std::string& name : fetch.variables) {
    if (const json::Value* value = variables_.find(name)) variables.set(name, *value);
  }
  if (fetch.entity) {
    std::vector<std::pair<const json::Value*, std::vector<json::Value>>> objects;
    std::vector<json::Value> current;
    collect(data_, fetch.path, 0, current, objects);
    json::Value representations = json::Value::array();
    std::unordered_map<std::string, size_t> seen;
    auto& targets = targets_[static_cast<size_t>(id)];
    targets.clear();
    for (auto& [object, path] : objects) {
      const json::Value* typename_value = object->find("__typename");
      if (typename_value == nullptr || !typename_value->is_string()) continue;
      SelectionSet matching;
      for (const Selection& fragment : fetch.representation) {
        if (type_matches(*supergraph_, fragment.type_condition, typename_value->as_string())) {
          matching.push_back(fragment);
        }
      }
      if (matching.empty()) continue;
      auto representation = project(*supergraph_, *object, matching);
      if (!representation) continue;
      std::string text = json::to_string(*representation);
      auto [entry, added] = seen.emplace(std::move(text), targets.size());
      if (added) {
        representations.push(std::move(*representation));
        targets.emplace_back();
      }
      targets[entry->second].push_back(json::Value(std::move(path)));
    }
    if (representations.as_array().empty()) return std::nullopt;
    variables.set("representations", std::move(representations));
  }
  json::Value body = json::Value::object();
  body.set("query", fetch.operation);
  body.set("variables", std::move(variables));
  return FetchRequest{id, fetch.subgraph, json::to_string(body)};
}

std::vector<FetchRequest> Execution::complete(int id, FetchResponse response) {
  const planner::Fetch& fetch = plan_->fetches[static_cast<size_t>(id)];
  const std::string& subgraph = fetch.subgraph_name;
  if (!response.body) {
    json::Value error = json::Value::object();
    error.set("message", response.failure);
    json::Value extensions = json::Value::object();
    extensions.set("code", "SUBREQUEST_HTTP_ERROR");
    extensions.set("serviceName", subgraph);
    error.set("extensions", std::move(extensions));
    errors_.push_back(std::move(error));
  } else {
    json::Value& body = *response.body;
    const auto& targets = targets_[static_cast<size_t>(id)];
    if (const json::Value* errors = body.find("errors"); errors != nullptr && errors->is_array()) {
      for (const json::Value& error : errors->as_array()) {
        std::vector<json::Value> path;
        const json::Value* raw_path = error.find("path");
        if (raw_path != nullptr && raw_path->is_array()) {
          const auto& elements = raw_path->as_array();
          size_t skip = 0;
          if (fetch.entity) {
            if (elements.size() >= 2 && elements[0].is_string() && elements[0].as_string() == "_entities" &&
                elements[1].type() == json::Value::Type::Int &&
                static_cast<size_t>(elements[1].as_int()) < targets.size()) {
              const auto& first = targets[static_cast<size_t>(elements[1].as_int())].front().as_array();
              path.assign(first.begin(), first.end());
              skip = 2;
            } else {
              skip = elements.size();
            }
          }
          for (size_t index = skip; index < elements.size(); ++index) path.push_back(elements[index]);
        }
        errors_.push_back(subgraph_error(error, std::move(path), subgraph));
      }
    }
    json::Value* data = member(body, "data");
    if (data != nullptr && data->is_object()) {
      if (!fetch.entity) {
        merge(data_, std::move(*data));
      } else if (json::Value* entities = member(*data, "_entities"); entities != nullptr && entities->is_array()) {
        auto& results = entities->as_array();
        for (size_t index = 0; index < results.size() && index < targets.size(); ++index) {
          for (const json::Value& path : targets[index]) {
            json::Value* object = resolve(data_, path.as_array());
            if (object != nullptr && object->is_object()) merge(*object, results[index]);
          }
        }
      }
    }
  }
  return release(id);
}

// Marks a fetch complete and prepares the fetches that were waiting only on it; those with no
// representations to send complete at once.
std::vector<FetchRequest> Execution::release(int id) {
  --remaining_;
  std::vector<FetchRequest> ready;
  for (const planner::Fetch& fetch : plan_->fetches) {
    bool dependent = false;
    for (int dependency : fetch.depends_on) dependent = dependent || dependency == id;
    if (dependent && --waiting_on_[static_cast<size_t>(fetch.id)] == 0) launch(fetch.id, ready);
  }
  return ready;
}

// Adds the fetch's request to `ready`, or, when it has nothing to send, completes it at once.
void Execution::launch(int id, std::vector<FetchRequest>& ready) {
  if (auto request = prepare(id)) {
    ready.push_back(std::move(*request));
    return;
  }
  std::vector<FetchRequest> more = release(id);
  ready.insert(ready.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

}  // namespace junction::execution
