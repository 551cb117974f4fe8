#include "federation/spec.h"

#include <algorithm>
#include <array>
#include <map>
#include <memory>

#include "common/assert.h"
#include "graphql/parser.h"

namespace junction::federation {

// ---- Versions and URLs ---------------------------------------------------------------------

std::string Version::to_string() const { return "v" + std::to_string(major) + "." + std::to_string(minor); }

std::optional<Version> Version::parse(std::string_view text) {
  if (text.size() < 4 || text[0] != 'v') return std::nullopt;
  size_t dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto number = [](std::string_view digits) -> std::optional<int> {
    if (digits.empty() || digits.size() > 9) return std::nullopt;
    int value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    return value;
  };
  auto major = number(text.substr(1, dot - 1));
  auto minor = number(text.substr(dot + 1));
  if (!major || !minor) return std::nullopt;
  return Version{*major, *minor};
}

Result<FeatureUrl> parse_feature_url(std::string_view url) {
  // A minimal WHATWG-style split: scheme "://" authority path [?query] [#fragment].
  size_t scheme_end = url.find(':');
  auto is_scheme_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '-' ||
           c == '.';
  };
  if (scheme_end == std::string_view::npos || scheme_end == 0 ||
      !((url[0] >= 'a' && url[0] <= 'z') || (url[0] >= 'A' && url[0] <= 'Z')) ||
      !std::all_of(url.begin(), url.begin() + static_cast<std::ptrdiff_t>(scheme_end), is_scheme_char)) {
    return Error("Invalid URL");
  }
  std::string scheme(url.substr(0, scheme_end));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view rest = url.substr(scheme_end + 1);
  size_t cut = rest.find_first_of("?#");
  if (cut != std::string_view::npos) rest = rest.substr(0, cut);
  std::string authority;
  std::string_view path;
  bool special = scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss" || scheme == "ftp";
  if (rest.substr(0, 2) == "//") {
    rest = rest.substr(2);
    size_t slash = rest.find('/');
    std::string_view host = rest.substr(0, slash);
    size_t at = host.rfind('@');
    if (at != std::string_view::npos) host = host.substr(at + 1);  // credentials are dropped
    if (host.empty() && special) return Error("Invalid URL");
    authority.assign(host);
    std::transform(authority.begin(), authority.end(), authority.begin(),
                   [](char c) { return static_cast<char>(std::tolower(c)); });
    path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
  } else {
    if (special) return Error("Invalid URL");
    path = rest;
  }
  std::string base = scheme + ":" + (authority.empty() && !special ? "" : "//" + authority);
  std::string normalized = base + (path.empty() && special ? "/" : std::string(path));
  if (path.empty() || path == "/") return Error("Missing path in feature url '" + normalized + "'");
  std::vector<std::string_view> segments;
  for (size_t start = 1; start <= path.size();) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    segments.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  std::string_view version_text = segments.back();
  if (version_text.empty()) return Error("Missing version component in feature url '" + normalized + "'");
  auto version = Version::parse(version_text);
  if (!version) return Error("Expected a version string (of the form v1.2), got " + std::string(version_text));
  std::string_view name = segments.size() >= 2 ? segments[segments.size() - 2] : std::string_view();
  if (name.empty()) return Error("Missing feature name component in feature url '" + normalized + "'");
  std::string identity = base;
  for (size_t i = 0; i + 1 < segments.size(); ++i) {
    identity += '/';
    identity += segments[i];
  }
  return FeatureUrl{identity, std::string(name), *version};
}

// ---- Federation names ----------------------------------------------------------------------

namespace {

constexpr std::array<std::string_view, kFedDirectiveCount> kDirectiveNames = {"key",
                                                                              "requires",
                                                                              "provides",
                                                                              "external",
                                                                              "tag",
                                                                              "extends",
                                                                              "shareable",
                                                                              "inaccessible",
                                                                              "override",
                                                                              "composeDirective",
                                                                              "interfaceObject",
                                                                              "authenticated",
                                                                              "requiresScopes",
                                                                              "policy",
                                                                              "context",
                                                                              "fromContext",
                                                                              "cost",
                                                                              "listSize",
                                                                              "cacheTag"};
constexpr std::array<std::string_view, kFedTypeCount> kTypeNames = {"FieldSet", "Scope", "Policy", "ContextFieldValue"};

}  // namespace

std::string_view spec_name(FedDirective directive) { return kDirectiveNames[static_cast<size_t>(directive)]; }
std::string_view spec_name(FedType type) { return kTypeNames[static_cast<size_t>(type)]; }

std::optional<FedDirective> fed_directive_named(std::string_view name) {
  for (size_t i = 0; i < kDirectiveNames.size(); ++i) {
    if (kDirectiveNames[i] == name) return static_cast<FedDirective>(i);
  }
  return std::nullopt;
}

// ---- Definitions ---------------------------------------------------------------------------

namespace {

constexpr std::string_view kTagLocationsV01 = "FIELD_DEFINITION | OBJECT | INTERFACE | UNION";
constexpr std::string_view kTagLocationsV02 =
    "FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | "
    "INPUT_OBJECT | INPUT_FIELD_DEFINITION";

std::string tag_directive(int tag_minor) {
  std::string locations(tag_minor == 1 ? kTagLocationsV01 : kTagLocationsV02);
  if (tag_minor >= 3) locations += " | SCHEMA";
  return "directive @tag(name: String!) repeatable on " + locations + "\n";
}
std::string inaccessible_directive(int minor) {
  return "directive @inaccessible on " + std::string(minor == 1 ? kTagLocationsV01 : kTagLocationsV02) + "\n";
}
const char* const kAuthenticated =
    "directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM\n";
const char* const kRequiresScopes =
    "directive @requiresScopes(scopes: [[Scope!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM\n";
const char* const kPolicy =
    "directive @policy(policies: [[Policy!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM\n";
const char* const kContext = "directive @context(name: String!) repeatable on INTERFACE | OBJECT | UNION\n";
const char* const kFromContext = "directive @fromContext(field: ContextFieldValue) on ARGUMENT_DEFINITION\n";
const char* const kCost =
    "directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | "
    "OBJECT | SCALAR\n";
const char* const kListSize =
    "directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], "
    "requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION\n";

std::string federation_sdl(int minor) {
  std::string sdl = "scalar FieldSet\n";
  if (minor >= 5) sdl += "scalar Scope\n";
  if (minor >= 6) sdl += "scalar Policy\n";
  if (minor >= 8) sdl += "scalar ContextFieldValue\n";
  sdl += "directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE\n";
  sdl += "directive @requires(fields: FieldSet!) on FIELD_DEFINITION\n";
  sdl += "directive @provides(fields: FieldSet!) on FIELD_DEFINITION\n";
  sdl += "directive @external(reason: String) on OBJECT | FIELD_DEFINITION\n";
  sdl += tag_directive(minor >= 3 ? 3 : 2);
  sdl += "directive @extends on OBJECT | INTERFACE\n";
  sdl += minor >= 2 ? "directive @shareable repeatable on OBJECT | FIELD_DEFINITION\n"
                    : "directive @shareable on OBJECT | FIELD_DEFINITION\n";
  sdl += inaccessible_directive(2);
  sdl += minor >= 7 ? "directive @override(from: String!, label: String) on FIELD_DEFINITION\n"
                    : "directive @override(from: String!) on FIELD_DEFINITION\n";
  if (minor >= 1) sdl += "directive @composeDirective(name: String) repeatable on SCHEMA\n";
  if (minor >= 3) sdl += "directive @interfaceObject on OBJECT\n";
  if (minor >= 5) {
    sdl += kAuthenticated;
    sdl += kRequiresScopes;
  }
  if (minor >= 6) sdl += kPolicy;
  if (minor >= 8) {
    sdl += kContext;
    sdl += kFromContext;
  }
  if (minor >= 9) {
    sdl += kCost;
    sdl += kListSize;
  }
  if (minor >= 12) sdl += "directive @cacheTag(format: String!) repeatable on OBJECT | FIELD_DEFINITION\n";
  return sdl;
}

const char* const kLinkSdl =
    R"(directive @link(url: String, as: String, for: Purpose, import: [Import]) repeatable on SCHEMA
enum Purpose {
  """
  `SECURITY` features provide metadata necessary to securely resolve fields.
  """
  SECURITY

  """
  `EXECUTION` features provide metadata necessary for operation execution.
  """
  EXECUTION
}
scalar Import
)";

const char* const kConnectSdl = R"(scalar URLPathTemplate
scalar JSONSelection
input ConnectorErrors { message: JSONSelection extensions: JSONSelection }
input HTTPHeaderMapping { name: String! from: String value: String }
input ConnectBatch { maxSize: Int }
input SourceHTTP { baseURL: String! headers: [HTTPHeaderMapping!] path: JSONSelection queryParams: JSONSelection }
input ConnectHTTP { GET: URLPathTemplate POST: URLPathTemplate PUT: URLPathTemplate PATCH: URLPathTemplate DELETE: URLPathTemplate body: JSONSelection headers: [HTTPHeaderMapping!] path: JSONSelection queryParams: JSONSelection }
directive @connect(source: String, id: String, http: ConnectHTTP, batch: ConnectBatch, errors: ConnectorErrors, selection: JSONSelection!, entity: Boolean = false, isSuccess: JSONSelection) repeatable on FIELD_DEFINITION | OBJECT
directive @source(name: String!, http: SourceHTTP!, errors: ConnectorErrors, isSuccess: JSONSelection) repeatable on SCHEMA
)";

std::string join_sdl(int minor) {
  std::string sdl = "scalar FieldSet\n";
  if (minor >= 4) sdl += "scalar DirectiveArguments\n";
  if (minor >= 5) {
    sdl += "scalar FieldValue\n";
    sdl +=
        "input ContextArgument {\n  name: String!\n  type: String!\n  context: String!\n  selection: FieldValue!\n}\n";
  }
  sdl += "directive @enumValue(graph: Graph!) repeatable on ENUM_VALUE\n";
  sdl += "directive @graph(name: String!, url: String!) on ENUM_VALUE\n";
  sdl += "directive @implements(graph: Graph!, interface: String!) repeatable on OBJECT | INTERFACE\n";
  sdl +=
      "directive @type(graph: Graph!, key: FieldSet, extension: Boolean! = false, resolvable: Boolean! = true, "
      "isInterfaceObject: Boolean! = false) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR\n";
  sdl += "directive @unionMember(graph: Graph!, member: String!) repeatable on UNION\n";
  std::string field =
      "directive @field(graph: Graph, requires: FieldSet, provides: FieldSet, type: String, external: Boolean, "
      "override: String, usedOverridden: Boolean";
  if (minor >= 4) field += ", overrideLabel: String";
  if (minor >= 5) field += ", contextArguments: [ContextArgument!]";
  sdl += field + ") repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION\n";
  if (minor >= 4) {
    sdl +=
        "directive @directive(graphs: [Graph!], name: String!, args: DirectiveArguments) repeatable on SCHEMA | "
        "OBJECT | INTERFACE | FIELD_DEFINITION\n";
  }
  return sdl;
}

// Drops AST pointers: spec definitions are not written anywhere.
void clear_nodes(Schema& schema) {
  for (const auto& type : schema.types()) {
    Type* t = schema.find_type(type->name);
    t->node = nullptr;
    for (Field& field : t->fields) field.node = nullptr;
    for (InputValue& field : t->input_fields) field.node = nullptr;
    for (EnumValue& value : t->values) value.node = nullptr;
  }
  for (DirectiveDefinition& directive : schema.directive_definitions()) {
    directive.node = nullptr;
    for (InputValue& argument : directive.arguments) argument.node = nullptr;
  }
}

Schema definitions_from(const std::string& sdl) {
  auto document = graphql::parse(sdl, "spec");
  JN_CHECK(document.ok());
  auto schema = build_model(*document);
  JN_CHECK(schema.ok());
  clear_nodes(*schema);
  return std::move(*schema);
}

struct Registry {
  std::vector<std::unique_ptr<Spec>> specs;

  void add(std::string_view name, Version version, std::optional<Version> min_federation, const std::string& sdl) {
    auto spec = std::make_unique<Spec>();
    spec->identity = std::string(kSpecsPrefix) + std::string(name);
    spec->name = std::string(name);
    spec->version = version;
    spec->min_federation = min_federation;
    spec->definitions = definitions_from(sdl);
    specs.push_back(std::move(spec));
  }

  Registry() {
    add("link", {1, 0}, Version{2, 0}, kLinkSdl);
    for (int minor = 0; minor <= 14; ++minor) add("federation", {2, minor}, std::nullopt, federation_sdl(minor));
    add("tag", {0, 1}, std::nullopt, tag_directive(1));
    add("tag", {0, 2}, std::nullopt, tag_directive(2));
    add("tag", {0, 3}, Version{2, 0}, tag_directive(3));
    add("inaccessible", {0, 1}, std::nullopt, inaccessible_directive(1));
    add("inaccessible", {0, 2}, Version{2, 0}, inaccessible_directive(2));
    add("authenticated", {0, 1}, Version{2, 5}, kAuthenticated);
    add("requiresScopes", {0, 1}, std::nullopt, std::string("scalar Scope\n") + kRequiresScopes);
    add("policy", {0, 1}, std::nullopt, std::string("scalar Policy\n") + kPolicy);
    add("context", {0, 1}, std::nullopt, std::string("scalar ContextFieldValue\n") + kContext + kFromContext);
    add("cost", {0, 1}, Version{2, 9}, std::string(kCost) + kListSize);
    add("cacheTag", {0, 1}, std::nullopt,
        "directive @cacheTag(format: String!) repeatable on OBJECT | FIELD_DEFINITION\n");
    for (int minor = 1; minor <= 4; ++minor) add("connect", {0, minor}, Version{2, 9 + minor}, kConnectSdl);
    add("join", {0, 3}, Version{2, 0}, join_sdl(3));
    add("join", {0, 4}, Version{2, 7}, join_sdl(4));
    add("join", {0, 5}, Version{2, 8}, join_sdl(5));
  }
};

const Registry& registry() {
  static const Registry instance;
  return instance;
}

}  // namespace

bool Spec::has_element(std::string_view spec_element_name, bool directive) const {
  return directive ? definitions.find_directive_definition(spec_element_name) != nullptr
                   : definitions.find_type(spec_element_name) != nullptr;
}

const Spec* find_spec(std::string_view identity, Version version) {
  for (const auto& spec : registry().specs) {
    if (spec->identity == identity && spec->version == version) return spec.get();
  }
  return nullptr;
}

std::vector<const Spec*> spec_versions(std::string_view identity) {
  std::vector<const Spec*> out;
  for (const auto& spec : registry().specs) {
    if (spec->identity == identity) out.push_back(spec.get());
  }
  return out;
}

Version latest_federation_version() { return {2, 14}; }

const Schema& federation1_definitions() {
  static const Schema schema = definitions_from(
      "scalar _FieldSet\n"
      "directive @key(fields: _FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE\n"
      "directive @requires(fields: _FieldSet!) on FIELD_DEFINITION\n"
      "directive @provides(fields: _FieldSet!) on FIELD_DEFINITION\n"
      "directive @external(reason: String) on OBJECT | FIELD_DEFINITION\n" +
      tag_directive(2) + "directive @extends on OBJECT | INTERFACE\n");
  return schema;
}

}  // namespace junction::federation
