// graphql-js KnownDirectivesRule (operations and SDL): directives exist and are used where
// their definition allows.
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

using graphql::Kind;

std::string_view operation_location(graphql::OperationType type) {
  switch (type) {
    case graphql::OperationType::Query: return "QUERY";
    case graphql::OperationType::Mutation: return "MUTATION";
    case graphql::OperationType::Subscription: return "SUBSCRIPTION";
  }
  return "QUERY";
}

class KnownDirectives final : public Rule {
 public:
  explicit KnownDirectives(Context& context) : Rule(context) {}

  [[nodiscard]] KindSet enter_kinds() const override { return {Kind::Directive}; }

  Visit enter(const graphql::Node* node) override {
    std::string_view name = static_cast<const graphql::Directive*>(node)->name;
    const KnownDirective* directive = context_.find_known_directive(name);
    if (directive == nullptr) {
      context_.report("Unknown directive \"@" + str(name) + "\".", {node});
      return Visit::Continue;
    }
    std::string_view location = candidate_location();
    if (location.empty()) return Visit::Continue;
    for (std::string_view allowed : directive->locations) {
      if (allowed == location) return Visit::Continue;
    }
    context_.report("Directive \"@" + str(name) + "\" may not be used on " + str(location) + ".", {node});
    return Visit::Continue;
  }

 private:
  [[nodiscard]] std::string_view candidate_location() const {
    auto ancestors = context_.ancestors();
    const graphql::Node* applied_to = ancestors.back();
    switch (applied_to->kind) {
      case Kind::OperationDefinition:
        return operation_location(static_cast<const graphql::OperationDefinition*>(applied_to)->operation);
      case Kind::Field: return "FIELD";
      case Kind::FragmentSpread: return "FRAGMENT_SPREAD";
      case Kind::InlineFragment: return "INLINE_FRAGMENT";
      case Kind::FragmentDefinition: return "FRAGMENT_DEFINITION";
      case Kind::VariableDefinition: return "VARIABLE_DEFINITION";
      case Kind::SchemaDefinition:
      case Kind::SchemaExtension: return "SCHEMA";
      case Kind::ScalarTypeDefinition:
      case Kind::ScalarTypeExtension: return "SCALAR";
      case Kind::ObjectTypeDefinition:
      case Kind::ObjectTypeExtension: return "OBJECT";
      case Kind::FieldDefinition: return "FIELD_DEFINITION";
      case Kind::InterfaceTypeDefinition:
      case Kind::InterfaceTypeExtension: return "INTERFACE";
      case Kind::UnionTypeDefinition:
      case Kind::UnionTypeExtension: return "UNION";
      case Kind::EnumTypeDefinition:
      case Kind::EnumTypeExtension: return "ENUM";
      case Kind::EnumValueDefinition: return "ENUM_VALUE";
      case Kind::InputObjectTypeDefinition:
      case Kind::InputObjectTypeExtension: return "INPUT_OBJECT";
      case Kind::InputValueDefinition: {
        // Input fields of input object definitions; everything else (input object
        // extensions included, as in graphql-js) counts as an argument definition.
        const graphql::Node* parent = ancestors.size() >= 2 ? ancestors[ancestors.size() - 2] : nullptr;
        return parent != nullptr && parent->kind == Kind::InputObjectTypeDefinition ? "INPUT_FIELD_DEFINITION"
                                                                                    : "ARGUMENT_DEFINITION";
      }
      case Kind::DirectiveDefinition: return "DIRECTIVE_DEFINITION";
      default: return {};
    }
  }
};

}  // namespace

std::unique_ptr<Rule> known_directives(Context& context) { return std::make_unique<KnownDirectives>(context); }

}  // namespace junction::validation::rules
