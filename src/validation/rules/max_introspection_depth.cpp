// graphql-js MaxIntrospectionDepthRule: at most three nested introspection lists.
#include <unordered_map>

#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

constexpr int kMaxListsDepth = 3;

class MaxIntrospectionDepth final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override { return {graphql::Kind::Field}; }
  Visit enter(const graphql::Node* node) override {
    const auto* field = static_cast<const graphql::Field*>(node);
    if (field->name != "__schema" && field->name != "__type") return Visit::Continue;
    std::unordered_map<std::string_view, int> visited;
    if (check(field, visited, 0)) {
      context_.report("Maximum introspection depth exceeded", {node});
      return Visit::Skip;
    }
    return Visit::Continue;
  }

 private:
  bool check_selections(const graphql::SelectionSet* set, std::unordered_map<std::string_view, int>& visited,
                        int depth) {
    if (set == nullptr) return false;
    for (const graphql::Selection* child : set->selections) {
      if (check(child, visited, depth)) return true;
    }
    return false;
  }

  bool check(const graphql::Node* node, std::unordered_map<std::string_view, int>& visited, int depth) {
    if (const auto* spread = graphql::as<graphql::FragmentSpread>(node)) {
      std::string_view name = spread->name;
      if (auto exceeded = exceeded_.find(name); exceeded != exceeded_.end() && exceeded->second <= depth) return true;
      auto seen = visited.find(name);
      auto checked = checked_.find(name);
      if ((seen != visited.end() && seen->second >= depth) || (checked != checked_.end() && checked->second >= depth)) {
        return false;
      }
      const graphql::FragmentDefinition* fragment = context_.fragment(name);
      if (fragment == nullptr) return false;
      visited[name] = depth;
      if (check_selections(fragment->selection_set, visited, depth)) {
        exceeded_[name] = depth;
        return true;
      }
      checked_[name] = depth;
      return false;
    }
    if (const auto* field = graphql::as<graphql::Field>(node)) {
      std::string_view name = field->name;
      if (name == "fields" || name == "interfaces" || name == "possibleTypes" || name == "inputFields") {
        if (++depth >= kMaxListsDepth) return true;
      }
      return check_selections(field->selection_set, visited, depth);
    }
    if (const auto* inline_fragment = graphql::as<graphql::InlineFragment>(node)) {
      return check_selections(inline_fragment->selection_set, visited, depth);
    }
    return false;
  }

  std::unordered_map<std::string_view, int> checked_;
  std::unordered_map<std::string_view, int> exceeded_;
};

}  // namespace

std::unique_ptr<Rule> max_introspection_depth(Context& context) {
  return std::make_unique<MaxIntrospectionDepth>(context);
}

}  // namespace junction::validation::rules
