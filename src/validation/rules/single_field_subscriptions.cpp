// graphql-js SingleFieldSubscriptionsRule: a subscription selects exactly one root field,
// which is not an introspection field (fields collected as execution collects them).
#include <unordered_set>

#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

using FieldGroups = std::vector<std::pair<std::string_view, std::vector<const graphql::Node*>>>;

class SingleFieldSubscriptions final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override { return {graphql::Kind::OperationDefinition}; }

  Visit enter(const graphql::Node* node) override {
    const auto* operation = static_cast<const graphql::OperationDefinition*>(node);
    if (operation->operation != graphql::OperationType::Subscription) return Visit::Continue;
    const schema::NamedType* subscription = context_.schema()->subscription_type();
    if (subscription == nullptr) return Visit::Continue;
    if (!fragments_counted_) {
      fragments_counted_ = true;
      context_.spend_fragment_work(context_.document().definitions().size());
    }
    FieldGroups fields;
    std::unordered_set<std::string_view> visited;
    collect(subscription, operation->selection_set, fields, visited);
    std::string prefix =
        operation->name.empty() ? "Anonymous Subscription" : "Subscription \"" + str(operation->name) + "\"";
    if (fields.size() > 1) {
      std::vector<const graphql::Node*> extra;
      for (size_t i = 1; i < fields.size(); ++i)
        extra.insert(extra.end(), fields[i].second.begin(), fields[i].second.end());
      context_.report(prefix + " must select only one top level field.", extra);
    }
    for (const auto& [key, nodes] : fields) {
      if (static_cast<const graphql::Field*>(nodes.front())->name.starts_with("__")) {
        context_.report(prefix + " must not select an introspection top level field.", nodes);
      }
    }
    return Visit::Continue;
  }

 private:
  // graphql-js shouldIncludeNode with no variable values: literal `if` arguments only.
  static bool included(graphql::List<graphql::Directive> directives) {
    for (const graphql::Directive* directive : directives) {
      bool skip = directive->name == "skip";
      if (!skip && directive->name != "include") continue;
      for (const graphql::Argument* argument : directive->arguments) {
        const auto* literal = graphql::as<graphql::BooleanValue>(argument->value);
        if (argument->name == "if" && literal != nullptr && literal->value == skip) return false;
      }
    }
    return true;
  }

  bool condition_matches(const graphql::NamedType* condition, const schema::NamedType* runtime) {
    if (condition == nullptr) return true;
    const schema::NamedType* type = context_.schema()->find_type(condition->name);
    if (type == runtime) return true;
    return type != nullptr && type->is_abstract() && context_.schema()->is_sub_type(type, runtime);
  }

  void spend_for(const graphql::SelectionSet* set) {
    context_.spend_fragment_work(set->selections.size());
    for (const graphql::Selection* selection : set->selections) {
      graphql::List<graphql::Directive> directives;
      if (const auto* f = graphql::as<graphql::Field>(selection)) directives = f->directives;
      if (const auto* s = graphql::as<graphql::FragmentSpread>(selection)) directives = s->directives;
      if (const auto* i = graphql::as<graphql::InlineFragment>(selection)) directives = i->directives;
      context_.spend_fragment_work(directives.size());
      for (const graphql::Directive* directive : directives) {
        if (directive->name == "skip" || directive->name == "include") {
          context_.spend_fragment_work(directive->arguments.size());
        }
      }
    }
  }

  void collect(const schema::NamedType* runtime, const graphql::SelectionSet* set, FieldGroups& fields,
               std::unordered_set<std::string_view>& visited) {
    spend_for(set);
    for (const graphql::Selection* selection : set->selections) {
      if (const auto* field = graphql::as<graphql::Field>(selection)) {
        if (!included(field->directives)) continue;
        std::string_view key = field->response_key();
        auto it = fields.begin();
        while (it != fields.end() && it->first != key) ++it;
        if (it == fields.end()) {
          fields.push_back({key, {field}});
        } else {
          it->second.push_back(field);
        }
      } else if (const auto* inline_fragment = graphql::as<graphql::InlineFragment>(selection)) {
        if (!included(inline_fragment->directives) || !condition_matches(inline_fragment->type_condition, runtime)) {
          continue;
        }
        collect(runtime, inline_fragment->selection_set, fields, visited);
      } else {
        const auto* spread = static_cast<const graphql::FragmentSpread*>(selection);
        if (visited.count(spread->name) != 0 || !included(spread->directives)) continue;
        visited.insert(spread->name);
        const graphql::FragmentDefinition* fragment = context_.fragment(spread->name);
        if (fragment == nullptr || !condition_matches(fragment->type_condition, runtime)) continue;
        collect(runtime, fragment->selection_set, fields, visited);
      }
    }
  }

  bool fragments_counted_ = false;
};

}  // namespace

std::unique_ptr<Rule> single_field_subscriptions(Context& context) {
  return std::make_unique<SingleFieldSubscriptions>(context);
}

}  // namespace junction::validation::rules
