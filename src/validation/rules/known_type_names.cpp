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
    if (const schema::Schema* schema = context.schema()) {
      for (const schema::NamedType* type : schema->types()) {
        existing_.insert(type->name);
        names_.push_back(type->name);
      }
    }
    for (const graphql::Definition* definition : context.document().definitions()) {
      if (!graphql::is_type_definition(definition->kind)) continue;
      std::string_view name = static_cast<const graphql::TypeDefinition*>(definition)->name;
      if (defined_.insert(name).second) names_.push_back(name);
    }
  }

  [[nodiscard]] KindSet enter_kinds() const override { return {graphql::Kind::NamedType}; }

  Visit enter(const graphql::Node* node) override {
    std::string_view name = static_cast<const graphql::NamedType*>(node)->name;
    if (existing_.count(name) != 0 || defined_.count(name) != 0) return Visit::Continue;
    auto ancestors = context_.ancestors();
    const graphql::Node* definition = ancestors.size() > 1 ? ancestors[1] : ancestors.back();
    bool sdl = graphql::is_type_system_definition_or_extension(definition->kind);
    if (sdl && is_standard(name)) return Visit::Continue;
    std::vector<std::string_view> options;
    if (sdl) options.assign(std::begin(kStandardTypeNames), std::end(kStandardTypeNames));
    options.insert(options.end(), names_.begin(), names_.end());
    context_.report("Unknown type \"" + str(name) + "\"." + did_you_mean(suggestion_list(name, options)), {node});
    return Visit::Continue;
  }

 private:
  std::unordered_set<std::string_view> existing_;
  std::unordered_set<std::string_view> defined_;
  std::vector<std::string_view> names_;
};

}  // namespace

std::unique_ptr<Rule> known_type_names(Context& context) { return std::make_unique<KnownTypeNames>(context); }

}  // namespace junction::validation::rules
