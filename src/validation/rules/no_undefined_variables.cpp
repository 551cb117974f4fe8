// graphql-js NoUndefinedVariablesRule.
#include <unordered_set>

#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class NoUndefinedVariables final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {graphql::Kind::OperationDefinition, graphql::Kind::VariableDefinition};
  }
  [[nodiscard]] KindSet leave_kinds() const override { return {graphql::Kind::OperationDefinition}; }
  Visit enter(const graphql::Node* node) override {
    if (node->kind == graphql::Kind::OperationDefinition) {
      defined_.clear();
    } else {
      defined_.insert(static_cast<const graphql::VariableDefinition*>(node)->variable->name);
    }
    return Visit::Continue;
  }
  void leave(const graphql::Node* node) override {
    const auto* operation = static_cast<const graphql::OperationDefinition*>(node);
    for (const VariableUsage& usage : context_.recursive_variable_usages(operation)) {
      std::string_view name = usage.node->name;
      if (defined_.count(name) != 0) continue;
      context_.report(operation->name.empty() ? "Variable \"$" + str(name) + "\" is not defined."
                                              : "Variable \"$" + str(name) + "\" is not defined by operation \"" +
                                                    str(operation->name) + "\".",
                      {usage.node, operation});
    }
  }

 private:
  std::unordered_set<std::string_view> defined_;
};

}  // namespace

std::unique_ptr<Rule> no_undefined_variables(Context& context) {
  return std::make_unique<NoUndefinedVariables>(context);
}

}  // namespace junction::validation::rules
