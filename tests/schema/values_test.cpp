#include "schema/values.h"

#include "json/read.h"
#include "json/write.h"
#include "schema/support.h"

namespace junction::schema::testing {

TEST(ValuesTest, InspectsLikeGraphqlJs) {
  EXPECT_EQ(inspect(*json::parse(R"({"a": [1, "x", {"b": {"c": 1}}], "d": null})")),
            R"({ a: [1, "x", [Object]], d: null })");
  EXPECT_EQ(inspect(*json::parse("[1,2,3,4,5,6,7,8,9,10,11,12]")), "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... 2 more items]");
  EXPECT_EQ(inspect(json::Value(std::string("q\""))), R"("q\"")");
}

TEST(ValuesTest, PrintsPaths) {
  EXPECT_EQ(print_path({json::Value("a"), json::Value(int64_t{0}), json::Value("b")}), ".a[0].b");
}

TEST(ValuesTest, PrintsLiteralsForCoercedValues) {
  auto schema = schema_of("enum E { A } input I { e: E n: [Int] } type Query { f(i: I): Int }");
  const Type* input = schema->find_type("Query")->find_field("f")->find_argument("i")->type;
  EXPECT_EQ(print_value_literal(*json::parse(R"({"n": [1, null], "e": "A"})"), input), "{e: A, n: [1, null]}");
}

}  // namespace junction::schema::testing
