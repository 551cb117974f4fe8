// graphql-js UniqueArgumentNamesRule (operations and SDL).
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class UniqueArgumentNames final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override { return {graphql::Kind::Field, graphql::Kind::Directive}; }
  Visit enter(const graphql::Node* node) override {
    graphql::List<graphql::Argument> arguments = node->kind == graphql::Kind::Field
                                                     ? static_cast<const graphql::Field*>(node)->arguments
                                                     : static_cast<const graphql::Directive*>(node)->arguments;
    if (arguments.size() < 2) return Visit::Continue;
    auto groups = group_by(to_vector(arguments), [](const graphql::Argument* a) { return a->name; });
    for (const auto& [name, nodes] : groups) {
      if (nodes.size() < 2) continue;
      std::vector<SourceLocation> locations;
      for (const auto* argument : nodes) locations.push_back(context_.locate(argument->name));
      context_.report_at("There can be only one argument named \"" + str(name) + "\".", locations);
    }
    return Visit::Continue;
  }
};

}  // namespace

std::unique_ptr<Rule> unique_argument_names(Context& context) { return std::make_unique<UniqueArgumentNames>(context); }

}  // namespace junction::validation::rules
