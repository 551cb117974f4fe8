#include "schema/validate_schema.h"

#include <unordered_map>
#include <unordered_set>

namespace junction::schema {
namespace {

bool is_equal_type(const Type* a, const Type* b) {
  if (a == b) return true;
  if (a->wrapper != b->wrapper) return false;
  if (a->is_named()) return a->named == b->named;
  return is_equal_type(a->of_type, b->of_type);
}

class SchemaValidator {
 public:
  explicit SchemaValidator(const Schema& schema) : schema_(schema) {}

  std::vector<Diagnostic> run() {
    validate_root_types();
    validate_directives();
    validate_types();
    return std::move(errors_);
  }

 private:
  void report(std::string message, std::initializer_list<const graphql::Node*> nodes) {
    report(std::move(message), std::vector<const graphql::Node*>(nodes));
  }
  void report(std::string message, const std::vector<const graphql::Node*>& nodes) {
    Diagnostic diagnostic{std::move(message), {}};
    const graphql::Document* document = schema_.document();
    for (const graphql::Node* node : nodes) {
      if (node != nullptr && document != nullptr) diagnostic.locations.push_back(document->locate(node));
    }
    errors_.push_back(std::move(diagnostic));
  }

  static std::vector<const graphql::Node*> type_nodes(const NamedType& type) {
    std::vector<const graphql::Node*> nodes;
    if (type.ast != nullptr) nodes.push_back(type.ast);
    nodes.insert(nodes.end(), type.extensions.begin(), type.extensions.end());
    return nodes;
  }

  static const graphql::Node* deprecated_directive(const graphql::InputValueDefinition* node) {
    if (node == nullptr) return nullptr;
    for (const graphql::Directive* directive : node->directives) {
      if (directive->name == "deprecated") return directive;
    }
    return nullptr;
  }
  static const graphql::Node* type_of(const graphql::InputValueDefinition* node) {
    return node != nullptr ? node->type : nullptr;
  }
  static const graphql::Node* type_of(const graphql::FieldDefinition* node) {
    return node != nullptr ? node->type : nullptr;
  }

  const graphql::Node* operation_type_node(graphql::OperationType operation) {
    std::vector<const graphql::SchemaDefinition*> nodes;
    if (schema_.ast() != nullptr) nodes.push_back(schema_.ast());
    for (const auto* extension : schema_.extension_asts()) nodes.push_back(extension);
    for (const auto* node : nodes) {
      for (const auto* operation_type : node->operation_types) {
        if (operation_type->operation == operation) return operation_type->type;
      }
    }
    return nullptr;
  }

  void validate_root_types() {
    const NamedType* query = schema_.query_type();
    if (query == nullptr) {
      report("Query root type must be provided.", {schema_.ast()});
    } else if (query->kind != TypeKind::Object) {
      const graphql::Node* node = operation_type_node(graphql::OperationType::Query);
      report("Query root type must be Object type, it cannot be " + std::string(query->name) + ".",
             {node != nullptr ? node : query->ast});
    }
    auto optional_root = [&](const NamedType* type, graphql::OperationType operation, std::string_view label) {
      if (type == nullptr || type->kind == TypeKind::Object) return;
      const graphql::Node* node = operation_type_node(operation);
      report(std::string(label) + " root type must be Object type if provided, it cannot be " +
                 std::string(type->name) + ".",
             {node != nullptr ? node : type->ast});
    };
    optional_root(schema_.mutation_type(), graphql::OperationType::Mutation, "Mutation");
    optional_root(schema_.subscription_type(), graphql::OperationType::Subscription, "Subscription");
  }

  void validate_name(std::string_view name, const graphql::Node* node) {
    if (name.starts_with("__")) {
      report(
          "Name \"" + std::string(name) + "\" must not begin with \"__\", which is reserved by GraphQL introspection.",
          {node});
    }
  }

  void validate_directives() {
    for (const Directive* directive : schema_.directives()) {
      if (directive->builtin) continue;  // the specified directives are valid by construction
      validate_name(directive->name, directive->ast);
      if (directive->locations.empty()) {
        report("Directive @" + std::string(directive->name) + " must include 1 or more locations.", {directive->ast});
      }
      for (const InputValue& argument : directive->arguments) {
        validate_name(argument.name, argument.ast);
        if (!is_input_type(argument.type)) {
          report("The type of @" + std::string(directive->name) + "(" + std::string(argument.name) +
                     ":) must be Input Type but got: " + type_to_string(argument.type) + ".",
                 {argument.ast});
        }
        if (argument.is_required() && argument.deprecation_reason) {
          report("Required argument @" + std::string(directive->name) + "(" + std::string(argument.name) +
                     ":) cannot be deprecated.",
                 {deprecated_directive(argument.ast), type_of(argument.ast)});
        }
      }
    }
  }

  void validate_types() {
    for (const NamedType* type : schema_.types()) {
      if (type->builtin) continue;
      validate_name(type->name, type->ast);
      switch (type->kind) {
        case TypeKind::Object:
        case TypeKind::Interface:
          validate_fields(*type);
          validate_interfaces(*type);
          break;
        case TypeKind::Union: validate_union_members(*type); break;
        case TypeKind::Enum:
          if (type->values.empty()) {
            report("Enum type " + std::string(type->name) + " must define one or more values.", type_nodes(*type));
          }
          for (const EnumValue& value : type->values) validate_name(value.name, value.ast);
          break;
        case TypeKind::InputObject:
          validate_input_fields(*type);
          detect_input_cycles(type);
          break;
        case TypeKind::Scalar: break;
      }
    }
  }

  void validate_fields(const NamedType& type) {
    if (type.fields.empty()) {
      report("Type " + std::string(type.name) + " must define one or more fields.", type_nodes(type));
    }
    for (const Field& field : type.fields) {
      validate_name(field.name, field.ast);
      if (!is_output_type(field.type)) {
        report("The type of " + std::string(type.name) + "." + std::string(field.name) +
                   " must be Output Type but got: " + type_to_string(field.type) + ".",
               {type_of(field.ast)});
      }
      for (const InputValue& argument : field.arguments) {
        validate_name(argument.name, argument.ast);
        auto coordinate = [&] {
          return std::string(type.name) + "." + std::string(field.name) + "(" + std::string(argument.name) + ":)";
        };
        if (!is_input_type(argument.type)) {
          report("The type of " + coordinate() + " must be Input Type but got: " + type_to_string(argument.type) + ".",
                 {type_of(argument.ast)});
        }
        if (argument.is_required() && argument.deprecation_reason) {
          report("Required argument " + coordinate() + " cannot be deprecated.",
                 {deprecated_directive(argument.ast), type_of(argument.ast)});
        }
      }
    }
  }

  static std::vector<const graphql::Node*> implements_nodes(const NamedType& type, const NamedType* interface_type) {
    std::vector<const graphql::Node*> nodes;
    for (const graphql::Node* node : type_nodes(type)) {
      for (const graphql::NamedType* ref : static_cast<const graphql::TypeDefinition*>(node)->interfaces) {
        if (ref->name == interface_type->name) nodes.push_back(ref);
      }
    }
    return nodes;
  }

  void validate_interfaces(const NamedType& type) {
    std::unordered_set<std::string_view> seen;
    for (const NamedType* interface_type : type.interfaces) {
      if (interface_type->kind != TypeKind::Interface) {
        report("Type " + std::string(type.name) + " must only implement Interface types, it cannot implement " +
                   std::string(interface_type->name) + ".",
               implements_nodes(type, interface_type));
        continue;
      }
      if (interface_type == &type) {
        report(
            "Type " + std::string(type.name) + " cannot implement itself because it would create a circular reference.",
            implements_nodes(type, interface_type));
        continue;
      }
      if (!seen.insert(interface_type->name).second) {
        report("Type " + std::string(type.name) + " can only implement " + std::string(interface_type->name) + " once.",
               implements_nodes(type, interface_type));
        continue;
      }
      validate_implements_ancestors(type, *interface_type);
      validate_implements_interface(type, *interface_type);
    }
  }

  void validate_implements_ancestors(const NamedType& type, const NamedType& interface_type) {
    for (const NamedType* transitive : interface_type.interfaces) {
      if (type.implements(transitive)) continue;
      std::string message =
          transitive == &type ? "Type " + std::string(type.name) + " cannot implement " +
                                    std::string(interface_type.name) + " because it would create a circular reference."
                              : "Type " + std::string(type.name) + " must implement " + std::string(transitive->name) +
                                    " because it is implemented by " + std::string(interface_type.name) + ".";
      std::vector<const graphql::Node*> nodes = implements_nodes(interface_type, transitive);
      auto more = implements_nodes(type, &interface_type);
      nodes.insert(nodes.end(), more.begin(), more.end());
      report(std::move(message), nodes);
    }
  }

  void validate_implements_interface(const NamedType& type, const NamedType& interface_type) {
    for (const Field& interface_field : interface_type.fields) {
      std::string field_name(interface_field.name);
      const Field* type_field = type.find_field(interface_field.name);
      if (type_field == nullptr) {
        std::vector<const graphql::Node*> nodes{interface_field.ast};
        auto more = type_nodes(type);
        nodes.insert(nodes.end(), more.begin(), more.end());
        report("Interface field " + std::string(interface_type.name) + "." + field_name + " expected but " +
                   std::string(type.name) + " does not provide it.",
               nodes);
        continue;
      }
      if (!schema_.is_type_sub_type_of(type_field->type, interface_field.type)) {
        report("Interface field " + std::string(interface_type.name) + "." + field_name + " expects type " +
                   type_to_string(interface_field.type) + " but " + std::string(type.name) + "." + field_name +
                   " is type " + type_to_string(type_field->type) + ".",
               {type_of(interface_field.ast), type_of(type_field->ast)});
      }
      for (const InputValue& interface_argument : interface_field.arguments) {
        std::string argument_name(interface_argument.name);
        const InputValue* type_argument = type_field->find_argument(interface_argument.name);
        if (type_argument == nullptr) {
          report("Interface field argument " + std::string(interface_type.name) + "." + field_name + "(" +
                     argument_name + ":) expected but " + std::string(type.name) + "." + field_name +
                     " does not provide it.",
                 {interface_argument.ast, type_field->ast});
          continue;
        }
        if (!is_equal_type(interface_argument.type, type_argument->type)) {
          report("Interface field argument " + std::string(interface_type.name) + "." + field_name + "(" +
                     argument_name + ":) expects type " + type_to_string(interface_argument.type) + " but " +
                     std::string(type.name) + "." + field_name + "(" + argument_name + ":) is type " +
                     type_to_string(type_argument->type) + ".",
                 {type_of(interface_argument.ast), type_of(type_argument->ast)});
        }
      }
      for (const InputValue& type_argument : type_field->arguments) {
        if (interface_field.find_argument(type_argument.name) == nullptr && type_argument.is_required()) {
          report("Object field " + std::string(type.name) + "." + field_name + " includes required argument " +
                     std::string(type_argument.name) + " that is missing from the Interface field " +
                     std::string(interface_type.name) + "." + field_name + ".",
                 {type_argument.ast, interface_field.ast});
        }
      }
    }
  }

  std::vector<const graphql::Node*> member_nodes(const NamedType& union_type, std::string_view name) {
    std::vector<const graphql::Node*> nodes;
    for (const graphql::Node* node : type_nodes(union_type)) {
      for (const graphql::NamedType* ref : static_cast<const graphql::TypeDefinition*>(node)->members) {
        if (ref->name == name) nodes.push_back(ref);
      }
    }
    return nodes;
  }

  void validate_union_members(const NamedType& union_type) {
    if (union_type.members.empty()) {
      report("Union type " + std::string(union_type.name) + " must define one or more member types.",
             type_nodes(union_type));
    }
    std::unordered_set<std::string_view> seen;
    for (const NamedType* member : union_type.members) {
      if (!seen.insert(member->name).second) {
        report("Union type " + std::string(union_type.name) + " can only include type " + std::string(member->name) +
                   " once.",
               member_nodes(union_type, member->name));
        continue;
      }
      if (member->kind != TypeKind::Object) {
        report("Union type " + std::string(union_type.name) + " can only include Object types, it cannot include " +
                   std::string(member->name) + ".",
               member_nodes(union_type, member->name));
      }
    }
  }

  void validate_input_fields(const NamedType& type) {
    if (type.input_fields.empty()) {
      report("Input Object type " + std::string(type.name) + " must define one or more fields.", type_nodes(type));
    }
    for (const InputValue& field : type.input_fields) {
      validate_name(field.name, field.ast);
      auto coordinate = [&] { return std::string(type.name) + "." + std::string(field.name); };
      if (!is_input_type(field.type)) {
        report("The type of " + coordinate() + " must be Input Type but got: " + type_to_string(field.type) + ".",
               {type_of(field.ast)});
      }
      if (field.is_required() && field.deprecation_reason) {
        report("Required input field " + coordinate() + " cannot be deprecated.",
               {deprecated_directive(field.ast), type_of(field.ast)});
      }
      if (type.one_of) {
        if (field.type->is_non_null()) {
          report("OneOf input field " + coordinate() + " must be nullable.", {type_of(field.ast)});
        }
        if (field.default_value) {
          report("OneOf input field " + coordinate() + " cannot have a default value.", {field.ast});
        }
      }
    }
  }

  // Depth-first search for cycles of non-null input object fields.
  void detect_input_cycles(const NamedType* type) {
    if (!visited_inputs_.insert(type->name).second) return;
    path_index_[type->name] = field_path_.size();
    for (const InputValue& field : type->input_fields) {
      if (!field.type->is_non_null() || !field.type->of_type->is_named() ||
          field.type->of_type->named->kind != TypeKind::InputObject) {
        continue;
      }
      const NamedType* field_type = field.type->of_type->named;
      field_path_.push_back(&field);
      auto cycle = path_index_.find(field_type->name);
      if (cycle == path_index_.end()) {
        detect_input_cycles(field_type);
      } else {
        std::string path;
        std::vector<const graphql::Node*> nodes;
        for (size_t i = cycle->second; i < field_path_.size(); ++i) {
          if (!path.empty()) path += '.';
          path += field_path_[i]->name;
          nodes.push_back(field_path_[i]->ast);
        }
        report("Cannot reference Input Object \"" + std::string(field_type->name) +
                   "\" within itself through a series of non-null fields: \"" + path + "\".",
               nodes);
      }
      field_path_.pop_back();
    }
    path_index_.erase(type->name);
  }

  const Schema& schema_;
  std::vector<Diagnostic> errors_;
  std::unordered_set<std::string_view> visited_inputs_;
  std::unordered_map<std::string_view, size_t> path_index_;
  std::vector<const InputValue*> field_path_;
};

}  // namespace

std::vector<Diagnostic> validate_schema(const Schema& schema) { return SchemaValidator(schema).run(); }

}  // namespace junction::schema
