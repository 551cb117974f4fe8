#include "schema/values.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "common/js_number.h"
#include "common/suggest.h"
#include "graphql/printer.h"
#include "json/write.h"

namespace junction::schema {
namespace {

constexpr int64_t kMaxInt = 2147483647;
constexpr int64_t kMinInt = -2147483648LL;
constexpr double kMaxSafeInteger = 9007199254740991.0;

// JavaScript's parseInt(text, 10) for a GraphQL IntValue literal: exact while it fits the
// safe-integer range, a double beyond.
json::Value parse_js_int(std::string_view text) {
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && end == text.data() + text.size() &&
      std::fabs(static_cast<double>(value)) <= kMaxSafeInteger) {
    return json::Value(value);
  }
  return json::Value(std::strtod(std::string(text).c_str(), nullptr));
}

double parse_js_float(std::string_view text) { return std::strtod(std::string(text).c_str(), nullptr); }

// Number.isInteger for a JSON number.
bool is_integer(const json::Value& value) {
  if (value.type() == json::Value::Type::Int) return true;
  if (value.type() != json::Value::Type::Double) return false;
  double d = value.as_double();
  return std::isfinite(d) && std::trunc(d) == d;
}

// A JSON number as an exact integer value when it is one (so 1.0 prints as 1).
json::Value normalize_integer(const json::Value& value) {
  if (value.type() == json::Value::Type::Double && std::fabs(value.as_double()) <= kMaxSafeInteger) {
    return json::Value(static_cast<int64_t>(value.as_double()));
  }
  return value;
}

bool is_missing_variable(const graphql::Value* node, const json::Value* variables) {
  if (node->kind != graphql::Kind::Variable) return false;
  return variables == nullptr || variables->find(static_cast<const graphql::Variable*>(node)->name) == nullptr;
}

std::string enum_suggestions(const NamedType* type, std::string_view unknown) {
  std::vector<std::string_view> names;
  names.reserve(type->values.size());
  for (const EnumValue& value : type->values) names.push_back(value.name);
  return did_you_mean(suggestion_list(unknown, names), "the enum value");
}

// parseLiteral of the scalars and enums; nullopt when the literal is invalid.
std::optional<json::Value> parse_leaf_literal(const graphql::Value* node, const NamedType* type,
                                              const json::Value* variables) {
  using graphql::Kind;
  if (type->kind == TypeKind::Enum) {
    if (node->kind != Kind::EnumValue) return std::nullopt;
    std::string_view name = static_cast<const graphql::EnumValue*>(node)->value;
    if (type->find_value(name) == nullptr) return std::nullopt;
    return json::Value(name);
  }
  std::string_view name = type->name;
  if (type->builtin) {
    if (name == "Int") {
      if (node->kind != Kind::IntValue) return std::nullopt;
      json::Value value = parse_js_int(static_cast<const graphql::IntValue*>(node)->value);
      double d = value.as_double();
      if (d > static_cast<double>(kMaxInt) || d < static_cast<double>(kMinInt)) return std::nullopt;
      return value;
    }
    if (name == "Float") {
      if (node->kind == Kind::IntValue) {
        return normalize_integer(json::Value(parse_js_float(static_cast<const graphql::IntValue*>(node)->value)));
      }
      if (node->kind != Kind::FloatValue) return std::nullopt;
      double d = parse_js_float(static_cast<const graphql::FloatValue*>(node)->value);
      json::Value value(d);
      return is_integer(value) ? normalize_integer(value) : value;
    }
    if (name == "String") {
      if (node->kind != Kind::StringValue) return std::nullopt;
      return json::Value(static_cast<const graphql::StringValue*>(node)->value);
    }
    if (name == "Boolean") {
      if (node->kind != Kind::BooleanValue) return std::nullopt;
      return json::Value(static_cast<const graphql::BooleanValue*>(node)->value);
    }
    if (name == "ID") {
      if (node->kind == Kind::StringValue) return json::Value(static_cast<const graphql::StringValue*>(node)->value);
      if (node->kind == Kind::IntValue) return json::Value(static_cast<const graphql::IntValue*>(node)->value);
      return std::nullopt;
    }
  }
  // A custom scalar takes any literal as it is.
  return value_from_ast_untyped(node, variables);
}

bool is_integer_string(std::string_view text) {
  size_t i = 0;
  if (i < text.size() && text[i] == '-') ++i;
  if (i >= text.size()) return false;
  if (text[i] == '0') return i + 1 == text.size();
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  return true;
}

// serialize() of the scalars and enums followed by astFromValue's literal choice.
std::optional<std::string> print_leaf(const json::Value& value, const NamedType* type) {
  auto number_literal = [](double d) -> std::optional<std::string> {
    if (!std::isfinite(d)) return std::nullopt;
    return format_js_number(d);
  };
  if (type->kind == TypeKind::Enum) {
    if (!value.is_string() || type->find_value(value.as_string()) == nullptr) return std::nullopt;
    return value.as_string();
  }
  std::string_view name = type->builtin ? type->name : std::string_view();
  if (name == "Int" || name == "Float") {
    if (value.is_bool()) return std::string(value.as_bool() ? "1" : "0");
    if (value.is_number()) return number_literal(value.as_double());
    return std::nullopt;
  }
  if (name == "String") {
    if (value.is_string()) return graphql::print_string(value.as_string());
    if (value.is_bool()) return graphql::print_string(value.as_bool() ? "true" : "false");
    if (value.is_number()) return graphql::print_string(format_js_number(value.as_double()));
    return std::nullopt;
  }
  if (name == "Boolean") {
    if (value.is_bool()) return std::string(value.as_bool() ? "true" : "false");
    if (value.is_number()) return std::string(value.as_double() != 0 ? "true" : "false");
    return std::nullopt;
  }
  if (name == "ID") {
    std::string text;
    if (value.is_string()) {
      text = value.as_string();
    } else if (is_integer(value)) {
      text = format_js_number(value.as_double());
    } else {
      return std::nullopt;
    }
    return is_integer_string(text) ? text : graphql::print_string(text);
  }
  // Custom scalars serialize as they are.
  switch (value.type()) {
    case json::Value::Type::Null: return std::nullopt;
    case json::Value::Type::Bool: return std::string(value.as_bool() ? "true" : "false");
    case json::Value::Type::Int:
    case json::Value::Type::Double: return number_literal(value.as_double());
    case json::Value::Type::String: return graphql::print_string(value.as_string());
    case json::Value::Type::Array: {
      // graphql-js cannot print these (it throws); print the literal a reader would expect.
      std::string out = "[";
      bool first = true;
      for (const json::Value& item : value.as_array()) {
        auto printed = print_leaf(item, type);
        if (!printed) continue;
        if (!first) out += ", ";
        first = false;
        out += *printed;
      }
      return out + "]";
    }
    case json::Value::Type::Object: {
      std::string out = "{";
      bool first = true;
      for (const json::Member& member : value.as_object()) {
        auto printed = print_leaf(member.value, type);
        if (!printed) continue;
        if (!first) out += ", ";
        first = false;
        out += member.key + ": " + *printed;
      }
      return out + "}";
    }
  }
  return std::nullopt;
}

void inspect_into(std::string& out, const json::Value& value, int depth) {
  switch (value.type()) {
    case json::Value::Type::Null: out += "null"; return;
    case json::Value::Type::Bool: out += value.as_bool() ? "true" : "false"; return;
    case json::Value::Type::Int: out += std::to_string(value.as_int()); return;
    case json::Value::Type::Double: out += format_js_number(value.as_double()); return;
    case json::Value::Type::String: json::append_quoted(out, value.as_string()); return;
    case json::Value::Type::Array: {
      const auto& items = value.as_array();
      if (items.empty()) {
        out += "[]";
        return;
      }
      if (depth >= 2) {
        out += "[Array]";
        return;
      }
      out += '[';
      size_t shown = std::min<size_t>(10, items.size());
      for (size_t i = 0; i < shown; ++i) {
        if (i != 0) out += ", ";
        inspect_into(out, items[i], depth + 1);
      }
      size_t remaining = items.size() - shown;
      if (remaining == 1) out += ", ... 1 more item";
      if (remaining > 1) out += ", ... " + std::to_string(remaining) + " more items";
      out += ']';
      return;
    }
    case json::Value::Type::Object: {
      const auto& members = value.as_object();
      if (members.empty()) {
        out += "{}";
        return;
      }
      if (depth >= 2) {
        out += "[Object]";
        return;
      }
      out += "{ ";
      for (size_t i = 0; i < members.size(); ++i) {
        if (i != 0) out += ", ";
        out += members[i].key;
        out += ": ";
        inspect_into(out, members[i].value, depth + 1);
      }
      out += " }";
      return;
    }
  }
}

}  // namespace

json::Value value_from_ast_untyped(const graphql::Value* node, const json::Value* variables) {
  using graphql::Kind;
  switch (node->kind) {
    case Kind::NullValue: return json::Value();
    case Kind::IntValue: return parse_js_int(static_cast<const graphql::IntValue*>(node)->value);
    case Kind::FloatValue: {
      json::Value value(parse_js_float(static_cast<const graphql::FloatValue*>(node)->value));
      return is_integer(value) ? normalize_integer(value) : value;
    }
    case Kind::StringValue: return json::Value(static_cast<const graphql::StringValue*>(node)->value);
    case Kind::EnumValue: return json::Value(static_cast<const graphql::EnumValue*>(node)->value);
    case Kind::BooleanValue: return json::Value(static_cast<const graphql::BooleanValue*>(node)->value);
    case Kind::ListValue: {
      json::Value::Array items;
      for (const graphql::Value* item : static_cast<const graphql::ListValue*>(node)->values) {
        items.push_back(value_from_ast_untyped(item, variables));
      }
      return json::Value(std::move(items));
    }
    case Kind::ObjectValue: {
      json::Value object = json::Value::object();
      for (const graphql::ObjectField* field : static_cast<const graphql::ObjectValue*>(node)->fields) {
        object.set(field->name, value_from_ast_untyped(field->value, variables));
      }
      return object;
    }
    case Kind::Variable: {
      if (variables == nullptr) return json::Value();
      const json::Value* value = variables->find(static_cast<const graphql::Variable*>(node)->name);
      return value == nullptr ? json::Value() : *value;
    }
    default: return json::Value();
  }
}

std::optional<json::Value> value_from_ast(const graphql::Value* node, const Type* type, const json::Value* variables) {
  using graphql::Kind;
  if (node == nullptr) return std::nullopt;
  if (node->kind == Kind::Variable) {
    if (variables == nullptr) return std::nullopt;
    const json::Value* value = variables->find(static_cast<const graphql::Variable*>(node)->name);
    if (value == nullptr) return std::nullopt;
    if (value->is_null() && type->is_non_null()) return std::nullopt;
    return *value;
  }
  if (type->is_non_null()) {
    if (node->kind == Kind::NullValue) return std::nullopt;
    return value_from_ast(node, type->of_type, variables);
  }
  if (node->kind == Kind::NullValue) return json::Value();
  if (type->is_list()) {
    const Type* item_type = type->of_type;
    if (node->kind == Kind::ListValue) {
      json::Value::Array items;
      for (const graphql::Value* item : static_cast<const graphql::ListValue*>(node)->values) {
        if (is_missing_variable(item, variables)) {
          if (item_type->is_non_null()) return std::nullopt;
          items.emplace_back();
          continue;
        }
        auto value = value_from_ast(item, item_type, variables);
        if (!value) return std::nullopt;
        items.push_back(std::move(*value));
      }
      return json::Value(std::move(items));
    }
    auto value = value_from_ast(node, item_type, variables);
    if (!value) return std::nullopt;
    json::Value::Array items;
    items.push_back(std::move(*value));
    return json::Value(std::move(items));
  }
  const NamedType* named = type->named;
  if (named->kind == TypeKind::InputObject) {
    if (node->kind != Kind::ObjectValue) return std::nullopt;
    const auto* object = static_cast<const graphql::ObjectValue*>(node);
    json::Value result = json::Value::object();
    for (const InputValue& field : named->input_fields) {
      // The last literal field of a name wins, as graphql-js keyMap does.
      const graphql::ObjectField* field_node = nullptr;
      for (const graphql::ObjectField* candidate : object->fields) {
        if (candidate->name == field.name) field_node = candidate;
      }
      if (field_node == nullptr || is_missing_variable(field_node->value, variables)) {
        if (field.default_value) {
          result.set(field.name, *field.default_value);
        } else if (field.type->is_non_null()) {
          return std::nullopt;
        }
        continue;
      }
      auto value = value_from_ast(field_node->value, field.type, variables);
      if (!value) return std::nullopt;
      result.set(field.name, std::move(*value));
    }
    if (named->one_of) {
      const auto& members = result.as_object();
      if (members.size() != 1 || members.front().value.is_null()) return std::nullopt;
    }
    return result;
  }
  return parse_leaf_literal(node, named, variables);
}

std::optional<std::string> print_value_literal(const json::Value& value, const Type* type) {
  if (type->is_non_null()) {
    if (value.is_null()) return std::nullopt;
    return print_value_literal(value, type->of_type);
  }
  if (value.is_null()) return std::string("null");
  if (type->is_list()) {
    if (value.is_array()) {
      std::string out = "[";
      bool first = true;
      for (const json::Value& item : value.as_array()) {
        auto printed = print_value_literal(item, type->of_type);
        if (!printed) continue;
        if (!first) out += ", ";
        first = false;
        out += *printed;
      }
      return out + "]";
    }
    return print_value_literal(value, type->of_type);
  }
  const NamedType* named = type->named;
  if (named->kind == TypeKind::InputObject) {
    if (!value.is_object()) return std::nullopt;
    std::string out = "{";
    bool first = true;
    for (const InputValue& field : named->input_fields) {
      const json::Value* field_value = value.find(field.name);
      if (field_value == nullptr) continue;
      auto printed = print_value_literal(*field_value, field.type);
      if (!printed) continue;
      if (!first) out += ", ";
      first = false;
      out += std::string(field.name) + ": " + *printed;
    }
    return out + "}";
  }
  return print_leaf(value, named);
}

std::string inspect(const json::Value& value) {
  std::string out;
  inspect_into(out, value, 0);
  return out;
}

std::string print_path(const std::vector<json::Value>& path) {
  std::string out;
  for (const json::Value& key : path) {
    if (key.is_string()) {
      out += '.';
      out += key.as_string();
    } else {
      out += '[';
      out += std::to_string(key.as_int());
      out += ']';
    }
  }
  return out;
}

namespace {

// graphql-js coerceInputValueImpl. nullopt stands for JavaScript's undefined: the value a
// failed coercion leaves behind (an input object keeps such a key, which @oneOf counts).
std::optional<json::Value> coerce(const json::Value& input, const Type* type, std::vector<json::Value>& path,
                                  const std::function<void(CoercionError)>& on_error) {
  if (type->is_non_null()) {
    if (!input.is_null()) return coerce(input, type->of_type, path, on_error);
    on_error({path, input, "Expected non-nullable type \"" + type_to_string(type) + "\" not to be null."});
    return std::nullopt;
  }
  if (input.is_null()) return json::Value();
  if (type->is_list()) {
    const Type* item_type = type->of_type;
    json::Value::Array items;
    auto add = [&](std::optional<json::Value> item) { items.push_back(item ? std::move(*item) : json::Value()); };
    if (input.is_array()) {
      const auto& values = input.as_array();
      for (size_t i = 0; i < values.size(); ++i) {
        path.emplace_back(static_cast<int64_t>(i));
        add(coerce(values[i], item_type, path, on_error));
        path.pop_back();
      }
    } else {
      add(coerce(input, item_type, path, on_error));
    }
    return json::Value(std::move(items));
  }
  const NamedType* named = type->named;
  if (named->kind == TypeKind::InputObject) {
    if (!input.is_object()) {
      on_error({path, input, "Expected type \"" + std::string(named->name) + "\" to be an object."});
      return std::nullopt;
    }
    json::Value result = json::Value::object();
    std::vector<std::pair<std::string_view, bool>> keys;  // name, and whether its value is null
    for (const InputValue& field : named->input_fields) {
      const json::Value* field_value = input.find(field.name);
      if (field_value == nullptr) {
        if (field.default_value) {
          result.set(field.name, *field.default_value);
          keys.emplace_back(field.name, field.default_value->is_null());
        } else if (field.type->is_non_null()) {
          on_error({path, input,
                    "Field \"" + std::string(field.name) + "\" of required type \"" + type_to_string(field.type) +
                        "\" was not provided."});
        }
        continue;
      }
      path.emplace_back(field.name);
      std::optional<json::Value> coerced = coerce(*field_value, field.type, path, on_error);
      path.pop_back();
      keys.emplace_back(field.name, coerced && coerced->is_null());
      result.set(field.name, coerced ? std::move(*coerced) : json::Value());
    }
    for (const json::Member& member : input.as_object()) {
      if (named->find_input_field(member.key) != nullptr) continue;
      std::vector<std::string_view> names;
      for (const InputValue& field : named->input_fields) names.push_back(field.name);
      on_error({path, input,
                "Field \"" + member.key + "\" is not defined by type \"" + std::string(named->name) + "\"." +
                    did_you_mean(suggestion_list(member.key, names))});
    }
    if (named->one_of) {
      if (keys.size() != 1) {
        on_error(
            {path, input, "Exactly one key must be specified for OneOf type \"" + std::string(named->name) + "\"."});
      }
      if (!keys.empty() && keys.front().second) {
        std::vector<json::Value> key_path = path;
        key_path.emplace_back(keys.front().first);
        on_error({key_path, json::Value(), "Field \"" + std::string(keys.front().first) + "\" must be non-null."});
      }
    }
    return result;
  }
  // Leaf types: parseValue.
  auto fail = [&](std::string message) -> std::optional<json::Value> {
    on_error({path, input, std::move(message)});
    return std::nullopt;
  };
  if (named->kind == TypeKind::Enum) {
    if (!input.is_string()) {
      std::string shown = inspect(input);
      return fail("Enum \"" + std::string(named->name) + "\" cannot represent non-string value: " + shown + "." +
                  enum_suggestions(named, shown));
    }
    if (named->find_value(input.as_string()) == nullptr) {
      return fail("Value \"" + input.as_string() + "\" does not exist in \"" + std::string(named->name) + "\" enum." +
                  enum_suggestions(named, input.as_string()));
    }
    return input;
  }
  std::string_view name = named->builtin ? named->name : std::string_view();
  if (name == "Int") {
    if (!is_integer(input)) return fail("Int cannot represent non-integer value: " + inspect(input));
    double d = input.as_double();
    if (d > static_cast<double>(kMaxInt) || d < static_cast<double>(kMinInt)) {
      return fail("Int cannot represent non 32-bit signed integer value: " + format_js_number(d));
    }
    return normalize_integer(input);
  }
  if (name == "Float") {
    if (!input.is_number() || !std::isfinite(input.as_double())) {
      return fail("Float cannot represent non numeric value: " + inspect(input));
    }
    return is_integer(input) ? normalize_integer(input) : input;
  }
  if (name == "String") {
    if (!input.is_string()) return fail("String cannot represent a non string value: " + inspect(input));
    return input;
  }
  if (name == "Boolean") {
    if (!input.is_bool()) return fail("Boolean cannot represent a non boolean value: " + inspect(input));
    return input;
  }
  if (name == "ID") {
    if (input.is_string()) return input;
    if (is_integer(input)) return json::Value(format_js_number(input.as_double()));
    return fail("ID cannot represent value: " + inspect(input));
  }
  return input;  // custom scalars accept any value
}

}  // namespace

json::Value coerce_input_value(const json::Value& input, const Type* type,
                               const std::function<void(CoercionError)>& on_error) {
  std::vector<json::Value> path;
  std::optional<json::Value> coerced = coerce(input, type, path, on_error);
  return coerced ? std::move(*coerced) : json::Value();
}

}  // namespace junction::schema
