// graphql-js KnownArgumentNamesRule and KnownArgumentNamesOnDirectivesRule.
#include <algorithm>

#include "common/suggest.h"
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class KnownArgumentNames final : public Rule {
 public:
  KnownArgumentNames(Context& context, bool fields) : Rule(context), fields_(fields) {}

  [[nodiscard]] KindSet enter_kinds() const override {
    return fields_ ? KindSet{graphql::Kind::Directive, graphql::Kind::Argument} : KindSet{graphql::Kind::Directive};
  }

  Visit enter(const graphql::Node* node) override {
    if (node->kind == graphql::Kind::Argument) {
      check_field_argument(static_cast<const graphql::Argument*>(node));
      return Visit::Continue;
    }
    const auto* directive = static_cast<const graphql::Directive*>(node);
    const KnownDirective* known = context_.find_known_directive(directive->name);
    if (known != nullptr) {
      for (const graphql::Argument* argument : directive->arguments) {
        bool found = false;
        for (std::string_view name : known->argument_names) found = found || name == argument->name;
        if (found) continue;
        std::vector<std::string_view> options;
        for (std::string_view name : known->argument_names) {
          if (std::find(options.begin(), options.end(), name) == options.end()) options.push_back(name);
        }
        context_.report("Unknown argument \"" + str(argument->name) + "\" on directive \"@" + str(directive->name) +
                            "\"." + did_you_mean(suggestion_list(argument->name, options)),
                        {argument});
      }
    }
    // The directive's arguments are done: skip them (and their values) for this rule.
    return Visit::Skip;
  }

 private:
  void check_field_argument(const graphql::Argument* argument) {
    TypeInfo* info = context_.type_info();
    const schema::Field* field = info->field_def();
    const schema::NamedType* parent = info->parent_type();
    if (info->argument() != nullptr || field == nullptr || parent == nullptr) return;
    std::vector<std::string_view> options;
    for (const auto& definition : field->arguments) options.push_back(definition.name);
    context_.report("Unknown argument \"" + str(argument->name) + "\" on field \"" + str(parent->name) + "." +
                        str(field->name) + "\"." + did_you_mean(suggestion_list(argument->name, options)),
                    {argument});
  }

  bool fields_;
};

}  // namespace

std::unique_ptr<Rule> known_argument_names(Context& context) {
  return std::make_unique<KnownArgumentNames>(context, true);
}
std::unique_ptr<Rule> known_argument_names_on_directives(Context& context) {
  return std::make_unique<KnownArgumentNames>(context, false);
}

}  // namespace junction::validation::rules
