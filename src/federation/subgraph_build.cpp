// buildSubgraph: the passes of Apollo's buildSchemaFromAST over a subgraph's SDL, @link
// processing and completion with the federation definitions (docs/federation/subgraphs.md
// §2-4). "Thrown" errors end the build with only that error; "collected" ones accumulate.
#include <algorithm>
#include <map>
#include <unordered_map>

#include "federation/subgraph.h"
#include "federation/text.h"
#include "schema/values.h"

namespace junction::federation {

// ---- Subgraph ------------------------------------------------------------------------------

bool Subgraph::has(const Directives& directives, FedDirective which) const {
  const std::string& wanted = name_of(which);
  if (wanted.empty()) return false;
  return std::any_of(directives.begin(), directives.end(), [&](const AppliedDirective& d) { return d.name == wanted; });
}

std::vector<const AppliedDirective*> Subgraph::applications(const Directives& directives, FedDirective which) const {
  std::vector<const AppliedDirective*> out;
  const std::string& wanted = name_of(which);
  if (wanted.empty()) return out;
  for (const AppliedDirective& directive : directives) {
    if (directive.name == wanted) out.push_back(&directive);
  }
  return out;
}

const Type* Subgraph::root_type(graphql::OperationType operation) const {
  const RootType* root = schema.root(operation);
  return root != nullptr ? schema.find_type(root->type) : nullptr;
}

const Type* Subgraph::query_type() const { return root_type(graphql::OperationType::Query); }

std::optional<SourceLocation> Subgraph::locate(const graphql::Node* node) const {
  if (node == nullptr || document == nullptr) return std::nullopt;
  return document->locate(node);
}

void Subgraph::compute_names() {
  directive_names.fill({});
  type_names.fill({});
  const LinkedFeature* federation = features.by_identity(kFederationIdentity);
  if (fed2 && federation != nullptr) {
    const Spec* spec = find_spec(kFederationIdentity, federation->url.version);
    if (spec == nullptr) return;
    for (int i = 0; i < kFedDirectiveCount; ++i) {
      auto which = static_cast<FedDirective>(i);
      if (spec->has_element(spec_name(which), true)) {
        directive_names[static_cast<size_t>(i)] = federation->directive_name_in_schema(spec_name(which));
      }
    }
    for (int i = 0; i < kFedTypeCount; ++i) {
      auto which = static_cast<FedType>(i);
      if (spec->has_element(spec_name(which), false)) {
        type_names[static_cast<size_t>(i)] = federation->type_name_in_schema(spec_name(which));
      }
    }
    return;
  }
  for (FedDirective which : {FedDirective::Key, FedDirective::Requires, FedDirective::Provides, FedDirective::External,
                             FedDirective::Tag, FedDirective::Extends}) {
    directive_names[static_cast<size_t>(which)] = std::string(spec_name(which));
  }
  type_names[static_cast<size_t>(FedType::FieldSet)] = "_FieldSet";
}

std::string_view apollo_kind_name(TypeKind kind) {
  switch (kind) {
    case TypeKind::Scalar: return "ScalarType";
    case TypeKind::Object: return "ObjectType";
    case TypeKind::Interface: return "InterfaceType";
    case TypeKind::Union: return "UnionType";
    case TypeKind::Enum: return "EnumType";
    case TypeKind::InputObject: return "InputObjectType";
  }
  return "ObjectType";
}

FederationError make_error(std::string code, std::string message, const Subgraph* subgraph, const graphql::Node* node) {
  FederationError error{std::move(code), std::move(message), {}, std::nullopt};
  if (subgraph != nullptr) {
    error.subgraph = subgraph->name;
    error.location = subgraph->locate(node);
  }
  return error;
}

void prefix_errors(FederationErrors& errors, const std::string& subgraph_name) {
  for (FederationError& error : errors) {
    error.message = "[" + subgraph_name + "] " + error.message;
    if (error.subgraph.empty()) error.subgraph = subgraph_name;
  }
}

std::string unknown_directive_message(const Subgraph& subgraph, std::string_view name) {
  std::string message = "Unknown directive \"@" + std::string(name) + "\".";
  std::vector<std::string> options;
  for (std::string_view builtin : {"include", "skip", "deprecated", "specifiedBy", "defer", "stream"}) {
    if (subgraph.schema.find_directive_definition(builtin) == nullptr) options.emplace_back(builtin);
  }
  for (const DirectiveDefinition& definition : subgraph.schema.directive_definitions()) {
    options.push_back(definition.name);
  }
  std::vector<std::string> suggestions = federation_suggestions(name, options);
  if (!suggestions.empty()) {
    for (std::string& suggestion : suggestions) suggestion = "@" + suggestion;
    return message + federation_did_you_mean(suggestions);
  }
  if (auto which = fed_directive_named(name)) {
    if (subgraph.fed2) {
      const LinkedFeature* federation = subgraph.features.by_identity(kFederationIdentity);
      if (federation == nullptr) return message;
      std::string in_schema = federation->directive_name_in_schema(name);
      std::string prefix = federation->alias + "__";
      if (in_schema.rfind(prefix, 0) == 0) {
        return message + " If you meant the \"@" + std::string(name) +
               "\" federation directive, you should use fully-qualified name \"@" + in_schema + "\" or add \"@" +
               std::string(name) + "\" to the `import` argument of the @link to the federation specification.";
      }
      return message + " If you meant the \"@" + std::string(name) + "\" federation directive, you should use \"@" +
             in_schema +
             "\" as it is imported under that name in the @link to the federation specification of this schema.";
    }
    return message + " If you meant the \"@" + std::string(name) +
           "\" federation 2 directive, note that this schema is a federation 1 schema. To be a federation 2 schema, it "
           "needs to @link to the federation specifcation v2.";
  }
  if (!subgraph.fed2) {
    std::vector<std::string> federation_names;
    for (int i = 0; i < kFedDirectiveCount; ++i) federation_names.emplace_back(spec_name(static_cast<FedDirective>(i)));
    std::vector<std::string> close = federation_suggestions(name, federation_names);
    if (!close.empty()) {
      for (std::string& suggestion : close) suggestion = "@" + suggestion;
      return message + federation_did_you_mean(close) +
             (close.size() == 1
                  ? " If so, note that it is a federation 2 directive but this schema is a federation 1 "
                    "one. To be a federation 2 schema, it needs to @link to the federation specifcation v2."
                  : " If so, note that they are federation 2 directives but this schema is a federation "
                    "1 one. To be a federation 2 schema, it needs to @link to the federation specifcation "
                    "v2.");
    }
  }
  return message;
}

namespace {

bool is_introspection_type(std::string_view name) {
  for (std::string_view reserved : {"__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue",
                                    "__Directive", "__DirectiveLocation"}) {
    if (name == reserved) return true;
  }
  return false;
}

std::string_view default_root_name(graphql::OperationType operation) {
  switch (operation) {
    case graphql::OperationType::Query: return "Query";
    case graphql::OperationType::Mutation: return "Mutation";
    case graphql::OperationType::Subscription: return "Subscription";
  }
  return "Query";
}

void set_root(Schema& schema, graphql::OperationType operation, const std::string& type, int extension) {
  for (RootType& root : schema.roots) {
    if (root.operation == operation) {
      root.type = type;
      root.extension = extension;
      return;
    }
  }
  schema.roots.push_back({operation, type, extension});
}

// Renames the spec types an argument type refers to.
TypeRef rename_type(const TypeRef& ref, const Spec& spec, const LinkedFeature* feature) {
  TypeRef out = ref;
  if (spec.definitions.find_type(ref.name) != nullptr) {
    out.name = feature != nullptr ? feature->type_name_in_schema(ref.name) : ref.name;
  }
  return out;
}

bool is_input_kind(TypeKind kind) {
  return kind == TypeKind::Scalar || kind == TypeKind::Enum || kind == TypeKind::InputObject;
}
bool is_output_kind(TypeKind kind) { return kind != TypeKind::InputObject; }

// Adds (or checks against the user's definitions) the definitions of the linked specs.
class Completer {
 public:
  Completer(Subgraph& subgraph, FederationErrors& errors) : sg_(subgraph), schema_(subgraph.schema), errors_(errors) {}

  void complete() {
    const LinkedFeature* federation = sg_.features.by_identity(kFederationIdentity);
    if (federation != nullptr && find_spec(kFederationIdentity, federation->url.version) == nullptr) {
      collect("UNKNOWN_FEDERATION_LINK_VERSION",
              "Invalid version " + federation->url.version.to_string() +
                  " for the federation feature in @link directive on schema",
              federation->node);
      sg_.fed2 = federation->url.version.major == 2;
      return;
    }
    sg_.fed2 = federation != nullptr && federation->url.version.major == 2;
    if (sg_.fed2) {
      sg_.federation_version = federation->url.version;
      const Spec* spec = find_spec(kFederationIdentity, federation->url.version);
      sg_.compute_names();
      size_t before = errors_.size();
      add_definitions(*spec, federation, true);
      if (errors_.size() != before) return;
      expand_other_features();
      return;
    }
    sg_.fed2 = false;
    sg_.compute_names();
    complete_federation1();
    if (!sg_.features.empty()) expand_other_features();
  }

  void expand_other_features() {
    for (const LinkedFeature& feature : sg_.features.list()) {
      const std::string& id = feature.url.identity;
      if (id == kLinkIdentity || id == kFederationIdentity || id == kJoinIdentity) continue;
      if (const Spec* spec = find_spec(id, feature.url.version)) add_definitions(*spec, &feature, true);
    }
  }

  void complete_federation1() {
    for (std::string_view name : {"key", "provides", "requires"}) {
      const DirectiveDefinition* existing = schema_.find_directive_definition(name);
      if (existing == nullptr) continue;
      bool replace = existing->arguments.empty();
      if (existing->arguments.size() == 1) {
        std::string type = existing->arguments[0].type.to_string();
        replace = type == "String" || type == "_FieldSet" || type == "FieldSet";
      }
      if (replace) schema_.remove_directive_definition(name);
    }
    Spec fed1;
    fed1.definitions = federation1_definitions();
    add_definitions(fed1, nullptr, true);
  }

  // Check-or-add every type, then every directive, of a spec (names from `feature`).
  void add_definitions(const Spec& spec, const LinkedFeature* feature, bool check) {
    for (const auto& spec_type : spec.definitions.types()) {
      std::string name = feature != nullptr ? feature->type_name_in_schema(spec_type->name) : spec_type->name;
      const Type* existing = schema_.find_type(name);
      if (existing == nullptr) {
        Type& added = schema_.add_type(spec_type->kind, name);
        std::string keep = added.name;
        added = *spec_type;
        added.name = keep;
        for (InputValue& field : added.input_fields) field.type = rename_type(field.type, spec, feature);
        continue;
      }
      if (check) check_type(*existing, *spec_type, name);
    }
    for (const DirectiveDefinition& spec_directive : spec.definitions.directive_definitions()) {
      std::string name =
          feature != nullptr ? feature->directive_name_in_schema(spec_directive.name) : spec_directive.name;
      DirectiveDefinition expected = spec_directive;
      expected.name = name;
      for (InputValue& argument : expected.arguments) argument.type = rename_type(argument.type, spec, feature);
      const DirectiveDefinition* existing = schema_.find_directive_definition(name);
      if (existing == nullptr) {
        schema_.add_directive_definition(std::move(expected));
        continue;
      }
      if (check) check_directive(*existing, expected);
    }
  }

  void check_type(const Type& actual, const Type& expected, const std::string& name) {
    if (actual.kind != expected.kind) {
      collect("TYPE_DEFINITION_INVALID",
              "Invalid definition for type " + name + ": " + name + " should be a " +
                  std::string(apollo_kind_name(expected.kind)) + " but is defined as a " +
                  std::string(apollo_kind_name(actual.kind)),
              actual.node);
      return;
    }
    if (expected.kind == TypeKind::Enum) {
      std::vector<std::string> want;
      std::vector<std::string> got;
      for (const EnumValue& value : expected.values) want.push_back(value.name);
      for (const EnumValue& value : actual.values) got.push_back(value.name);
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      if (want != got) {
        collect("TYPE_DEFINITION_INVALID",
                "Invalid definition for type \"" + expected.name + "\": expected values [" +
                    join_strings(want, ", ", ", ", ", ") + "] but found [" + join_strings(got, ", ", ", ", ", ") + "].",
                actual.node);
      }
    }
  }

  bool is_custom_scalar(std::string_view name) const {
    const Type* type = schema_.find_type(name);
    return type != nullptr && type->kind == TypeKind::Scalar && !is_builtin_scalar(name);
  }

  void check_directive(const DirectiveDefinition& actual, const DirectiveDefinition& expected) {
    std::string d = "\"@" + expected.name + "\"";
    std::string prefix = "Invalid definition for directive " + d + ": ";
    for (const InputValue& want : expected.arguments) {
      const InputValue* got = actual.find_argument(want.name);
      if (got == nullptr) {
        if (want.type.is_non_null() && !want.default_value) {
          collect("DIRECTIVE_DEFINITION_INVALID", prefix + "missing required argument \"" + want.name + "\"");
        }
        continue;
      }
      TypeRef got_type = got->type;
      if (!want.type.is_non_null() && got_type.is_non_null()) got_type = got_type.nullable();
      bool same = got_type == want.type;
      bool redefinition = got_type.wrappers == want.type.wrappers && is_custom_scalar(want.type.name) &&
                          !is_custom_scalar(got_type.name);
      if (!same && !redefinition) {
        collect("DIRECTIVE_DEFINITION_INVALID",
                prefix + "argument \"" + want.name + "\" should have type \"" + want.type.to_string() +
                    "\" but found type \"" + got->type.to_string() + "\"",
                got->node);
        continue;
      }
      if (!got_type.is_non_null()) {
        json::Value want_default = want.default_value.value_or(json::Value());
        json::Value got_default = got->default_value.value_or(json::Value());
        if (!(want_default == got_default)) {
          collect("DIRECTIVE_DEFINITION_INVALID",
                  prefix + "argument \"" + want.name + "\" should have default value " +
                      untyped_value_to_string(want_default) + " but found default value " +
                      untyped_value_to_string(got_default),
                  got->node);
        }
      }
    }
    for (const InputValue& got : actual.arguments) {
      if (expected.find_argument(got.name) == nullptr) {
        collect("DIRECTIVE_DEFINITION_INVALID", prefix + "unknown/unsupported argument \"" + got.name + "\"", got.node);
      }
    }
    if (!expected.repeatable && actual.repeatable) {
      collect("DIRECTIVE_DEFINITION_INVALID", prefix + d + " should not be repeatable", actual.node);
    }
    bool subset = std::all_of(actual.locations.begin(), actual.locations.end(), [&](const std::string& location) {
      return std::find(expected.locations.begin(), expected.locations.end(), location) != expected.locations.end();
    });
    if (!subset) {
      collect("DIRECTIVE_DEFINITION_INVALID",
              prefix + d + " should have locations " + join_strings(expected.locations, ", ", ", ", ", ") +
                  ", but found (non-subset) " + join_strings(actual.locations, ", ", ", ", ", "),
              actual.node);
    }
  }

 private:
  void collect(std::string code, std::string message, const graphql::Node* node = nullptr) {
    errors_.push_back(make_error(std::move(code), std::move(message), &sg_, node));
  }

  Subgraph& sg_;
  Schema& schema_;
  FederationErrors& errors_;
};

class Builder {
 public:
  explicit Builder(Subgraph& subgraph) : sg_(subgraph), schema_(subgraph.schema), document_(*subgraph.document) {}

  // Runs every pass; returns the errors (thrown or collected), empty on success.
  FederationErrors run() {
    shallow_pass();
    if (thrown_) return {*thrown_};
    enum_values_pass();
    directive_definitions_pass();
    if (thrown_) return {*thrown_};
    schema_definitions_pass();
    if (thrown_) return {*thrown_};
    complete();
    if (thrown_) return {*thrown_};
    if (!thrown_list_.empty()) return thrown_list_;
    apply_deferred_schema_directives();
    if (thrown_) return {*thrown_};
    directive_argument_directives_pass();
    for (const auto* node : type_definitions_) {
      build_type_body(node, kDefinition);
      if (thrown_) return {*thrown_};
    }
    for (const auto& [node, extension] : type_extensions_) {
      build_type_body(node, extension);
      if (thrown_) return {*thrown_};
    }
    return std::move(errors_);
  }

 private:
  // ---- Helpers -----------------------------------------------------------------------------

  void collect(std::string code, std::string message, const graphql::Node* node = nullptr) {
    errors_.push_back(make_error(std::move(code), std::move(message), &sg_, node));
  }
  void throw_error(std::string message, const graphql::Node* node = nullptr) {
    if (!thrown_) thrown_ = make_error("INVALID_GRAPHQL", std::move(message), &sg_, node);
  }

  std::optional<TypeKind> kind_of_name(std::string_view name) const {
    if (const Type* type = schema_.find_type(name)) return type->kind;
    if (is_builtin_scalar(name)) return TypeKind::Scalar;
    return std::nullopt;
  }

  bool directive_exists(std::string_view name) const {
    return schema_.find_directive_definition(name) != nullptr || builtin_directive(name) != nullptr;
  }

  // Applies the directives written on an element; unknown ones are collected errors.
  void apply_directives(graphql::List<graphql::Directive> nodes, Directives& target, int extension) {
    for (const graphql::Directive* node : nodes) {
      if (!directive_exists(node->name)) {
        collect("INVALID_GRAPHQL", unknown_directive_message(sg_, node->name), node);
        continue;
      }
      target.push_back(applied_directive_from_ast(node, extension));
      target.back().sequence = sg_.next_sequence++;
    }
  }

  // ---- Pass 1: shallow ---------------------------------------------------------------------

  void shallow_pass() {
    for (const graphql::Definition* definition : document_.definitions()) {
      switch (definition->kind) {
        case graphql::Kind::OperationDefinition:
        case graphql::Kind::FragmentDefinition:
          collect("INVALID_GRAPHQL", "Invalid executable definition found while building schema", definition);
          break;
        case graphql::Kind::SchemaDefinition:
          schema_.has_schema_definition = true;
          schema_nodes_.emplace_back(static_cast<const graphql::SchemaDefinition*>(definition), kDefinition);
          break;
        case graphql::Kind::SchemaExtension:
          schema_extensions_.emplace_back(static_cast<const graphql::SchemaDefinition*>(definition),
                                          schema_.schema_extension_count++);
          break;
        case graphql::Kind::DirectiveDefinition: {
          const auto* node = static_cast<const graphql::DirectiveDefinition*>(definition);
          if (schema_.find_directive_definition(node->name) != nullptr) {
            throw_error("There can be only one directive named \"@" + std::string(node->name) + "\".", node);
            return;
          }
          DirectiveDefinition directive;
          directive.name = std::string(node->name);
          directive.node = node;
          schema_.add_directive_definition(std::move(directive));
          directive_nodes_.push_back(node);
          break;
        }
        default: {
          const auto* node = static_cast<const graphql::TypeDefinition*>(definition);
          if (is_introspection_type(node->name)) break;
          TypeKind kind = type_kind_of(node->kind);
          Type* type = schema_.find_type(node->name);
          if (node->is_extension()) {
            if (type == nullptr && is_builtin_scalar(node->name)) {
              throw_error("Cannot extend built-in type \"" + std::string(node->name) + "\"", node);
              return;
            }
          } else if (type != nullptr && type->has_definition) {
            throw_error("There can be only one type named \"" + std::string(node->name) + "\"", node);
            return;
          }
          if (type == nullptr) {
            type = &schema_.add_type(kind, std::string(node->name));
            type->has_definition = false;
            type->node = node;
            for (graphql::OperationType operation : {graphql::OperationType::Query, graphql::OperationType::Mutation,
                                                     graphql::OperationType::Subscription}) {
              if (kind == TypeKind::Object && type->name == default_root_name(operation) &&
                  schema_.root(operation) == nullptr) {
                set_root(schema_, operation, type->name, kDefinition);
              }
            }
          } else if (type->kind != kind) {
            throw_error("Cannot extend type \"" + type->name + "\" (a " + std::string(apollo_kind_name(type->kind)) +
                            ") with an extension of another kind.",
                        node);
            return;
          }
          if (node->is_extension()) {
            type_extensions_.emplace_back(node, type->extension_count++);
          } else {
            type->has_definition = true;
            type->preserve_empty = true;
            type_definitions_.push_back(node);
          }
        }
      }
    }
  }

  // ---- Pass 2: enum values -----------------------------------------------------------------

  void add_enum_values(const graphql::TypeDefinition* node, int extension) {
    Type* type = schema_.find_type(node->name);
    for (const graphql::EnumValueDefinition* value_node : node->values) {
      if (type->find_value(value_node->name) != nullptr) continue;
      EnumValue value;
      value.name = std::string(value_node->name);
      if (value_node->description != nullptr) value.description = std::string(value_node->description->value);
      value.extension = extension;
      value.node = value_node;
      type->values.push_back(std::move(value));
    }
  }

  void enum_values_pass() {
    for (const auto* node : type_definitions_) {
      if (node->kind == graphql::Kind::EnumTypeDefinition) add_enum_values(node, kDefinition);
    }
    for (const auto& [node, extension] : type_extensions_) {
      if (node->kind == graphql::Kind::EnumTypeExtension) add_enum_values(node, extension);
    }
  }

  // ---- Pass 3: directive definitions -------------------------------------------------------

  // Resolves an input value's type; false when thrown.
  bool build_input_value(const graphql::InputValueDefinition* node, InputValue& value, const std::string& coordinate) {
    value.name = std::string(node->name);
    if (node->description != nullptr) value.description = std::string(node->description->value);
    value.type = type_ref_from_ast(node->type);
    value.node = node;
    auto kind = kind_of_name(value.type.name);
    if (!kind) {
      throw_error("Unknown type " + value.type.name, node->type);
      return false;
    }
    if (!is_input_kind(*kind)) {
      collect("INVALID_GRAPHQL",
              "The type of \"" + coordinate + "\" must be Input Type but got \"" + value.type.name + "\", a " +
                  std::string(apollo_kind_name(*kind)) + ".",
              node->type);
    }
    if (node->default_value != nullptr) value.default_value = schema::value_from_ast_untyped(node->default_value);
    return true;
  }

  void directive_definitions_pass() {
    for (const graphql::DirectiveDefinition* node : directive_nodes_) {
      DirectiveDefinition* directive = schema_.find_directive_definition(node->name);
      for (const graphql::InputValueDefinition* argument_node : node->arguments) {
        InputValue argument;
        if (!build_input_value(argument_node, argument,
                               "@" + directive->name + "(" + std::string(argument_node->name) + ":)")) {
          return;
        }
        if (InputValue* existing = find_input(directive->arguments, argument.name)) {
          *existing = std::move(argument);
        } else {
          directive->arguments.push_back(std::move(argument));
        }
      }
      directive->repeatable = node->repeatable;
      for (graphql::Name location : node->locations) directive->locations.emplace_back(location);
      if (node->description != nullptr) directive->description = std::string(node->description->value);
    }
  }

  static InputValue* find_input(std::vector<InputValue>& values, std::string_view name) {
    for (InputValue& value : values) {
      if (value.name == name) return &value;
    }
    return nullptr;
  }

  // ---- Pass 4: schema definitions, @link ---------------------------------------------------

  void schema_definitions_pass() {
    std::vector<std::pair<const graphql::SchemaDefinition*, int>> all = schema_nodes_;
    all.insert(all.end(), schema_extensions_.begin(), schema_extensions_.end());
    for (const auto& [node, extension] : all) {
      for (const graphql::OperationTypeDefinition* operation : node->operation_types) {
        std::string type_name(operation->type->name);
        const Type* type = schema_.find_type(type_name);
        std::string_view kind_word = graphql::operation_type_name(operation->operation);
        if (type == nullptr) {
          collect("INVALID_GRAPHQL",
                  "Cannot set schema " + std::string(kind_word) + " root to unknown type " + type_name, operation);
          continue;
        }
        if (type->kind != TypeKind::Object) {
          std::string root = std::string(default_root_name(operation->operation));
          collect("INVALID_GRAPHQL",
                  root + " root type must be an Object type" +
                      (operation->operation == graphql::OperationType::Query ? "" : " if provided") +
                      ", it cannot be set to " + type_name + " (an " + std::string(apollo_kind_name(type->kind)) + ").",
                  operation);
          continue;
        }
        set_root(schema_, operation->operation, type_name, extension);
      }
      if (node->description != nullptr) schema_.description = std::string(node->description->value);
      for (const graphql::Directive* directive : node->directives) {
        if (is_link_application(directive->name)) {
          apply_link(directive, extension);
        } else {
          deferred_.emplace_back(directive, extension);
        }
      }
    }
  }

  bool is_link_application(std::string_view name) const {
    if (const LinkedFeature* core = sg_.features.by_identity(kLinkIdentity)) return name == core->alias;
    return name == "link";
  }

  static std::optional<std::string> string_argument(const AppliedDirective& directive, std::string_view name) {
    const json::Value* value = directive.argument(name);
    if (value == nullptr || !value->is_string()) return std::nullopt;
    return value->as_string();
  }

  // Adds the link spec's definitions the first time a @link is applied.
  void ensure_link_definitions(const AppliedDirective& first) {
    if (schema_.find_directive_definition(first.name) != nullptr) return;
    LinkedFeature naming;
    naming.url = FeatureUrl{std::string(kLinkIdentity), "link", {1, 0}};
    naming.alias = "link";
    auto url = string_argument(first, "url");
    if (url && url->rfind(kLinkIdentity, 0) == 0) {
      if (auto as = string_argument(first, "as")) naming.alias = *as;
      if (const json::Value* import = first.argument("import")) {
        std::vector<std::string> ignored;
        naming.imports = parse_imports(*import, nullptr, ignored);
      }
    }
    const Spec* spec = find_spec(kLinkIdentity, {1, 0});
    FederationErrors ignored;
    Completer(sg_, ignored).add_definitions(*spec, &naming, false);
  }

  void apply_link(const graphql::Directive* node, int extension) {
    AppliedDirective directive = applied_directive_from_ast(node, extension);
    directive.sequence = sg_.next_sequence++;
    ensure_link_definitions(directive);
    schema_.schema_directives.push_back(directive);
    if (!sg_.features.empty()) {
      // Path B: the schema is already core; a registration error is collected.
      for (FederationError& error : register_link(schema_.schema_directives.back()))
        errors_.push_back(std::move(error));
      return;
    }
    auto url = string_argument(directive, "url");
    if (url) {
      auto parsed = parse_feature_url(*url);
      if (parsed.ok() && parsed->identity == kLinkIdentity) {
        // The document links the link spec itself: the schema becomes core now, and the @link
        // applications already made are registered.
        for (FederationError& error : register_link(schema_.schema_directives.back()))
          errors_.push_back(std::move(error));
        for (const AppliedDirective& earlier : schema_.schema_directives) {
          if (&earlier == &schema_.schema_directives.back() || !is_link_application(earlier.name)) continue;
          for (FederationError& error : register_link(earlier)) errors_.push_back(std::move(error));
        }
      }
    }
  }

  // Registers one @link application as a feature; returns its errors.
  FederationErrors register_link(const AppliedDirective& directive) {
    FederationErrors out;
    auto url = string_argument(directive, "url");
    if (!url) return out;
    auto parsed = parse_feature_url(*url);
    if (!parsed.ok()) {
      std::string message = parsed.error().message();
      if (message == "Invalid URL") message = "Invalid URL \"" + *url + "\" in @link(url:): it is not a valid URL.";
      out.push_back(make_error("INVALID_LINK_IDENTIFIER", message, &sg_, directive.node));
      return out;
    }
    LinkedFeature feature;
    feature.url = *parsed;
    feature.alias = string_argument(directive, "as").value_or(parsed->name);
    feature.purpose = string_argument(directive, "for");
    feature.node = directive.node;
    if (parsed->identity == kLinkIdentity) {
      if (sg_.features.by_identity(kLinkIdentity) != nullptr) {
        out.push_back(make_error("INVALID_LINK_DIRECTIVE_USAGE", "Invalid duplicate application of @core/@link", &sg_,
                                 directive.node));
        return out;
      }
      if (parsed->version != Version{1, 0}) {
        out.push_back(make_error("UNKNOWN_LINK_VERSION",
                                 "Schema uses unknown version " + parsed->version.to_string() + " of the link spec",
                                 &sg_, directive.node));
        return out;
      }
    }
    const Spec* known = find_spec(parsed->identity, parsed->version);
    std::vector<std::string> problems;
    if (const json::Value* import = directive.argument("import"))
      feature.imports = parse_imports(*import, known, problems);
    if (problems.empty()) problems = sg_.features.add(std::move(feature));
    for (std::string& problem : problems) {
      out.push_back(make_error("INVALID_LINK_DIRECTIVE_USAGE", std::move(problem), &sg_, directive.node));
    }
    return out;
  }

  // ---- Completion --------------------------------------------------------------------------

  void complete() {
    if (sg_.features.empty()) {
      bool federation_link = false;
      for (const AppliedDirective& directive : schema_.schema_directives) {
        if (directive.name != "link") continue;
        auto url = string_argument(directive, "url");
        if (url && url->rfind(kFederationIdentity, 0) == 0) federation_link = true;
      }
      if (federation_link) {
        // Path A: insert the link spec's own @link first and register every @link in order;
        // an error thrown here ends the build.
        AppliedDirective core;
        core.name = "link";
        core.arguments.emplace_back("url", json::Value(std::string(kLinkIdentity) + "/v1.0"));
        schema_.schema_directives.insert(schema_.schema_directives.begin(), core);
        for (const AppliedDirective& directive : schema_.schema_directives) {
          if (directive.name != "link") continue;
          FederationErrors problems = register_link(directive);
          if (!problems.empty()) {
            thrown_list_ = std::move(problems);
            return;
          }
        }
      }
    }
    for (FederationError& error : complete_subgraph_schema(sg_)) errors_.push_back(std::move(error));
  }

  // ---- Passes 6-9 --------------------------------------------------------------------------

  void apply_deferred_schema_directives() {
    for (const auto& [node, extension] : deferred_) {
      if (!directive_exists(node->name)) {
        throw_error("Unknown directive \"@" + std::string(node->name) + "\".", node);
        return;
      }
      schema_.schema_directives.push_back(applied_directive_from_ast(node, extension));
      schema_.schema_directives.back().sequence = sg_.next_sequence++;
    }
  }

  void directive_argument_directives_pass() {
    for (const graphql::DirectiveDefinition* node : directive_nodes_) {
      DirectiveDefinition* directive = schema_.find_directive_definition(node->name);
      if (directive == nullptr) continue;  // replaced by a Federation 1 completion
      for (const graphql::InputValueDefinition* argument_node : node->arguments) {
        InputValue* argument = find_input(directive->arguments, argument_node->name);
        if (argument != nullptr && argument->node == argument_node) {
          apply_directives(argument_node->directives, argument->directives, kDefinition);
        }
      }
    }
  }

  bool is_query_root(const Type& type) const {
    const RootType* root = schema_.root(graphql::OperationType::Query);
    return root != nullptr && root->type == type.name;
  }

  void build_fields(const graphql::TypeDefinition* node, Type& type, int extension) {
    for (const graphql::FieldDefinition* field_node : node->fields) {
      if (type.find_field(field_node->name) != nullptr) {
        throw_error("Field " + std::string(field_node->name) + " already exists on " + type.name, field_node);
        return;
      }
      if (!sg_.fed2 && is_query_root(type) && (field_node->name == "_service" || field_node->name == "_entities")) {
        continue;
      }
      Field field;
      field.name = std::string(field_node->name);
      if (field_node->description != nullptr) field.description = std::string(field_node->description->value);
      field.type = type_ref_from_ast(field_node->type);
      field.extension = extension;
      field.node = field_node;
      std::string coordinate = type.name + "." + field.name;
      auto kind = kind_of_name(field.type.name);
      if (!kind) {
        throw_error("Unknown type " + field.type.name, field_node->type);
        return;
      }
      if (!is_output_kind(*kind)) {
        collect("INVALID_GRAPHQL",
                "The type of \"" + coordinate + "\" must be Output Type but got \"" + field.type.name + "\", a " +
                    std::string(apollo_kind_name(*kind)) + ".",
                field_node->type);
      }
      for (const graphql::InputValueDefinition* argument_node : field_node->arguments) {
        InputValue argument;
        if (!build_input_value(argument_node, argument, coordinate + "(" + std::string(argument_node->name) + ":)")) {
          return;
        }
        apply_directives(argument_node->directives, argument.directives, kDefinition);
        if (InputValue* existing = find_input(field.arguments, argument.name)) {
          *existing = std::move(argument);
        } else {
          field.arguments.push_back(std::move(argument));
        }
      }
      apply_directives(field_node->directives, field.directives, kDefinition);
      type.fields.push_back(std::move(field));
    }
  }

  void build_type_body(const graphql::TypeDefinition* node, int extension) {
    Type& type = *schema_.find_type(node->name);
    switch (type.kind) {
      case TypeKind::Object:
      case TypeKind::Interface:
        build_fields(node, type, extension);
        if (thrown_) return;
        for (const graphql::NamedType* interface_node : node->interfaces) {
          std::string name(interface_node->name);
          bool duplicate = std::any_of(type.interfaces.begin(), type.interfaces.end(),
                                       [&](const TypeMember& member) { return member.name == name; });
          auto kind = kind_of_name(name);
          if (duplicate) {
            collect("INVALID_GRAPHQL", "Type \"" + type.name + "\" can only implement \"" + name + "\" once.",
                    interface_node);
          } else if (!kind) {
            collect("INVALID_GRAPHQL", "Cannot implement unknown type " + name, interface_node);
          } else if (*kind != TypeKind::Interface) {
            collect("INVALID_GRAPHQL",
                    "Cannot implement non-interface type " + name + " (of type " +
                        std::string(apollo_kind_name(*kind)) + ")",
                    interface_node);
          } else {
            type.interfaces.push_back({name, extension});
          }
        }
        break;
      case TypeKind::Union:
        for (const graphql::NamedType* member_node : node->members) {
          std::string name(member_node->name);
          bool duplicate = std::any_of(type.members.begin(), type.members.end(),
                                       [&](const TypeMember& member) { return member.name == name; });
          auto kind = kind_of_name(name);
          if (duplicate) {
            collect("INVALID_GRAPHQL", "Union type \"" + type.name + "\" can only include type \"" + name + "\" once.",
                    member_node);
          } else if (!kind) {
            collect("INVALID_GRAPHQL", "Cannot add unknown type " + name + " as member of union type " + type.name,
                    member_node);
          } else if (*kind != TypeKind::Object) {
            collect("INVALID_GRAPHQL",
                    "Cannot add non-object type " + name + " (of type " + std::string(apollo_kind_name(*kind)) +
                        ") as member of union type " + type.name,
                    member_node);
          } else {
            type.members.push_back({name, extension});
          }
        }
        break;
      case TypeKind::InputObject:
        for (const graphql::InputValueDefinition* field_node : node->input_fields) {
          if (type.find_input_field(field_node->name) != nullptr) {
            throw_error("Field " + std::string(field_node->name) + " already exists on " + type.name, field_node);
            return;
          }
          InputValue field;
          if (!build_input_value(field_node, field, type.name + "." + std::string(field_node->name))) return;
          field.extension = extension;
          apply_directives(field_node->directives, field.directives, kDefinition);
          type.input_fields.push_back(std::move(field));
        }
        break;
      case TypeKind::Enum:
        for (const graphql::EnumValueDefinition* value_node : node->values) {
          for (EnumValue& value : type.values) {
            if (value.node == value_node) apply_directives(value_node->directives, value.directives, kDefinition);
          }
        }
        break;
      case TypeKind::Scalar: break;
    }
    apply_directives(node->directives, type.directives, extension);
    if (extension == kDefinition && node->description != nullptr)
      type.description = std::string(node->description->value);
  }

  Subgraph& sg_;
  Schema& schema_;
  const graphql::Document& document_;
  FederationErrors errors_;
  std::optional<FederationError> thrown_;
  FederationErrors thrown_list_;
  std::vector<const graphql::TypeDefinition*> type_definitions_;
  std::vector<std::pair<const graphql::TypeDefinition*, int>> type_extensions_;
  std::vector<const graphql::DirectiveDefinition*> directive_nodes_;
  std::vector<std::pair<const graphql::SchemaDefinition*, int>> schema_nodes_;
  std::vector<std::pair<const graphql::SchemaDefinition*, int>> schema_extensions_;
  std::vector<std::pair<const graphql::Directive*, int>> deferred_;
};

}  // namespace

FederationErrors complete_subgraph_schema(Subgraph& subgraph) {
  FederationErrors errors;
  Completer(subgraph, errors).complete();
  return errors;
}

Subgraph make_federation2_subgraph(std::string name, std::string url) {
  Subgraph subgraph;
  subgraph.name = std::move(name);
  subgraph.url = std::move(url);
  Schema& schema = subgraph.schema;
  schema.has_schema_definition = true;
  AppliedDirective link;
  link.name = "link";
  link.arguments.emplace_back("url", json::Value(std::string(kLinkIdentity) + "/v1.0"));
  schema.schema_directives.push_back(link);
  json::Value imports = json::Value::array();
  for (const char* element : {"@key", "@requires", "@provides", "@external", "@tag", "@extends", "@shareable",
                              "@inaccessible", "@override", "@composeDirective", "@interfaceObject"}) {
    imports.push(json::Value(element));
  }
  AppliedDirective federation;
  federation.name = "link";
  federation.arguments.emplace_back("url", json::Value(std::string(kFederationIdentity) + "/v2.14"));
  federation.arguments.emplace_back("import", imports);
  schema.schema_directives.push_back(federation);
  LinkedFeature link_feature;
  link_feature.url = {std::string(kLinkIdentity), "link", {1, 0}};
  link_feature.alias = "link";
  (void)subgraph.features.add(link_feature);
  LinkedFeature federation_feature;
  federation_feature.url = {std::string(kFederationIdentity), "federation", {2, 14}};
  federation_feature.alias = "federation";
  std::vector<std::string> ignored;
  federation_feature.imports = parse_imports(imports, nullptr, ignored);
  (void)subgraph.features.add(federation_feature);
  FederationErrors unused;
  Completer(subgraph, unused).add_definitions(*find_spec(kLinkIdentity, {1, 0}), &link_feature, false);
  (void)complete_subgraph_schema(subgraph);
  return subgraph;
}

SubgraphResult build_subgraph(std::string name, std::string url, std::shared_ptr<const graphql::Document> document) {
  SubgraphResult result;
  Subgraph subgraph;
  subgraph.name = std::move(name);
  subgraph.url = std::move(url);
  subgraph.document = std::move(document);
  FederationErrors errors = Builder(subgraph).run();
  if (errors.empty() && subgraph.name == "_") {
    errors.push_back(make_error("INVALID_SUBGRAPH_NAME", "Invalid name _ for a subgraph: this name is reserved"));
  }
  if (!errors.empty()) {
    prefix_errors(errors, subgraph.name);
    result.errors = std::move(errors);
    return result;
  }
  result.errors = validate_subgraph(subgraph);
  if (result.errors.empty()) result.subgraph = std::move(subgraph);
  return result;
}

}  // namespace junction::federation
