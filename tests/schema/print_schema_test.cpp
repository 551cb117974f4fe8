#include "schema/print_schema.h"

#include "schema/support.h"

namespace junction::schema::testing {

TEST(PrintSchemaTest, PrintsInTypeMapOrderWithCanonicalLayout) {
  auto schema = schema_of(R"(
    "The root"
    type Query { "described" a(x: Int = 1 "arg doc" y: String): [Int!]! @deprecated b: E }
    enum E { ONE TWO @deprecated(reason: "gone") }
    directive @tag(name: String!) repeatable on FIELD_DEFINITION
  )");
  EXPECT_EQ(print_schema(*schema),
            "directive @tag(name: String!) repeatable on FIELD_DEFINITION\n\n"
            "\"\"\"The root\"\"\"\n"
            "type Query {\n"
            "  \"\"\"described\"\"\"\n"
            "  a(\n"
            "    x: Int = 1\n\n"
            "    \"\"\"arg doc\"\"\"\n"
            "    y: String\n"
            "  ): [Int!]! @deprecated\n"
            "  b: E\n"
            "}\n\n"
            "enum E {\n"
            "  ONE\n"
            "  TWO @deprecated(reason: \"gone\")\n"
            "}");
}

TEST(PrintSchemaTest, PrintsSchemaDefinitionOnlyForUnusualRoots) {
  EXPECT_EQ(print_schema(*schema_of("type Query { a: Int }")), "type Query {\n  a: Int\n}");
  EXPECT_EQ(print_schema(*schema_of("schema { query: Root } type Root { a: Int }")),
            "schema {\n  query: Root\n}\n\ntype Root {\n  a: Int\n}");
}

TEST(PrintSchemaTest, PrintsDefaultsTheWayAstFromValueDoes) {
  auto schema = schema_of("type Query { f(a: Float = 1.0, b: ID = \"7\", c: [String] = \"x\", d: Float = 1e3): Int }");
  EXPECT_EQ(print_schema(*schema),
            "type Query {\n  f(a: Float = 1, b: ID = 7, c: [String] = [\"x\"], d: Float = 1000): Int\n}");
}

TEST(PrintSchemaTest, IntrospectionSchemaListsBuiltIns) {
  std::string printed = print_introspection_schema(*schema_of("type Query { a: Int }"));
  EXPECT_NE(printed.find("directive @include("), std::string::npos);
  EXPECT_NE(printed.find("type __Schema {"), std::string::npos);
  EXPECT_NE(printed.find("enum __DirectiveLocation {"), std::string::npos);
}

}  // namespace junction::schema::testing
