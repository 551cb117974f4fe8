#include "validation/context.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "graphql/printer.h"

namespace junction::validation {

using graphql::Kind;

// ---- TypeInfo ------------------------------------------------------------------------------

const schema::Field* TypeInfo::find_field_def(const schema::NamedType* parent, const graphql::Field* field) const {
  std::string_view name = field->name;
  if (name == "__schema" && schema_.query_type() == parent) return schema::Schema::schema_meta_field();
  if (name == "__type" && schema_.query_type() == parent) return schema::Schema::type_meta_field();
  if (name == "__typename" && parent->is_composite()) return schema::Schema::typename_meta_field();
  if (parent->kind == schema::TypeKind::Object || parent->kind == schema::TypeKind::Interface) {
    return parent->find_field(name);
  }
  return nullptr;
}

void TypeInfo::enter(const graphql::Node* node) {
  switch (node->kind) {
    case Kind::SelectionSet: {
      const schema::Type* type = this->type();
      const schema::NamedType* named = type != nullptr ? type->base() : nullptr;
      parent_type_stack_.push_back(named != nullptr && named->is_composite() ? named : nullptr);
      break;
    }
    case Kind::Field: {
      const schema::NamedType* parent = parent_type();
      const schema::Field* definition = nullptr;
      if (parent != nullptr) definition = find_field_def(parent, static_cast<const graphql::Field*>(node));
      field_def_stack_.push_back(definition);
      const schema::Type* type = definition != nullptr ? definition->type : nullptr;
      type_stack_.push_back(type != nullptr && schema::is_output_type(type) ? type : nullptr);
      break;
    }
    case Kind::Directive:
      directive_ = schema_.find_directive(static_cast<const graphql::Directive*>(node)->name);
      break;
    case Kind::OperationDefinition: {
      const schema::NamedType* root =
          schema_.root_type(static_cast<const graphql::OperationDefinition*>(node)->operation);
      type_stack_.push_back(root != nullptr && root->kind == schema::TypeKind::Object ? &root->ref : nullptr);
      break;
    }
    case Kind::InlineFragment:
    case Kind::FragmentDefinition: {
      const graphql::NamedType* condition = node->kind == Kind::InlineFragment
                                                ? static_cast<const graphql::InlineFragment*>(node)->type_condition
                                                : static_cast<const graphql::FragmentDefinition*>(node)->type_condition;
      const schema::Type* type = nullptr;
      if (condition != nullptr) {
        type = schema::type_from_ast(schema_, condition, arena_);
      } else if (this->type() != nullptr) {
        type = &this->type()->base()->ref;
      }
      type_stack_.push_back(type != nullptr && schema::is_output_type(type) ? type : nullptr);
      break;
    }
    case Kind::VariableDefinition: {
      const schema::Type* type =
          schema::type_from_ast(schema_, static_cast<const graphql::VariableDefinition*>(node)->type, arena_);
      input_type_stack_.push_back(type != nullptr && schema::is_input_type(type) ? type : nullptr);
      break;
    }
    case Kind::Argument: {
      const auto* argument = static_cast<const graphql::Argument*>(node);
      const schema::InputValue* definition = nullptr;
      if (directive_ != nullptr) {
        definition = directive_->find_argument(argument->name);
      } else if (const schema::Field* field = field_def()) {
        definition = field->find_argument(argument->name);
      }
      argument_ = definition;
      default_stack_.push_back(definition != nullptr && definition->default_value.has_value());
      const schema::Type* type = definition != nullptr ? definition->type : nullptr;
      input_type_stack_.push_back(type != nullptr && schema::is_input_type(type) ? type : nullptr);
      break;
    }
    case Kind::ListValue: {
      const schema::Type* list = input_type();
      if (list != nullptr) list = list->nullable();
      const schema::Type* item = list != nullptr && list->is_list() ? list->of_type : list;
      default_stack_.push_back(false);
      input_type_stack_.push_back(item != nullptr && schema::is_input_type(item) ? item : nullptr);
      break;
    }
    case Kind::ObjectField: {
      const schema::Type* type = input_type();
      const schema::NamedType* object = type != nullptr ? type->base() : nullptr;
      const schema::InputValue* field = nullptr;
      if (object != nullptr && object->kind == schema::TypeKind::InputObject) {
        field = object->find_input_field(static_cast<const graphql::ObjectField*>(node)->name);
      }
      default_stack_.push_back(field != nullptr && field->default_value.has_value());
      const schema::Type* field_type = field != nullptr ? field->type : nullptr;
      input_type_stack_.push_back(field_type != nullptr && schema::is_input_type(field_type) ? field_type : nullptr);
      break;
    }
    default: break;
  }
}

void TypeInfo::leave(const graphql::Node* node) {
  switch (node->kind) {
    case Kind::SelectionSet: parent_type_stack_.pop_back(); break;
    case Kind::Field:
      field_def_stack_.pop_back();
      type_stack_.pop_back();
      break;
    case Kind::Directive: directive_ = nullptr; break;
    case Kind::OperationDefinition:
    case Kind::InlineFragment:
    case Kind::FragmentDefinition: type_stack_.pop_back(); break;
    case Kind::VariableDefinition: input_type_stack_.pop_back(); break;
    case Kind::Argument:
      argument_ = nullptr;
      default_stack_.pop_back();
      input_type_stack_.pop_back();
      break;
    case Kind::ListValue:
    case Kind::ObjectField:
      default_stack_.pop_back();
      input_type_stack_.pop_back();
      break;
    default: break;
  }
}

// ---- Walking -------------------------------------------------------------------------------

namespace {

// Calls `f` for each child of `node`, in graphql-js's visiting order (descriptions and names
// are not visited by any rule, so they are left out).
template <class F>
void for_each_child(const graphql::Node* node, F&& f) {
  auto each = [&](auto list) {
    for (const auto* item : list) f(item);
  };
  auto one = [&](const graphql::Node* child) {
    if (child != nullptr) f(child);
  };
  switch (node->kind) {
    case Kind::OperationDefinition: {
      const auto* n = static_cast<const graphql::OperationDefinition*>(node);
      each(n->variable_definitions);
      each(n->directives);
      one(n->selection_set);
      break;
    }
    case Kind::VariableDefinition: {
      const auto* n = static_cast<const graphql::VariableDefinition*>(node);
      one(n->variable);
      one(n->type);
      one(n->default_value);
      each(n->directives);
      break;
    }
    case Kind::SelectionSet: each(static_cast<const graphql::SelectionSet*>(node)->selections); break;
    case Kind::Field: {
      const auto* n = static_cast<const graphql::Field*>(node);
      each(n->arguments);
      each(n->directives);
      one(n->selection_set);
      break;
    }
    case Kind::Argument: one(static_cast<const graphql::Argument*>(node)->value); break;
    case Kind::FragmentSpread: each(static_cast<const graphql::FragmentSpread*>(node)->directives); break;
    case Kind::InlineFragment: {
      const auto* n = static_cast<const graphql::InlineFragment*>(node);
      one(n->type_condition);
      each(n->directives);
      one(n->selection_set);
      break;
    }
    case Kind::FragmentDefinition: {
      const auto* n = static_cast<const graphql::FragmentDefinition*>(node);
      one(n->type_condition);
      each(n->directives);
      one(n->selection_set);
      break;
    }
    case Kind::ListValue: each(static_cast<const graphql::ListValue*>(node)->values); break;
    case Kind::ObjectValue: each(static_cast<const graphql::ObjectValue*>(node)->fields); break;
    case Kind::ObjectField: one(static_cast<const graphql::ObjectField*>(node)->value); break;
    case Kind::Directive: each(static_cast<const graphql::Directive*>(node)->arguments); break;
    case Kind::ListType: one(static_cast<const graphql::ListType*>(node)->type); break;
    case Kind::NonNullType: one(static_cast<const graphql::NonNullType*>(node)->type); break;
    case Kind::SchemaDefinition:
    case Kind::SchemaExtension: {
      const auto* n = static_cast<const graphql::SchemaDefinition*>(node);
      each(n->directives);
      each(n->operation_types);
      break;
    }
    case Kind::OperationTypeDefinition: one(static_cast<const graphql::OperationTypeDefinition*>(node)->type); break;
    case Kind::FieldDefinition: {
      const auto* n = static_cast<const graphql::FieldDefinition*>(node);
      each(n->arguments);
      one(n->type);
      each(n->directives);
      break;
    }
    case Kind::InputValueDefinition: {
      const auto* n = static_cast<const graphql::InputValueDefinition*>(node);
      one(n->type);
      one(n->default_value);
      each(n->directives);
      break;
    }
    case Kind::EnumValueDefinition: each(static_cast<const graphql::EnumValueDefinition*>(node)->directives); break;
    case Kind::DirectiveDefinition: each(static_cast<const graphql::DirectiveDefinition*>(node)->arguments); break;
    case Kind::ScalarTypeDefinition:
    case Kind::ScalarTypeExtension:
    case Kind::ObjectTypeDefinition:
    case Kind::ObjectTypeExtension:
    case Kind::InterfaceTypeDefinition:
    case Kind::InterfaceTypeExtension:
    case Kind::UnionTypeDefinition:
    case Kind::UnionTypeExtension:
    case Kind::EnumTypeDefinition:
    case Kind::EnumTypeExtension:
    case Kind::InputObjectTypeDefinition:
    case Kind::InputObjectTypeExtension: {
      const auto* n = static_cast<const graphql::TypeDefinition*>(node);
      each(n->interfaces);
      each(n->directives);
      each(n->fields);
      each(n->members);
      each(n->values);
      each(n->input_fields);
      break;
    }
    default: break;
  }
}

class Walker {
 public:
  Walker(Context& context, const std::vector<std::unique_ptr<Rule>>& rules)
      : context_(context), rules_(rules), skipping_(rules.size(), nullptr) {
    for (size_t i = 0; i < rules.size(); ++i) {
      KindSet enter = rules[i]->enter_kinds();
      KindSet leave = rules[i]->leave_kinds();
      for (size_t kind = 0; kind < kKindCount; ++kind) {
        if (enter.contains(static_cast<Kind>(kind))) enter_rules_[kind].push_back(i);
        if (leave.contains(static_cast<Kind>(kind))) leave_rules_[kind].push_back(i);
      }
    }
  }

  void visit(const graphql::Node* node) {
    TypeInfo* type_info = context_.type_info();
    if (type_info != nullptr) type_info->enter(node);
    auto kind = static_cast<size_t>(node->kind);
    for (size_t i : enter_rules_[kind]) {
      if (skipping_[i] != nullptr) continue;
      if (rules_[i]->enter(node) == Visit::Skip) {
        skipping_[i] = node;
        ++skip_count_;
      }
    }
    auto& ancestors = context_.ancestor_stack();
    ancestors.push_back(node);
    for_each_child(node, [this](const graphql::Node* child) { visit(child); });
    ancestors.pop_back();
    leave(node);
    if (type_info != nullptr) type_info->leave(node);
  }

  void visit_document() {
    graphql::Node document{Kind::Document, {}};
    for (size_t i : enter_rules_[static_cast<size_t>(Kind::Document)]) {
      if (rules_[i]->enter(&document) == Visit::Skip) {
        skipping_[i] = &document;
        ++skip_count_;
      }
    }
    context_.ancestor_stack().push_back(&document);
    for (const graphql::Definition* definition : context_.document().definitions()) visit(definition);
    context_.ancestor_stack().pop_back();
    leave(&document);
  }

 private:
  static constexpr size_t kKindCount = static_cast<size_t>(Kind::InputObjectTypeExtension) + 1;

  // Rules that skip this node's subtree are not told it ends (graphql-js resets them
  // instead); the others see `leave` in rule order.
  void leave(const graphql::Node* node) {
    if (skip_count_ == 0) {
      for (size_t i : leave_rules_[static_cast<size_t>(node->kind)]) rules_[i]->leave(node);
      return;
    }
    for (size_t i = 0; i < rules_.size(); ++i) {
      if (skipping_[i] == nullptr) {
        const auto& interested = leave_rules_[static_cast<size_t>(node->kind)];
        if (std::find(interested.begin(), interested.end(), i) != interested.end()) rules_[i]->leave(node);
      } else if (skipping_[i] == node) {
        skipping_[i] = nullptr;
        --skip_count_;
      }
    }
  }

  Context& context_;
  const std::vector<std::unique_ptr<Rule>>& rules_;
  std::array<std::vector<size_t>, kKindCount> enter_rules_;
  std::array<std::vector<size_t>, kKindCount> leave_rules_;
  std::vector<const graphql::Node*> skipping_;
  size_t skip_count_ = 0;
};

// Collects variable uses below a definition with a type info of its own (graphql-js
// getVariableUsages), not descending into variable definitions.
class UsageCollector {
 public:
  UsageCollector(const schema::Schema& schema, Arena& arena, std::vector<VariableUsage>& out)
      : type_info_(schema, arena), out_(out) {}

  void visit(const graphql::Node* node) {
    if (node->kind == Kind::VariableDefinition) return;
    type_info_.enter(node);
    if (node->kind == Kind::Variable) {
      out_.push_back({static_cast<const graphql::Variable*>(node), type_info_.input_type(),
                      type_info_.has_default_value(), type_info_.parent_input_type()});
    }
    for_each_child(node, [this](const graphql::Node* child) { visit(child); });
    type_info_.leave(node);
  }

 private:
  TypeInfo type_info_;
  std::vector<VariableUsage>& out_;
};

}  // namespace

void walk(Context& context, const std::vector<std::unique_ptr<Rule>>& rules) {
  Walker(context, rules).visit_document();
}

// ---- Context -------------------------------------------------------------------------------

Context::Context(const schema::Schema* schema, const graphql::Document& document, uint32_t max_errors,
                 bool with_type_info)
    : schema_(schema), document_(document), max_errors_(max_errors) {
  if (schema != nullptr && with_type_info) type_info_ = std::make_unique<TypeInfo>(*schema, arena_);
  for (const graphql::Definition* definition : document.definitions()) {
    if (const auto* fragment = graphql::as<graphql::FragmentDefinition>(definition)) {
      fragments_[fragment->name] = fragment;  // a repeated name keeps the last, as graphql-js does
    }
  }
}

void Context::report_at(std::string message, const std::vector<SourceLocation>& locations) {
  if (errors_.size() >= max_errors_) {
    errors_.push_back({"Too many validation errors, error limit reached. Validation aborted.", {}});
    throw ValidationAborted{};
  }
  errors_.push_back({std::move(message), locations});
}

void Context::report(std::string message, std::initializer_list<const graphql::Node*> nodes) {
  report(std::move(message), std::vector<const graphql::Node*>(nodes));
}

void Context::report(std::string message, const std::vector<const graphql::Node*>& nodes) {
  std::vector<SourceLocation> locations;
  locations.reserve(nodes.size());
  for (const graphql::Node* node : nodes) {
    if (node != nullptr) locations.push_back(document_.locate(node));
  }
  report_at(std::move(message), locations);
}

void Context::report_at_names(std::string message, std::initializer_list<graphql::Name> names) {
  std::vector<SourceLocation> locations;
  for (graphql::Name name : names) locations.push_back(document_.locate(name));
  report_at(std::move(message), locations);
}

const graphql::FragmentDefinition* Context::fragment(graphql::Name name) const {
  auto it = fragments_.find(name);
  return it == fragments_.end() ? nullptr : it->second;
}

const std::vector<const graphql::FragmentSpread*>& Context::fragment_spreads(const graphql::SelectionSet* set) {
  auto it = spreads_.find(set);
  if (it != spreads_.end()) return it->second;
  std::vector<const graphql::FragmentSpread*> spreads;
  std::vector<const graphql::SelectionSet*> to_visit{set};
  while (!to_visit.empty()) {
    const graphql::SelectionSet* current = to_visit.back();
    to_visit.pop_back();
    for (const graphql::Selection* selection : current->selections) {
      if (selection->kind == Kind::FragmentSpread) {
        spreads.push_back(static_cast<const graphql::FragmentSpread*>(selection));
      } else if (selection->kind == Kind::Field) {
        const auto* field = static_cast<const graphql::Field*>(selection);
        if (field->selection_set != nullptr) to_visit.push_back(field->selection_set);
      } else {
        to_visit.push_back(static_cast<const graphql::InlineFragment*>(selection)->selection_set);
      }
    }
  }
  return spreads_.emplace(set, std::move(spreads)).first->second;
}

namespace {

// graphql-js SetMap's key: the set's members, order ignored.
std::string set_key(std::vector<std::string_view> names) {
  std::sort(names.begin(), names.end());
  std::string key;
  for (std::string_view name : names) {
    key += name;
    key += '\n';
  }
  return key;
}

}  // namespace

std::vector<const graphql::FragmentDefinition*> Context::recursively_referenced_fragments(
    std::span<const graphql::OperationDefinition* const> operations) {
  std::vector<std::string_view> names;
  std::unordered_set<std::string_view> seen;
  for (const graphql::OperationDefinition* operation : operations) {
    for (const graphql::FragmentSpread* spread : fragment_spreads(operation->selection_set)) {
      if (seen.insert(spread->name).second) names.push_back(spread->name);
    }
  }
  std::string key = set_key(names);
  if (auto it = referenced_cache_.find(key); it != referenced_cache_.end()) return it->second;
  std::vector<const graphql::FragmentDefinition*> fragments;
  spend_fragment_work(names.size());
  for (size_t i = 0; i < names.size(); ++i) {
    const graphql::FragmentDefinition* definition = fragment(names[i]);
    if (definition == nullptr) continue;
    fragments.push_back(definition);
    const auto& spreads = fragment_spreads(definition->selection_set);
    spend_fragment_work(spreads.size());
    for (const graphql::FragmentSpread* spread : spreads) {
      if (seen.insert(spread->name).second) names.push_back(spread->name);
    }
  }
  referenced_cache_.emplace(std::move(key), fragments);
  return fragments;
}

const std::vector<VariableUsage>& Context::variable_usages(const graphql::Definition* definition) {
  auto it = usages_.find(definition);
  if (it != usages_.end()) return it->second;
  std::vector<VariableUsage> usages;
  UsageCollector(*schema_, arena_, usages).visit(definition);
  return usages_.emplace(definition, std::move(usages)).first->second;
}

const std::vector<VariableUsage>& Context::recursive_variable_usages(const graphql::OperationDefinition* operation) {
  auto it = recursive_usages_.find(operation);
  if (it != recursive_usages_.end()) return it->second;
  const graphql::OperationDefinition* operations[] = {operation};
  std::vector<const graphql::FragmentDefinition*> fragments = recursively_referenced_fragments(operations);
  std::vector<std::string_view> names;
  for (const auto* fragment : fragments) names.push_back(fragment->name);
  std::string key = set_key(names) + std::to_string(fragments.size());
  auto cached = fragment_usages_cache_.find(key);
  if (cached == fragment_usages_cache_.end()) {
    spend_fragment_work(fragments.size());
    std::vector<VariableUsage> from_fragments;
    for (const graphql::FragmentDefinition* fragment : fragments) {
      const auto& local = variable_usages(fragment);
      spend_fragment_work(local.size());
      from_fragments.insert(from_fragments.end(), local.begin(), local.end());
    }
    cached = fragment_usages_cache_.emplace(key, std::move(from_fragments)).first;
  }
  spend_fragment_work(cached->second.size());
  std::vector<VariableUsage> usages = variable_usages(operation);
  usages.insert(usages.end(), cached->second.begin(), cached->second.end());
  return recursive_usages_.emplace(operation, std::move(usages)).first->second;
}

void Context::spend_fragment_work(size_t cost) {
  remaining_fragment_work_ -= static_cast<int64_t>(cost);
  if (remaining_fragment_work_ < 0) {
    errors_.push_back({"Validation aborted.", {}});
    throw ValidationAborted{};
  }
}

const std::vector<KnownDirective>& Context::known_directives() {
  if (known_directives_) return *known_directives_;
  const schema::Schema* schema = schema_;
  const graphql::Document& document = document_;
  std::vector<KnownDirective> out;
  auto put = [&](KnownDirective directive) {
    for (auto& existing : out) {
      if (existing.name == directive.name) {
        existing = std::move(directive);
        return;
      }
    }
    out.push_back(std::move(directive));
  };
  auto from_schema = [&](const schema::Directive* directive) {
    KnownDirective known;
    known.name = directive->name;
    for (auto location : directive->locations) known.locations.push_back(schema::directive_location_name(location));
    for (const auto& argument : directive->arguments) {
      known.argument_names.push_back(argument.name);
      if (argument.is_required())
        known.required_arguments.emplace_back(argument.name, schema::type_to_string(argument.type));
    }
    known.repeatable = directive->repeatable;
    put(std::move(known));
  };
  if (schema != nullptr) {
    for (const schema::Directive* directive : schema->directives()) from_schema(directive);
  } else {
    for (const schema::Directive* directive : schema::specified_directives()) from_schema(directive);
  }
  for (const graphql::Definition* definition : document.definitions()) {
    const auto* node = graphql::as<graphql::DirectiveDefinition>(definition);
    if (node == nullptr) continue;
    KnownDirective known;
    known.name = node->name;
    known.locations.assign(node->locations.begin(), node->locations.end());
    for (const auto* argument : node->arguments) {
      known.argument_names.push_back(argument->name);
      // graphql-js isRequiredArgumentNode: a non-null type and no default.
      if (argument->type->kind == graphql::Kind::NonNullType && argument->default_value == nullptr) {
        known.required_arguments.emplace_back(argument->name, graphql::print(argument->type));
      }
    }
    known.repeatable = node->repeatable;
    put(std::move(known));
  }
  known_directives_ = std::move(out);
  return *known_directives_;
}

const KnownDirective* Context::find_known_directive(std::string_view name) {
  for (const auto& directive : known_directives()) {
    if (directive.name == name) return &directive;
  }
  return nullptr;
}

}  // namespace junction::validation
