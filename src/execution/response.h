// The client's response from the merged subgraph data: the operation's shape (aliases,
// fragments, @skip/@include, __typename, introspection answered from the API schema) with the
// specification's null propagation (a null in a non-null position nulls the nearest nullable
// parent, section 6.4.4).
#pragma once

#include <vector>

#include "graphql/ast.h"
#include "json/value.h"
#include "schema/schema.h"

namespace junction::execution {

// {"data": ..., "errors": [...]} ("errors" only when there are some). `variables` are the
// coerced variable values; `errors` are those gathered while fetching.
json::Value build_response(const schema::Schema& api, const graphql::Document& document,
                           const graphql::OperationDefinition& operation, const json::Value& variables,
                           const json::Value& data, std::vector<json::Value> errors);

}  // namespace junction::execution
