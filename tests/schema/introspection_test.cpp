#include "schema/introspection.h"

#include "json/write.h"
#include "schema/support.h"

namespace junction::schema::testing {
namespace {

json::Value run(const Schema& schema, const std::string& query, const std::string& variables = "{}") {
  auto parsed = graphql::parse(query);
  EXPECT_TRUE(parsed.ok());
  const auto* operation = graphql::as<graphql::OperationDefinition>(parsed->definitions().front());
  json::Value vars = json::Value::object();
  if (variables != "{}") vars.set("name", std::string("Pet"));
  return execute_introspection(schema, *parsed, *operation, vars);
}

}  // namespace

TEST(IntrospectionTest, AnswersTypeQueriesWithAliasesFragmentsAndDirectives) {
  auto schema = schema_of("type Query { pet: Pet } type Pet { name: String @deprecated old: Int }");
  json::Value data = run(*schema,
                         "query($name: String!) { t: __type(name: $name) { name kind ...F "
                         "all: fields(includeDeprecated: true) { name isDeprecated } "
                         "skipped: description @skip(if: true) } __typename }"
                         "fragment F on __Type { fields { name } }",
                         "pet");
  EXPECT_EQ(
      json::to_string(data),
      R"({"t":{"name":"Pet","kind":"OBJECT","fields":[{"name":"old"}],"all":[{"name":"name","isDeprecated":true},)"
      R"({"name":"old","isDeprecated":false}]},"__typename":"Query"})");
}

TEST(IntrospectionTest, DescribesWrappedTypesAndDefaults) {
  auto schema = schema_of("type Query { f(x: [Int!] = [1]): [String]! }");
  json::Value data =
      run(*schema,
          "{ __type(name: \"Query\") { fields { type { kind ofType { kind ofType { name } } } "
          "args { defaultValue type { kind } } } } __schema { queryType { name } mutationType { name } } }");
  EXPECT_EQ(json::to_string(data),
            R"({"__type":{"fields":[{"type":{"kind":"NON_NULL","ofType":{"kind":"LIST","ofType":{"name":"String"}}},)"
            R"("args":[{"defaultValue":"[1]","type":{"kind":"LIST"}}]}]},"__schema":{"queryType":{"name":"Query"},)"
            R"("mutationType":null}})");
}

TEST(IntrospectionTest, UnknownTypeIsNull) {
  auto schema = schema_of("type Query { a: Int }");
  EXPECT_EQ(json::to_string(run(*schema, "{ __type(name: \"Nope\") { name } }")), R"({"__type":null})");
}

TEST(IntrospectionTest, StandardQueryIsValidAndComplete) {
  auto schema = schema_of("type Query { a: Int }");
  std::string query = introspection_query({.descriptions = true,
                                           .specified_by_url = true,
                                           .directive_is_repeatable = true,
                                           .schema_description = true,
                                           .input_value_deprecation = true,
                                           .one_of = true});
  auto parsed = graphql::parse(query);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message();
  EXPECT_TRUE(validation::validate(*schema, *parsed).empty());
  json::Value result = introspect(*schema);
  const json::Value* types = result.find("data")->find("__schema")->find("types");
  ASSERT_NE(types, nullptr);
  EXPECT_EQ(types->as_array().size(), 12u);  // Query, Int, Boolean, String and the eight introspection types
}

}  // namespace junction::schema::testing
