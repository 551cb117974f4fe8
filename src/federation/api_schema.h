// The API schema of a supergraph: what clients see, with join and link removed and
// @inaccessible elements hidden (docs/federation/supergraph.md §3).
#pragma once

#include <optional>

#include "federation/model.h"
#include "federation/subgraph.h"

namespace junction::federation {

struct ApiSchemaResult {
  std::optional<Schema> schema;
  FederationErrors errors;  // @inaccessible validation errors (REFERENCED_INACCESSIBLE, ...)
};

// Builds the API schema of a supergraph (Schema.toAPISchema).
ApiSchemaResult to_api_schema(const Schema& supergraph);

// The features a schema links through its schema-level @link applications.
Features linked_features(const Schema& schema);

}  // namespace junction::federation
