// graphql-js UniqueDirectivesPerLocationRule (operations and SDL). Definitions and
// extensions of one type share their location.
#include <unordered_map>

#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

using graphql::Kind;
using Seen = std::unordered_map<std::string_view, const graphql::Directive*>;

class UniqueDirectivesPerLocation final : public Rule {
 public:
  explicit UniqueDirectivesPerLocation(Context& context) : Rule(context) {
    for (const KnownDirective& directive : context.known_directives()) {
      unique_[directive.name] = !directive.repeatable;
    }
  }

  [[nodiscard]] KindSet enter_kinds() const override { return KindSet::all(); }

  Visit enter(const graphql::Node* node) override {
    graphql::List<graphql::Directive> directives = directives_of(node);
    if (directives.empty()) return Visit::Continue;
    Seen local;
    Seen* seen = &local;
    if (node->kind == Kind::SchemaDefinition || node->kind == Kind::SchemaExtension) {
      seen = &schema_seen_;
    } else if (graphql::is_type_definition(node->kind) || graphql::is_type_extension(node->kind)) {
      seen = &type_seen_[static_cast<const graphql::TypeDefinition*>(node)->name];
    }
    for (const graphql::Directive* directive : directives) {
      auto unique = unique_.find(directive->name);
      if (unique == unique_.end() || !unique->second) continue;
      auto [it, inserted] = seen->emplace(directive->name, directive);
      if (!inserted) {
        context_.report("The directive \"@" + str(directive->name) + "\" can only be used once at this location.",
                        {it->second, directive});
      }
    }
    return Visit::Continue;
  }

 private:
  static graphql::List<graphql::Directive> directives_of(const graphql::Node* node) {
    switch (node->kind) {
      case Kind::OperationDefinition: return static_cast<const graphql::OperationDefinition*>(node)->directives;
      case Kind::VariableDefinition: return static_cast<const graphql::VariableDefinition*>(node)->directives;
      case Kind::Field: return static_cast<const graphql::Field*>(node)->directives;
      case Kind::FragmentSpread: return static_cast<const graphql::FragmentSpread*>(node)->directives;
      case Kind::InlineFragment: return static_cast<const graphql::InlineFragment*>(node)->directives;
      case Kind::FragmentDefinition: return static_cast<const graphql::FragmentDefinition*>(node)->directives;
      case Kind::SchemaDefinition:
      case Kind::SchemaExtension: return static_cast<const graphql::SchemaDefinition*>(node)->directives;
      case Kind::FieldDefinition: return static_cast<const graphql::FieldDefinition*>(node)->directives;
      case Kind::InputValueDefinition: return static_cast<const graphql::InputValueDefinition*>(node)->directives;
      case Kind::EnumValueDefinition: return static_cast<const graphql::EnumValueDefinition*>(node)->directives;
      default:
        if (graphql::is_type_definition(node->kind) || graphql::is_type_extension(node->kind)) {
          return static_cast<const graphql::TypeDefinition*>(node)->directives;
        }
        return {};
    }
  }

  std::unordered_map<std::string_view, bool> unique_;
  Seen schema_seen_;
  std::unordered_map<std::string_view, Seen> type_seen_;
};

}  // namespace

std::unique_ptr<Rule> unique_directives_per_location(Context& context) {
  return std::make_unique<UniqueDirectivesPerLocation>(context);
}

}  // namespace junction::validation::rules
