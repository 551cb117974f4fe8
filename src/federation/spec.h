// The specifications a subgraph or a supergraph can @link (federation, link, join, tag,
// inaccessible, ...): their URLs, versions and definitions, as Apollo's federation-internals
// registers them (docs/federation/subgraphs.md §3-4, merge.md §1.3-1.6).
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "federation/model.h"

namespace junction::federation {

struct Version {
  int major = 0;
  int minor = 0;

  friend auto operator<=>(const Version&, const Version&) = default;
  [[nodiscard]] std::string to_string() const;  // "v2.3"
  // "v2.3" (the whole text must match ^v(\d+)\.(\d+)$).
  static std::optional<Version> parse(std::string_view text);
};

inline constexpr std::string_view kSpecsPrefix = "https://specs.apollo.dev/";
inline constexpr std::string_view kLinkIdentity = "https://specs.apollo.dev/link";
inline constexpr std::string_view kFederationIdentity = "https://specs.apollo.dev/federation";
inline constexpr std::string_view kJoinIdentity = "https://specs.apollo.dev/join";
inline constexpr std::string_view kCoreIdentity = "https://specs.apollo.dev/core";
inline constexpr std::string_view kConnectIdentity = "https://specs.apollo.dev/connect";

// A feature URL split the way Apollo's FeatureUrl does.
struct FeatureUrl {
  std::string identity;  // "https://specs.apollo.dev/federation"
  std::string name;      // "federation"
  Version version;
  [[nodiscard]] std::string to_string() const { return identity + "/" + version.to_string(); }
};

// Parses a @link url. Errors carry Apollo's INVALID_LINK_IDENTIFIER messages, or exactly
// "Invalid URL" when the text is not a URL at all.
Result<FeatureUrl> parse_feature_url(std::string_view url);

// The federation directives and types, in Apollo's registration order.
enum class FedDirective : uint8_t {
  Key,
  Requires,
  Provides,
  External,
  Tag,
  Extends,
  Shareable,
  Inaccessible,
  Override,
  ComposeDirective,
  InterfaceObject,
  Authenticated,
  RequiresScopes,
  Policy,
  Context,
  FromContext,
  Cost,
  ListSize,
  CacheTag,
};
inline constexpr int kFedDirectiveCount = 19;
enum class FedType : uint8_t { FieldSet, Scope, Policy, ContextFieldValue };
inline constexpr int kFedTypeCount = 4;

std::string_view spec_name(FedDirective directive);  // "key"
std::string_view spec_name(FedType type);            // "FieldSet"
std::optional<FedDirective> fed_directive_named(std::string_view spec_name);

// A known version of a known specification, with its definitions under their spec names
// (types in registration order, then directives in registration order).
struct Spec {
  std::string identity;
  std::string name;  // the feature name, also the default alias
  Version version;
  std::optional<Version> min_federation;  // the federation version this spec needs, if any
  Schema definitions;                     // only the spec's own types and directives

  [[nodiscard]] std::string url() const { return identity + "/" + version.to_string(); }
  [[nodiscard]] bool has_element(std::string_view spec_element_name, bool directive) const;
};

// The spec for an identity at a version, or null when that version (or identity) is unknown.
const Spec* find_spec(std::string_view identity, Version version);
// Every known version of an identity, oldest first.
std::vector<const Spec*> spec_versions(std::string_view identity);
// The newest federation version Apollo knows (v2.14).
Version latest_federation_version();

// Federation 1's definitions (@key ... @extends and _FieldSet, no prefixes).
const Schema& federation1_definitions();

}  // namespace junction::federation
