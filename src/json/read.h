// Parsing JSON text into values (simdjson inside; errors name the position).
#pragma once

#include <string_view>

#include "common/result.h"
#include "json/value.h"

namespace junction::json {

// Parses a whole JSON text. Integers that fit 64 bits stay exact; other numbers are doubles.
// A repeated object key keeps its first position and its last value (as JSON.parse does).
Result<Value> parse(std::string_view text);

}  // namespace junction::json
