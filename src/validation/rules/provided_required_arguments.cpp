// graphql-js ProvidedRequiredArgumentsRule and ProvidedRequiredArgumentsOnDirectivesRule.
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class ProvidedRequiredArguments final : public Rule {
 public:
  ProvidedRequiredArguments(Context& context, bool fields) : Rule(context), fields_(fields) {}

  [[nodiscard]] KindSet leave_kinds() const override {
    return fields_ ? KindSet{graphql::Kind::Directive, graphql::Kind::Field} : KindSet{graphql::Kind::Directive};
  }

  void leave(const graphql::Node* node) override {
    if (node->kind == graphql::Kind::Field) {
      const schema::Field* field = context_.type_info()->field_def();
      if (field == nullptr) return;
      const auto* field_node = static_cast<const graphql::Field*>(node);
      for (const schema::InputValue& argument : field->arguments) {
        if (!argument.is_required() || provided(field_node->arguments, argument.name)) continue;
        context_.report("Field \"" + str(field->name) + "\" argument \"" + str(argument.name) + "\" of type \"" +
                            schema::type_to_string(argument.type) + "\" is required, but it was not provided.",
                        {node});
      }
      return;
    }
    const auto* directive = static_cast<const graphql::Directive*>(node);
    const KnownDirective* known = context_.find_known_directive(directive->name);
    if (known == nullptr) return;
    for (const auto& [name, type] : known->required_arguments) {
      if (provided(directive->arguments, name)) continue;
      context_.report("Directive \"@" + str(directive->name) + "\" argument \"" + str(name) + "\" of type \"" + type +
                          "\" is required, but it was not provided.",
                      {node});
    }
  }

 private:
  static bool provided(graphql::List<graphql::Argument> arguments, std::string_view name) {
    for (const graphql::Argument* argument : arguments) {
      if (argument->name == name) return true;
    }
    return false;
  }

  bool fields_;
};

}  // namespace

std::unique_ptr<Rule> provided_required_arguments(Context& context) {
  return std::make_unique<ProvidedRequiredArguments>(context, true);
}
std::unique_ptr<Rule> provided_required_arguments_on_directives(Context& context) {
  return std::make_unique<ProvidedRequiredArguments>(context, false);
}

}  // namespace junction::validation::rules
