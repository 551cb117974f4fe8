// graphql-js PossibleFragmentSpreadsRule.
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class PossibleFragmentSpreads final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {graphql::Kind::InlineFragment, graphql::Kind::FragmentSpread};
  }
  Visit enter(const graphql::Node* node) override {
    const schema::NamedType* parent = context_.type_info()->parent_type();
    const schema::Schema& schema = *context_.schema();
    if (node->kind == graphql::Kind::InlineFragment) {
      const schema::Type* type = context_.type_info()->type();
      const schema::NamedType* fragment_type = type != nullptr && type->is_named() ? type->named : nullptr;
      if (fragment_type != nullptr && fragment_type->is_composite() && parent != nullptr &&
          !schema.types_overlap(fragment_type, parent)) {
        context_.report("Fragment cannot be spread here as objects of type \"" + str(parent->name) +
                            "\" can never be of type \"" + str(fragment_type->name) + "\".",
                        {node});
      }
      return Visit::Continue;
    }
    const auto* spread = static_cast<const graphql::FragmentSpread*>(node);
    const schema::NamedType* fragment_type = nullptr;
    if (const graphql::FragmentDefinition* fragment = context_.fragment(spread->name)) {
      const schema::NamedType* type = schema.find_type(fragment->type_condition->name);
      if (type != nullptr && type->is_composite()) fragment_type = type;
    }
    if (fragment_type != nullptr && parent != nullptr && !schema.types_overlap(fragment_type, parent)) {
      context_.report("Fragment \"" + str(spread->name) + "\" cannot be spread here as objects of type \"" +
                          str(parent->name) + "\" can never be of type \"" + str(fragment_type->name) + "\".",
                      {node});
    }
    return Visit::Continue;
  }
};

}  // namespace

std::unique_ptr<Rule> possible_fragment_spreads(Context& context) {
  return std::make_unique<PossibleFragmentSpreads>(context);
}

}  // namespace junction::validation::rules
