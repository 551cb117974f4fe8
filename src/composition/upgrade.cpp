// The Federation 1 → 2 upgrade (docs/federation/subgraphs.md §6.2-6.3).
#include <algorithm>
#include <map>

#include "composition/compose.h"
#include "federation/metadata.h"
#include "federation/text.h"

namespace junction::composition {

using namespace federation;  // NOLINT(google-build-using-namespace): this file works on the model

namespace {

AppliedDirective make_directive(std::string name, std::vector<std::pair<std::string, json::Value>> arguments = {}) {
  AppliedDirective out;
  out.name = std::move(name);
  out.arguments = std::move(arguments);
  return out;
}

void remove_directives(Directives& directives, const std::string& name) {
  directives.erase(
      std::remove_if(directives.begin(), directives.end(), [&](const AppliedDirective& d) { return d.name == name; }),
      directives.end());
}

bool is_composite(const Schema& schema, std::string_view name) {
  const Type* type = schema.find_type(name);
  return type != nullptr &&
         (type->kind == TypeKind::Object || type->kind == TypeKind::Interface || type->kind == TypeKind::Union);
}

bool is_root(const Schema& schema, const Type& type) {
  return std::any_of(schema.roots.begin(), schema.roots.end(), [&](const RootType& r) { return r.type == type.name; });
}

// An object/interface type that only extends (has @extends, or extension blocks only).
bool is_federation_extension(const Subgraph& sg, const Type& type) {
  if (type.kind != TypeKind::Object && type.kind != TypeKind::Interface) return false;
  return sg.has(type.directives, FedDirective::Extends) || (type.extension_count > 0 && !type.has_definition);
}

class Upgrader {
 public:
  Upgrader(Subgraph& subgraph, const std::vector<Subgraph>& all, size_t index)
      : sg_(subgraph), all_(all), index_(index), original_(subgraph), original_meta_(original_) {}

  FederationErrors run() {
    Schema& schema = sg_.schema;
    // 1. _FieldSet becomes federation__FieldSet.
    if (schema.find_type("_FieldSet") != nullptr) schema.rename_type("_FieldSet", "federation__FieldSet");
    // 2. Link federation v2.4.
    if (!link_federation()) return errors_;
    // 3. Extensions with no base anywhere.
    for (const auto& type : schema.types()) {
      const Type* before = original_.schema.find_type(type->name);
      if (before == nullptr || !is_federation_extension(original_, *before) || is_root(schema, *type)) continue;
      bool base = false;
      for (size_t i = 0; i < all_.size(); ++i) {
        if (i == index_) continue;
        const Type* other = all_[i].schema.find_type(type->name);
        if (other != nullptr && other->has_definition && !all_[i].has(other->directives, FedDirective::Extends)) {
          base = true;
        }
      }
      if (!base) {
        errors_.push_back(make_error("EXTENSION_WITH_NO_BASE",
                                     "Type \"" + type->name +
                                         "\" is an extension type, but there is no type "
                                         "definition for \"" +
                                         type->name + "\" in any subgraph.",
                                     &sg_, type->node));
      }
    }
    coerce_field_sets();
    const std::string& external = sg_.name_of(FedDirective::External);
    // 5-6. @external on interface fields and on object types.
    for (const auto& owned : schema.types()) {
      Type& type = *schema.find_type(owned->name);
      if (type.kind == TypeKind::Interface) {
        for (Field& field : type.fields) remove_directives(field.directives, external);
      }
      if (type.kind == TypeKind::Object) remove_directives(type.directives, external);
    }
    // 7. @external on key fields of extensions.
    remove_external_on_extension_keys();
    // 8. Inactive @provides/@requires.
    remove_inactive_provides_and_requires(sg_);
    // 9. Extensions become definitions.
    for (const auto& owned : schema.types()) {
      Type& type = *schema.find_type(owned->name);
      const Type* before = original_.schema.find_type(type.name);
      bool extension = before != nullptr && is_federation_extension(original_, *before);
      bool root_extension = is_root(schema, type) && type.extension_count > 0 && !type.has_definition;
      if (!extension && !root_extension) continue;
      make_definition(type);
    }
    // 10. @key on interfaces, @provides/@requires on interface fields.
    for (const auto& owned : schema.types()) {
      Type& type = *schema.find_type(owned->name);
      if (type.kind != TypeKind::Interface) continue;
      if (sg_.has(type.directives, FedDirective::Key)) interfaces_with_key_.push_back(type.name);
      remove_directives(type.directives, sg_.name_of(FedDirective::Key));
      for (Field& field : type.fields) {
        remove_directives(field.directives, sg_.name_of(FedDirective::Provides));
        remove_directives(field.directives, sg_.name_of(FedDirective::Requires));
      }
    }
    // 11. @provides on fields of non-composite types.
    for (const auto& owned : schema.types()) {
      Type& type = *schema.find_type(owned->name);
      if (type.kind != TypeKind::Object) continue;
      for (Field& field : type.fields) {
        if (!is_composite(schema, field.type.name))
          remove_directives(field.directives, sg_.name_of(FedDirective::Provides));
      }
    }
    // 12. Unused externals.
    remove_unused_externals();
    // 13. @shareable.
    add_shareable();
    // 14. @tag on external fields that another subgraph tags the same way.
    remove_tags_on_externals();
    if (!errors_.empty()) return errors_;
    return validate_subgraph_again();
  }

  const std::vector<std::string>& interfaces_with_key() const { return interfaces_with_key_; }

 private:
  bool link_federation() {
    Schema& schema = sg_.schema;
    if (sg_.features.empty()) {
      schema.schema_directives.insert(
          schema.schema_directives.begin(),
          make_directive("link", {{"url", json::Value(std::string(kLinkIdentity) + "/v1.0")}}));
      LinkedFeature link;
      link.url = {std::string(kLinkIdentity), "link", {1, 0}};
      link.alias = "link";
      (void)sg_.features.add(link);
      if (schema.find_directive_definition("link") == nullptr) {
        const Spec* spec = find_spec(kLinkIdentity, {1, 0});
        for (const auto& spec_type : spec->definitions.types()) {
          std::string name = link.type_name_in_schema(spec_type->name);
          if (schema.find_type(name) != nullptr) continue;
          Type& added = schema.add_type(spec_type->kind, name);
          added = *spec_type;
          added.name = name;
        }
        DirectiveDefinition definition = *spec->definitions.find_directive_definition("link");
        for (InputValue& argument : definition.arguments) {
          if (spec->definitions.find_type(argument.type.name) != nullptr) {
            argument.type.name = link.type_name_in_schema(argument.type.name);
          }
        }
        schema.add_directive_definition(std::move(definition));
      }
    }
    json::Value imports = json::Value::array();
    for (const char* name : {"@key", "@requires", "@provides", "@external", "@tag", "@extends", "@shareable",
                             "@inaccessible", "@override", "@composeDirective", "@interfaceObject"}) {
      imports.push(json::Value(name));
    }
    AppliedDirective federation_link =
        make_directive("link", {{"url", json::Value(std::string(kFederationIdentity) + "/v2.4")}, {"import", imports}});
    federation_link.sequence = sg_.next_sequence++;
    schema.schema_directives.push_back(federation_link);
    LinkedFeature feature;
    feature.url = {std::string(kFederationIdentity), "federation", {2, 4}};
    feature.alias = "federation";
    std::vector<std::string> ignored;
    feature.imports = parse_imports(imports, nullptr, ignored);
    std::vector<std::string> problems = sg_.features.add(feature);
    for (std::string& problem : problems) {
      errors_.push_back(make_error("INVALID_LINK_DIRECTIVE_USAGE", std::move(problem), &sg_));
    }
    if (!errors_.empty()) return false;
    FederationErrors completion = complete_subgraph_schema(sg_);
    for (FederationError& error : completion) errors_.push_back(std::move(error));
    return errors_.empty();
  }

  void coerce_field_sets() {
    Schema& schema = sg_.schema;
    auto coerce = [&](Directives& directives, FedDirective which) {
      const std::string& name = sg_.name_of(which);
      std::vector<AppliedDirective> replacements;
      for (auto it = directives.begin(); it != directives.end();) {
        const json::Value* fields = it->name == name ? it->argument("fields") : nullptr;
        bool list = fields != nullptr && fields->is_array();
        bool enum_literal = false;
        if (fields != nullptr && fields->is_string() && it->node != nullptr) {
          for (const graphql::Argument* argument : it->node->arguments) {
            if (argument->name == "fields" && argument->value->kind == graphql::Kind::EnumValue) enum_literal = true;
          }
        }
        if (!list && !enum_literal) {
          ++it;
          continue;
        }
        std::string text;
        if (list) {
          for (const json::Value& item : fields->as_array()) {
            if (!item.is_string()) continue;
            if (!text.empty()) text += ' ';
            text += item.as_string();
          }
        } else {
          text = fields->as_string();
        }
        AppliedDirective replacement = *it;
        replacement.node = nullptr;
        replacement.sequence = sg_.next_sequence++;
        for (auto& [argument, value] : replacement.arguments) {
          if (argument == "fields") value = json::Value(text);
        }
        replacements.push_back(std::move(replacement));
        it = directives.erase(it);
      }
      for (AppliedDirective& replacement : replacements) directives.push_back(std::move(replacement));
    };
    for (const auto& owned : schema.types()) {
      Type& type = *schema.find_type(owned->name);
      coerce(type.directives, FedDirective::Key);
      for (Field& field : type.fields) {
        coerce(field.directives, FedDirective::Requires);
        coerce(field.directives, FedDirective::Provides);
      }
    }
  }

  // Names of the fields a field set selects at its top level.
  std::vector<std::string> top_level_fields(const Schema& schema, const Type& type, const AppliedDirective& key) const {
    std::vector<std::string> out;
    const json::Value* fields = key.argument("fields");
    if (fields == nullptr || !fields->is_string()) return out;
    FieldSetOptions options;
    options.validate = false;
    FieldSetResult parsed = parse_field_set(schema, type, fields->as_string(), options);
    if (parsed.error) return out;
    for (const FieldSetSelection& selection : parsed.field_set->root.selections) {
      if (!selection.is_fragment) out.push_back(selection.name);
    }
    return out;
  }

  void remove_external_on_extension_keys() {
    Schema& schema = sg_.schema;
    const std::string& external = sg_.name_of(FedDirective::External);
    for (const auto& owned : schema.types()) {
      Type& type = *schema.find_type(owned->name);
      const Type* before = original_.schema.find_type(type.name);
      bool extension = before != nullptr && is_federation_extension(original_, *before);
      bool root_extension = is_root(schema, type) && type.extension_count > 0 && !type.has_definition;
      if (!extension && !root_extension) continue;
      std::vector<std::string> key_fields;
      auto keys = sg_.applications(type.directives, FedDirective::Key);
      if (!keys.empty()) {
        for (const AppliedDirective* key : keys) {
          for (std::string& name : top_level_fields(schema, type, *key)) key_fields.push_back(std::move(name));
        }
      } else {
        for (size_t i = 0; i < all_.size(); ++i) {
          if (i == index_) continue;
          const Type* other = all_[i].schema.find_type(type.name);
          if (other == nullptr) continue;
          auto other_keys = all_[i].applications(other->directives, FedDirective::Key);
          if (other_keys.empty()) continue;
          for (std::string& name : top_level_fields(all_[i].schema, *other, *other_keys.front())) {
            key_fields.push_back(std::move(name));
          }
        }
      }
      for (Field& field : type.fields) {
        if (std::find(key_fields.begin(), key_fields.end(), field.name) != key_fields.end()) {
          remove_directives(field.directives, external);
        }
      }
    }
  }

  static void make_definition(Type& type) {
    type.has_definition = true;
    type.preserve_empty = true;
    type.extension_count = 0;
    for (AppliedDirective& directive : type.directives) directive.extension = kDefinition;
    for (TypeMember& member : type.interfaces) member.extension = kDefinition;
    for (TypeMember& member : type.members) member.extension = kDefinition;
    for (Field& field : type.fields) field.extension = kDefinition;
    for (InputValue& field : type.input_fields) field.extension = kDefinition;
    for (EnumValue& value : type.values) value.extension = kDefinition;
  }

  bool referenced(const Schema& schema, const std::string& name) const {
    for (const auto& type : schema.types()) {
      for (const Field& field : type->fields) {
        if (field.type.name == name) return true;
        for (const InputValue& argument : field.arguments) {
          if (argument.type.name == name) return true;
        }
      }
      for (const TypeMember& member : type->members) {
        if (member.name == name) return true;
      }
      for (const TypeMember& member : type->interfaces) {
        if (member.name == name) return true;
      }
    }
    return std::any_of(schema.roots.begin(), schema.roots.end(), [&](const RootType& r) { return r.type == name; });
  }

  void remove_unused_externals() {
    Schema& schema = sg_.schema;
    SubgraphMetadata metadata(sg_);
    std::vector<std::string> emptied;
    for (const auto& owned : schema.types()) {
      Type& type = *schema.find_type(owned->name);
      if (type.kind != TypeKind::Object && type.kind != TypeKind::Interface) continue;
      std::vector<std::string> unused;
      for (const Field& field : type.fields) {
        if (metadata.is_external(type, field) && !metadata.is_used(field)) unused.push_back(field.name);
      }
      if (unused.empty()) continue;
      type.fields.erase(std::remove_if(type.fields.begin(), type.fields.end(),
                                       [&](const Field& f) {
                                         return std::find(unused.begin(), unused.end(), f.name) != unused.end();
                                       }),
                        type.fields.end());
      if (type.fields.empty()) emptied.push_back(type.name);
    }
    for (const std::string& name : emptied) {
      if (!referenced(schema, name)) {
        schema.remove_type(name);
        continue;
      }
      errors_.push_back(
          make_error("TYPE_WITH_ONLY_UNUSED_EXTERNAL",
                     "Type " + name +
                         " contains only external fields and all those fields are all unused (they do not "
                         "appear in any @key, @provides or @requires).",
                     &sg_, schema.find_type(name)->node));
    }
  }

  void add_shareable() {
    Schema& schema = sg_.schema;
    const std::string& shareable = sg_.name_of(FedDirective::Shareable);
    const RootType* subscription = schema.root(graphql::OperationType::Subscription);
    std::vector<std::unique_ptr<SubgraphMetadata>> others;
    for (const Subgraph& other : all_) others.push_back(std::make_unique<SubgraphMetadata>(other));
    for (const auto& owned : schema.types()) {
      Type& type = *schema.find_type(owned->name);
      if (type.kind != TypeKind::Object) continue;
      if (subscription != nullptr && subscription->type == type.name) continue;
      bool entity_or_root = sg_.has(type.directives, FedDirective::Key) || is_root(schema, type);
      if (entity_or_root) {
        const Type* before = original_.schema.find_type(type.name);
        for (Field& field : type.fields) {
          const Field* original_field = before != nullptr ? before->find_field(field.name) : nullptr;
          if (original_field != nullptr && original_meta_.is_shareable(*before, *original_field)) continue;
          bool elsewhere = false;
          for (size_t i = 0; i < all_.size(); ++i) {
            if (i == index_) continue;
            const Type* other = all_[i].schema.find_type(type.name);
            const Field* other_field = other != nullptr ? other->find_field(field.name) : nullptr;
            if (other_field == nullptr) continue;
            if (!others[i]->is_external(*other, *other_field) ||
                others[i]->is_partially_external(*other, *other_field)) {
              elsewhere = true;
            }
          }
          if (elsewhere && !sg_.has(field.directives, FedDirective::Shareable)) {
            AppliedDirective added = make_directive(shareable);
            added.sequence = sg_.next_sequence++;
            field.directives.push_back(std::move(added));
          }
        }
        continue;
      }
      bool elsewhere = false;
      for (size_t i = 0; i < all_.size(); ++i) {
        if (i == index_) continue;
        const Type* other = all_[i].schema.find_type(type.name);
        if (other != nullptr && (other->kind == TypeKind::Object || other->kind == TypeKind::Interface))
          elsewhere = true;
      }
      if (elsewhere && !sg_.has(type.directives, FedDirective::Shareable)) {
        AppliedDirective added = make_directive(shareable);
        added.sequence = sg_.next_sequence++;
        type.directives.push_back(std::move(added));
      }
    }
  }

  void remove_tags_on_externals() {
    Schema& schema = sg_.schema;
    const std::string& tag = sg_.name_of(FedDirective::Tag);
    if (schema.find_directive_definition(tag) == nullptr) return;
    SubgraphMetadata metadata(sg_);
    for (const auto& owned : schema.types()) {
      Type& type = *schema.find_type(owned->name);
      for (Field& field : type.fields) {
        if (!metadata.is_external(type, field)) continue;
        field.directives.erase(std::remove_if(field.directives.begin(), field.directives.end(),
                                              [&](const AppliedDirective& applied) {
                                                if (applied.name != tag) return false;
                                                for (size_t i = 0; i < all_.size(); ++i) {
                                                  if (i == index_) continue;
                                                  const Type* other = all_[i].schema.find_type(type.name);
                                                  const Field* other_field =
                                                      other != nullptr ? other->find_field(field.name) : nullptr;
                                                  if (other_field == nullptr ||
                                                      all_[i].has(other_field->directives, FedDirective::External)) {
                                                    continue;
                                                  }
                                                  for (const AppliedDirective& candidate : other_field->directives) {
                                                    if (candidate.name == all_[i].name_of(FedDirective::Tag) &&
                                                        candidate.arguments == applied.arguments) {
                                                      return true;
                                                    }
                                                  }
                                                }
                                                return false;
                                              }),
                               field.directives.end());
      }
    }
  }

  FederationErrors validate_subgraph_again() {
    // validate_subgraph prefixes the errors itself.
    FederationErrors errors = validate_subgraph(sg_);
    for (FederationError& error : errors) {
      // validate_subgraph already added "[name] "; the caller adds it to the others.
      error.message = error.message.substr(sg_.name.size() + 3);
    }
    return errors;
  }

  Subgraph& sg_;
  const std::vector<Subgraph>& all_;
  size_t index_;
  Subgraph original_;
  SubgraphMetadata original_meta_;
  FederationErrors errors_;
  std::vector<std::string> interfaces_with_key_;
};

}  // namespace

FederationErrors upgrade_subgraphs(std::vector<Subgraph>& subgraphs) {
  bool all_fed2 = std::all_of(subgraphs.begin(), subgraphs.end(), [](const Subgraph& s) { return s.fed2; });
  if (all_fed2) return {};
  const std::vector<Subgraph> originals = subgraphs;
  FederationErrors errors;
  std::vector<std::pair<std::string, size_t>> interface_objects;     // type, subgraph
  std::map<std::string, std::vector<std::string>> keyed_interfaces;  // type → fed1 subgraphs
  for (size_t i = 0; i < subgraphs.size(); ++i) {
    Subgraph& subgraph = subgraphs[i];
    if (subgraph.fed2) {
      for (const auto& type : subgraph.schema.types()) {
        if (subgraph.has(type->directives, FedDirective::InterfaceObject))
          interface_objects.emplace_back(type->name, i);
      }
      continue;
    }
    Upgrader upgrader(subgraph, originals, i);
    subgraph.fed2 = true;
    subgraph.federation_version = {2, 4};
    FederationErrors problems = upgrader.run();
    if (!problems.empty()) {
      prefix_errors(problems, subgraph.name);
      for (FederationError& problem : problems) errors.push_back(std::move(problem));
      continue;
    }
    for (const std::string& name : upgrader.interfaces_with_key()) keyed_interfaces[name].push_back(subgraph.name);
  }
  std::vector<std::string> reported;
  for (const auto& [name, index] : interface_objects) {
    auto keyed = keyed_interfaces.find(name);
    if (keyed == keyed_interfaces.end()) continue;
    if (std::find(reported.begin(), reported.end(), name) != reported.end()) continue;
    reported.push_back(name);
    std::vector<std::string> users;
    for (const auto& [other_name, other_index] : interface_objects) {
      if (other_name == name) users.push_back(subgraphs[other_index].name);
    }
    errors.push_back(FederationError{
        "INTERFACE_OBJECT_USAGE_ERROR",
        "The @interfaceObject directive is used on type \"" + name + "\" in " + subgraph_names(users) +
            ", which requires other subgraphs to resolve its type name via an interface @key. However, @key on an "
            "interface in a federation 1 subgraph does not mean it can fulfill the __typename-resolution requirement "
            "that @interfaceObject depends on. For " +
            subgraph_names(keyed->second) +
            ", either upgrade them to federation 2 subgraphs or remove @key from the type.",
        {},
        std::nullopt});
  }
  return errors;
}

}  // namespace junction::composition
