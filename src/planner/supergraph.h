// A supergraph loaded for serving: the composed schema, the subgraphs recovered from it (with
// their federation metadata and routing URLs), and the API schema clients query. Immutable
// once loaded and shared by every request of a gateway generation.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "federation/metadata.h"
#include "federation/model.h"
#include "federation/subgraph.h"
#include "schema/schema.h"

namespace junction::planner {

// One subgraph of the supergraph, as the planner sees it.
struct SubgraphInfo {
  std::string name;
  std::string url;  // join__graph(url:), the routing URL
  const federation::Subgraph* subgraph = nullptr;
  std::unique_ptr<federation::SubgraphMetadata> metadata;
};

// The progressive @override labels enabled for one request (sorted, unique).
using OverrideLabels = std::vector<std::string>;

// A @key of an entity in one subgraph.
struct EntityKey {
  const federation::FieldSet* fields = nullptr;  // parsed against the subgraph's type
  std::string text;                              // as written in @key(fields:)
  bool resolvable = true;
};

class Supergraph {
 public:
  // Reads a supergraph (join v0.2-v0.5). `name` is where it came from, for error messages.
  static Result<std::shared_ptr<const Supergraph>> load(std::string text, const std::string& name = "supergraph");

  [[nodiscard]] const std::string& text() const { return text_; }
  // The API schema: what operations are validated and introspected against.
  [[nodiscard]] const schema::Schema& api() const { return *api_; }
  [[nodiscard]] const std::string& api_sdl() const { return api_sdl_; }
  [[nodiscard]] const std::vector<SubgraphInfo>& subgraphs() const { return subgraphs_; }
  [[nodiscard]] int subgraph_index(std::string_view name) const;

  // The type named `type` in subgraph `index`, or null.
  [[nodiscard]] const federation::Type* type_in(int index, std::string_view type) const;
  // Keys of `type` in subgraph `index` (empty when it is not an entity there).
  [[nodiscard]] const std::vector<EntityKey>& keys(int index, std::string_view type) const;
  // Whether subgraph `index` resolves `type.field` by itself (the field is there, not
  // external, not overridden by another subgraph). A field under a progressive
  // @override(label:) belongs to the overriding subgraph when the label is in `labels`, to the
  // one it overrides otherwise. @provides is the planner's business.
  [[nodiscard]] bool resolves(int index, std::string_view type, std::string_view field,
                              const OverrideLabels& labels = {}) const;
  // Every progressive @override label in the supergraph, sorted.
  [[nodiscard]] const std::vector<std::string>& override_labels() const { return labels_; }
  // The parsed @requires of `type.field` in subgraph `index`, or null.
  [[nodiscard]] const federation::FieldSet* requires_of(int index, std::string_view type, std::string_view field) const;
  // The parsed @provides of `type.field` in subgraph `index` (against the field's type), or null.
  [[nodiscard]] const federation::FieldSet* provides_of(int index, std::string_view type, std::string_view field) const;
  // Whether `type` is an @interfaceObject in subgraph `index`.
  [[nodiscard]] bool is_interface_object(int index, std::string_view type) const;

 private:
  Supergraph() = default;

  std::string text_;
  std::shared_ptr<const graphql::Document> document_;
  federation::Schema model_;
  std::vector<federation::Subgraph> extracted_;
  std::vector<SubgraphInfo> subgraphs_;
  std::string api_sdl_;
  std::shared_ptr<const schema::Schema> api_;
  // "subgraph index/type" -> keys.
  std::unordered_map<std::string, std::vector<EntityKey>> keys_;
  // "subgraph index/type.field" -> its progressive override label, and whether this subgraph
  // is the overriding one (true) or the one overridden (false).
  std::unordered_map<std::string, std::pair<std::string, bool>> labelled_;
  std::vector<std::string> labels_;
};

}  // namespace junction::planner
