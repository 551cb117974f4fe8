// graphql-js UniqueVariableNamesRule.
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class UniqueVariableNames final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override { return {graphql::Kind::OperationDefinition}; }
  Visit enter(const graphql::Node* node) override {
    const auto* operation = static_cast<const graphql::OperationDefinition*>(node);
    auto groups = group_by(to_vector(operation->variable_definitions),
                           [](const graphql::VariableDefinition* d) { return d->variable->name; });
    for (const auto& [name, definitions] : groups) {
      if (definitions.size() < 2) continue;
      std::vector<SourceLocation> locations;
      for (const auto* definition : definitions) locations.push_back(context_.locate(definition->variable->name));
      context_.report_at("There can be only one variable named \"$" + str(name) + "\".", locations);
    }
    return Visit::Continue;
  }
};

}  // namespace

std::unique_ptr<Rule> unique_variable_names(Context& context) { return std::make_unique<UniqueVariableNames>(context); }

}  // namespace junction::validation::rules
