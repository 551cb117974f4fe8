#include "json/value.h"

namespace junction::json {

const Value* Value::find(std::string_view key) const {
  if (!is_object()) return nullptr;
  for (const Member& member : as_object()) {
    if (member.key == key) return &member.value;
  }
  return nullptr;
}

void Value::set(std::string_view key, Value value) {
  if (!is_object()) data_ = Object{};
  for (Member& member : as_object()) {
    if (member.key == key) {
      member.value = std::move(value);
      return;
    }
  }
  as_object().push_back({std::string(key), std::move(value)});
}

bool operator==(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.type() == Value::Type::Int && b.type() == Value::Type::Int) return a.as_int() == b.as_int();
    return a.as_double() == b.as_double();
  }
  return a.data_ == b.data_;
}

}  // namespace junction::json
