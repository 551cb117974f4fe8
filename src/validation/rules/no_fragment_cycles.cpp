// graphql-js NoFragmentCyclesRule: depth-first search over fragment spreads.
#include <unordered_map>
#include <unordered_set>

#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class NoFragmentCycles final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {graphql::Kind::OperationDefinition, graphql::Kind::FragmentDefinition};
  }
  Visit enter(const graphql::Node* node) override {
    if (const auto* fragment = graphql::as<graphql::FragmentDefinition>(node)) detect(fragment);
    return Visit::Skip;
  }

 private:
  void detect(const graphql::FragmentDefinition* fragment) {
    if (!visited_.insert(fragment->name).second) return;
    const auto& spreads = context_.fragment_spreads(fragment->selection_set);
    if (spreads.empty()) return;
    path_index_[fragment->name] = path_.size();
    for (const graphql::FragmentSpread* spread : spreads) {
      path_.push_back(spread);
      auto cycle = path_index_.find(spread->name);
      if (cycle == path_index_.end()) {
        if (const graphql::FragmentDefinition* next = context_.fragment(spread->name)) detect(next);
      } else {
        std::string via;
        std::vector<const graphql::Node*> nodes;
        for (size_t i = cycle->second; i < path_.size(); ++i) {
          nodes.push_back(path_[i]);
          if (i + 1 < path_.size()) {
            if (!via.empty()) via += ", ";
            via += "\"" + str(path_[i]->name) + "\"";
          }
        }
        context_.report("Cannot spread fragment \"" + str(spread->name) + "\" within itself" +
                            (via.empty() ? "." : " via " + via + "."),
                        nodes);
      }
      path_.pop_back();
    }
    path_index_.erase(fragment->name);
  }

  std::unordered_set<std::string_view> visited_;
  std::vector<const graphql::FragmentSpread*> path_;
  std::unordered_map<std::string_view, size_t> path_index_;
};

}  // namespace

std::unique_ptr<Rule> no_fragment_cycles(Context& context) { return std::make_unique<NoFragmentCycles>(context); }

}  // namespace junction::validation::rules
