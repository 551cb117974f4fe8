// JSON text from values, as JavaScript's JSON.stringify writes it.
#pragma once

#include <string>
#include <string_view>

#include "json/value.h"

namespace junction::json {

// Compact form: JSON.stringify(value).
std::string to_string(const Value& value);
// Indented form: JSON.stringify(value, null, indent).
std::string to_pretty_string(const Value& value, int indent = 2);

// Appends `text` as a JSON string literal (quotes included), escaped like JSON.stringify.
void append_quoted(std::string& out, std::string_view text);

}  // namespace junction::json
