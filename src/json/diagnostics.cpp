#include "json/diagnostics.h"

namespace junction::json {

Value error_object(const Diagnostic& diagnostic) {
  Value error = Value::object();
  error.set("message", diagnostic.message);
  if (!diagnostic.locations.empty()) {
    Value locations = Value::array();
    for (const SourceLocation& location : diagnostic.locations) {
      Value item = Value::object();
      item.set("line", static_cast<int64_t>(location.line));
      item.set("column", static_cast<int64_t>(location.column));
      locations.push(std::move(item));
    }
    error.set("locations", std::move(locations));
  }
  return error;
}

Value error_list(const std::vector<Diagnostic>& diagnostics) {
  Value list = Value::array();
  for (const Diagnostic& diagnostic : diagnostics) list.push(error_object(diagnostic));
  return list;
}

}  // namespace junction::json
