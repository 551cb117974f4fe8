// graphql-js NoUnusedVariablesRule.
#include <unordered_set>

#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class NoUnusedVariables final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {graphql::Kind::OperationDefinition, graphql::Kind::VariableDefinition};
  }
  [[nodiscard]] KindSet leave_kinds() const override { return {graphql::Kind::OperationDefinition}; }
  Visit enter(const graphql::Node* node) override {
    if (node->kind == graphql::Kind::OperationDefinition) {
      definitions_.clear();
    } else {
      definitions_.push_back(static_cast<const graphql::VariableDefinition*>(node));
    }
    return Visit::Continue;
  }
  void leave(const graphql::Node* node) override {
    const auto* operation = static_cast<const graphql::OperationDefinition*>(node);
    std::unordered_set<std::string_view> used;
    for (const VariableUsage& usage : context_.recursive_variable_usages(operation)) used.insert(usage.node->name);
    for (const auto* definition : definitions_) {
      std::string_view name = definition->variable->name;
      if (used.count(name) != 0) continue;
      context_.report(operation->name.empty() ? "Variable \"$" + str(name) + "\" is never used."
                                              : "Variable \"$" + str(name) + "\" is never used in operation \"" +
                                                    str(operation->name) + "\".",
                      {definition});
    }
  }

 private:
  std::vector<const graphql::VariableDefinition*> definitions_;
};

}  // namespace

std::unique_ptr<Rule> no_unused_variables(Context& context) { return std::make_unique<NoUnusedVariables>(context); }

}  // namespace junction::validation::rules
