// The rules only SDL validation uses (graphql-js specifiedSDLRules): one definition per
// name, extensions of what exists. A schema to extend is taken into account when given.
#include <algorithm>
#include <unordered_map>

#include "common/suggest.h"
#include "validation/rules/helpers.h"
#include "validation/rules/rules.h"

namespace junction::validation::rules {
namespace {

using graphql::Kind;

// Whether a list of names has a repeat, without allocating (the names are few, or sorted in a
// reusable buffer when many).
bool has_repeat(const std::vector<std::string_view>& names, std::vector<std::string_view>& scratch) {
  if (names.size() < 2) return false;
  if (names.size() <= 16) {
    for (size_t i = 0; i < names.size(); ++i) {
      for (size_t j = i + 1; j < names.size(); ++j) {
        if (names[i] == names[j]) return true;
      }
    }
    return false;
  }
  scratch.assign(names.begin(), names.end());
  std::sort(scratch.begin(), scratch.end());
  return std::adjacent_find(scratch.begin(), scratch.end()) != scratch.end();
}

// How often each type name is defined or extended in a document: a name seen once needs no
// bookkeeping across definitions.
std::unordered_map<std::string_view, int> type_name_counts(const graphql::Document& document) {
  std::unordered_map<std::string_view, int> counts;
  for (const graphql::Definition* definition : document.definitions()) {
    if (graphql::is_type_definition(definition->kind) || graphql::is_type_extension(definition->kind)) {
      ++counts[static_cast<const graphql::TypeDefinition*>(definition)->name];
    }
  }
  return counts;
}

class LoneSchemaDefinition final : public Rule {
 public:
  explicit LoneSchemaDefinition(Context& context) : Rule(context) {
    if (const schema::Schema* schema = context.schema()) {
      already_defined_ = schema->ast() != nullptr || schema->query_type() != nullptr ||
                         schema->mutation_type() != nullptr || schema->subscription_type() != nullptr;
    }
  }
  [[nodiscard]] KindSet enter_kinds() const override { return {Kind::SchemaDefinition}; }
  Visit enter(const graphql::Node* node) override {
    if (already_defined_) {
      context_.report("Cannot define a new schema within a schema extension.", {node});
    } else if (count_++ > 0) {
      context_.report("Must provide only one schema definition.", {node});
    }
    return Visit::Continue;
  }

 private:
  bool already_defined_ = false;
  int count_ = 0;
};

class UniqueOperationTypes final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override { return {Kind::SchemaDefinition, Kind::SchemaExtension}; }
  Visit enter(const graphql::Node* node) override {
    const schema::Schema* schema = context_.schema();
    for (const auto* operation_type : static_cast<const graphql::SchemaDefinition*>(node)->operation_types) {
      std::string operation(graphql::operation_type_name(operation_type->operation));
      auto it = defined_.find(operation);
      if (schema != nullptr && schema->root_type(operation_type->operation) != nullptr) {
        context_.report("Type for " + operation + " already defined in the schema. It cannot be redefined.",
                        {operation_type});
      } else if (it != defined_.end()) {
        context_.report("There can be only one " + operation + " type in schema.", {it->second, operation_type});
      } else {
        defined_.emplace(operation, operation_type);
      }
    }
    return Visit::Skip;
  }

 private:
  std::unordered_map<std::string, const graphql::Node*> defined_;
};

class UniqueTypeNames final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {Kind::ScalarTypeDefinition, Kind::ObjectTypeDefinition, Kind::InterfaceTypeDefinition,
            Kind::UnionTypeDefinition,  Kind::EnumTypeDefinition,   Kind::InputObjectTypeDefinition};
  }
  Visit enter(const graphql::Node* node) override {
    graphql::Name name = static_cast<const graphql::TypeDefinition*>(node)->name;
    if (context_.schema() != nullptr && context_.schema()->find_type(name) != nullptr) {
      context_.report_at_names(
          "Type \"" + str(name) + "\" already exists in the schema. It cannot also be defined in this type definition.",
          {name});
      return Visit::Skip;
    }
    auto [it, inserted] = known_.emplace(name, name);
    if (!inserted)
      context_.report_at_names("There can be only one type named \"" + str(name) + "\".", {it->second, name});
    return Visit::Skip;
  }

 private:
  std::unordered_map<std::string_view, graphql::Name> known_;
};

class UniqueEnumValueNames final : public Rule {
 public:
  explicit UniqueEnumValueNames(Context& context) : Rule(context), counts_(type_name_counts(context.document())) {}
  [[nodiscard]] KindSet enter_kinds() const override { return {Kind::EnumTypeDefinition, Kind::EnumTypeExtension}; }
  Visit enter(const graphql::Node* node) override {
    const auto* type = static_cast<const graphql::TypeDefinition*>(node);
    const schema::NamedType* existing =
        context_.schema() != nullptr ? context_.schema()->find_type(type->name) : nullptr;
    if (existing == nullptr && counts_[type->name] == 1) {
      // Defined once and nowhere else: only a repeat within this list can be an error.
      names_.clear();
      for (const auto* value : type->values) names_.push_back(value->name);
      if (!has_repeat(names_, scratch_)) return Visit::Skip;
    }
    auto& known = known_[type->name];
    for (const auto* value : type->values) {
      std::string coordinate = str(type->name) + "." + str(value->name);
      if (existing != nullptr && existing->kind == schema::TypeKind::Enum &&
          existing->find_value(value->name) != nullptr) {
        context_.report_at_names(
            "Enum value \"" + coordinate +
                "\" already exists in the schema. It cannot also be defined in this type extension.",
            {value->name});
        continue;
      }
      auto [it, inserted] = known.emplace(value->name, value->name);
      if (!inserted) {
        context_.report_at_names("Enum value \"" + coordinate + "\" can only be defined once.",
                                 {it->second, value->name});
      }
    }
    return Visit::Skip;
  }

 private:
  std::unordered_map<std::string_view, std::unordered_map<std::string_view, graphql::Name>> known_;
  std::unordered_map<std::string_view, int> counts_;
  std::vector<std::string_view> names_;
  std::vector<std::string_view> scratch_;
};

class UniqueFieldDefinitionNames final : public Rule {
 public:
  explicit UniqueFieldDefinitionNames(Context& context)
      : Rule(context), counts_(type_name_counts(context.document())) {}
  [[nodiscard]] KindSet enter_kinds() const override {
    return {Kind::InputObjectTypeDefinition, Kind::InputObjectTypeExtension, Kind::InterfaceTypeDefinition,
            Kind::InterfaceTypeExtension,    Kind::ObjectTypeDefinition,     Kind::ObjectTypeExtension};
  }
  Visit enter(const graphql::Node* node) override {
    const auto* type = static_cast<const graphql::TypeDefinition*>(node);
    const schema::NamedType* existing =
        context_.schema() != nullptr ? context_.schema()->find_type(type->name) : nullptr;
    if (existing == nullptr && counts_[type->name] == 1) {
      // Defined once and nowhere else: only a repeat within this list can be an error.
      names_.clear();
      for (const auto* field : type->fields) names_.push_back(field->name);
      for (const auto* field : type->input_fields) names_.push_back(field->name);
      if (!has_repeat(names_, scratch_)) return Visit::Skip;
    }
    auto& known = known_[type->name];
    auto check = [&](graphql::Name field_name) {
      std::string coordinate = str(type->name) + "." + str(field_name);
      if (existing_has_field(existing, field_name)) {
        context_.report_at_names(
            "Field \"" + coordinate +
                "\" already exists in the schema. It cannot also be defined in this type extension.",
            {field_name});
        return;
      }
      auto [it, inserted] = known.emplace(field_name, field_name);
      if (!inserted) {
        context_.report_at_names("Field \"" + coordinate + "\" can only be defined once.", {it->second, field_name});
      }
    };
    for (const auto* field : type->fields) check(field->name);
    for (const auto* field : type->input_fields) check(field->name);
    return Visit::Skip;
  }

 private:
  static bool existing_has_field(const schema::NamedType* type, std::string_view name) {
    if (type == nullptr) return false;
    if (type->kind == schema::TypeKind::Object || type->kind == schema::TypeKind::Interface) {
      return type->find_field(name) != nullptr;
    }
    return type->kind == schema::TypeKind::InputObject && type->find_input_field(name) != nullptr;
  }

  std::unordered_map<std::string_view, std::unordered_map<std::string_view, graphql::Name>> known_;
  std::unordered_map<std::string_view, int> counts_;
  std::vector<std::string_view> names_;
  std::vector<std::string_view> scratch_;
};

class UniqueArgumentDefinitionNames final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override {
    return {Kind::DirectiveDefinition, Kind::InterfaceTypeDefinition, Kind::InterfaceTypeExtension,
            Kind::ObjectTypeDefinition, Kind::ObjectTypeExtension};
  }
  Visit enter(const graphql::Node* node) override {
    if (const auto* directive = graphql::as<graphql::DirectiveDefinition>(node)) {
      check("@" + str(directive->name), directive->arguments);
      return Visit::Skip;
    }
    const auto* type = static_cast<const graphql::TypeDefinition*>(node);
    for (const auto* field : type->fields) {
      if (field->arguments.size() >= 2) check(str(type->name) + "." + str(field->name), field->arguments);
    }
    return Visit::Skip;
  }

 private:
  void check(const std::string& parent, graphql::List<graphql::InputValueDefinition> arguments) {
    if (arguments.size() < 2) return;
    names_.clear();
    for (const auto* argument : arguments) names_.push_back(argument->name);
    if (!has_repeat(names_, scratch_)) return;
    auto groups = group_by(to_vector(arguments), [](const graphql::InputValueDefinition* a) { return a->name; });
    for (const auto& [name, nodes] : groups) {
      if (nodes.size() < 2) continue;
      std::vector<SourceLocation> locations;
      for (const auto* argument : nodes) locations.push_back(context_.locate(argument->name));
      context_.report_at("Argument \"" + parent + "(" + str(name) + ":)\" can only be defined once.", locations);
    }
  }

  std::vector<std::string_view> names_;
  std::vector<std::string_view> scratch_;
};

class UniqueDirectiveNames final : public Rule {
 public:
  using Rule::Rule;
  [[nodiscard]] KindSet enter_kinds() const override { return {Kind::DirectiveDefinition}; }
  Visit enter(const graphql::Node* node) override {
    graphql::Name name = static_cast<const graphql::DirectiveDefinition*>(node)->name;
    if (context_.schema() != nullptr && context_.schema()->find_directive(name) != nullptr) {
      context_.report_at_names("Directive \"@" + str(name) + "\" already exists in the schema. It cannot be redefined.",
                               {name});
      return Visit::Skip;
    }
    auto [it, inserted] = known_.emplace(name, name);
    if (!inserted) {
      context_.report_at_names("There can be only one directive named \"@" + str(name) + "\".", {it->second, name});
    }
    return Visit::Skip;
  }

 private:
  std::unordered_map<std::string_view, graphql::Name> known_;
};

Kind extension_kind_of(Kind definition) {
  switch (definition) {
    case Kind::ScalarTypeDefinition: return Kind::ScalarTypeExtension;
    case Kind::ObjectTypeDefinition: return Kind::ObjectTypeExtension;
    case Kind::InterfaceTypeDefinition: return Kind::InterfaceTypeExtension;
    case Kind::UnionTypeDefinition: return Kind::UnionTypeExtension;
    case Kind::EnumTypeDefinition: return Kind::EnumTypeExtension;
    default: return Kind::InputObjectTypeExtension;
  }
}

Kind extension_kind_of(schema::TypeKind kind) {
  switch (kind) {
    case schema::TypeKind::Scalar: return Kind::ScalarTypeExtension;
    case schema::TypeKind::Object: return Kind::ObjectTypeExtension;
    case schema::TypeKind::Interface: return Kind::InterfaceTypeExtension;
    case schema::TypeKind::Union: return Kind::UnionTypeExtension;
    case schema::TypeKind::Enum: return Kind::EnumTypeExtension;
    case schema::TypeKind::InputObject: return Kind::InputObjectTypeExtension;
  }
  return Kind::ScalarTypeExtension;
}

std::string_view extension_type_word(Kind kind) {
  switch (kind) {
    case Kind::ScalarTypeExtension: return "scalar";
    case Kind::ObjectTypeExtension: return "object";
    case Kind::InterfaceTypeExtension: return "interface";
    case Kind::UnionTypeExtension: return "union";
    case Kind::EnumTypeExtension: return "enum";
    default: return "input object";
  }
}

class PossibleTypeExtensions final : public Rule {
 public:
  explicit PossibleTypeExtensions(Context& context) : Rule(context) {
    for (const graphql::Definition* definition : context.document().definitions()) {
      if (!graphql::is_type_definition(definition->kind)) continue;
      const auto* type = static_cast<const graphql::TypeDefinition*>(definition);
      auto [it, inserted] = defined_.emplace(type->name, type);
      if (inserted) {
        names_.push_back(type->name);
      } else {
        it->second = type;
      }
    }
  }
  [[nodiscard]] KindSet enter_kinds() const override {
    return {Kind::ScalarTypeExtension, Kind::ObjectTypeExtension, Kind::InterfaceTypeExtension,
            Kind::UnionTypeExtension,  Kind::EnumTypeExtension,   Kind::InputObjectTypeExtension};
  }
  Visit enter(const graphql::Node* node) override {
    const auto* extension = static_cast<const graphql::TypeDefinition*>(node);
    auto defined = defined_.find(extension->name);
    const schema::NamedType* existing =
        context_.schema() != nullptr ? context_.schema()->find_type(extension->name) : nullptr;
    std::optional<Kind> expected;
    if (defined != defined_.end()) {
      expected = extension_kind_of(defined->second->kind);
    } else if (existing != nullptr) {
      expected = extension_kind_of(existing->kind);
    }
    if (expected) {
      if (*expected != node->kind) {
        std::string message =
            "Cannot extend non-" + str(extension_type_word(node->kind)) + " type \"" + str(extension->name) + "\".";
        if (defined != defined_.end()) {
          context_.report(std::move(message), {defined->second, node});
        } else {
          context_.report(std::move(message), {node});
        }
      }
      return Visit::Continue;
    }
    std::vector<std::string_view> options = names_;
    if (const schema::Schema* schema = context_.schema()) {
      for (const schema::NamedType* type : schema->types()) {
        if (defined_.count(type->name) == 0) options.push_back(type->name);
      }
    }
    context_.report_at_names("Cannot extend type \"" + str(extension->name) + "\" because it is not defined." +
                                 did_you_mean(suggestion_list(extension->name, options)),
                             {extension->name});
    return Visit::Continue;
  }

 private:
  std::unordered_map<std::string_view, const graphql::TypeDefinition*> defined_;
  std::vector<std::string_view> names_;
};

}  // namespace

std::unique_ptr<Rule> lone_schema_definition(Context& context) {
  return std::make_unique<LoneSchemaDefinition>(context);
}
std::unique_ptr<Rule> unique_operation_types(Context& context) {
  return std::make_unique<UniqueOperationTypes>(context);
}
std::unique_ptr<Rule> unique_type_names(Context& context) { return std::make_unique<UniqueTypeNames>(context); }
std::unique_ptr<Rule> unique_enum_value_names(Context& context) {
  return std::make_unique<UniqueEnumValueNames>(context);
}
std::unique_ptr<Rule> unique_field_definition_names(Context& context) {
  return std::make_unique<UniqueFieldDefinitionNames>(context);
}
std::unique_ptr<Rule> unique_argument_definition_names(Context& context) {
  return std::make_unique<UniqueArgumentDefinitionNames>(context);
}
std::unique_ptr<Rule> unique_directive_names(Context& context) {
  return std::make_unique<UniqueDirectiveNames>(context);
}
std::unique_ptr<Rule> possible_type_extensions(Context& context) {
  return std::make_unique<PossibleTypeExtensions>(context);
}

}  // namespace junction::validation::rules
