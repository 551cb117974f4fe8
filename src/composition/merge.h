// Merging validated subgraphs into a supergraph, as @apollo/composition's Merger does
// (docs/federation/merge.md).
#pragma once

#include <optional>
#include <vector>

#include "federation/model.h"
#include "federation/subgraph.h"

namespace junction::composition {

struct MergeResult {
  std::optional<federation::Schema> supergraph;  // absent when there are errors
  std::optional<federation::Schema> api_schema;  // the supergraph's API schema, with it
  federation::FederationErrors errors;
  federation::FederationErrors hints;
};

// Merges subgraphs (already validated, Federation 2, sorted by name).
MergeResult merge_subgraphs(const std::vector<const federation::Subgraph*>& subgraphs);

}  // namespace junction::composition
