#include "federation/metadata.h"

#include <algorithm>

#include "federation/text.h"

namespace junction::federation {

namespace {

// Object types implementing an interface (in schema order).
std::vector<const Type*> implementations(const Schema& schema, std::string_view interface_name) {
  std::vector<const Type*> out;
  for (const auto& type : schema.types()) {
    if (type->kind != TypeKind::Object && type->kind != TypeKind::Interface) continue;
    for (const TypeMember& implemented : type->interfaces) {
      if (implemented.name == interface_name) out.push_back(type.get());
    }
  }
  return out;
}

}  // namespace

SubgraphMetadata::SubgraphMetadata(const Subgraph& subgraph) : subgraph_(&subgraph) {
  const Schema& schema = subgraph.schema;
  bool has_extends = !subgraph.name_of(FedDirective::Extends).empty();
  for (const auto& type : schema.types()) {
    if (type->kind != TypeKind::Object && type->kind != TypeKind::Interface) continue;
    bool extends = has_extends && subgraph.has(type->directives, FedDirective::Extends);
    for (const AppliedDirective* key : subgraph.applications(type->directives, FedDirective::Key)) {
      const FieldSet* set = resolved_selections(*key, *type);
      if (set == nullptr) continue;
      mark_used(set->root);
      mark_key_fields(set->root);
      if (key->extension != kDefinition || extends) {
        for (const FieldSetSelection& selection : set->root.selections) {
          if (selection.field != nullptr && subgraph.has(selection.field->directives, FedDirective::External)) {
            fake_external_.insert(selection.field);
          }
        }
      }
    }
    for (const Field& field : type->fields) {
      for (const AppliedDirective* requirement : subgraph.applications(field.directives, FedDirective::Requires)) {
        if (const FieldSet* set = resolved_selections(*requirement, *type)) mark_used(set->root);
      }
      const Type* base = schema.find_type(field.type.name);
      if (base == nullptr || base->kind == TypeKind::Scalar || base->kind == TypeKind::Enum ||
          base->kind == TypeKind::InputObject) {
        continue;
      }
      for (const AppliedDirective* provides : subgraph.applications(field.directives, FedDirective::Provides)) {
        const FieldSet* set = resolved_selections(*provides, *base);
        if (set == nullptr) continue;
        mark_used(set->root);
        for_each_field(set->root, [&](const FieldSetSelection& selection) {
          if (selection.field != nullptr) provided_.insert(selection.field);
        });
      }
    }
    if (type->kind == TypeKind::Object) {
      for (const TypeMember& implemented : type->interfaces) {
        const Type* interface_type = schema.find_type(implemented.name);
        if (interface_type == nullptr) continue;
        for (const Field& field : interface_type->fields) {
          if (const Field* implementation = type->find_field(field.name)) used_.insert(implementation);
        }
      }
    }
  }
}

void SubgraphMetadata::mark_used(const FieldSetSelections& set) {
  const Schema& schema = subgraph_->schema;
  for_each_field(set, [&](const FieldSetSelection& selection) {
    if (selection.field == nullptr) return;
    used_.insert(selection.field);
    if (selection.parent->kind == TypeKind::Interface) {
      for (const Type* implementation : implementations(schema, selection.parent->name)) {
        if (const Field* field = implementation->find_field(selection.name)) used_.insert(field);
      }
    }
  });
}

void SubgraphMetadata::mark_key_fields(const FieldSetSelections& set) {
  const Schema& schema = subgraph_->schema;
  for_each_field(set, [&](const FieldSetSelection& selection) {
    if (selection.field == nullptr) return;
    key_fields_.insert(selection.field);
    if (selection.parent->kind == TypeKind::Interface) {
      for (const Type* implementation : implementations(schema, selection.parent->name)) {
        if (const Field* field = implementation->find_field(selection.name)) key_fields_.insert(field);
      }
    }
  });
}

const FieldSet* SubgraphMetadata::resolved_selections(const AppliedDirective& directive, const Type& target) const {
  auto key = std::make_pair(&directive, &target);
  auto it = field_sets_.find(key);
  if (it == field_sets_.end()) {
    Parsed parsed;
    const json::Value* fields = directive.argument("fields");
    if (fields != nullptr && fields->is_string()) {
      FieldSetOptions options;
      options.validate = false;
      FieldSetResult result = parse_field_set(subgraph_->schema, target, fields->as_string(), options);
      parsed.complete = !result.error;
      if (result.field_set) parsed.field_set = std::make_unique<FieldSet>(std::move(*result.field_set));
    }
    it = field_sets_.emplace(key, std::move(parsed)).first;
  }
  return it->second.field_set.get();
}

const FieldSet* SubgraphMetadata::field_set(const AppliedDirective& directive, const Type& target) const {
  const FieldSet* set = resolved_selections(directive, target);
  return set != nullptr && field_sets_.at(std::make_pair(&directive, &target)).complete ? set : nullptr;
}

bool SubgraphMetadata::is_fake_external(const Type& /*type*/, const Field& field) const {
  return fake_external_.count(&field) != 0;
}

bool SubgraphMetadata::is_external(const Type& type, const Field& field) const {
  if (is_fake_external(type, field)) return false;
  if (subgraph_->has(field.directives, FedDirective::External)) return true;
  return subgraph_->fed2 && subgraph_->has(type.directives, FedDirective::External);
}

bool SubgraphMetadata::is_shareable(const Type& type, const Field& field) const {
  if (is_key_field(field)) return true;
  if (subgraph_->fed2 && subgraph_->has(field.directives, FedDirective::Shareable)) return true;
  if (type.kind == TypeKind::Object) {
    for (const AppliedDirective* shareable : subgraph_->applications(type.directives, FedDirective::Shareable)) {
      if (shareable->extension == field.extension) return true;
    }
  }
  return is_external(type, field) && is_provided(field);
}

namespace {

bool is_composite(const Schema& schema, std::string_view name) {
  const Type* type = schema.find_type(name);
  return type != nullptr &&
         (type->kind == TypeKind::Object || type->kind == TypeKind::Interface || type->kind == TypeKind::Union);
}

AppliedDirective make_directive(std::string name, std::vector<std::pair<std::string, json::Value>> arguments) {
  AppliedDirective out;
  out.name = std::move(name);
  out.arguments = std::move(arguments);
  return out;
}

bool external_or_implemented_external(const Schema& schema, const SubgraphMetadata& metadata,
                                      const FieldSetSelection& selection) {
  if (selection.field == nullptr) return false;
  if (metadata.is_external(*selection.parent, *selection.field)) return true;
  if (selection.parent->kind != TypeKind::Interface) return false;
  for (const auto& candidate : schema.types()) {
    if (candidate->kind != TypeKind::Object) continue;
    bool implements_it = std::any_of(candidate->interfaces.begin(), candidate->interfaces.end(),
                                     [&](const TypeMember& m) { return m.name == selection.parent->name; });
    const Field* field = implements_it ? candidate->find_field(selection.name) : nullptr;
    if (field != nullptr && metadata.is_external(*candidate, *field)) return true;
  }
  return false;
}

// Keeps only the external leaves (and the paths to them); whether any non-external leaf was
// selected is reported through `inactive`.
std::string external_only(const Schema& schema, const SubgraphMetadata& metadata, const FieldSetSelections& set,
                          bool& inactive, bool under_external = false) {
  std::vector<std::string> parts;
  for (const FieldSetSelection& selection : set.selections) {
    if (selection.is_fragment) {
      if (!selection.selection_set) continue;
      std::string inner = external_only(schema, metadata, *selection.selection_set, inactive, under_external);
      if (!inner.empty()) {
        parts.push_back("..." + (selection.type_condition != nullptr ? " on " + selection.type_condition->name : "") +
                        " { " + inner + " }");
      }
      continue;
    }
    if (!selection.selection_set) {
      if (selection.is_typename() || under_external) {
        parts.push_back(selection.name);
      } else if (external_or_implemented_external(schema, metadata, selection)) {
        parts.push_back(selection.name);
      } else {
        inactive = true;
      }
      continue;
    }
    bool external = under_external || external_or_implemented_external(schema, metadata, selection);
    std::string inner = external_only(schema, metadata, *selection.selection_set, inactive, external);
    if (!inner.empty()) parts.push_back(selection.name + " { " + inner + " }");
  }
  return join_strings(parts, " ", " ", " ");
}

}  // namespace

void remove_inactive_provides_and_requires(Subgraph& sg) {
  Schema& schema = sg.schema;
  SubgraphMetadata metadata(sg);
  struct Change {
    std::string type;
    std::string field;
    std::string directive;
    size_t index;
    std::string replacement;  // empty: removed
  };
  std::vector<Change> changes;
  for (const auto& type : schema.types()) {
    if (type->kind != TypeKind::Object && type->kind != TypeKind::Interface) continue;
    for (const Field& field : type->fields) {
      for (size_t k = 0; k < field.directives.size(); ++k) {
        const AppliedDirective& applied = field.directives[k];
        bool provides = sg.is(applied, FedDirective::Provides);
        bool requirement = sg.is(applied, FedDirective::Requires);
        if (!provides && !requirement) continue;
        const Type* target = requirement ? type.get() : schema.find_type(field.type.name);
        if (target == nullptr || !is_composite(schema, target->name)) continue;
        const FieldSet* set = metadata.field_set(applied, *target);
        if (set == nullptr) continue;
        bool inactive = false;
        std::string kept = external_only(schema, metadata, set->root, inactive);
        if (!inactive) continue;
        changes.push_back({type->name, field.name, applied.name, k, kept});
      }
    }
  }
  for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
    Field* field = schema.find_type(it->type)->find_field(it->field);
    AppliedDirective original = field->directives[it->index];
    field->directives.erase(field->directives.begin() + static_cast<std::ptrdiff_t>(it->index));
    if (!it->replacement.empty()) {
      AppliedDirective replacement = make_directive(original.name, {{"fields", json::Value(it->replacement)}});
      replacement.sequence = sg.next_sequence++;
      field->directives.push_back(std::move(replacement));
    }
  }
}

}  // namespace junction::federation
