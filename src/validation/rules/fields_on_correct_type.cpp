// graphql-js FieldsOnCorrectTypeRule, with its suggestions of types and fields.
#include <algorithm>
#include <unordered_map>

#include "common/suggest.h"
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class FieldsOnCorrectType final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override { return {graphql::Kind::Field}; }
  Visit enter(const graphql::Node* node) override {
    const schema::NamedType* type = context_.type_info()->parent_type();
    if (type == nullptr || context_.type_info()->field_def() != nullptr) return Visit::Continue;
    std::string_view field_name = static_cast<const graphql::Field*>(node)->name;
    std::string suggestion = did_you_mean(suggested_type_names(type, field_name), "to use an inline fragment on");
    if (suggestion.empty()) suggestion = did_you_mean(suggested_field_names(type, field_name));
    context_.report("Cannot query field \"" + str(field_name) + "\" on type \"" + str(type->name) + "\"." + suggestion,
                    {node});
    return Visit::Continue;
  }

 private:
  std::vector<std::string> suggested_type_names(const schema::NamedType* type, std::string_view field_name) {
    if (!type->is_abstract()) return {};
    const schema::Schema& schema = *context_.schema();
    std::vector<const schema::NamedType*> suggested;
    std::unordered_map<const schema::NamedType*, int> usage;
    auto add = [&](const schema::NamedType* t) {
      if (std::find(suggested.begin(), suggested.end(), t) == suggested.end()) suggested.push_back(t);
    };
    for (const schema::NamedType* possible : schema.possible_types(type)) {
      if (possible->find_field(field_name) == nullptr) continue;
      add(possible);
      usage[possible] = 1;
      for (const schema::NamedType* interface_type : possible->interfaces) {
        if (interface_type->find_field(field_name) == nullptr) continue;
        add(interface_type);
        usage[interface_type] += 1;
      }
    }
    std::stable_sort(suggested.begin(), suggested.end(), [&](const schema::NamedType* a, const schema::NamedType* b) {
      int diff = usage[b] - usage[a];
      if (diff != 0) return diff < 0;
      if (a->kind == schema::TypeKind::Interface && schema.is_sub_type(a, b)) return true;
      if (b->kind == schema::TypeKind::Interface && schema.is_sub_type(b, a)) return false;
      return natural_compare(a->name, b->name) < 0;
    });
    std::vector<std::string> names;
    for (const schema::NamedType* t : suggested) names.emplace_back(t->name);
    return names;
  }

  static std::vector<std::string> suggested_field_names(const schema::NamedType* type, std::string_view field_name) {
    if (type->kind != schema::TypeKind::Object && type->kind != schema::TypeKind::Interface) return {};
    std::vector<std::string_view> names;
    for (const schema::Field& field : type->fields) names.push_back(field.name);
    return suggestion_list(field_name, names);
  }
};

}  // namespace

std::unique_ptr<Rule> fields_on_correct_type(Context& context) {
  return std::make_unique<FieldsOnCorrectType>(context);
}

}  // namespace junction::validation::rules
