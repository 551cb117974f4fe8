#include "graphql/printer.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <vector>

namespace junction::graphql {
namespace {

constexpr size_t kMaxLineLength = 80;

bool is_white_space(char c) { return c == ' ' || c == '\t'; }

// Writes a document with the current indentation applied after every newline, which is how
// graphql-js's printer indents nested blocks (block strings included).
class Printer {
 public:
  std::string take() { return std::move(out_); }

  void node(const Node* node);
  void definitions(List<Definition> items) { join(items, "\n\n"); }

 private:
  void raw(std::string_view text) { out_ += text; }
  void newline() {
    out_ += '\n';
    out_.append(static_cast<size_t>(indent_) * 2, ' ');
  }
  // Text that may contain newlines (block strings): each one is followed by the indentation.
  void text(std::string_view value) {
    size_t start = 0;
    for (size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '\n') {
        out_.append(value, start, i - start);
        newline();
        start = i + 1;
      }
    }
    out_.append(value, start, value.size() - start);
  }

  void description(const StringValue* value) {
    if (value == nullptr) return;
    node(value);
    newline();
  }

  template <class T>
  void join(List<T> items, std::string_view separator) {
    bool first = true;
    for (const T* item : items) {
      if (!first) raw(separator);
      first = false;
      node(item);
    }
  }
  template <class T>
  void directives(List<T> items) {  // " @a @b" or nothing
    for (const T* item : items) {
      raw(" ");
      node(item);
    }
  }
  // `{`, each item on its own line one level deeper, `}`; nothing for an empty list.
  template <class T>
  void block(List<T> items) {
    if (items.empty()) return;
    raw("{");
    ++indent_;
    for (const T* item : items) {
      newline();
      node(item);
    }
    --indent_;
    newline();
    raw("}");
  }
  // " {...}" after a header, or nothing.
  template <class T>
  void spaced_block(List<T> items) {
    if (items.empty()) return;
    raw(" ");
    block(items);
  }

  // Prints each item on its own, unindented, to measure and place them.
  template <class T>
  static std::vector<std::string> print_each(List<T> items) {
    std::vector<std::string> printed;
    printed.reserve(items.size());
    for (const T* item : items) printed.push_back(print(item));
    return printed;
  }
  static bool any_multiline(const std::vector<std::string>& items) {
    for (const auto& item : items) {
      if (item.find('\n') != std::string::npos) return true;
    }
    return false;
  }
  // `(a, b)`, or each item on its own line one level deeper.
  void parenthesized(const std::vector<std::string>& printed, bool one_per_line) {
    raw("(");
    if (one_per_line) {
      ++indent_;
      for (const auto& item : printed) {
        newline();
        text(item);
      }
      --indent_;
      newline();
    } else {
      for (size_t i = 0; i < printed.size(); ++i) {
        if (i != 0) raw(", ");
        text(printed[i]);
      }
    }
    raw(")");
  }
  // Arguments of a field or directive definition: one per line when any spans lines.
  void argument_definitions(List<InputValueDefinition> arguments) {
    if (arguments.empty()) return;
    std::vector<std::string> printed = print_each(arguments);
    parenthesized(printed, any_multiline(printed));
  }

  void type_header(std::string_view keyword, const TypeDefinition* type) {
    description(type->description);
    raw(keyword);
    raw(" ");
    raw(type->name);
  }
  void implements(List<NamedType> interfaces) {
    if (interfaces.empty()) return;
    raw(" implements ");
    join(interfaces, " & ");
  }
  void union_members(List<NamedType> members) {
    if (members.empty()) return;
    raw(" = ");
    join(members, " | ");
  }
  void type_definition(const TypeDefinition* type);
  void operation_definition(const OperationDefinition* operation);
  void field(const Field* field);

  std::string out_;
  int indent_ = 0;
};

void Printer::field(const Field* field) {
  size_t prefix_length = 0;
  if (!field->alias.empty()) {
    raw(field->alias);
    raw(": ");
    prefix_length += utf16_length(field->alias) + 2;
  }
  raw(field->name);
  prefix_length += utf16_length(field->name);
  if (!field->arguments.empty()) {
    std::vector<std::string> printed = print_each(field->arguments);
    size_t joined = 0;
    for (const auto& item : printed) joined += (joined == 0 ? 0 : 2) + utf16_length(item);
    parenthesized(printed, prefix_length + joined + 2 > kMaxLineLength);
  }
  directives(field->directives);
  if (field->selection_set != nullptr) {
    raw(" ");
    node(field->selection_set);
  }
}

void Printer::operation_definition(const OperationDefinition* operation) {
  bool shorthand = operation->operation == OperationType::Query && operation->description == nullptr &&
                   operation->name.empty() && operation->variable_definitions.empty() && operation->directives.empty();
  if (!shorthand) {
    description(operation->description);
    raw(operation_type_name(operation->operation));
    if (!operation->name.empty() || !operation->variable_definitions.empty()) raw(" ");
    raw(operation->name);
    if (!operation->variable_definitions.empty()) {
      std::vector<std::string> printed = print_each(operation->variable_definitions);
      // graphql-js puts multi-line variable definitions one per line, without indenting them.
      bool multiline = any_multiline(printed);
      raw("(");
      if (multiline) raw("\n");
      for (size_t i = 0; i < printed.size(); ++i) {
        if (i != 0) raw(multiline ? "\n" : ", ");
        text(printed[i]);
      }
      if (multiline) raw("\n");
      raw(")");
    }
    directives(operation->directives);
    raw(" ");
  }
  node(operation->selection_set);
}

void Printer::type_definition(const TypeDefinition* type) {
  switch (type->kind) {
    case Kind::ScalarTypeDefinition:
    case Kind::ScalarTypeExtension:
      type_header(type->is_extension() ? "extend scalar" : "scalar", type);
      directives(type->directives);
      break;
    case Kind::ObjectTypeDefinition:
    case Kind::ObjectTypeExtension:
    case Kind::InterfaceTypeDefinition:
    case Kind::InterfaceTypeExtension: {
      bool object = type->kind == Kind::ObjectTypeDefinition || type->kind == Kind::ObjectTypeExtension;
      type_header(
          type->is_extension() ? (object ? "extend type" : "extend interface") : (object ? "type" : "interface"), type);
      implements(type->interfaces);
      directives(type->directives);
      spaced_block(type->fields);
      break;
    }
    case Kind::UnionTypeDefinition:
    case Kind::UnionTypeExtension:
      type_header(type->is_extension() ? "extend union" : "union", type);
      directives(type->directives);
      union_members(type->members);
      break;
    case Kind::EnumTypeDefinition:
    case Kind::EnumTypeExtension:
      type_header(type->is_extension() ? "extend enum" : "enum", type);
      directives(type->directives);
      spaced_block(type->values);
      break;
    case Kind::InputObjectTypeDefinition:
    case Kind::InputObjectTypeExtension:
      type_header(type->is_extension() ? "extend input" : "input", type);
      directives(type->directives);
      spaced_block(type->input_fields);
      break;
    default: break;
  }
}

void Printer::node(const Node* n) {
  if (n == nullptr) return;
  switch (n->kind) {
    case Kind::Document: break;
    case Kind::OperationDefinition: operation_definition(static_cast<const OperationDefinition*>(n)); break;
    case Kind::VariableDefinition: {
      const auto* v = static_cast<const VariableDefinition*>(n);
      description(v->description);
      node(v->variable);
      raw(": ");
      node(v->type);
      if (v->default_value != nullptr) {
        raw(" = ");
        node(v->default_value);
      }
      directives(v->directives);
      break;
    }
    case Kind::SelectionSet: block(static_cast<const SelectionSet*>(n)->selections); break;
    case Kind::Field: field(static_cast<const Field*>(n)); break;
    case Kind::Argument: {
      const auto* a = static_cast<const Argument*>(n);
      raw(a->name);
      raw(": ");
      node(a->value);
      break;
    }
    case Kind::FragmentSpread: {
      const auto* f = static_cast<const FragmentSpread*>(n);
      raw("...");
      raw(f->name);
      directives(f->directives);
      break;
    }
    case Kind::InlineFragment: {
      const auto* f = static_cast<const InlineFragment*>(n);
      raw("...");
      if (f->type_condition != nullptr) {
        raw(" on ");
        node(f->type_condition);
      }
      directives(f->directives);
      if (f->selection_set != nullptr && !f->selection_set->selections.empty()) {
        raw(" ");
        node(f->selection_set);
      }
      break;
    }
    case Kind::FragmentDefinition: {
      const auto* f = static_cast<const FragmentDefinition*>(n);
      description(f->description);
      raw("fragment ");
      raw(f->name);
      raw(" on ");
      node(f->type_condition);
      directives(f->directives);
      raw(" ");
      node(f->selection_set);
      break;
    }
    case Kind::Variable:
      raw("$");
      raw(static_cast<const Variable*>(n)->name);
      break;
    case Kind::IntValue: raw(static_cast<const IntValue*>(n)->value); break;
    case Kind::FloatValue: raw(static_cast<const FloatValue*>(n)->value); break;
    case Kind::StringValue: {
      const auto* s = static_cast<const StringValue*>(n);
      if (s->block) {
        text(print_block_string(s->value));
      } else {
        raw(print_string(s->value));
      }
      break;
    }
    case Kind::BooleanValue: raw(static_cast<const BooleanValue*>(n)->value ? "true" : "false"); break;
    case Kind::NullValue: raw("null"); break;
    case Kind::EnumValue: raw(static_cast<const EnumValue*>(n)->value); break;
    case Kind::ListValue:
      raw("[");
      join(static_cast<const ListValue*>(n)->values, ", ");
      raw("]");
      break;
    case Kind::ObjectValue:
      raw("{");
      join(static_cast<const ObjectValue*>(n)->fields, ", ");
      raw("}");
      break;
    case Kind::ObjectField: {
      const auto* f = static_cast<const ObjectField*>(n);
      raw(f->name);
      raw(": ");
      node(f->value);
      break;
    }
    case Kind::Directive: {
      const auto* d = static_cast<const Directive*>(n);
      raw("@");
      raw(d->name);
      if (!d->arguments.empty()) {
        raw("(");
        join(d->arguments, ", ");
        raw(")");
      }
      break;
    }
    case Kind::NamedType: raw(static_cast<const NamedType*>(n)->name); break;
    case Kind::ListType:
      raw("[");
      node(static_cast<const ListType*>(n)->type);
      raw("]");
      break;
    case Kind::NonNullType:
      node(static_cast<const NonNullType*>(n)->type);
      raw("!");
      break;
    case Kind::SchemaDefinition:
    case Kind::SchemaExtension: {
      const auto* s = static_cast<const SchemaDefinition*>(n);
      description(s->description);
      raw(n->kind == Kind::SchemaDefinition ? "schema" : "extend schema");
      directives(s->directives);
      spaced_block(s->operation_types);
      break;
    }
    case Kind::OperationTypeDefinition: {
      const auto* o = static_cast<const OperationTypeDefinition*>(n);
      raw(operation_type_name(o->operation));
      raw(": ");
      node(o->type);
      break;
    }
    case Kind::FieldDefinition: {
      const auto* f = static_cast<const FieldDefinition*>(n);
      description(f->description);
      raw(f->name);
      argument_definitions(f->arguments);
      raw(": ");
      node(f->type);
      directives(f->directives);
      break;
    }
    case Kind::InputValueDefinition: {
      const auto* v = static_cast<const InputValueDefinition*>(n);
      description(v->description);
      raw(v->name);
      raw(": ");
      node(v->type);
      if (v->default_value != nullptr) {
        raw(" = ");
        node(v->default_value);
      }
      directives(v->directives);
      break;
    }
    case Kind::EnumValueDefinition: {
      const auto* v = static_cast<const EnumValueDefinition*>(n);
      description(v->description);
      raw(v->name);
      directives(v->directives);
      break;
    }
    case Kind::DirectiveDefinition: {
      const auto* d = static_cast<const DirectiveDefinition*>(n);
      description(d->description);
      raw("directive @");
      raw(d->name);
      argument_definitions(d->arguments);
      if (d->repeatable) raw(" repeatable");
      raw(" on ");
      for (size_t i = 0; i < d->locations.size(); ++i) {
        if (i != 0) raw(" | ");
        raw(d->locations[i]);
      }
      break;
    }
    default: type_definition(static_cast<const TypeDefinition*>(n)); break;
  }
}

}  // namespace

std::string print(const Document& document) {
  Printer printer;
  printer.definitions(document.definitions());
  return printer.take();
}

std::string print(const Node* node) {
  Printer printer;
  printer.node(node);
  return printer.take();
}

void append_string(std::string& out, std::string_view value) {
  out += '"';
  const auto* bytes = reinterpret_cast<const unsigned char*>(value.data());
  size_t clean_start = 0;
  auto flush = [&](size_t i) { out.append(value, clean_start, i - clean_start); };
  for (size_t i = 0; i < value.size(); ++i) {
    unsigned char c = bytes[i];
    bool c1_control = c == 0xC2 && i + 1 < value.size() && bytes[i + 1] >= 0x80 && bytes[i + 1] <= 0x9F;
    if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F && !c1_control) continue;
    flush(i);
    char buffer[8];
    switch (c) {
      case '\b': out += "\\b"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\f': out += "\\f"; break;
      case '\r': out += "\\r"; break;
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      default:
        if (c1_control) {
          // U+0080..U+009F, the C1 controls.
          std::snprintf(buffer, sizeof buffer, "\\u%04X", bytes[i + 1]);
          ++i;
        } else {
          std::snprintf(buffer, sizeof buffer, "\\u%04X", c);
        }
        out += buffer;
    }
    clean_start = i + 1;
  }
  flush(value.size());
  out += '"';
}

std::string print_string(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 2);
  append_string(out, value);
  return out;
}

namespace {

// utf16_length(value) > limit, reading no further than needed.
bool longer_than(std::string_view value, size_t limit) {
  if (value.size() <= limit) return false;
  size_t units = 0;
  for (char ch : value) {
    auto c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) != 0x80) ++units;
    if (c >= 0xF0) ++units;
    if (units > limit) return true;
  }
  return false;
}

}  // namespace

void append_block_string(std::string& out, std::string_view value, std::string_view indentation) {
  // Learn the layout graphql-js's printBlockString chooses: whether there are several lines,
  // and whether every line after the first is empty or starts with white space.
  bool single_line = true;
  bool force_leading_newline = true;
  bool has_carriage_return = value.find('\r') != std::string_view::npos;
  for (size_t i = 0; i < value.size(); ++i) {
    if (!has_carriage_return) {
      const void* found = std::memchr(value.data() + i, '\n', value.size() - i);
      if (found == nullptr) break;
      i = static_cast<size_t>(static_cast<const char*>(found) - value.data());
    }
    char c = value[i];
    if (c != '\n' && c != '\r') continue;
    single_line = false;
    if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') ++i;
    if (i + 1 < value.size() && !is_white_space(value[i + 1]) && value[i + 1] != '\n' && value[i + 1] != '\r') {
      force_leading_newline = false;
    }
  }
  if (single_line) force_leading_newline = false;
  // Escaping """ runs left to right without overlaps; note whether one ends the value.
  size_t last_escape_end = 0;
  for (size_t i = value.find("\"\"\""); i != std::string_view::npos; i = value.find("\"\"\"", i + 3)) {
    last_escape_end = i + 3;
  }
  bool has_trailing_triple_quotes = last_escape_end != 0 && last_escape_end == value.size();
  bool has_trailing_quote = value.ends_with('"') && !has_trailing_triple_quotes;
  bool has_trailing_slash = value.ends_with('\\');
  bool force_trailing_newline = has_trailing_quote || has_trailing_slash;
  bool multiple_lines = !single_line || longer_than(value, 70) || force_trailing_newline || force_leading_newline ||
                        has_trailing_triple_quotes;
  bool skip_leading_newline = single_line && !value.empty() && is_white_space(value[0]);

  auto newline = [&] {
    out += '\n';
    out += indentation;
  };
  out += "\"\"\"";
  if ((multiple_lines && !skip_leading_newline) || force_leading_newline) newline();
  // Copy the value, indenting after each newline and escaping each """.
  size_t position = 0;
  size_t quote = last_escape_end == 0 ? std::string_view::npos : value.find("\"\"\"");
  size_t line = indentation.empty() ? std::string_view::npos : value.find('\n');
  while (position < value.size()) {
    if (quote != std::string_view::npos && quote < position) quote = value.find("\"\"\"", position);
    if (line != std::string_view::npos && line < position) line = value.find('\n', position);
    size_t next = std::min(quote, line);
    if (next == std::string_view::npos) break;
    out.append(value, position, next - position);
    if (next == line) {
      newline();
      position = next + 1;
    } else {
      out += "\\\"\"\"";
      position = next + 3;
    }
  }
  if (position < value.size()) out.append(value, position, value.size() - position);
  if (multiple_lines || force_trailing_newline) newline();
  out += "\"\"\"";
}

std::string print_block_string(std::string_view value) {
  std::string out;
  out.reserve(value.size() + 8);
  append_block_string(out, value);
  return out;
}

}  // namespace junction::graphql
