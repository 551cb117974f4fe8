// Validations that run once the supergraph is merged (docs/federation/merge.md §6).
#include <algorithm>

#include "composition/merger.h"
#include "federation/api_schema.h"

namespace junction::composition::detail {

using federation::subgraph_names;

void Merger::post_merge_validations() {
  // §6.1 interface fields missing from implementations.
  for (const auto& type : supergraph_.types()) {
    if (type->kind != TypeKind::Object && type->kind != TypeKind::Interface) continue;
    for (const auto& implemented : type->interfaces) {
      const Type* interface_type = supergraph_.find_type(implemented.name);
      if (interface_type == nullptr) continue;
      for (const Field& field : interface_type->fields) {
        if (type->find_field(field.name) != nullptr) continue;
        std::vector<std::string> declaring;
        std::vector<std::string> implementing;
        for (size_t i = 0; i < count(); ++i) {
          const Type* local_interface = subgraph(i).schema.find_type(interface_type->name);
          if (local_interface != nullptr && local_interface->kind == TypeKind::Interface &&
              local_interface->find_field(field.name) != nullptr) {
            declaring.push_back(subgraph_name(i));
          }
          const Type* local_type = subgraph(i).schema.find_type(type->name);
          if (local_type != nullptr &&
              std::any_of(local_type->interfaces.begin(), local_type->interfaces.end(),
                          [&](const auto& member) { return member.name == interface_type->name; })) {
            implementing.push_back(subgraph_name(i));
          }
        }
        error("INTERFACE_FIELD_NO_IMPLEM", "Interface field \"" + interface_type->name + "." + field.name +
                                               "\" is declared in " + subgraph_names(declaring) + " but type \"" +
                                               type->name + "\", which implements \"" + interface_type->name +
                                               "\" only in " + subgraph_names(implementing) +
                                               " does not have field \"" + field.name + "\".");
      }
    }
  }
  if (!errors_.empty()) return;
  // §6.4 GraphQL validity of the supergraph, then §6.5 its API schema.
  for (FederationError& problem : federation::validate_schema_rules(supergraph_)) errors_.push_back(std::move(problem));
  if (!errors_.empty()) return;
  federation::ApiSchemaResult api = federation::to_api_schema(supergraph_);
  for (FederationError& problem : api.errors) errors_.push_back(std::move(problem));
}

}  // namespace junction::composition::detail
