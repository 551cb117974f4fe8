// Answers introspection from a schema: __schema, __type(name:) and __typename, with any
// selection over the introspection types, as graphql-js executes them.
#pragma once

#include <string>

#include "graphql/ast.h"
#include "json/value.h"
#include "schema/schema.h"

namespace junction::schema {

// Which optional parts the standard introspection query asks for (graphql-js
// getIntrospectionQuery options).
struct IntrospectionOptions {
  bool descriptions = true;
  bool specified_by_url = false;
  bool directive_is_repeatable = false;
  bool schema_description = false;
  bool input_value_deprecation = false;
  bool one_of = false;
};

// The text of the standard introspection query.
std::string introspection_query(const IntrospectionOptions& options = {});

// Executes `operation` (already validated against `schema`) as far as introspection goes:
// the root fields __schema, __type and __typename are answered; other root fields are left
// out. Returns the "data" object.
json::Value execute_introspection(const Schema& schema, const graphql::Document& document,
                                  const graphql::OperationDefinition& operation, const json::Value& variables);

// {"data": ...} for the standard introspection query: what graphql-js returns for
// graphqlSync({schema, source: getIntrospectionQuery(options)}).
json::Value introspect(const Schema& schema, const IntrospectionOptions& options = {});

}  // namespace junction::schema
