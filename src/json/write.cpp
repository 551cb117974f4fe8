#include "json/write.h"

#include <cmath>
#include <cstdio>

#include "common/js_number.h"

namespace junction::json {
namespace {

void write(std::string& out, const Value& value, int indent, int depth);

void newline(std::string& out, int indent, int depth) {
  if (indent == 0) return;
  out += '\n';
  out.append(static_cast<size_t>(indent) * static_cast<size_t>(depth), ' ');
}

void write(std::string& out, const Value& value, int indent, int depth) {
  switch (value.type()) {
    case Value::Type::Null: out += "null"; break;
    case Value::Type::Bool: out += value.as_bool() ? "true" : "false"; break;
    case Value::Type::Int: out += std::to_string(value.as_int()); break;
    case Value::Type::Double: {
      double d = value.as_double();
      if (std::isfinite(d)) {
        append_js_number(out, d);
      } else {
        out += "null";
      }
      break;
    }
    case Value::Type::String: append_quoted(out, value.as_string()); break;
    case Value::Type::Array: {
      const auto& items = value.as_array();
      if (items.empty()) {
        out += "[]";
        break;
      }
      out += '[';
      for (size_t i = 0; i < items.size(); ++i) {
        if (i != 0) out += ',';
        newline(out, indent, depth + 1);
        write(out, items[i], indent, depth + 1);
      }
      newline(out, indent, depth);
      out += ']';
      break;
    }
    case Value::Type::Object: {
      const auto& members = value.as_object();
      if (members.empty()) {
        out += "{}";
        break;
      }
      out += '{';
      for (size_t i = 0; i < members.size(); ++i) {
        if (i != 0) out += ',';
        newline(out, indent, depth + 1);
        append_quoted(out, members[i].key);
        out += indent == 0 ? ":" : ": ";
        write(out, members[i].value, indent, depth + 1);
      }
      newline(out, indent, depth);
      out += '}';
      break;
    }
  }
}

}  // namespace

void append_quoted(std::string& out, std::string_view text) {
  out += '"';
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
          out += buffer;
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

std::string to_string(const Value& value) {
  std::string out;
  write(out, value, 0, 0);
  return out;
}

std::string to_pretty_string(const Value& value, int indent) {
  std::string out;
  write(out, value, indent, 0);
  return out;
}

}  // namespace junction::json
