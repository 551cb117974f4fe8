// graphql-js VariablesAreInputTypesRule.
#include "graphql/printer.h"
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class VariablesAreInputTypes final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override { return {graphql::Kind::VariableDefinition}; }
  Visit enter(const graphql::Node* node) override {
    const auto* definition = static_cast<const graphql::VariableDefinition*>(node);
    const schema::Type* type = schema::type_from_ast(*context_.schema(), definition->type, context_.arena());
    if (type != nullptr && !schema::is_input_type(type)) {
      context_.report("Variable \"$" + str(definition->variable->name) + "\" cannot be non-input type \"" +
                          graphql::print(definition->type) + "\".",
                      {definition->type});
    }
    return Visit::Continue;
  }
};

}  // namespace

std::unique_ptr<Rule> variables_are_input_types(Context& context) {
  return std::make_unique<VariablesAreInputTypes>(context);
}

}  // namespace junction::validation::rules
