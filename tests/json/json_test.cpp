#include <gtest/gtest.h>

#include <cmath>

#include "json/read.h"
#include "json/write.h"

namespace junction::json {

TEST(JsonTest, RoundTripsKeepingOrder) {
  auto value = parse(R"({"b": [1, 2.5, true, null], "a": {"x": "y\n\"q\""}})");
  ASSERT_TRUE(value.ok());
  EXPECT_EQ(to_string(*value), R"({"b":[1,2.5,true,null],"a":{"x":"y\n\"q\""}})");
}

TEST(JsonTest, PrettyPrintsLikeJsonStringify) {
  auto value = parse(R"({"a": [], "b": {}, "c": [1, {"d": 2}]})");
  EXPECT_EQ(to_pretty_string(*value),
            "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": [\n    1,\n    {\n      \"d\": 2\n    }\n  ]\n}");
}

TEST(JsonTest, RepeatedKeysKeepFirstPlaceAndLastValue) {
  auto value = parse(R"({"a": 1, "b": 2, "a": 3})");
  EXPECT_EQ(to_string(*value), R"({"a":3,"b":2})");
}

TEST(JsonTest, NumbersBeyondDoublesAndLongs) {
  auto value = parse(R"([123456789012345678901234567890, 1e400, -1e400, 9007199254740993])");
  ASSERT_TRUE(value.ok()) << value.error().message();
  const auto& items = value->as_array();
  EXPECT_DOUBLE_EQ(items[0].as_double(), 1.2345678901234568e29);
  EXPECT_TRUE(std::isinf(items[1].as_double()));
  EXPECT_EQ(items[3].as_int(), 9007199254740993);
  EXPECT_EQ(to_string(*value), "[1.2345678901234568e+29,null,null,9007199254740993]");
}

TEST(JsonTest, EscapesControlCharactersLowercase) {
  EXPECT_EQ(to_string(Value(std::string("\x01\x1f\t"))), "\"\\u0001\\u001f\\t\"");
}

TEST(JsonTest, RejectsInvalidJson) {
  EXPECT_FALSE(parse("{").ok());
  EXPECT_FALSE(parse("[1,]").ok());
  EXPECT_FALSE(parse("").ok());
  EXPECT_FALSE(parse("{\"a\": 1} x").ok());
}

}  // namespace junction::json
