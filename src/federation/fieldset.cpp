#include "federation/fieldset.h"

#include <algorithm>
#include <cmath>

#include "common/js_number.h"
#include "graphql/parser.h"
#include "graphql/printer.h"
#include "schema/values.h"

namespace junction::federation {

namespace {

bool is_leaf(const Schema& schema, std::string_view name) {
  if (is_builtin_scalar(name)) return true;
  const Type* type = schema.find_type(name);
  return type != nullptr && (type->kind == TypeKind::Scalar || type->kind == TypeKind::Enum);
}

// Possible runtime types of a composite type (objects).
std::vector<std::string> runtime_types(const Schema& schema, const Type& type) {
  std::vector<std::string> out;
  if (type.kind == TypeKind::Object) {
    out.push_back(type.name);
  } else if (type.kind == TypeKind::Union) {
    for (const TypeMember& member : type.members) out.push_back(member.name);
  } else if (type.kind == TypeKind::Interface) {
    for (const auto& candidate : schema.types()) {
      if (candidate->kind != TypeKind::Object) continue;
      for (const TypeMember& implemented : candidate->interfaces) {
        if (implemented.name == type.name) out.push_back(candidate->name);
      }
    }
  }
  return out;
}

// graphql-js's literal check for the built-in scalars and enums (what valueFromAST rejects),
// with its wording. Returns an empty string when the literal is acceptable.
std::string literal_problem(const Schema& schema, const graphql::Value* node, const TypeRef& type) {
  if (node->kind == graphql::Kind::Variable) return {};
  if (node->kind == graphql::Kind::NullValue) {
    return type.is_non_null() ? "Expected value of type \"" + type.to_string() + "\", found null." : std::string();
  }
  TypeRef nullable = type.nullable();
  if (nullable.is_list()) {
    TypeRef item = nullable.of_type();
    if (node->kind == graphql::Kind::ListValue) {
      for (const graphql::Value* element : static_cast<const graphql::ListValue*>(node)->values) {
        std::string problem = literal_problem(schema, element, item);
        if (!problem.empty()) return problem;
      }
      return {};
    }
    return literal_problem(schema, node, item);
  }
  const std::string& name = nullable.name;
  std::string printed = graphql::print(node);
  if (name == "Int") {
    if (node->kind != graphql::Kind::IntValue) return "Int cannot represent non-integer value " + printed + ".";
    double value = std::strtod(std::string(static_cast<const graphql::IntValue*>(node)->value).c_str(), nullptr);
    if (value > 2147483647.0 || value < -2147483648.0) {
      return "Int cannot represent non 32-bit signed integer value: " + printed;
    }
    return {};
  }
  if (name == "Float") {
    if (node->kind != graphql::Kind::IntValue && node->kind != graphql::Kind::FloatValue) {
      return "Float cannot represent non numeric value: " + printed;
    }
    return {};
  }
  if (name == "String") {
    return node->kind == graphql::Kind::StringValue ? std::string()
                                                    : "String cannot represent a non string value: " + printed;
  }
  if (name == "Boolean") {
    return node->kind == graphql::Kind::BooleanValue ? std::string()
                                                     : "Boolean cannot represent a non boolean value: " + printed;
  }
  if (name == "ID") {
    return node->kind == graphql::Kind::StringValue || node->kind == graphql::Kind::IntValue
               ? std::string()
               : "ID cannot represent a non-string and non-integer value: " + printed;
  }
  const Type* named = schema.find_type(name);
  if (named != nullptr && named->kind == TypeKind::Enum) {
    if (node->kind != graphql::Kind::EnumValue ||
        named->find_value(static_cast<const graphql::EnumValue*>(node)->value) == nullptr) {
      return "Enum \"" + name + "\" cannot represent value: " + printed;
    }
  }
  return {};
}

class Resolver {
 public:
  Resolver(const Schema& schema, const FieldSetOptions& options) : schema_(schema), options_(options) {}

  std::optional<FieldSetError> error;

  void resolve(const graphql::SelectionSet* node, const Type& parent, FieldSetSelections& out) {
    out.parent = &parent;
    for (const graphql::Selection* selection : node->selections) {
      if (error) return;
      switch (selection->kind) {
        case graphql::Kind::Field: resolve_field(static_cast<const graphql::Field*>(selection), parent, out); break;
        case graphql::Kind::FragmentSpread:
          fail("Cannot find fragment name \"" +
               std::string(static_cast<const graphql::FragmentSpread*>(selection)->name) +
               "\" (no fragments were provided)");
          return;
        default: resolve_fragment(static_cast<const graphql::InlineFragment*>(selection), parent, out); break;
      }
    }
  }

 private:
  void fail(std::string message, std::string code = {}) {
    if (!error) error = FieldSetError{std::move(message), std::move(code), true};
  }

  bool check_directives(graphql::List<graphql::Directive> directives, std::vector<std::string>& out) {
    for (const graphql::Directive* directive : directives) {
      if (schema_.find_directive_definition(directive->name) == nullptr &&
          builtin_directive(directive->name) == nullptr) {
        fail("Unknown directive \"@" + std::string(directive->name) + "\"");
        return false;
      }
      out.push_back(graphql::print(directive));
    }
    return true;
  }

  void resolve_field(const graphql::Field* node, const Type& parent, FieldSetSelections& out) {
    FieldSetSelection selection;
    selection.name = std::string(node->name);
    selection.alias = std::string(node->alias);
    selection.parent = &parent;
    selection.node = node;
    if (node->name != "__typename") {
      selection.field = parent.find_field(node->name);
      if (selection.field == nullptr) {
        fail("Cannot query field \"" + selection.name + "\" on type \"" + parent.name + "\".");
        return;
      }
      for (const graphql::Argument* argument : node->arguments) {
        const InputValue* definition = selection.field->find_argument(argument->name);
        if (definition == nullptr) {
          fail("Unknown argument \"" + std::string(argument->name) + "\" found in value: \"" + parent.name + "." +
               selection.name + "\" has no argument named \"" + std::string(argument->name) + "\"");
          return;
        }
        std::string problem = literal_problem(schema_, argument->value, definition->type);
        if (!problem.empty()) {
          fail("Invalid value for argument \"" + std::string(argument->name) + "\": " + problem);
          return;
        }
        selection.arguments.emplace_back(std::string(argument->name), schema::value_from_ast_untyped(argument->value));
      }
      const Type* base = schema_.find_type(selection.field->type.name);
      if (options_.reject_abstract_fields && base != nullptr &&
          (base->kind == TypeKind::Interface || base->kind == TypeKind::Union)) {
        fail("field \"" + parent.name + "." + selection.name + "\" is a " +
                 (base->kind == TypeKind::Union ? "Union" : "Interface") + " type which is not allowed in @key",
             "KEY_FIELDS_SELECT_INVALID_TYPE");
        return;
      }
    }
    if (!check_directives(node->directives, selection.directives)) return;
    if (node->selection_set != nullptr) {
      const Type* base = selection.field != nullptr ? schema_.find_type(selection.field->type.name) : nullptr;
      if (base == nullptr || base->kind == TypeKind::Scalar || base->kind == TypeKind::Enum) {
        fail("Cannot add selection of field \"" + parent.name + "." + selection.name + "\" to leaf type " +
             (selection.field != nullptr ? selection.field->type.to_string() : std::string("String!")) +
             ": leaf fields cannot have selections");
        return;
      }
      selection.selection_set = std::make_unique<FieldSetSelections>();
      resolve(node->selection_set, *base, *selection.selection_set);
    }
    out.selections.push_back(std::move(selection));
  }

  void resolve_fragment(const graphql::InlineFragment* node, const Type& parent, FieldSetSelections& out) {
    FieldSetSelection selection;
    selection.is_fragment = true;
    selection.parent = &parent;
    selection.node = node;
    const Type* condition = nullptr;
    if (node->type_condition != nullptr) condition = schema_.find_type(node->type_condition->name);
    if (condition != nullptr) {
      std::vector<std::string> mine = runtime_types(schema_, parent);
      std::vector<std::string> theirs = runtime_types(schema_, *condition);
      bool intersects = std::any_of(mine.begin(), mine.end(), [&](const std::string& name) {
        return std::find(theirs.begin(), theirs.end(), name) != theirs.end();
      });
      if (!intersects) {
        fail("Cannot add fragment of condition \"" + condition->name + "\" to parent type \"" + parent.name +
             "\": the types do not intersect");
        return;
      }
    }
    selection.type_condition = condition;
    if (!check_directives(node->directives, selection.directives)) return;
    selection.selection_set = std::make_unique<FieldSetSelections>();
    resolve(node->selection_set, condition != nullptr ? *condition : parent, *selection.selection_set);
    out.selections.push_back(std::move(selection));
  }

  const Schema& schema_;
  const FieldSetOptions& options_;
};

std::string printed_selection(const FieldSetSelection& selection);

void validate(const Schema& schema, const FieldSetSelections& set, const FieldSetOptions& options,
              std::optional<FieldSetError>& error) {
  if (set.selections.empty()) {
    error = FieldSetError{"Invalid empty selection set", {}, true};
    return;
  }
  for (const FieldSetSelection& selection : set.selections) {
    if (error) return;
    if (!selection.is_fragment && selection.field != nullptr) {
      for (const InputValue& argument : selection.field->arguments) {
        if (!argument.type.is_non_null() || argument.default_value) continue;
        bool given = std::any_of(selection.arguments.begin(), selection.arguments.end(),
                                 [&](const auto& a) { return a.first == argument.name; });
        bool contextual = !options.from_context_directive.empty() &&
                          std::any_of(argument.directives.begin(), argument.directives.end(),
                                      [&](const auto& d) { return d.name == options.from_context_directive; });
        if (!given && !contextual) {
          error = FieldSetError{"Missing mandatory value for argument \"" + argument.name + "\" of field \"" +
                                    selection.parent->name + "." + selection.name + "\" in selection \"" +
                                    printed_selection(selection) + "\"",
                                {},
                                true};
          return;
        }
      }
      if (!selection.selection_set && !is_leaf(schema, selection.field->type.name)) {
        error = FieldSetError{"Invalid empty selection set for field \"" + selection.parent->name + "." +
                                  selection.name + "\" of non-leaf type " + selection.field->type.to_string(),
                              {},
                              true};
        return;
      }
    }
    if (selection.selection_set) validate(schema, *selection.selection_set, options, error);
  }
}

std::optional<FieldSetError> check_aliases(const FieldSetSelections& set, const FieldSetOptions& options) {
  for (const FieldSetSelection& selection : set.selections) {
    if (!selection.is_fragment && !selection.alias.empty()) {
      std::string text = graphql::print(selection.node);
      return FieldSetError{"Cannot use alias \"" + selection.alias + "\" in \"" + text +
                               "\": aliases are not currently supported in @" + options.directive_name,
                           {},
                           true};
    }
    if (selection.selection_set) {
      if (auto error = check_aliases(*selection.selection_set, options)) return error;
    }
  }
  return std::nullopt;
}

void append_arguments(std::string& out, const std::vector<std::pair<std::string, json::Value>>& arguments) {
  if (arguments.empty()) return;
  static const Schema empty_schema;
  out += '(';
  for (size_t i = 0; i < arguments.size(); ++i) {
    if (i != 0) out += ", ";
    out += arguments[i].first + ": ";
    append_value(out, empty_schema, arguments[i].second, nullptr);
  }
  out += ')';
}

void append_selections(std::string& out, const FieldSetSelections& set);

void append_selection(std::string& out, const FieldSetSelection& selection) {
  if (selection.is_fragment) {
    out += "...";
    if (selection.type_condition != nullptr) out += " on " + selection.type_condition->name;
  } else {
    out += selection.name;
    append_arguments(out, selection.arguments);
  }
  for (const std::string& directive : selection.directives) out += " " + directive;
  if (selection.selection_set) {
    out += " { ";
    append_selections(out, *selection.selection_set);
    out += " }";
  }
}

void append_selections(std::string& out, const FieldSetSelections& set) {
  for (size_t i = 0; i < set.selections.size(); ++i) {
    if (i != 0) out += ' ';
    append_selection(out, set.selections[i]);
  }
}

std::string printed_selection(const FieldSetSelection& selection) {
  std::string out;
  append_selection(out, selection);
  return out;
}

}  // namespace

FieldSetResult parse_field_set(const Schema& schema, const Type& parent, std::string_view fields,
                               const FieldSetOptions& options) {
  FieldSetResult result;
  std::string_view trimmed = fields;
  while (!trimmed.empty() &&
         (trimmed.front() == ' ' || trimmed.front() == '\t' || trimmed.front() == '\n' || trimmed.front() == '\r')) {
    trimmed.remove_prefix(1);
  }
  std::string text = !trimmed.empty() && trimmed.front() == '{' ? std::string(fields) : "{" + std::string(fields) + "}";
  auto parsed = graphql::parse(text, "fields");
  if (!parsed.ok()) {
    result.error = FieldSetError{parsed.error().message(), {}, true};
    return result;
  }
  auto document = std::make_shared<const graphql::Document>(std::move(*parsed));
  if (document->definitions().size() != 1) {
    result.error = FieldSetError{
        "Selections should contain a single definitions, found " + std::to_string(document->definitions().size()),
        {},
        true};
    return result;
  }
  const graphql::Definition* definition = document->definitions()[0];
  if (definition->kind != graphql::Kind::OperationDefinition) {
    result.error = FieldSetError{
        "Expected an operation definition but got a " + std::string(graphql::kind_name(definition->kind)), {}, true};
    return result;
  }
  FieldSet field_set;
  field_set.document = document;
  Resolver resolver(schema, options);
  resolver.resolve(static_cast<const graphql::OperationDefinition*>(definition)->selection_set, parent, field_set.root);
  if (resolver.error) {
    result.error = resolver.error;
    // Without validation, what was resolved before the error is kept (Apollo collects those
    // fields as it goes).
    if (!options.validate) result.field_set = std::move(field_set);
    return result;
  }
  if (options.validate) {
    std::optional<FieldSetError> error;
    validate(schema, field_set.root, options, error);
    if (!error) error = check_aliases(field_set.root, options);
    if (error) {
      result.error = error;
      return result;
    }
  }
  result.field_set = std::move(field_set);
  return result;
}

bool same_selections(const FieldSetSelections& a, const FieldSetSelections& b) {
  if (a.selections.size() != b.selections.size()) return false;
  for (const FieldSetSelection& left : a.selections) {
    bool found = std::any_of(b.selections.begin(), b.selections.end(), [&](const FieldSetSelection& right) {
      if (left.is_fragment != right.is_fragment || left.name != right.name || left.alias != right.alias ||
          left.type_condition != right.type_condition || left.arguments != right.arguments ||
          left.directives != right.directives || bool(left.selection_set) != bool(right.selection_set)) {
        return false;
      }
      return !left.selection_set || same_selections(*left.selection_set, *right.selection_set);
    });
    if (!found) return false;
  }
  return true;
}

std::optional<std::pair<std::string, std::string>> split_context_reference(std::string_view text) {
  size_t i = 0;
  auto skip_ignored = [&]() {
    while (i < text.size()) {
      char c = text[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',') {
        ++i;
      } else if (c == '#') {
        while (i < text.size() && text[i] != '\n' && text[i] != '\r') ++i;
      } else {
        break;
      }
    }
  };
  skip_ignored();
  if (i >= text.size() || text[i] != '$') return std::nullopt;
  ++i;
  skip_ignored();
  size_t start = i;
  if (i >= text.size() || !(std::isalpha(static_cast<unsigned char>(text[i])) || text[i] == '_')) return std::nullopt;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
  return std::make_pair(std::string(text.substr(start, i - start)), std::string(text.substr(i)));
}

std::string print_field_set(const FieldSetSelections& set) {
  std::string out;
  append_selections(out, set);
  return out;
}

}  // namespace junction::federation
