// Query plans: the subgraph fetches that answer one operation, with their dependencies, and
// the readable text `junction plan` prints (Apollo's QueryPlan layout).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "graphql/ast.h"

namespace junction::planner {

// A selection of a subgraph operation or of an entity representation.
struct Selection {
  enum class Kind : uint8_t { Field, InlineFragment };
  Kind kind = Kind::Field;
  std::string alias;                   // fields: empty when not aliased
  std::string name;                    // fields
  std::string arguments;               // fields: "(id: $id, first: 10)", or empty
  std::string type_condition;          // fragments: empty when there is none
  std::string directives;              // " @include(if: $x)", or empty
  std::vector<std::string> variables;  // variables its arguments and directives use
  // Representations only: the value sent instead of the object's own (`__typename` becomes the
  // interface name when the target subgraph knows the type as an @interfaceObject).
  std::string constant;
  std::vector<Selection> children;

  [[nodiscard]] std::string_view response_key() const { return alias.empty() ? name : alias; }
  [[nodiscard]] bool is_field() const { return kind == Kind::Field; }
};
using SelectionSet = std::vector<Selection>;

// A path in the response: field response keys, "@" for the elements of a list.
using ResponsePath = std::vector<std::string>;

struct Fetch {
  int id = 0;
  int subgraph = 0;  // index in Supergraph::subgraphs()
  std::string subgraph_name;
  graphql::OperationType operation_type = graphql::OperationType::Query;
  // An _entities fetch: its representations are built from the objects at `path`, by
  // `representation` (inline fragments on the entity types), and its results merged back there.
  bool entity = false;
  ResponsePath path;
  SelectionSet representation;
  SelectionSet selection;
  std::string operation;               // the GraphQL document sent to the subgraph
  std::vector<std::string> variables;  // operation variables forwarded with it
  std::vector<int> depends_on;         // fetches that must complete first
};

struct QueryPlan {
  std::vector<Fetch> fetches;  // ids are indexes; dependencies come before their dependents
  // Root fields the gateway answers itself (__typename, __schema, __type): no fetch needed.
  bool introspection = false;
  bool schema_introspection = false;  // __schema or __type among them (fragments included)
};

// The plan as text: Sequence / Parallel / Flatten / Fetch nodes, the way Apollo prints
// query plans. Fetches at the same depth of the dependency graph print in one Parallel.
std::string print_plan(const QueryPlan& plan);

// A selection set printed compactly, as it is sent to a subgraph: "{a b{c}}".
void append_compact(std::string& out, const SelectionSet& set);

}  // namespace junction::planner
