// graphql-js VariablesInAllowedPositionRule.
#include <unordered_map>

#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class VariablesInAllowedPosition final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {graphql::Kind::OperationDefinition, graphql::Kind::VariableDefinition};
  }
  [[nodiscard]] KindSet leave_kinds() const override { return {graphql::Kind::OperationDefinition}; }

  Visit enter(const graphql::Node* node) override {
    if (node->kind == graphql::Kind::OperationDefinition) {
      definitions_.clear();
    } else {
      const auto* definition = static_cast<const graphql::VariableDefinition*>(node);
      definitions_[definition->variable->name] = definition;
    }
    return Visit::Continue;
  }

  void leave(const graphql::Node* node) override {
    const schema::Schema& schema = *context_.schema();
    for (const VariableUsage& usage :
         context_.recursive_variable_usages(static_cast<const graphql::OperationDefinition*>(node))) {
      auto it = definitions_.find(usage.node->name);
      if (it == definitions_.end() || usage.type == nullptr) continue;
      const graphql::VariableDefinition* definition = it->second;
      const schema::Type* variable_type = schema::type_from_ast(schema, definition->type, context_.arena());
      if (variable_type == nullptr) continue;
      std::string name = str(usage.node->name);
      if (!allowed(schema, variable_type, definition->default_value, usage.type, usage.has_location_default)) {
        context_.report("Variable \"$" + name + "\" of type \"" + schema::type_to_string(variable_type) +
                            "\" used in position expecting type \"" + schema::type_to_string(usage.type) + "\".",
                        {definition, usage.node});
      }
      const schema::Type* parent = usage.parent_type;
      if (parent != nullptr && parent->is_named() && parent->named->kind == schema::TypeKind::InputObject &&
          parent->named->one_of && !variable_type->is_non_null()) {
        context_.report("Variable \"$" + name + "\" is of type \"" + schema::type_to_string(variable_type) +
                            "\" but must be non-nullable to be used for OneOf Input Object \"" +
                            str(parent->named->name) + "\".",
                        {definition, usage.node});
      }
    }
  }

 private:
  static bool allowed(const schema::Schema& schema, const schema::Type* variable_type,
                      const graphql::Value* variable_default, const schema::Type* location_type,
                      bool has_location_default) {
    if (location_type->is_non_null() && !variable_type->is_non_null()) {
      bool has_non_null_default = variable_default != nullptr && variable_default->kind != graphql::Kind::NullValue;
      if (!has_non_null_default && !has_location_default) return false;
      return schema.is_type_sub_type_of(variable_type, location_type->of_type);
    }
    return schema.is_type_sub_type_of(variable_type, location_type);
  }

  std::unordered_map<std::string_view, const graphql::VariableDefinition*> definitions_;
};

}  // namespace

std::unique_ptr<Rule> variables_in_allowed_position(Context& context) {
  return std::make_unique<VariablesInAllowedPosition>(context);
}

}  // namespace junction::validation::rules
