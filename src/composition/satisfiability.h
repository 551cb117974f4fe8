// Satisfiability: every query the supergraph API allows can be resolved by the subgraphs
// (Apollo's validate.js, docs/federation/satisfiability.md).
#pragma once

#include "federation/model.h"
#include "federation/subgraph.h"

namespace junction::composition {

struct SatisfiabilityResult {
  federation::FederationErrors errors;
  federation::FederationErrors hints;
};

// Walks the supergraph's API graph alongside the federated graph of its extracted subgraphs.
// `api_schema` is the supergraph's API schema (merge computes it on the way).
SatisfiabilityResult validate_satisfiability(const federation::Schema& supergraph,
                                             const federation::Schema& api_schema);

}  // namespace junction::composition
