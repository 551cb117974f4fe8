// The API schema of a supergraph: what clients see, with join and link removed and
// @inaccessible elements hidden (docs/federation/supergraph.md §3).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "common/result.h"
#include "federation/model.h"
#include "federation/subgraph.h"

namespace junction::schema {
class Schema;
}

namespace junction::federation {

struct ApiSchemaResult {
  std::optional<Schema> schema;
  FederationErrors errors;  // @inaccessible validation errors (REFERENCED_INACCESSIBLE, ...)
};

// Builds the API schema of a supergraph (Schema.toAPISchema).
ApiSchemaResult to_api_schema(const Schema& supergraph);

// The API schema printed (definitions sorted, as Apollo prints it) and built into a schema that
// operations are validated against and that schema diffs compare. Errors start with `name`.
struct BuiltApiSchema {
  std::string sdl;
  std::shared_ptr<const ::junction::schema::Schema> schema;
};
Result<BuiltApiSchema> build_api_schema(const Schema& supergraph, const std::string& name);

// The features a schema links through its schema-level @link applications.
Features linked_features(const Schema& schema);

}  // namespace junction::federation
