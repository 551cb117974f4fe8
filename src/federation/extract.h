// Reading a supergraph back into its subgraphs (Apollo's extractSubgraphsFromSupergraph,
// docs/federation/supergraph.md §4): what satisfiability, `junction compose --extract` and the
// gateway's query planner work from.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "federation/model.h"
#include "federation/subgraph.h"

namespace junction::federation {

// Extracts every subgraph (in name order) from a supergraph that uses join v0.2-v0.5.
// Errors use Apollo's wording ("Missing @join__type on T", ...).
Result<std::vector<Subgraph>> extract_subgraphs(const Schema& supergraph);

// A subgraph printed the way Apollo's Subgraph.toString() prints it: federation definitions,
// link definitions and the federation operations left out.
std::string print_subgraph(const Subgraph& subgraph);

}  // namespace junction::federation
