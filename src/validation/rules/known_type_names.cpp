// graphql-js KnownTypeNamesRule (operations and SDL): every named type exists.
#include <unordered_set>

#include "common/suggest.h"
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

constexpr std::string_view kStandardTypeNames[] = {
    "String", "Int",     "Float",        "Boolean",     "ID",        "__Schema", "__Directive", "__DirectiveLocation",
    "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind"};

bool is_standard(std::string_view name) {
  for (std::string_view standard : kStandardTypeNames) {
    if (standard == name) return true;
  }
  return false;
}

class KnownTypeNames final : public Rule {
 public:
  explicit KnownTypeNames(Context& context) : Rule(context) {
    for (const graphql::Definition* definition : context.document().definitions()) {
      if (graphql::is_type_definition(definition->kind)) {
        std::string_view name = static_cast<const graphql::TypeDefinition*>(definition)->name;
        if (defined_set_.insert(name).second) defined_.push_back(name);
      }
    }
  }

  [[nodiscard]] KindSet enter_kinds() const override { return {graphql::Kind::NamedType}; }

  Visit enter(const graphql::Node* node) override {
    std::string_view name = static_cast<const graphql::NamedType*>(node)->name;
    const schema::Schema* schema = context_.schema();
    if (schema != nullptr && schema->find_type(name) != nullptr) return Visit::Continue;
    if (defined_set_.count(name) != 0) return Visit::Continue;
    auto ancestors = context_.ancestors();
    const graphql::Node* definition = ancestors.size() > 1 ? ancestors[1] : ancestors.back();
    bool sdl = graphql::is_type_system_definition_or_extension(definition->kind);
    if (sdl && is_standard(name)) return Visit::Continue;
    // Suggestions are worked out only for the (rare) unknown name.
    std::vector<std::string_view> options;
    if (sdl) options.assign(std::begin(kStandardTypeNames), std::end(kStandardTypeNames));
    if (schema != nullptr) {
      for (const schema::NamedType* type : schema->types()) options.push_back(type->name);
    }
    options.insert(options.end(), defined_.begin(), defined_.end());
    context_.report("Unknown type \"" + str(name) + "\"." + did_you_mean(suggestion_list(name, options)), {node});
    return Visit::Continue;
  }

 private:
  std::vector<std::string_view> defined_;  // type definitions in the document itself, in order
  std::unordered_set<std::string_view> defined_set_;
};

}  // namespace

std::unique_ptr<Rule> known_type_names(Context& context) { return std::make_unique<KnownTypeNames>(context); }

}  // namespace junction::validation::rules
