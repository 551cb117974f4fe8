// graphql-js UniqueOperationNamesRule.
#include <unordered_map>

#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class UniqueOperationNames final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {graphql::Kind::OperationDefinition, graphql::Kind::FragmentDefinition};
  }
  Visit enter(const graphql::Node* node) override {
    if (const auto* operation = graphql::as<graphql::OperationDefinition>(node);
        operation && !operation->name.empty()) {
      auto [it, inserted] = known_.emplace(operation->name, operation->name);
      if (!inserted) {
        context_.report_at_names("There can be only one operation named \"" + str(operation->name) + "\".",
                                 {it->second, operation->name});
      }
    }
    return Visit::Skip;
  }

 private:
  std::unordered_map<std::string_view, graphql::Name> known_;
};

}  // namespace

std::unique_ptr<Rule> unique_operation_names(Context& context) {
  return std::make_unique<UniqueOperationNames>(context);
}

}  // namespace junction::validation::rules
