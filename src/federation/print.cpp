// Apollo's schema printer (federation-internals print.js), as docs/federation/supergraph.md §1
// describes it: applied directives everywhere, extensions as separate blocks, typed value
// printing, Apollo's block-string rules.
#include <algorithm>

#include "common/js_number.h"
#include "common/source.h"
#include "federation/model.h"
#include "json/write.h"

namespace junction::federation {
namespace {

bool is_integer_text(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  if (i >= text.size()) return false;
  if (text[i] == '0') return i + 1 == text.size();
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

void append_directive(std::string& out, const Schema& schema, const AppliedDirective& directive);

class Printer {
 public:
  Printer(const Schema& schema, const PrintOptions& options) : schema_(schema), options_(options) {
    for (const AppliedDirective& directive : schema.schema_directives) {
      if (!options.keep_schema_directive || options.keep_schema_directive(directive)) {
        schema_directives_.push_back(directive);
      }
    }
  }

  std::string print() {
    print_schema_definitions();
    std::vector<const DirectiveDefinition*> directives;
    for (const DirectiveDefinition& definition : schema_.directive_definitions()) {
      if (!options_.keep_directive_definition || options_.keep_directive_definition(definition)) {
        directives.push_back(&definition);
      }
    }
    std::vector<const Type*> types;
    for (const auto& type : schema_.types()) {
      if (!options_.keep_type || options_.keep_type(*type)) types.push_back(type.get());
    }
    if (options_.sort_definitions) {
      std::stable_sort(directives.begin(), directives.end(),
                       [](const auto* a, const auto* b) { return collate_names(a->name, b->name) < 0; });
      std::stable_sort(types.begin(), types.end(),
                       [](const auto* a, const auto* b) { return collate_names(a->name, b->name) < 0; });
    }
    for (const DirectiveDefinition* directive : directives) {
      start_chunk();
      print_directive_definition(*directive);
    }
    for (const Type* type : types) {
      Type filtered;
      if (options_.keep_field) {
        filtered = *type;
        filtered.fields.clear();
        for (const Field& field : type->fields) {
          if (options_.keep_field(*type, field)) filtered.fields.push_back(field);
        }
        type = &filtered;
      }
      print_type_block(*type, kDefinition);
      for (int extension = 0; extension < type->extension_count; ++extension) print_type_block(*type, extension);
    }
    return std::move(out_);
  }

 private:
  void start_chunk() {
    if (!out_.empty()) out_ += "\n\n";
  }

  // ---- Values ----------------------------------------------------------------------------

  void value(const json::Value& v, const TypeRef* type) { append_value(out_, schema_, v, type); }

  void applied_directive(const AppliedDirective& directive) { append_directive(out_, schema_, directive); }

  // Inline: " @a @b" (fields, arguments, values).
  void inline_directives(const Directives& directives) {
    for (const AppliedDirective& directive : directives) {
      out_ += ' ';
      applied_directive(directive);
    }
  }
  // One per line under a header: "\n  @a\n  @b"; returns whether any was printed.
  bool line_directives(const Directives& directives, int extension) {
    bool any = false;
    for (const AppliedDirective& directive : directives) {
      if (directive.extension != extension) continue;
      out_ += "\n  ";
      applied_directive(directive);
      any = true;
    }
    return any;
  }

  // ---- Descriptions ----------------------------------------------------------------------

  // Apollo's printBlockString, then indented at the place of use.
  void description(const std::optional<std::string>& text, std::string_view indentation, bool first_in_block) {
    if (!text) return;
    const std::string& value = *text;
    bool single = value.find('\n') == std::string::npos;
    bool lead = !value.empty() && (value[0] == ' ' || value[0] == '\t');
    bool trailing_quote = !value.empty() && value.back() == '"';
    bool trailing_backslash = !value.empty() && value.back() == '\\';
    bool multi = !single || trailing_quote || trailing_backslash || utf16_length(value) > 70;
    std::string body;
    if (multi && !(single && lead)) body += '\n';
    body += value;
    if (multi) body += '\n';
    if (!first_in_block) out_ += '\n';
    out_ += indentation;
    out_ += "\"\"\"";
    for (size_t i = 0; i < body.size(); ++i) {
      if (body.compare(i, 3, "\"\"\"") == 0) {
        out_ += "\\\"\"\"";
        i += 2;
      } else if (body[i] == '\n') {
        out_ += '\n';
        out_ += indentation;
      } else {
        out_ += body[i];
      }
    }
    out_ += "\"\"\"\n";
  }

  // ---- Definitions -----------------------------------------------------------------------

  void input_value(const InputValue& input) {
    out_ += input.name;
    out_ += ": ";
    out_ += input.type.to_string();
    if (input.default_value) {
      out_ += " = ";
      value(*input.default_value, &input.type);
    }
    inline_directives(input.directives);
  }

  void arguments(const std::vector<InputValue>& args, std::string_view base) {
    if (args.empty()) return;
    bool described = std::any_of(args.begin(), args.end(),
                                 [](const InputValue& a) { return a.description && !a.description->empty(); });
    out_ += '(';
    if (!described) {
      for (size_t i = 0; i < args.size(); ++i) {
        if (i != 0) out_ += ", ";
        input_value(args[i]);
      }
      out_ += ')';
      return;
    }
    std::string indentation = std::string(base) + "  ";
    out_ += '\n';
    for (size_t i = 0; i < args.size(); ++i) {
      if (i != 0) out_ += '\n';
      description(args[i].description, indentation, i == 0);
      out_ += indentation;
      input_value(args[i]);
    }
    out_ += '\n';
    out_ += base;
    out_ += ')';
  }

  void print_directive_definition(const DirectiveDefinition& directive) {
    description(directive.description, "", true);
    out_ += "directive @";
    out_ += directive.name;
    arguments(directive.arguments, "");
    if (directive.repeatable) out_ += " repeatable";
    out_ += " on ";
    for (size_t i = 0; i < directive.locations.size(); ++i) {
      if (i != 0) out_ += " | ";
      out_ += directive.locations[i];
    }
  }

  void print_schema_definitions() {
    auto roots_of = [&](int extension) {
      std::vector<const RootType*> roots;
      for (graphql::OperationType operation :
           {graphql::OperationType::Query, graphql::OperationType::Mutation, graphql::OperationType::Subscription}) {
        for (const RootType& root : schema_.roots) {
          if (root.operation == operation && root.extension == extension) roots.push_back(&root);
        }
      }
      return roots;
    };
    auto has_directives = [&](int extension) {
      return std::any_of(schema_directives_.begin(), schema_directives_.end(),
                         [&](const AppliedDirective& d) { return d.extension == extension; });
    };
    auto block = [&](int extension) {
      std::vector<const RootType*> roots = roots_of(extension);
      bool directives = line_directives(schema_directives_, extension);
      if (directives) {
        if (!roots.empty()) out_ += '\n';
      } else {
        out_ += ' ';
      }
      if (roots.empty()) return;
      out_ += "{\n";
      for (size_t i = 0; i < roots.size(); ++i) {
        if (i != 0) out_ += '\n';
        out_ += "  ";
        out_ += graphql::operation_type_name(roots[i]->operation);
        out_ += ": ";
        out_ += roots[i]->type;
      }
      out_ += "\n}";
    };
    bool default_names = std::all_of(schema_.roots.begin(), schema_.roots.end(), [](const RootType& root) {
      switch (root.operation) {
        case graphql::OperationType::Query: return root.type == "Query";
        case graphql::OperationType::Mutation: return root.type == "Mutation";
        case graphql::OperationType::Subscription: return root.type == "Subscription";
      }
      return true;
    });
    bool omit = !has_directives(kDefinition) && !schema_.description && default_names;
    if (!omit && (schema_.has_schema_definition || !roots_of(kDefinition).empty() || has_directives(kDefinition) ||
                  schema_.description)) {
      start_chunk();
      description(schema_.description, "", true);
      out_ += "schema";
      block(kDefinition);
    }
    for (int extension = 0; extension < schema_.schema_extension_count; ++extension) {
      if (roots_of(extension).empty() && !has_directives(extension)) continue;
      start_chunk();
      out_ += "extend schema";
      block(extension);
    }
  }

  template <class Item, class PrintItem>
  bool item_block(const std::vector<Item>& items, int extension, bool directives_printed, PrintItem print_item) {
    std::vector<const Item*> mine;
    for (const Item& item : items) {
      if (item.extension == extension) mine.push_back(&item);
    }
    if (mine.empty()) return false;
    out_ += directives_printed ? "\n{\n" : " {\n";
    for (size_t i = 0; i < mine.size(); ++i) {
      if (i != 0) out_ += '\n';
      print_item(*mine[i], i == 0);
    }
    out_ += "\n}";
    return true;
  }

  void print_type_block(const Type& type, int extension) {
    bool definition = extension == kDefinition;
    auto belongs = [&](const auto& list) {
      return std::any_of(list.begin(), list.end(), [&](const auto& item) { return item.extension == extension; });
    };
    bool has_content = belongs(type.directives) || belongs(type.interfaces) || belongs(type.fields) ||
                       belongs(type.input_fields) || belongs(type.members) || belongs(type.values);
    if (!has_content && !(definition && type.has_definition && type.preserve_empty)) return;
    start_chunk();
    if (definition) description(type.description, "", true);
    if (!definition) out_ += "extend ";
    out_ += type_kind_keyword(type.kind);
    out_ += ' ';
    out_ += type.name;
    if (type.kind == TypeKind::Object || type.kind == TypeKind::Interface) {
      bool first = true;
      for (const TypeMember& interface_ref : type.interfaces) {
        if (interface_ref.extension != extension) continue;
        out_ += first ? " implements " : " & ";
        out_ += interface_ref.name;
        first = false;
      }
    }
    bool directives = line_directives(type.directives, extension);
    switch (type.kind) {
      case TypeKind::Object:
      case TypeKind::Interface:
        item_block(type.fields, extension, directives, [&](const Field& field, bool first) {
          description(field.description, "  ", first);
          out_ += "  ";
          out_ += field.name;
          arguments(field.arguments, "  ");
          out_ += ": ";
          out_ += field.type.to_string();
          inline_directives(field.directives);
        });
        break;
      case TypeKind::InputObject:
        item_block(type.input_fields, extension, directives, [&](const InputValue& field, bool first) {
          description(field.description, "  ", first);
          out_ += "  ";
          input_value(field);
        });
        break;
      case TypeKind::Enum:
        item_block(type.values, extension, directives, [&](const EnumValue& value, bool first) {
          description(value.description, "  ", first);
          out_ += "  ";
          out_ += value.name;
          inline_directives(value.directives);
        });
        break;
      case TypeKind::Union: {
        bool first = true;
        for (const TypeMember& member : type.members) {
          if (member.extension != extension) continue;
          if (first && directives) out_ += '\n';
          out_ += first ? " = " : " | ";
          out_ += member.name;
          first = false;
        }
        break;
      }
      case TypeKind::Scalar: break;
    }
  }

  const Schema& schema_;
  const PrintOptions& options_;
  Directives schema_directives_;
  std::string out_;
};

void append_directive(std::string& out, const Schema& schema, const AppliedDirective& directive) {
  out += '@';
  out += directive.name;
  if (directive.arguments.empty()) return;
  const DirectiveDefinition* definition = schema.find_directive_definition(directive.name);
  if (definition == nullptr) definition = builtin_directive(directive.name);
  out += '(';
  bool first = true;
  for (const auto& [name, argument_value] : directive.arguments) {
    if (!first) out += ", ";
    first = false;
    out += name;
    out += ": ";
    const InputValue* argument = definition != nullptr ? definition->find_argument(name) : nullptr;
    append_value(out, schema, argument_value, argument != nullptr ? &argument->type : nullptr);
  }
  out += ')';
}

}  // namespace

void append_value(std::string& out, const Schema& schema, const json::Value& v, const TypeRef* type) {
  if (type != nullptr && type->is_non_null()) {
    TypeRef inner = type->nullable();
    append_value(out, schema, v, &inner);
    return;
  }
  const Type* named = type != nullptr ? schema.find_type(type->name) : nullptr;
  bool custom_scalar = named != nullptr && named->kind == TypeKind::Scalar;
  if (custom_scalar) type = nullptr;  // custom scalars print their values untyped
  switch (v.type()) {
    case json::Value::Type::Null: out += "null"; return;
    case json::Value::Type::Bool: out += v.as_bool() ? "true" : "false"; return;
    case json::Value::Type::Int:
    case json::Value::Type::Double: append_js_number(out, v.as_double()); return;
    case json::Value::Type::String: {
      const std::string& text = v.as_string();
      if (type != nullptr && type->wrappers.empty()) {
        if (named != nullptr && named->kind == TypeKind::Enum && named->find_value(text) != nullptr) {
          out += text;
          return;
        }
        if (type->name == "ID" && is_integer_text(text)) {
          out += text;
          return;
        }
      } else if (type != nullptr && type->is_list()) {
        TypeRef item = type->of_type();
        append_value(out, schema, v, &item);
        return;
      }
      json::append_quoted(out, text);
      return;
    }
    case json::Value::Type::Array: {
      TypeRef item;
      const TypeRef* item_type = nullptr;
      if (type != nullptr) {
        item = type->is_list() ? type->of_type() : *type;
        item_type = &item;
      }
      out += '[';
      bool first = true;
      for (const json::Value& element : v.as_array()) {
        if (!first) out += ", ";
        first = false;
        append_value(out, schema, element, item_type);
      }
      out += ']';
      return;
    }
    case json::Value::Type::Object: {
      if (type != nullptr && type->is_list()) {
        TypeRef item = type->of_type();
        append_value(out, schema, v, &item);
        return;
      }
      const Type* input = named != nullptr && named->kind == TypeKind::InputObject ? named : nullptr;
      out += '{';
      bool first = true;
      for (const json::Member& member : v.as_object()) {
        if (!first) out += ", ";
        first = false;
        out += member.key;
        out += ": ";
        const InputValue* field = input != nullptr ? input->find_input_field(member.key) : nullptr;
        append_value(out, schema, member.value, field != nullptr ? &field->type : nullptr);
      }
      out += '}';
      return;
    }
  }
}

std::string value_to_string(const Schema& schema, const json::Value& value, const TypeRef* type) {
  std::string out;
  append_value(out, schema, value, type);
  return out;
}

std::string directive_to_string(const Schema& schema, const AppliedDirective& directive) {
  std::string out;
  append_directive(out, schema, directive);
  return out;
}

std::string print_model(const Schema& schema, const PrintOptions& options) { return Printer(schema, options).print(); }

}  // namespace junction::federation
