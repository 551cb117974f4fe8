// A subgraph: its schema completed with the federation definitions it links, and what
// federation knows about it (docs/federation/subgraphs.md). Built and validated the way
// Apollo's buildSubgraph does, with the same errors in the same order.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/source.h"
#include "federation/link.h"
#include "federation/model.h"
#include "federation/spec.h"
#include "graphql/ast.h"

namespace junction::federation {

// An error or hint with Apollo's code, message and, when it comes from a subgraph's SDL, where.
struct FederationError {
  std::string code;
  std::string message;
  std::string subgraph;                    // the subgraph the location belongs to, if any
  std::optional<SourceLocation> location;  // in that subgraph's SDL
};
using FederationErrors = std::vector<FederationError>;

struct Subgraph {
  std::string name;
  std::string url;
  Schema schema;
  std::shared_ptr<const graphql::Document> document;  // what node pointers in `schema` point into
  Features features;                                  // empty unless the schema is a core schema (@link)
  bool fed2 = false;
  Version federation_version{1, 0};  // of the federation @link; v1.0 for Federation 1 subgraphs
  std::array<std::string, kFedDirectiveCount> directive_names{};  // "" when not available
  std::array<std::string, kFedTypeCount> type_names{};
  uint32_t next_sequence = 1;  // for AppliedDirective::sequence

  [[nodiscard]] const std::string& name_of(FedDirective directive) const {
    return directive_names[static_cast<size_t>(directive)];
  }
  [[nodiscard]] const std::string& name_of(FedType type) const { return type_names[static_cast<size_t>(type)]; }
  [[nodiscard]] bool is(const AppliedDirective& directive, FedDirective which) const {
    const std::string& wanted = name_of(which);
    return !wanted.empty() && directive.name == wanted;
  }
  [[nodiscard]] bool has(const Directives& directives, FedDirective which) const;
  [[nodiscard]] std::vector<const AppliedDirective*> applications(const Directives& directives,
                                                                  FedDirective which) const;

  [[nodiscard]] const Type* query_type() const;
  [[nodiscard]] const Type* root_type(graphql::OperationType operation) const;
  // Where a node of this subgraph's SDL is (for error locations).
  [[nodiscard]] std::optional<SourceLocation> locate(const graphql::Node* node) const;
  // Recomputes directive_names/type_names from the features (or Federation 1's plain names).
  void compute_names();
};

struct SubgraphResult {
  std::optional<Subgraph> subgraph;
  FederationErrors errors;  // prefixed "[name] ", in Apollo's order
};

// Builds a subgraph from its parsed SDL and validates it (buildSubgraph + Subgraph.validate).
// Federation 1 subgraphs are only validated up to root-type renaming; the upgrade validates
// them fully.
SubgraphResult build_subgraph(std::string name, std::string url, std::shared_ptr<const graphql::Document> document);

// Subgraph.validate(): adds the federation operations (_Any, _Service, _Entity, _entities,
// _service) and runs every validation; errors are prefixed with the subgraph name.
FederationErrors validate_subgraph(Subgraph& subgraph);

// The GraphQL validity rules Apollo's schema validator applies (names, empty types, default
// values, interface implementations, input cycles), on any schema. Errors are INVALID_GRAPHQL.
FederationErrors validate_schema_rules(const Schema& schema);

// Completes a schema with the federation definitions it links (completeSubgraphSchema):
// exposed for the Federation 1 upgrade. Errors are unprefixed.
FederationErrors complete_subgraph_schema(Subgraph& subgraph);

// An empty Federation 2 subgraph linking federation v2.14 with Apollo's standard import list
// (@key ... @interfaceObject), with the federation definitions: the starting point of a
// subgraph extracted from a supergraph.
Subgraph make_federation2_subgraph(std::string name, std::string url);

// Adds _Any, _Service, _Entity, Query._entities and Query._service (Apollo's
// addFederationOperations).
void add_federation_operations(Subgraph& subgraph);

// Apollo's enrichment of `Unknown directive "@name".` (subgraphs.md §5.6).
std::string unknown_directive_message(const Subgraph& subgraph, std::string_view name);

// Apollo's kind names: "ObjectType", "InputObjectType", ...
std::string_view apollo_kind_name(TypeKind kind);

// Error helpers.
FederationError make_error(std::string code, std::string message, const Subgraph* subgraph = nullptr,
                           const graphql::Node* node = nullptr);
void prefix_errors(FederationErrors& errors, const std::string& subgraph_name);

}  // namespace junction::federation
