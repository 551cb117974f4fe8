// Numbers the way JavaScript prints them, so that our output matches graphql-js's.
#pragma once

#include <string>

namespace junction {

// ECMAScript Number::toString(10): the shortest digits that round-trip, in plain notation
// for exponents in [-7, 21) and in exponential notation ("1e+21", "1.5e-7") otherwise.
std::string format_js_number(double value);

// Appends the same text to `out`.
void append_js_number(std::string& out, double value);

}  // namespace junction
