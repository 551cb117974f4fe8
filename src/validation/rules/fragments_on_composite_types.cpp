// graphql-js FragmentsOnCompositeTypesRule.
#include "graphql/printer.h"
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class FragmentsOnCompositeTypes final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {graphql::Kind::InlineFragment, graphql::Kind::FragmentDefinition};
  }
  Visit enter(const graphql::Node* node) override {
    if (const auto* inline_fragment = graphql::as<graphql::InlineFragment>(node)) {
      const graphql::NamedType* condition = inline_fragment->type_condition;
      if (condition != nullptr && is_non_composite(condition)) {
        context_.report("Fragment cannot condition on non composite type \"" + graphql::print(condition) + "\".",
                        {condition});
      }
    } else {
      const auto* fragment = static_cast<const graphql::FragmentDefinition*>(node);
      if (is_non_composite(fragment->type_condition)) {
        context_.report("Fragment \"" + str(fragment->name) + "\" cannot condition on non composite type \"" +
                            graphql::print(fragment->type_condition) + "\".",
                        {fragment->type_condition});
      }
    }
    return Visit::Continue;
  }

 private:
  bool is_non_composite(const graphql::NamedType* condition) {
    const schema::NamedType* type = context_.schema()->find_type(condition->name);
    return type != nullptr && !type->is_composite();
  }
};

}  // namespace

std::unique_ptr<Rule> fragments_on_composite_types(Context& context) {
  return std::make_unique<FragmentsOnCompositeTypes>(context);
}

}  // namespace junction::validation::rules
