#include "json/read.h"

#include <simdjson.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "common/utf8.h"

namespace junction::json {
namespace {

constexpr int kMaxDepth = 1024;

Value convert(simdjson::dom::element element) {
  switch (element.type()) {
    case simdjson::dom::element_type::ARRAY: {
      // Take the array out of its result first: iterating a temporary result's value dangles.
      simdjson::dom::array array;
      if (element.get_array().get(array) != simdjson::SUCCESS) return Value();
      Value::Array items;
      items.reserve(array.size());
      for (simdjson::dom::element item : array) items.push_back(convert(item));
      return Value(std::move(items));
    }
    case simdjson::dom::element_type::OBJECT: {
      simdjson::dom::object object;
      if (element.get_object().get(object) != simdjson::SUCCESS) return Value();
      Value result = Value::object();
      for (auto field : object) result.set(field.key, convert(field.value));
      return result;
    }
    case simdjson::dom::element_type::INT64: return Value(element.get_int64().value_unsafe());
    case simdjson::dom::element_type::UINT64: return Value(static_cast<double>(element.get_uint64().value_unsafe()));
    case simdjson::dom::element_type::DOUBLE: return Value(element.get_double().value_unsafe());
    case simdjson::dom::element_type::STRING: return Value(element.get_string().value_unsafe());
    case simdjson::dom::element_type::BOOL: return Value(element.get_bool().value_unsafe());
    case simdjson::dom::element_type::NULL_VALUE: return Value();
  }
  return Value();
}

// A plain recursive-descent reader, used when simdjson refuses a valid document because of a
// number it cannot represent (integers beyond 64 bits, exponents beyond double range): such
// numbers become doubles (infinite when out of range), as JSON.parse makes them.
class SlowReader {
 public:
  explicit SlowReader(std::string_view text) : text_(text) {}

  Result<Value> read() {
    skip_space();
    Value value = parse_value(0);
    skip_space();
    if (!failed_ && position_ != text_.size()) fail("unexpected text after the JSON value");
    if (failed_) return Error("invalid JSON: " + error_ + " at byte " + std::to_string(error_position_));
    return value;
  }

 private:
  void fail(std::string message) {
    if (failed_) return;
    failed_ = true;
    error_ = std::move(message);
    error_position_ = position_;
  }
  void skip_space() {
    while (position_ < text_.size() && (text_[position_] == ' ' || text_[position_] == '\t' ||
                                        text_[position_] == '\n' || text_[position_] == '\r')) {
      ++position_;
    }
  }
  bool consume(std::string_view literal) {
    if (text_.substr(position_, literal.size()) != literal) return false;
    position_ += literal.size();
    return true;
  }

  Value parse_value(int depth) {
    if (depth > kMaxDepth) {
      fail("nesting too deep");
      return Value();
    }
    if (position_ >= text_.size()) {
      fail("unexpected end");
      return Value();
    }
    char c = text_[position_];
    if (c == '{') return parse_object(depth);
    if (c == '[') return parse_array(depth);
    if (c == '"') return Value(parse_string());
    if (consume("true")) return Value(true);
    if (consume("false")) return Value(false);
    if (consume("null")) return Value();
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
    fail("unexpected character");
    return Value();
  }

  Value parse_object(int depth) {
    ++position_;
    Value object = Value::object();
    skip_space();
    if (consume("}")) return object;
    while (!failed_) {
      skip_space();
      if (position_ >= text_.size() || text_[position_] != '"') {
        fail("expected a string key");
        break;
      }
      std::string key = parse_string();
      skip_space();
      if (!consume(":")) {
        fail("expected ':'");
        break;
      }
      skip_space();
      Value value = parse_value(depth + 1);
      object.set(key, std::move(value));
      skip_space();
      if (consume("}")) break;
      if (!consume(",")) fail("expected ',' or '}'");
    }
    return object;
  }

  Value parse_array(int depth) {
    ++position_;
    Value::Array items;
    skip_space();
    if (consume("]")) return Value(std::move(items));
    while (!failed_) {
      skip_space();
      items.push_back(parse_value(depth + 1));
      skip_space();
      if (consume("]")) break;
      if (!consume(",")) fail("expected ',' or ']'");
    }
    return Value(std::move(items));
  }

  int hex4() {
    int value = 0;
    for (int i = 0; i < 4; ++i) {
      if (position_ >= text_.size()) return -1;
      char c = text_[position_++];
      int digit = c >= '0' && c <= '9'   ? c - '0'
                  : c >= 'a' && c <= 'f' ? c - 'a' + 10
                  : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                         : -1;
      if (digit < 0) return -1;
      value = value * 16 + digit;
    }
    return value;
  }

  std::string parse_string() {
    ++position_;
    std::string out;
    while (!failed_) {
      if (position_ >= text_.size()) {
        fail("unterminated string");
        break;
      }
      char c = text_[position_++];
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) {
        fail("control character in string");
        break;
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (position_ >= text_.size()) {
        fail("unterminated escape");
        break;
      }
      char e = text_[position_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          int code = hex4();
          if (code < 0) {
            fail("bad \\u escape");
            break;
          }
          if (code >= 0xD800 && code <= 0xDBFF && consume("\\u")) {
            int low = hex4();
            if (low >= 0xDC00 && low <= 0xDFFF) {
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            } else {
              code = 0xFFFD;
            }
          } else if (code >= 0xD800 && code <= 0xDFFF) {
            code = 0xFFFD;  // a lone surrogate cannot be represented in UTF-8
          }
          utf8::append(out, static_cast<uint32_t>(code));
          break;
        }
        default: fail("bad escape");
      }
    }
    return out;
  }

  Value parse_number() {
    size_t start = position_;
    if (text_[position_] == '-') ++position_;
    auto digits = [&] {
      size_t first = position_;
      while (position_ < text_.size() && text_[position_] >= '0' && text_[position_] <= '9') ++position_;
      return position_ > first;
    };
    if (!digits()) {
      fail("bad number");
      return Value();
    }
    bool integer = true;
    if (position_ < text_.size() && text_[position_] == '.') {
      integer = false;
      ++position_;
      if (!digits()) fail("bad number");
    }
    if (position_ < text_.size() && (text_[position_] == 'e' || text_[position_] == 'E')) {
      integer = false;
      ++position_;
      if (position_ < text_.size() && (text_[position_] == '+' || text_[position_] == '-')) ++position_;
      if (!digits()) fail("bad number");
    }
    std::string literal(text_.substr(start, position_ - start));
    if (integer) {
      errno = 0;
      char* end = nullptr;
      long long value = std::strtoll(literal.c_str(), &end, 10);
      if (errno == 0) return Value(static_cast<int64_t>(value));
    }
    return Value(std::strtod(literal.c_str(), nullptr));
  }

  std::string_view text_;
  size_t position_ = 0;
  bool failed_ = false;
  std::string error_;
  size_t error_position_ = 0;
};

}  // namespace

Result<Value> parse(std::string_view text) {
  simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  auto result = parser.parse(padded);
  if (result.error() == simdjson::SUCCESS) return convert(result.value_unsafe());
  if (result.error() == simdjson::NUMBER_ERROR) {
    return SlowReader(text).read();
  }
  return Error(std::string("invalid JSON: ") + simdjson::error_message(result.error()));
}

}  // namespace junction::json
