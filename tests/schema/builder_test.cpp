#include "schema/support.h"

namespace junction::schema::testing {

std::vector<std::string> type_names(const Schema& schema) {
  std::vector<std::string> names;
  for (const NamedType* type : schema.types()) names.emplace_back(type->name);
  return names;
}

TEST(BuilderTest, OrdersTypesLikeGraphqlJsTypeMap) {
  auto schema = schema_of("type Query { b: B a: Int } type B { s: String } enum Unused { X }");
  ASSERT_NE(schema, nullptr);
  auto names = type_names(*schema);
  // Definitions in order, each followed by the built-ins first reached from it, then the
  // directives' argument types and the introspection types.
  std::vector<std::string> front(names.begin(), names.begin() + 6);
  EXPECT_EQ(front, (std::vector<std::string>{"Query", "Int", "B", "String", "Unused", "Boolean"}));
  EXPECT_EQ(names[6], "__Schema");
  EXPECT_EQ(schema->find_type("Float"), nullptr);  // never referenced, so not in the schema
}

TEST(BuilderTest, MergesExtensionsInOrder) {
  auto schema = schema_of(R"(
    type Query { a: Int }
    extend type Query implements Node { id: ID! }
    interface Node { id: ID! }
    enum E { A } extend enum E { B }
    union U = Query extend union U = Other
    type Other { x: Int }
    input I { a: Int } extend input I { b: Int = 2 }
  )");
  ASSERT_NE(schema, nullptr);
  const NamedType* query = schema->find_type("Query");
  ASSERT_EQ(query->fields.size(), 2u);
  EXPECT_EQ(query->fields[1].name, "id");
  EXPECT_EQ(query->interfaces.front()->name, "Node");
  EXPECT_EQ(query->extensions.size(), 1u);
  EXPECT_EQ(schema->find_type("E")->values.size(), 2u);
  EXPECT_EQ(schema->find_type("U")->members.size(), 2u);
  EXPECT_EQ(schema->find_type("I")->input_fields[1].default_value->as_int(), 2);
  EXPECT_EQ(schema->possible_types(schema->find_type("Node")).size(), 1u);
}

TEST(BuilderTest, FindsRootTypesByDefinitionOrConvention) {
  auto named = schema_of("schema { query: Root mutation: Change } type Root { a: Int } type Change { b: Int }");
  EXPECT_EQ(named->query_type()->name, "Root");
  EXPECT_EQ(named->mutation_type()->name, "Change");
  EXPECT_EQ(named->subscription_type(), nullptr);
  auto conventional = schema_of("type Query { a: Int } type Subscription { s: Int }");
  EXPECT_EQ(conventional->subscription_type()->name, "Subscription");
}

TEST(BuilderTest, ReadsDeprecationSpecifiedByAndOneOf) {
  auto schema = schema_of(R"(
    type Query { old: Int @deprecated new: Int @deprecated(reason: "use x") kept: Int @deprecated(reason: null) }
    scalar Url @specifiedBy(url: "https://url.spec.whatwg.org")
    input Pick @oneOf { a: Int b: String }
  )");
  const NamedType* query = schema->find_type("Query");
  EXPECT_EQ(query->find_field("old")->deprecation_reason, "No longer supported");
  EXPECT_EQ(query->find_field("new")->deprecation_reason, "use x");
  EXPECT_FALSE(query->find_field("kept")->deprecation_reason.has_value());
  EXPECT_EQ(schema->find_type("Url")->specified_by_url, "https://url.spec.whatwg.org");
  EXPECT_TRUE(schema->find_type("Pick")->one_of);
}

TEST(BuilderTest, CoercesDefaultsAndDropsInvalidOnes) {
  auto schema = schema_of(R"(
    input Inner { x: Int = 5 y: String }
    type Query { f(a: [Int] = 1, b: Inner = {y: "s"}, c: Int = "wrong", d: ID = 12): Int }
  )");
  const Field* f = schema->find_type("Query")->find_field("f");
  EXPECT_EQ(f->find_argument("a")->default_value->as_array().size(), 1u);
  EXPECT_EQ(f->find_argument("b")->default_value->find("x")->as_int(), 5);
  EXPECT_FALSE(f->find_argument("c")->default_value.has_value());
  EXPECT_EQ(f->find_argument("d")->default_value->as_string(), "12");
}

TEST(BuilderTest, BuildSchemaReportsSdlErrorsBeforeBuilding) {
  auto parsed = graphql::parse("type Query { a: Missing }");
  auto built = validation::build_schema(std::make_shared<const graphql::Document>(std::move(parsed).value()));
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().message(), "Unknown type \"Missing\".");
}

TEST(BuilderTest, InvalidDeprecationReasonIsAnErrorNotACrash) {
  auto parsed = graphql::parse("type Query { a: Int @deprecated(reason: 123) }");
  auto built = build_schema_unchecked(std::make_shared<const graphql::Document>(std::move(parsed).value()));
  ASSERT_FALSE(built.ok());
  EXPECT_EQ(built.error().message(), "Argument \"reason\" has invalid value 123.");
}

}  // namespace junction::schema::testing
