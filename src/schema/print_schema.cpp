#include "schema/print_schema.h"

#include "graphql/printer.h"
#include "schema/values.h"

namespace junction::schema {
namespace {

// graphql-js isPrintableAsBlockString.
bool printable_as_block_string(std::string_view value) {
  if (value.empty()) return true;
  bool is_empty_line = true;
  bool has_indent = false;
  bool has_common_indent = true;
  bool seen_non_empty_line = false;
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case 0x00:
      case 0x01:
      case 0x02:
      case 0x03:
      case 0x04:
      case 0x05:
      case 0x06:
      case 0x07:
      case 0x08:
      case 0x0B:
      case 0x0C:
      case 0x0E:
      case 0x0F: return false;
      case 0x0D: return false;
      case '\n':
        if (is_empty_line && !seen_non_empty_line) return false;  // leading newline
        seen_non_empty_line = true;
        is_empty_line = true;
        has_indent = false;
        break;
      case '\t':
      case ' ': has_indent = has_indent || is_empty_line; break;
      default: has_common_indent = has_common_indent && has_indent; is_empty_line = false;
    }
  }
  if (is_empty_line) return false;                             // trailing empty lines
  if (has_common_indent && seen_non_empty_line) return false;  // internal indent
  return true;
}

void description(std::string& out, const std::optional<std::string_view>& text, std::string_view indentation = "",
                 bool first_in_block = true) {
  if (!text) return;
  if (!indentation.empty() && !first_in_block) out += '\n';
  out += indentation;
  if (printable_as_block_string(*text)) {
    graphql::append_block_string(out, *text, indentation);
  } else {
    graphql::append_string(out, *text);  // a one-line literal: no newline to indent
  }
  out += '\n';
}

void deprecated(std::string& out, const std::optional<std::string_view>& reason) {
  if (!reason) return;
  if (*reason != "No longer supported") {
    out += " @deprecated(reason: ";
    graphql::append_string(out, *reason);
    out += ')';
  } else {
    out += " @deprecated";
  }
}

void input_value(std::string& out, const InputValue& value) {
  out += value.name;
  out += ": ";
  append_type(out, value.type);
  if (value.default_value) {
    if (auto literal = print_value_literal(*value.default_value, value.type)) {
      out += " = ";
      out += *literal;
    }
  }
  deprecated(out, value.deprecation_reason);
}

void arguments(std::string& out, const std::vector<InputValue>& args, std::string_view indentation = "") {
  if (args.empty()) return;
  bool any_description = false;
  for (const InputValue& arg : args)
    any_description = any_description || (arg.description && !arg.description->empty());
  if (!any_description) {
    out += '(';
    for (size_t i = 0; i < args.size(); ++i) {
      if (i != 0) out += ", ";
      input_value(out, args[i]);
    }
    out += ')';
    return;
  }
  out += "(\n";
  std::string inner = "  " + std::string(indentation);
  for (size_t i = 0; i < args.size(); ++i) {
    if (i != 0) out += '\n';
    description(out, args[i].description, inner, i == 0);
    out += inner;
    input_value(out, args[i]);
  }
  out += '\n';
  out += indentation;
  out += ')';
}

void implemented_interfaces(std::string& out, const NamedType& type) {
  if (type.interfaces.empty()) return;
  out += " implements ";
  for (size_t i = 0; i < type.interfaces.size(); ++i) {
    if (i != 0) out += " & ";
    out += type.interfaces[i]->name;
  }
}

void fields(std::string& out, const NamedType& type) {
  if (type.fields.empty()) return;
  out += " {\n";
  for (size_t i = 0; i < type.fields.size(); ++i) {
    const Field& field = type.fields[i];
    if (i != 0) out += '\n';
    description(out, field.description, "  ", i == 0);
    out += "  ";
    out += field.name;
    arguments(out, field.arguments, "  ");
    out += ": ";
    append_type(out, field.type);
    deprecated(out, field.deprecation_reason);
  }
  out += "\n}";
}

void print_type(std::string& out, const NamedType& type) {
  description(out, type.description);
  switch (type.kind) {
    case TypeKind::Scalar:
      out += "scalar ";
      out += type.name;
      if (type.specified_by_url) {
        out += " @specifiedBy(url: ";
        graphql::append_string(out, *type.specified_by_url);
        out += ')';
      }
      break;
    case TypeKind::Object:
    case TypeKind::Interface:
      out += type.kind == TypeKind::Object ? "type " : "interface ";
      out += type.name;
      implemented_interfaces(out, type);
      fields(out, type);
      break;
    case TypeKind::Union:
      out += "union ";
      out += type.name;
      for (size_t i = 0; i < type.members.size(); ++i) {
        out += i == 0 ? " = " : " | ";
        out += type.members[i]->name;
      }
      break;
    case TypeKind::Enum:
      out += "enum ";
      out += type.name;
      if (!type.values.empty()) {
        out += " {\n";
        for (size_t i = 0; i < type.values.size(); ++i) {
          if (i != 0) out += '\n';
          description(out, type.values[i].description, "  ", i == 0);
          out += "  ";
          out += type.values[i].name;
          deprecated(out, type.values[i].deprecation_reason);
        }
        out += "\n}";
      }
      break;
    case TypeKind::InputObject:
      out += "input ";
      out += type.name;
      if (type.one_of) out += " @oneOf";
      if (!type.input_fields.empty()) {
        out += " {\n";
        for (size_t i = 0; i < type.input_fields.size(); ++i) {
          if (i != 0) out += '\n';
          description(out, type.input_fields[i].description, "  ", i == 0);
          out += "  ";
          input_value(out, type.input_fields[i]);
        }
        out += "\n}";
      }
      break;
  }
}

void print_directive(std::string& out, const Directive& directive) {
  description(out, directive.description);
  out += "directive @";
  out += directive.name;
  arguments(out, directive.arguments);
  deprecated(out, directive.deprecation_reason);
  if (directive.repeatable) out += " repeatable";
  out += " on ";
  for (size_t i = 0; i < directive.locations.size(); ++i) {
    if (i != 0) out += " | ";
    out += directive_location_name(directive.locations[i]);
  }
}

bool print_schema_definition(std::string& out, const Schema& schema) {
  auto named = [](const NamedType* type, std::string_view expected) {
    return type == nullptr || type->name == expected;
  };
  if (!schema.description() && named(schema.query_type(), "Query") && named(schema.mutation_type(), "Mutation") &&
      named(schema.subscription_type(), "Subscription")) {
    return false;
  }
  description(out, schema.description());
  out += "schema {\n";
  bool first = true;
  auto operation = [&](std::string_view keyword, const NamedType* type) {
    if (type == nullptr) return;
    if (!first) out += '\n';
    first = false;
    out += "  ";
    out += keyword;
    out += ": ";
    out += type->name;
  };
  operation("query", schema.query_type());
  operation("mutation", schema.mutation_type());
  operation("subscription", schema.subscription_type());
  out += "\n}";
  return true;
}

template <class DirectiveFilter, class TypeFilter>
std::string print_filtered(const Schema& schema, DirectiveFilter directive_filter, TypeFilter type_filter) {
  std::string out;
  out.reserve(size_t{64} * 1024);
  bool any = print_schema_definition(out, schema);
  auto separate = [&] {
    if (any) out += "\n\n";
    any = true;
  };
  for (const Directive* directive : schema.directives()) {
    if (!directive_filter(directive)) continue;
    separate();
    print_directive(out, *directive);
  }
  for (const NamedType* type : schema.types()) {
    if (!type_filter(type)) continue;
    separate();
    print_type(out, *type);
  }
  return out;
}

}  // namespace

std::string print_schema(const Schema& schema) {
  return print_filtered(
      schema, [](const Directive* d) { return !is_specified_directive(d); },
      [](const NamedType* t) { return !is_specified_scalar(t) && !is_introspection_type(t); });
}

std::string print_introspection_schema(const Schema& schema) {
  return print_filtered(
      schema, [](const Directive* d) { return is_specified_directive(d); },
      [](const NamedType* t) { return is_introspection_type(t); });
}

}  // namespace junction::schema
