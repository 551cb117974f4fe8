// graphql-js NoUnusedFragmentsRule.
#include <unordered_set>

#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class NoUnusedFragments final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {graphql::Kind::OperationDefinition, graphql::Kind::FragmentDefinition};
  }
  [[nodiscard]] KindSet leave_kinds() const override { return {graphql::Kind::Document}; }
  Visit enter(const graphql::Node* node) override {
    if (const auto* operation = graphql::as<graphql::OperationDefinition>(node)) {
      operations_.push_back(operation);
    } else {
      fragments_.push_back(static_cast<const graphql::FragmentDefinition*>(node));
    }
    return Visit::Skip;
  }
  void leave(const graphql::Node* /*document*/) override {
    std::unordered_set<std::string_view> used;
    for (const auto* fragment : context_.recursively_referenced_fragments(operations_)) used.insert(fragment->name);
    for (const auto* fragment : fragments_) {
      if (used.count(fragment->name) == 0) {
        context_.report("Fragment \"" + str(fragment->name) + "\" is never used.", {fragment});
      }
    }
  }

 private:
  std::vector<const graphql::OperationDefinition*> operations_;
  std::vector<const graphql::FragmentDefinition*> fragments_;
};

}  // namespace

std::unique_ptr<Rule> no_unused_fragments(Context& context) { return std::make_unique<NoUnusedFragments>(context); }

}  // namespace junction::validation::rules
