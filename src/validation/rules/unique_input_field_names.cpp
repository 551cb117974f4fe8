// graphql-js UniqueInputFieldNamesRule (operations and SDL).
#include <unordered_map>

#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

class UniqueInputFieldNames final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {graphql::Kind::ObjectValue, graphql::Kind::ObjectField};
  }
  [[nodiscard]] KindSet leave_kinds() const override { return {graphql::Kind::ObjectValue}; }
  Visit enter(const graphql::Node* node) override {
    if (node->kind == graphql::Kind::ObjectValue) {
      stack_.emplace_back();
      return Visit::Continue;
    }
    const auto* field = static_cast<const graphql::ObjectField*>(node);
    if (stack_.empty()) stack_.emplace_back();
    auto [it, inserted] = stack_.back().emplace(field->name, field->name);
    if (!inserted) {
      context_.report_at_names("There can be only one input field named \"" + str(field->name) + "\".",
                               {it->second, field->name});
    }
    return Visit::Continue;
  }
  void leave(const graphql::Node* /*node*/) override { stack_.pop_back(); }

 private:
  std::vector<std::unordered_map<std::string_view, graphql::Name>> stack_;
};

}  // namespace

std::unique_ptr<Rule> unique_input_field_names(Context& context) {
  return std::make_unique<UniqueInputFieldNames>(context);
}

}  // namespace junction::validation::rules
