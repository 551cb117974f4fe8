// graphql-js KnownFragmentNamesRule.
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class KnownFragmentNames final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override { return {graphql::Kind::FragmentSpread}; }
  Visit enter(const graphql::Node* node) override {
    const auto* spread = static_cast<const graphql::FragmentSpread*>(node);
    if (context_.fragment(spread->name) == nullptr) {
      context_.report_at_names("Unknown fragment \"" + str(spread->name) + "\".", {spread->name});
    }
    return Visit::Continue;
  }
};

}  // namespace

std::unique_ptr<Rule> known_fragment_names(Context& context) { return std::make_unique<KnownFragmentNames>(context); }

}  // namespace junction::validation::rules
