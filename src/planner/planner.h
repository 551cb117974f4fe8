// Query planning: which subgraph answers each field of an operation, and in what order.
//
// The planner walks the operation against the API schema, keeping each field in the fetch of
// the subgraph it is already in when that subgraph can resolve it (directly or through
// @provides), and otherwise jumping to another subgraph through an entity @key (batched
// `_entities` fetches, one per subgraph, path and parent fetch), first planning the fields
// that a @requires needs. Mutation root fields run in order. The plan does not depend on
// variable values: @skip/@include are forwarded to the subgraphs.
#pragma once

#include <memory>

#include "common/result.h"
#include "graphql/ast.h"
#include "planner/plan.h"
#include "planner/supergraph.h"

namespace junction::planner {

// Plans `operation` of `document`, which must be valid against the supergraph's API schema,
// with these progressive @override labels enabled.
Result<std::shared_ptr<const QueryPlan>> build_plan(const Supergraph& supergraph, const graphql::Document& document,
                                                    const graphql::OperationDefinition& operation,
                                                    const OverrideLabels& labels = {});

// The operation a request names: the one called `name`, or the only one when `name` is empty.
// Errors use graphql-js's wording ("Unknown operation named \"x\".").
Result<const graphql::OperationDefinition*> select_operation(const graphql::Document& document, std::string_view name);

}  // namespace junction::planner
