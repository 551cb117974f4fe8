// graphql-js UniqueFragmentNamesRule.
#include <unordered_map>

#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class UniqueFragmentNames final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {graphql::Kind::OperationDefinition, graphql::Kind::FragmentDefinition};
  }
  Visit enter(const graphql::Node* node) override {
    if (const auto* fragment = graphql::as<graphql::FragmentDefinition>(node)) {
      auto [it, inserted] = known_.emplace(fragment->name, fragment->name);
      if (!inserted) {
        context_.report_at_names("There can be only one fragment named \"" + str(fragment->name) + "\".",
                                 {it->second, fragment->name});
      }
    }
    return Visit::Skip;
  }

 private:
  std::unordered_map<std::string_view, graphql::Name> known_;
};

}  // namespace

std::unique_ptr<Rule> unique_fragment_names(Context& context) { return std::make_unique<UniqueFragmentNames>(context); }

}  // namespace junction::validation::rules
