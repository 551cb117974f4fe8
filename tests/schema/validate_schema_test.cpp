#include "schema/validate_schema.h"

#include "schema/support.h"

namespace junction::schema::testing {
namespace {

std::vector<std::string> problems(const std::string& sdl) {
  std::vector<std::string> out;
  auto schema = unchecked_schema_of(sdl);
  if (schema == nullptr) return out;
  for (const auto& diagnostic : validate_schema(*schema)) out.push_back(diagnostic.message);
  return out;
}

}  // namespace

TEST(ValidateSchemaTest, AcceptsAValidSchema) {
  EXPECT_TRUE(problems("interface N { id: ID! } type Query implements N { id: ID! n: N }").empty());
}

TEST(ValidateSchemaTest, RequiresAnObjectQueryRoot) {
  EXPECT_EQ(problems("type Mutation { a: Int }"), (std::vector<std::string>{"Query root type must be provided."}));
  EXPECT_EQ(problems("schema { query: Q } interface Q { a: Int }"),
            (std::vector<std::string>{"Query root type must be Object type, it cannot be Q."}));
}

TEST(ValidateSchemaTest, ChecksInterfaceImplementations) {
  EXPECT_EQ(problems("interface I { a(x: Int!): String b: Int } type Query implements I { a: Int c(y: Int!): Int }"),
            (std::vector<std::string>{"Interface field I.a expects type String but Query.a is type Int.",
                                      "Interface field argument I.a(x:) expected but Query.a does not provide it.",
                                      "Interface field I.b expected but Query does not provide it."}));
}

TEST(ValidateSchemaTest, ChecksUnionsEnumsInputsAndNames) {
  EXPECT_EQ(problems("type Query { a: Int } union U = Query | Query input I { __b: Int }"),
            (std::vector<std::string>{
                "Union type U can only include type Query once.",
                "Name \"__b\" must not begin with \"__\", which is reserved by GraphQL introspection."}));
}

TEST(ValidateSchemaTest, FindsNonNullInputCycles) {
  EXPECT_EQ(problems("type Query { a(i: A): Int } input A { b: B! } input B { a: A! }"),
            (std::vector<std::string>{
                "Cannot reference Input Object \"A\" within itself through a series of non-null fields: \"b.a\"."}));
}

TEST(ValidateSchemaTest, ChecksOneOfFields) {
  EXPECT_EQ(problems("type Query { a(i: O): Int } input O @oneOf { x: Int! y: Int = 1 }"),
            (std::vector<std::string>{"OneOf input field O.x must be nullable.",
                                      "OneOf input field O.y cannot have a default value."}));
}

}  // namespace junction::schema::testing
