#include "common/js_number.h"

#include <gtest/gtest.h>

#include <limits>

namespace junction {

TEST(JsNumberTest, MatchesJavaScriptToString) {
  EXPECT_EQ(format_js_number(0), "0");
  EXPECT_EQ(format_js_number(-0.0), "0");
  EXPECT_EQ(format_js_number(1), "1");
  EXPECT_EQ(format_js_number(-2.5), "-2.5");
  EXPECT_EQ(format_js_number(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(format_js_number(1e21), "1e+21");
  EXPECT_EQ(format_js_number(1e20), "100000000000000000000");
  EXPECT_EQ(format_js_number(1.5e-7), "1.5e-7");
  EXPECT_EQ(format_js_number(0.000001), "0.000001");
  EXPECT_EQ(format_js_number(123456789012345678901234567890.0), "1.2345678901234568e+29");
  EXPECT_EQ(format_js_number(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(format_js_number(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

}  // namespace junction
