// graphql-js ScalarLeafsRule: leaves have no selection, composite fields have one.
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class ScalarLeafs final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override { return {graphql::Kind::Field}; }
  Visit enter(const graphql::Node* node) override {
    const auto* field = static_cast<const graphql::Field*>(node);
    const schema::Type* type = context_.type_info()->type();
    if (type == nullptr) return Visit::Continue;
    std::string type_name = schema::type_to_string(type);
    if (type->base()->is_leaf()) {
      if (field->selection_set != nullptr) {
        context_.report("Field \"" + str(field->name) + "\" must not have a selection since type \"" + type_name +
                            "\" has no subfields.",
                        {field->selection_set});
      }
    } else if (field->selection_set == nullptr) {
      context_.report("Field \"" + str(field->name) + "\" of type \"" + type_name +
                          "\" must have a selection of subfields. Did you mean \"" + str(field->name) + " { ... }\"?",
                      {field});
    } else if (field->selection_set->selections.empty()) {
      context_.report(
          "Field \"" + str(field->name) + "\" of type \"" + type_name + "\" must have at least one field selected.",
          {field});
    }
    return Visit::Continue;
  }
};

}  // namespace

std::unique_ptr<Rule> scalar_leafs(Context& context) { return std::make_unique<ScalarLeafs>(context); }

}  // namespace junction::validation::rules
