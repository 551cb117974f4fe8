// Shared by `compose` and `check`: reading a rover supergraph config with every subgraph's SDL,
// and reporting composition problems.
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "composition/compose.h"
#include "json/value.h"

namespace junction::cli {

// Reads the config (`-` for stdin) and every subgraph's SDL: a file, inline, or introspected
// from a running service (waiting `timeout` for each). Errors are one line naming the place.
Result<std::vector<composition::SubgraphSource>> load_subgraphs(const std::string& config,
                                                                std::chrono::milliseconds timeout);

// {"code": ..., "message": ...}
json::Value problem_json(const federation::FederationError& problem);

// "error[CODE]: message" and, when the problem is located in a subgraph's SDL,
// "  --> subgraph (path:line:col)".
void print_problem(std::ostream& out, std::string_view severity, const federation::FederationError& problem,
                   const std::vector<composition::SubgraphSource>& sources);

}  // namespace junction::cli
