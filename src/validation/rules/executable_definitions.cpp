// graphql-js ExecutableDefinitionsRule: a request holds only operations and fragments.
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class ExecutableDefinitions final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override { return {graphql::Kind::Document}; }
  Visit enter(const graphql::Node* /*document*/) override {
    for (const graphql::Definition* definition : context_.document().definitions()) {
      if (graphql::is_executable_definition(definition->kind)) continue;
      std::string name;
      if (definition->kind == graphql::Kind::SchemaDefinition || definition->kind == graphql::Kind::SchemaExtension) {
        name = "schema";
      } else if (const auto* directive = graphql::as<graphql::DirectiveDefinition>(definition)) {
        name = "\"" + str(directive->name) + "\"";
      } else {
        name = "\"" + str(static_cast<const graphql::TypeDefinition*>(definition)->name) + "\"";
      }
      context_.report("The " + name + " definition is not executable.", {definition});
    }
    return Visit::Skip;
  }
};

}  // namespace

std::unique_ptr<Rule> executable_definitions(Context& context) {
  return std::make_unique<ExecutableDefinitions>(context);
}

}  // namespace junction::validation::rules
