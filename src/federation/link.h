// @link: the features a schema links, their aliases and imports, and the names their elements
// take in the schema (docs/federation/subgraphs.md §3).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "federation/spec.h"

namespace junction::federation {

// One `import:` entry. Directive names keep their '@' ("@key", as "@myKey").
struct Import {
  std::string name;
  std::optional<std::string> as;

  [[nodiscard]] const std::string& name_in_schema() const { return as ? *as : name; }
  [[nodiscard]] std::string to_string() const;  // "@key" or "@key" as "@k" (quoted)
};

struct LinkedFeature {
  FeatureUrl url;
  std::string alias;  // the name in the schema: `as`, or the feature name
  std::optional<std::string> purpose;
  std::vector<Import> imports;
  const graphql::Directive* node = nullptr;  // the @link application

  // The name an element of this feature has in the schema (imports and the alias applied).
  [[nodiscard]] std::string directive_name_in_schema(std::string_view name_in_feature) const;
  [[nodiscard]] std::string type_name_in_schema(std::string_view name_in_feature) const;
  // The element's name in this feature for a name in the schema, if it belongs to it.
  [[nodiscard]] std::optional<std::string> directive_name_in_feature(std::string_view name_in_schema) const;
  [[nodiscard]] std::optional<std::string> type_name_in_feature(std::string_view name_in_schema) const;
  // Whether `name_in_feature` was imported (under any name).
  [[nodiscard]] const Import* import_of(std::string_view name_in_feature, bool directive) const;
};

// The element of a linked feature a schema element stands for.
struct FeatureElement {
  const LinkedFeature* feature = nullptr;
  std::string name_in_feature;
  bool imported = false;
};

// The features registered on a core schema, in registration order (the link spec first).
class Features {
 public:
  [[nodiscard]] bool empty() const { return features_.empty(); }
  [[nodiscard]] const std::vector<LinkedFeature>& list() const { return features_; }
  [[nodiscard]] const LinkedFeature* by_identity(std::string_view identity) const;
  [[nodiscard]] const LinkedFeature* by_alias(std::string_view alias) const;

  // Registers a feature after Apollo's checks (subgraphs.md §3.5); returns the error messages
  // (INVALID_LINK_DIRECTIVE_USAGE), empty on success.
  std::vector<std::string> add(LinkedFeature feature);

  // The feature a directive or type name belongs to.
  [[nodiscard]] std::optional<FeatureElement> source_of_directive(std::string_view name_in_schema) const;
  [[nodiscard]] std::optional<FeatureElement> source_of_type(std::string_view name_in_schema) const;

 private:
  std::vector<LinkedFeature> features_;
};

// Parses a @link(import:) value. Problems are appended to `errors` (Apollo's messages); `known`
// is the linked spec version when Junction knows it (its element names are then checked).
std::vector<Import> parse_imports(const json::Value& value, const Spec* known, std::vector<std::string>& errors);

// Apollo's valueToString for untyped values ({name: "@key", as: "k"}, [a, b], "s").
std::string untyped_value_to_string(const json::Value& value);

}  // namespace junction::federation
