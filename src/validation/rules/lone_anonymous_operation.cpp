// graphql-js LoneAnonymousOperationRule.
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class LoneAnonymousOperation final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {graphql::Kind::Document, graphql::Kind::OperationDefinition};
  }
  Visit enter(const graphql::Node* node) override {
    if (node->kind == graphql::Kind::Document) {
      for (const graphql::Definition* definition : context_.document().definitions()) {
        if (definition->kind == graphql::Kind::OperationDefinition) ++operation_count_;
      }
    } else if (static_cast<const graphql::OperationDefinition*>(node)->name.empty() && operation_count_ > 1) {
      context_.report("This anonymous operation must be the only defined operation.", {node});
    }
    return Visit::Continue;
  }

 private:
  int operation_count_ = 0;
};

}  // namespace

std::unique_ptr<Rule> lone_anonymous_operation(Context& context) {
  return std::make_unique<LoneAnonymousOperation>(context);
}

}  // namespace junction::validation::rules
