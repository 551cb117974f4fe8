// A JSON value tree: what variables and extensions arrive as, and what introspection and
// tools print. Objects keep their members in order (GraphQL responses are ordered).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace junction::json {

struct Member;

class Value {
 public:
  enum class Type : uint8_t { Null, Bool, Int, Double, String, Array, Object };
  using Array = std::vector<Value>;
  using Object = std::vector<Member>;

  // Constructors are defined below, once Member is complete (clang requires it).
  Value();
  Value(std::nullptr_t);          // NOLINT: implicit by design
  Value(bool value);              // NOLINT
  Value(int value);               // NOLINT
  Value(int64_t value);           // NOLINT
  Value(double value);            // NOLINT
  Value(std::string value);       // NOLINT
  Value(std::string_view value);  // NOLINT
  Value(const char* value);       // NOLINT
  Value(Array value);             // NOLINT: implicit by design
  Value(Object value);            // NOLINT

  static Value array();
  static Value object();

  [[nodiscard]] Type type() const { return static_cast<Type>(data_.index()); }
  [[nodiscard]] bool is_null() const { return type() == Type::Null; }
  [[nodiscard]] bool is_bool() const { return type() == Type::Bool; }
  [[nodiscard]] bool is_number() const { return type() == Type::Int || type() == Type::Double; }
  [[nodiscard]] bool is_string() const { return type() == Type::String; }
  [[nodiscard]] bool is_array() const { return type() == Type::Array; }
  [[nodiscard]] bool is_object() const { return type() == Type::Object; }

  [[nodiscard]] bool as_bool() const { return std::get<bool>(data_); }
  [[nodiscard]] int64_t as_int() const { return std::get<int64_t>(data_); }
  // Any number as a double (JavaScript's view of numbers).
  [[nodiscard]] double as_double() const {
    return type() == Type::Int ? static_cast<double>(std::get<int64_t>(data_)) : std::get<double>(data_);
  }
  [[nodiscard]] const std::string& as_string() const { return std::get<std::string>(data_); }
  [[nodiscard]] const Array& as_array() const { return std::get<Array>(data_); }
  [[nodiscard]] Array& as_array() { return std::get<Array>(data_); }
  [[nodiscard]] const Object& as_object() const;
  [[nodiscard]] Object& as_object();

  // Object member by key, or null when absent (or when this is not an object).
  [[nodiscard]] const Value* find(std::string_view key) const;
  // Sets an object member, replacing an existing one in place.
  void set(std::string_view key, Value value);
  // Appends to an array.
  void push(Value value);

  friend bool operator==(const Value& a, const Value& b);

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, Array, Object> data_;
};

struct Member {
  std::string key;
  Value value;
  friend bool operator==(const Member&, const Member&) = default;
};

// Defined here, where Member is complete.
inline Value::Value() = default;
inline Value::Value(std::nullptr_t) {}
inline Value::Value(bool value) : data_(value) {}
inline Value::Value(int value) : data_(int64_t{value}) {}
inline Value::Value(int64_t value) : data_(value) {}
inline Value::Value(double value) : data_(value) {}
inline Value::Value(std::string value) : data_(std::move(value)) {}
inline Value::Value(std::string_view value) : data_(std::string(value)) {}
inline Value::Value(const char* value) : data_(std::string(value)) {}
inline Value::Value(Array value) : data_(std::move(value)) {}
inline Value::Value(Object value) : data_(std::move(value)) {}
inline Value Value::array() { return Value(Array{}); }
inline Value Value::object() { return Value(Object{}); }
inline const Value::Object& Value::as_object() const { return std::get<Object>(data_); }
inline Value::Object& Value::as_object() { return std::get<Object>(data_); }
inline void Value::push(Value value) { as_array().push_back(std::move(value)); }

}  // namespace junction::json
