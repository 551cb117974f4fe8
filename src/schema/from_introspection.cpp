#include "schema/from_introspection.h"

#include "graphql/printer.h"

namespace junction::schema {
namespace {

std::string_view string_member(const json::Value& object, std::string_view key) {
  const json::Value* value = object.find(key);
  return value != nullptr && value->is_string() ? std::string_view(value->as_string()) : std::string_view();
}

const json::Value::Array* array_member(const json::Value& object, std::string_view key) {
  const json::Value* value = object.find(key);
  return value != nullptr && value->is_array() ? &value->as_array() : nullptr;
}

class Writer {
 public:
  Result<std::string> write(const json::Value& data) {
    const json::Value* schema = data.find("__schema");
    if (schema == nullptr || !schema->is_object()) return Error("introspection result has no __schema");
    const json::Value::Array* types = array_member(*schema, "types");
    if (types == nullptr) return Error("introspection result has no __schema.types");
    write_schema_definition(*schema);
    if (const json::Value::Array* directives = array_member(*schema, "directives")) {
      for (const json::Value& directive : *directives) write_directive(directive);
    }
    for (const json::Value& type : *types) {
      if (!type.is_object()) return Error("introspection result has a malformed type");
      std::string_view name = string_member(type, "name");
      if (name.empty()) return Error("introspection result has a type without a name");
      if (name.starts_with("__") || name == "String" || name == "Int" || name == "Float" || name == "Boolean" ||
          name == "ID") {
        continue;
      }
      if (auto status = write_type(type); !status.ok()) return status.error();
    }
    return std::move(out_);
  }

 private:
  void description(const json::Value& element, std::string_view indentation = "") {
    std::string_view text = string_member(element, "description");
    const json::Value* value = element.find("description");
    if (value == nullptr || !value->is_string()) return;
    out_ += indentation;
    graphql::append_string(out_, text);
    out_ += '\n';
  }

  static Result<std::string> type_reference(const json::Value& type) {
    std::string_view kind = string_member(type, "kind");
    if (kind == "NON_NULL" || kind == "LIST") {
      const json::Value* of = type.find("ofType");
      if (of == nullptr || !of->is_object()) return Error("introspection result has a wrapper type without ofType");
      auto inner = type_reference(*of);
      if (!inner.ok()) return inner;
      return kind == "LIST" ? "[" + *inner + "]" : *inner + "!";
    }
    std::string_view name = string_member(type, "name");
    if (name.empty()) return Error("introspection result has a type reference without a name");
    return std::string(name);
  }

  void deprecation(const json::Value& element) {
    const json::Value* deprecated = element.find("isDeprecated");
    if (deprecated == nullptr || !deprecated->is_bool() || !deprecated->as_bool()) return;
    const json::Value* reason = element.find("deprecationReason");
    if (reason != nullptr && reason->is_string()) {
      out_ += " @deprecated(reason: ";
      graphql::append_string(out_, reason->as_string());
      out_ += ")";
    } else {
      out_ += " @deprecated";
    }
  }

  Status input_values(const json::Value::Array& values, std::string_view indentation, bool arguments) {
    for (size_t i = 0; i < values.size(); ++i) {
      const json::Value& value = values[i];
      if (arguments) {
        if (i != 0) out_ += ", ";
      } else {
        description(value, indentation);
        out_ += indentation;
      }
      if (arguments && value.find("description") && value.find("description")->is_string()) {
        out_ += "\n";
        description(value, "  ");
        out_ += "  ";
      }
      out_ += string_member(value, "name");
      out_ += ": ";
      auto type = value.find("type") ? type_reference(*value.find("type")) : Result<std::string>(Error("missing type"));
      if (!type.ok()) return type.error();
      out_ += *type;
      if (const json::Value* default_value = value.find("defaultValue"); default_value && default_value->is_string()) {
        out_ += " = ";
        out_ += default_value->as_string();
      }
      deprecation(value);
      if (!arguments) out_ += '\n';
    }
    return {};
  }

  Status fields(const json::Value& type) {
    const json::Value::Array* list = array_member(type, "fields");
    if (list == nullptr || list->empty()) return {};
    out_ += " {\n";
    for (const json::Value& field : *list) {
      description(field, "  ");
      out_ += "  ";
      out_ += string_member(field, "name");
      if (const json::Value::Array* args = array_member(field, "args"); args != nullptr && !args->empty()) {
        out_ += "(";
        if (auto status = input_values(*args, "", true); !status.ok()) return status;
        out_ += ")";
      }
      out_ += ": ";
      auto result =
          field.find("type") ? type_reference(*field.find("type")) : Result<std::string>(Error("missing type"));
      if (!result.ok()) return result.error();
      out_ += *result;
      deprecation(field);
      out_ += '\n';
    }
    out_ += "}";
    return {};
  }

  void names(const json::Value& type, std::string_view key, std::string_view lead, std::string_view separator) {
    const json::Value::Array* list = array_member(type, key);
    if (list == nullptr || list->empty()) return;
    out_ += lead;
    for (size_t i = 0; i < list->size(); ++i) {
      if (i != 0) out_ += separator;
      out_ += string_member((*list)[i], "name");
    }
  }

  Status write_type(const json::Value& type) {
    std::string_view kind = string_member(type, "kind");
    std::string_view name = string_member(type, "name");
    out_ += '\n';
    description(type);
    if (kind == "SCALAR") {
      out_ += "scalar ";
      out_ += name;
      if (const json::Value* url = type.find("specifiedByURL"); url && url->is_string()) {
        out_ += " @specifiedBy(url: ";
        graphql::append_string(out_, url->as_string());
        out_ += ")";
      }
    } else if (kind == "OBJECT" || kind == "INTERFACE") {
      out_ += kind == "OBJECT" ? "type " : "interface ";
      out_ += name;
      names(type, "interfaces", " implements ", " & ");
      if (auto status = fields(type); !status.ok()) return status;
    } else if (kind == "UNION") {
      out_ += "union ";
      out_ += name;
      names(type, "possibleTypes", " = ", " | ");
    } else if (kind == "ENUM") {
      out_ += "enum ";
      out_ += name;
      if (const json::Value::Array* values = array_member(type, "enumValues"); values && !values->empty()) {
        out_ += " {\n";
        for (const json::Value& value : *values) {
          description(value, "  ");
          out_ += "  ";
          out_ += string_member(value, "name");
          deprecation(value);
          out_ += '\n';
        }
        out_ += "}";
      }
    } else if (kind == "INPUT_OBJECT") {
      out_ += "input ";
      out_ += name;
      if (const json::Value* one_of = type.find("isOneOf"); one_of && one_of->is_bool() && one_of->as_bool()) {
        out_ += " @oneOf";
      }
      if (const json::Value::Array* values = array_member(type, "inputFields"); values && !values->empty()) {
        out_ += " {\n";
        if (auto status = input_values(*values, "  ", false); !status.ok()) return status;
        out_ += "}";
      }
    } else {
      return Error("introspection result has type \"" + std::string(name) + "\" of unknown kind \"" +
                   std::string(kind) + "\"");
    }
    out_ += '\n';
    return {};
  }

  void write_directive(const json::Value& directive) {
    std::string_view name = string_member(directive, "name");
    if (name == "skip" || name == "include" || name == "deprecated" || name == "specifiedBy" || name == "oneOf") return;
    out_ += '\n';
    description(directive);
    out_ += "directive @";
    out_ += name;
    if (const json::Value::Array* args = array_member(directive, "args"); args != nullptr && !args->empty()) {
      out_ += "(";
      (void)input_values(*args, "", true);
      out_ += ")";
    }
    if (const json::Value* repeatable = directive.find("isRepeatable");
        repeatable && repeatable->is_bool() && repeatable->as_bool()) {
      out_ += " repeatable";
    }
    out_ += " on ";
    if (const json::Value::Array* locations = array_member(directive, "locations")) {
      for (size_t i = 0; i < locations->size(); ++i) {
        if (i != 0) out_ += " | ";
        if ((*locations)[i].is_string()) out_ += (*locations)[i].as_string();
      }
    }
    out_ += '\n';
  }

  void write_schema_definition(const json::Value& schema) {
    auto root = [&](std::string_view key) {
      const json::Value* type = schema.find(key);
      return type != nullptr && type->is_object() ? string_member(*type, "name") : std::string_view();
    };
    out_ += "schema {\n";
    if (auto query = root("queryType"); !query.empty()) out_ += "  query: " + std::string(query) + "\n";
    if (auto mutation = root("mutationType"); !mutation.empty()) out_ += "  mutation: " + std::string(mutation) + "\n";
    if (auto subscription = root("subscriptionType"); !subscription.empty()) {
      out_ += "  subscription: " + std::string(subscription) + "\n";
    }
    out_ += "}\n";
  }

  std::string out_;
};

}  // namespace

Result<std::string> sdl_from_introspection(const json::Value& data) { return Writer().write(data); }

}  // namespace junction::schema
