// graphql-js ValuesOfCorrectTypeRule: every literal is valid for its position's input type.
#include <algorithm>

#include "common/suggest.h"
#include "graphql/printer.h"
#include "schema/values.h"
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

using graphql::Kind;

class ValuesOfCorrectType final : public Rule {
 public:
  using Rule::Rule;

  [[nodiscard]] KindSet enter_kinds() const override {
    return {Kind::ListValue, Kind::ObjectValue, Kind::ObjectField, Kind::NullValue,   Kind::EnumValue,
            Kind::IntValue,  Kind::FloatValue,  Kind::StringValue, Kind::BooleanValue};
  }

  Visit enter(const graphql::Node* node) override {
    TypeInfo& info = *context_.type_info();
    switch (node->kind) {
      case Kind::ListValue: {
        const schema::Type* type = info.parent_input_type();
        if (type == nullptr || !type->nullable()->is_list()) {
          check_leaf(node);
          return Visit::Skip;
        }
        return Visit::Continue;
      }
      case Kind::ObjectValue: return check_object(static_cast<const graphql::ObjectValue*>(node));
      case Kind::ObjectField: {
        const schema::Type* parent = info.parent_input_type();
        const schema::NamedType* parent_type = parent != nullptr ? parent->base() : nullptr;
        if (info.input_type() == nullptr && parent_type != nullptr &&
            parent_type->kind == schema::TypeKind::InputObject) {
          std::string_view name = static_cast<const graphql::ObjectField*>(node)->name;
          std::vector<std::string_view> options;
          for (const auto& field : parent_type->input_fields) options.push_back(field.name);
          context_.report("Field \"" + str(name) + "\" is not defined by type \"" + str(parent_type->name) + "\"." +
                              did_you_mean(suggestion_list(name, options)),
                          {node});
        }
        return Visit::Continue;
      }
      case Kind::NullValue: {
        const schema::Type* type = info.input_type();
        if (type != nullptr && type->is_non_null()) {
          context_.report("Expected value of type \"" + schema::type_to_string(type) + "\", found null.", {node});
        }
        return Visit::Continue;
      }
      default: check_leaf(node); return Visit::Continue;
    }
  }

 private:
  Visit check_object(const graphql::ObjectValue* node) {
    const schema::Type* location = context_.type_info()->input_type();
    const schema::NamedType* type = location != nullptr ? location->base() : nullptr;
    if (type == nullptr || type->kind != schema::TypeKind::InputObject) {
      check_leaf(node);
      return Visit::Skip;
    }
    auto given = [&](std::string_view name) -> const graphql::ObjectField* {
      const graphql::ObjectField* found = nullptr;
      for (const graphql::ObjectField* field : node->fields) {
        if (field->name == name) found = field;
      }
      return found;
    };
    for (const schema::InputValue& field : type->input_fields) {
      if (given(field.name) == nullptr && field.is_required()) {
        context_.report("Field \"" + str(type->name) + "." + str(field.name) + "\" of required type \"" +
                            schema::type_to_string(field.type) + "\" was not provided.",
                        {node});
      }
    }
    if (type->one_of) {
      std::vector<std::string_view> keys;
      for (const graphql::ObjectField* field : node->fields) {
        if (std::find(keys.begin(), keys.end(), field->name) == keys.end()) keys.push_back(field->name);
      }
      if (keys.size() != 1) {
        context_.report("OneOf Input Object \"" + str(type->name) + "\" must specify exactly one key.", {node});
      } else if (const graphql::ObjectField* field = given(keys.front());
                 field == nullptr || field->value == nullptr || field->value->kind == Kind::NullValue) {
        context_.report("Field \"" + str(type->name) + "." + str(keys.front()) + "\" must be non-null.", {node});
      }
    }
    return Visit::Continue;
  }

  // graphql-js isValidValueNode: leaf types judge literals with parseLiteral.
  void check_leaf(const graphql::Node* node) {
    const schema::Type* location = context_.type_info()->input_type();
    if (location == nullptr) return;
    const schema::NamedType* type = location->base();
    const auto* value = static_cast<const graphql::Value*>(node);
    std::string location_name = schema::type_to_string(location);
    if (!type->is_leaf()) {
      context_.report("Expected value of type \"" + location_name + "\", found " + graphql::print(node) + ".", {node});
      return;
    }
    if (auto message = parse_literal_error(value, type)) context_.report(std::move(*message), {node});
  }

  static std::optional<std::string> parse_literal_error(const graphql::Value* node, const schema::NamedType* type) {
    if (type->kind == schema::TypeKind::Enum) {
      std::string printed = graphql::print(node);
      std::vector<std::string_view> names;
      for (const auto& value : type->values) names.push_back(value.name);
      std::string suggestions = did_you_mean(suggestion_list(printed, names), "the enum value");
      if (node->kind != Kind::EnumValue) {
        return "Enum \"" + str(type->name) + "\" cannot represent non-enum value: " + printed + "." + suggestions;
      }
      if (type->find_value(static_cast<const graphql::EnumValue*>(node)->value) == nullptr) {
        return "Value \"" + printed + "\" does not exist in \"" + str(type->name) + "\" enum." + suggestions;
      }
      return std::nullopt;
    }
    if (!type->builtin) return std::nullopt;  // custom scalars accept any literal
    std::string_view name = type->name;
    if (name == "Int") {
      if (node->kind != Kind::IntValue) return "Int cannot represent non-integer value: " + graphql::print(node);
      std::string_view text = static_cast<const graphql::IntValue*>(node)->value;
      if (!schema::value_from_ast(node, &type->ref)) {
        return "Int cannot represent non 32-bit signed integer value: " + str(text);
      }
      return std::nullopt;
    }
    if (name == "Float") {
      if (node->kind != Kind::IntValue && node->kind != Kind::FloatValue) {
        return "Float cannot represent non numeric value: " + graphql::print(node);
      }
      return std::nullopt;
    }
    if (name == "String") {
      if (node->kind != Kind::StringValue) return "String cannot represent a non string value: " + graphql::print(node);
      return std::nullopt;
    }
    if (name == "Boolean") {
      if (node->kind != Kind::BooleanValue)
        return "Boolean cannot represent a non boolean value: " + graphql::print(node);
      return std::nullopt;
    }
    if (name == "ID") {
      if (node->kind != Kind::StringValue && node->kind != Kind::IntValue) {
        return "ID cannot represent a non-string and non-integer value: " + graphql::print(node);
      }
    }
    return std::nullopt;
  }
};

}  // namespace

std::unique_ptr<Rule> values_of_correct_type(Context& context) {
  return std::make_unique<ValuesOfCorrectType>(context);
}

}  // namespace junction::validation::rules
