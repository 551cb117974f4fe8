// Composition: subgraph SDL in, supergraph SDL (or Apollo's errors) out — what
// @apollo/composition's composeServices does, with the same output byte for byte.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "federation/model.h"
#include "federation/subgraph.h"

namespace junction::composition {

struct SubgraphSource {
  std::string name;
  std::string url;
  std::string sdl;
  std::string path;  // where the SDL came from (for error locations); the name when inline
};

struct ComposeOptions {
  bool satisfiability = true;
};

struct ComposeResult {
  std::optional<std::string> supergraph_sdl;
  std::optional<federation::Schema> supergraph;
  federation::FederationErrors errors;  // Apollo's order; empty on success
  federation::FederationErrors hints;
};

ComposeResult compose(const std::vector<SubgraphSource>& sources, const ComposeOptions& options = {});

// Upgrades Federation 1 subgraphs to Federation 2 the way Apollo does
// (docs/federation/subgraphs.md §6.2-6.3). Subgraphs are in name order.
federation::FederationErrors upgrade_subgraphs(std::vector<federation::Subgraph>& subgraphs);

// JavaScript's `a < b` on strings (UTF-16 code units), for subgraph order.
bool utf16_less(const std::string& a, const std::string& b);

}  // namespace junction::composition
