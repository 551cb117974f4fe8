// The merge: supergraph initialisation, types, fields, arguments and the @join__* directives
// (docs/federation/merge.md §1-3).
#include <algorithm>
#include <deque>
#include <functional>
#include <unordered_set>

#include "common/parallel.h"
#include "composition/merger.h"
#include "json/write.h"

namespace junction::composition {

using namespace detail;  // NOLINT(google-build-using-namespace): this file implements it
using federation::human_readable_list;
using federation::join_strings;
using federation::kDefinition;
using federation::quote;
using federation::subgraph_names;

namespace detail {

// ---- Small helpers ---------------------------------------------------------------------------

std::string ElementRef::coordinate() const {
  switch (kind) {
    case Kind::Schema: return "<schema>";
    case Kind::Type: return type;
    case Kind::Field:
    case Kind::InputField:
    case Kind::EnumValue: return type + "." + name;
    case Kind::Argument: return type + "." + name + "(" + argument + ":)";
    case Kind::DirectiveArgument: return "@" + type + "(" + name + ":)";
  }
  return type;
}

std::string sanitized_graph_name(std::string_view subgraph_name) {
  std::string out;
  for (size_t i = 0; i < subgraph_name.size();) {
    auto c = static_cast<unsigned char>(subgraph_name[i]);
    size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (length == 1 && (std::isalnum(c) || c == '_')) {
      out += static_cast<char>(std::toupper(c));
    } else {
      out += length == 4 ? "__" : "_";
    }
    i += length;
  }
  if (!out.empty() && out[0] >= '0' && out[0] <= '9') out.insert(out.begin(), '_');
  size_t digits = out.size();
  while (digits > 0 && out[digits - 1] >= '0' && out[digits - 1] <= '9') --digits;
  if (digits < out.size() && digits > 0 && out[digits - 1] == '_') out += '_';
  return out;
}

}  // namespace detail

// The mismatch groups, absent sources skipped, the supergraph's group first.
std::vector<Group> detail::group_values(const std::vector<std::optional<std::string>>& values,
                                        const std::vector<std::string>& names, const std::string& supergraph_key) {
  std::vector<Group> groups;
  for (size_t i = 0; i < values.size(); ++i) {
    if (!values[i]) continue;
    auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.key == *values[i]; });
    if (it == groups.end()) {
      groups.push_back({*values[i], {}});
      it = groups.end() - 1;
    }
    it->subgraphs.push_back(names[i]);
  }
  std::vector<Group> out;
  auto first = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.key == supergraph_key; });
  out.push_back(first != groups.end() ? *first : Group{supergraph_key, {}});
  for (const Group& group : groups) {
    if (group.key != supergraph_key) out.push_back(group);
  }
  return out;
}

namespace {

std::string mismatch_error_text(const std::vector<Group>& groups,
                                const std::function<std::string(const Group&)>& printer) {
  std::vector<std::string> parts;
  for (const Group& group : groups) parts.push_back(printer(group));
  return join_strings(parts, " and ", " but ");
}

// message + first + rest joined by " and ".
std::string mismatch_hint_text(const std::vector<Group>& groups, const std::function<std::string(const Group&)>& first,
                               const std::function<std::string(const Group&)>& other) {
  std::string out = first(groups[0]);
  std::vector<std::string> rest;
  for (size_t i = 1; i < groups.size(); ++i) rest.push_back(other(groups[i]));
  return out + join_strings(rest, " and ", " and ", " and ");
}

}  // namespace

// ---- Merger basics ---------------------------------------------------------------------------

void Merger::error(std::string code, std::string message) {
  errors_.push_back(FederationError{std::move(code), std::move(message), {}, std::nullopt});
}

void Merger::hint(std::string code, std::string message) {
  hints_.push_back(FederationError{std::move(code), std::move(message), {}, std::nullopt});
}

bool Merger::is_interface_object(size_t index, const Type& type) const {
  return type.kind == TypeKind::Object && subgraph(index).has(type.directives, FedDirective::InterfaceObject);
}

TypeKind Merger::expected_kind(size_t index, const Type& type) const {
  return is_interface_object(index, type) ? TypeKind::Interface : type.kind;
}

std::vector<const Type*> Merger::type_sources(const Type& supergraph_type) const {
  std::vector<const Type*> sources(count(), nullptr);
  auto found = definitions_.find(supergraph_type.name);
  if (found == definitions_.end()) return sources;
  for (const auto& [i, type] : found->second) {
    if (expected_kind(i, *type) == supergraph_type.kind) sources[i] = type;
  }
  return sources;
}

std::vector<std::string> Merger::implementations_of(std::string_view interface_name) const {
  std::vector<std::string> out;
  for (const auto& type : supergraph_.types()) {
    if (type->kind != TypeKind::Object) continue;
    for (const auto& implemented : type->interfaces) {
      if (implemented.name == interface_name) out.push_back(type->name);
    }
  }
  return out;
}

Directives* Merger::resolve(const ElementRef& element) {
  if (element.kind == ElementRef::Kind::Schema) return &supergraph_.schema_directives;
  if (element.kind == ElementRef::Kind::DirectiveArgument) {
    DirectiveDefinition* definition = supergraph_.find_directive_definition(element.type);
    if (definition == nullptr) return nullptr;
    for (InputValue& argument : definition->arguments) {
      if (argument.name == element.name) return &argument.directives;
    }
    return nullptr;
  }
  Type* type = supergraph_.find_type(element.type);
  if (type == nullptr) return nullptr;
  switch (element.kind) {
    case ElementRef::Kind::Type: return &type->directives;
    case ElementRef::Kind::Field:
    case ElementRef::Kind::Argument: {
      Field* field = type->find_field(element.name);
      if (field == nullptr) return nullptr;
      if (element.kind == ElementRef::Kind::Field) return &field->directives;
      InputValue* argument = field->find_argument(element.argument);
      return argument != nullptr ? &argument->directives : nullptr;
    }
    case ElementRef::Kind::InputField:
      for (InputValue& field : type->input_fields) {
        if (field.name == element.name) return &field.directives;
      }
      return nullptr;
    case ElementRef::Kind::EnumValue:
      for (EnumValue& value : type->values) {
        if (value.name == element.name) return &value.directives;
      }
      return nullptr;
    default: return nullptr;
  }
}

// ---- Construction (§1.2-1.7) -----------------------------------------------------------------

namespace {

AppliedDirective directive(std::string name, std::vector<std::pair<std::string, json::Value>> arguments = {}) {
  AppliedDirective out;
  out.name = std::move(name);
  out.arguments = std::move(arguments);
  return out;
}

// Adds a spec's definitions to the supergraph under `alias` (no imports).
void add_spec_definitions(Schema& schema, const federation::Spec& spec, const federation::LinkedFeature& feature,
                          std::set<std::string>* names) {
  auto rename = [&](TypeRef ref) {
    if (spec.definitions.find_type(ref.name) != nullptr || (spec.name == "join" && ref.name == "Graph")) {
      ref.name = feature.type_name_in_schema(ref.name);
    }
    return ref;
  };
  for (const auto& spec_type : spec.definitions.types()) {
    std::string name = feature.type_name_in_schema(spec_type->name);
    if (schema.find_type(name) != nullptr) continue;
    Type& added = schema.add_type(spec_type->kind, name);
    added = *spec_type;
    added.name = name;
    for (InputValue& field : added.input_fields) field.type = rename(field.type);
    if (names != nullptr) names->insert(name);
  }
  for (const DirectiveDefinition& spec_directive : spec.definitions.directive_definitions()) {
    DirectiveDefinition added = spec_directive;
    added.name = feature.directive_name_in_schema(spec_directive.name);
    for (InputValue& argument : added.arguments) argument.type = rename(argument.type);
    if (schema.find_directive_definition(added.name) == nullptr) schema.add_directive_definition(std::move(added));
  }
}

}  // namespace

Merger::Merger(const std::vector<const Subgraph*>& subgraphs) : subgraphs_(subgraphs) {
  // Each subgraph's metadata is its own: computed on every core for a large graph.
  size_t type_count = 0;
  for (const Subgraph* subgraph : subgraphs_) type_count += subgraph->schema.types().size();
  metadata_.resize(subgraphs_.size());
  for_each_index(subgraphs_.size(), type_count >= kParallelMinTypes,
                 [&](size_t i) { metadata_[i] = std::make_unique<SubgraphMetadata>(*subgraphs_[i]); });
  for (const Subgraph* subgraph : subgraphs_) names_.push_back(subgraph->name);
  for (size_t i = 0; i < subgraphs_.size(); ++i) {
    for (const auto& type : subgraphs_[i]->schema.types()) definitions_[type->name].emplace_back(i, type.get());
  }

  // §1.2 federation version per subgraph.
  for (const Subgraph* subgraph : subgraphs_) {
    Version linked = subgraph->federation_version;
    std::optional<Version> implied;
    for (const federation::LinkedFeature& feature : subgraph->features.list()) {
      const federation::Spec* spec = federation::find_spec(feature.url.identity, feature.url.version);
      if (spec == nullptr || !spec->min_federation) continue;
      if (!implied || *implied < *spec->min_federation) implied = spec->min_federation;
    }
    Version used = linked;
    if (implied && implied->major == linked.major && implied->minor > linked.minor) {
      used = *implied;
      hint("IMPLICITLY_UPGRADED_FEDERATION_VERSION", "Subgraph " + subgraph->name +
                                                         " has been implicitly upgraded from federation " +
                                                         linked.to_string() + " to " + implied->to_string());
    }
    if (latest_version_ < used) latest_version_ = used;
  }
  join_minor_ = latest_version_ >= Version{2, 8} ? 5 : latest_version_ >= Version{2, 7} ? 4 : 3;

  // The link and join specs.
  federation::LinkedFeature link;
  link.url = {std::string(federation::kLinkIdentity), "link", {1, 0}};
  link.alias = "link";
  add_spec_definitions(supergraph_, *federation::find_spec(federation::kLinkIdentity, {1, 0}), link, &join_types_);
  supergraph_.schema_directives.push_back(directive("link", {{"url", json::Value(link.url.to_string())}}));
  federation::LinkedFeature join;
  join.url = {std::string(federation::kJoinIdentity), "join", {0, join_minor_}};
  join.alias = "join";
  add_spec_definitions(supergraph_, *federation::find_spec(federation::kJoinIdentity, {0, join_minor_}), join,
                       &join_types_);
  supergraph_.schema_directives.push_back(
      directive("link", {{"url", json::Value(join.url.to_string())}, {"for", json::Value("EXECUTION")}}));
  supergraph_.has_schema_definition = true;

  collect_composed_directives();
  if (!errors_.empty()) return;
  validate_compose_directives();
  if (!errors_.empty()) return;
  add_specs();

  // §1.5 join__Graph.
  Type& graph = supergraph_.add_type(TypeKind::Enum, "join__Graph");
  join_types_.insert("join__Graph");
  std::vector<std::string> sanitized;
  for (const Subgraph* subgraph : subgraphs_) sanitized.push_back(sanitized_graph_name(subgraph->name));
  for (size_t i = 0; i < count(); ++i) {
    size_t total = static_cast<size_t>(std::count(sanitized.begin(), sanitized.end(), sanitized[i]));
    std::string name = sanitized[i];
    if (total > 1) {
      size_t rank = static_cast<size_t>(std::count(sanitized.begin(),
                                                   sanitized.begin() + static_cast<std::ptrdiff_t>(i), sanitized[i])) +
                    1;
      name += "_" + std::to_string(rank);
    }
    graphs_.push_back(name);
    EnumValue value;
    value.name = name;
    value.directives.push_back(
        directive("join__graph", {{"name", json::Value(subgraph_name(i))}, {"url", json::Value(subgraph(i).url)}}));
    graph.values.push_back(std::move(value));
  }
}

// ---- merge() (§1.8) --------------------------------------------------------------------------

namespace {

struct TypeMerger {
  explicit TypeMerger(Merger& merger) : m(merger), interface_objects_(merger.count(), 0) {
    for (size_t i = 0; i < m.count(); ++i) {
      for (const auto& type : m.subgraph(i).schema.types()) {
        if (m.is_interface_object(i, *type)) interface_objects_[i] = 1;
      }
    }
  }

  Merger& m;
  std::vector<char> interface_objects_;  // per subgraph: whether it has an @interfaceObject type

  // ---- §2.1 ------------------------------------------------------------------------------

  bool skipped_type(size_t index, const Type& type) const {
    const std::string& name = type.name;
    if (name == "_Any" || name == "_Service" || name == "_Entity") return true;
    if (name.rfind("__", 0) == 0) return true;
    if (federation::is_builtin_scalar(name)) return true;
    if (auto source = m.subgraph(index).features.source_of_type(name)) {
      const std::string& id = source->feature->url.identity;
      if (id == federation::kFederationIdentity || id == federation::kLinkIdentity || id == federation::kCoreIdentity ||
          id == federation::kConnectIdentity) {
        return true;
      }
    }
    if (!m.subgraph(index).fed2 && name == "_FieldSet") return true;
    return false;
  }

  static std::string kind_label(TypeKind kind, bool interface_object) {
    if (interface_object) return "Interface Object Type (Object Type with @interfaceObject)";
    switch (kind) {
      case TypeKind::Scalar: return "Scalar Type";
      case TypeKind::Object: return "Object Type";
      case TypeKind::Interface: return "Interface Type";
      case TypeKind::Union: return "Union Type";
      case TypeKind::Enum: return "Enum Type";
      case TypeKind::InputObject: return "InputObject Type";
    }
    return "Object Type";
  }

  void add_types_shallow() {
    std::vector<std::string> mismatched;
    std::vector<std::string> interface_objects;
    for (size_t i = 0; i < m.count(); ++i) {
      for (const auto& type : m.subgraph(i).schema.types()) {
        if (skipped_type(i, *type)) continue;
        TypeKind kind = m.expected_kind(i, *type);
        if (m.is_interface_object(i, *type) &&
            std::find(interface_objects.begin(), interface_objects.end(), type->name) == interface_objects.end()) {
          interface_objects.push_back(type->name);
        }
        Type* existing = m.supergraph_.find_type(type->name);
        if (existing == nullptr) {
          m.supergraph_.add_type(kind, type->name);
        } else if (existing->kind != kind &&
                   std::find(mismatched.begin(), mismatched.end(), type->name) == mismatched.end()) {
          mismatched.push_back(type->name);
        }
      }
    }
    for (const std::string& name : mismatched) {
      m.mismatched_types_.insert(name);
      std::vector<std::optional<std::string>> values;
      std::vector<std::string> names;
      std::string first;
      for (size_t i = 0; i < m.count(); ++i) {
        names.push_back(m.subgraph_name(i));
        const Type* type = m.subgraph(i).schema.find_type(name);
        if (type == nullptr) {
          values.emplace_back();
          continue;
        }
        std::string label = kind_label(type->kind, m.is_interface_object(i, *type));
        if (first.empty()) first = label;
        values.emplace_back(label);
      }
      auto groups = group_values(values, names, first);
      m.error("TYPE_KIND_MISMATCH", "Type \"" + name + "\" has mismatched kind: it is defined as " +
                                        mismatch_error_text(groups, [](const Group& g) {
                                          return g.key + " in " + subgraph_names(g.subgraphs);
                                        }));
    }
    for (const std::string& name : interface_objects) {
      if (m.mismatched_types_.count(name) != 0) continue;
      bool real_interface = false;
      std::vector<std::string> defining;
      for (size_t i = 0; i < m.count(); ++i) {
        const Type* type = m.subgraph(i).schema.find_type(name);
        if (type == nullptr) continue;
        defining.push_back(m.subgraph_name(i));
        if (type->kind == TypeKind::Interface) real_interface = true;
      }
      if (!real_interface) {
        m.error("INTERFACE_OBJECT_USAGE_ERROR",
                "Type \"" + name +
                    "\" is declared with @interfaceObject in all the subgraphs in which it is defined "
                    "(it is defined in " +
                    subgraph_names(defining) + " but should be defined as an interface in at least one subgraph)");
      }
    }
  }

  // ---- §2.9 implements --------------------------------------------------------------------

  void merge_implements(Type& type) {
    std::vector<const Type*> sources = m.type_sources(type);
    for (size_t i = 0; i < m.count(); ++i) {
      if (sources[i] == nullptr) continue;
      for (const auto& implemented : sources[i]->interfaces) {
        type.directives.push_back(directive(
            "join__implements", {{"graph", json::Value(m.graphs_[i])}, {"interface", json::Value(implemented.name)}}));
        bool known = std::any_of(type.interfaces.begin(), type.interfaces.end(),
                                 [&](const auto& member) { return member.name == implemented.name; });
        if (!known) type.interfaces.push_back({implemented.name, kDefinition});
      }
    }
  }

  // ---- §2.2 common steps ------------------------------------------------------------------

  bool is_root(const Type& type) const {
    for (const auto& root : m.supergraph_.roots) {
      if (root.type == type.name) return true;
    }
    return false;
  }

  static bool has_extension_elements(const Type& type) {
    auto any = [](const auto& list) {
      return std::any_of(list.begin(), list.end(), [](const auto& e) { return e.extension != kDefinition; });
    };
    return any(type.directives) || any(type.interfaces) || any(type.fields) || any(type.input_fields) ||
           any(type.members) || any(type.values);
  }

  static bool has_non_extension_elements(const Type& type) {
    if (type.has_definition) return true;
    auto any = [](const auto& list) {
      return std::any_of(list.begin(), list.end(), [](const auto& e) { return e.extension == kDefinition; });
    };
    return any(type.directives) || any(type.interfaces) || any(type.fields) || any(type.input_fields) ||
           any(type.members) || any(type.values);
  }

  // The descriptions given, by subgraph index (absent ones left out).
  using Descriptions = std::vector<std::pair<size_t, const std::string*>>;

  void add_description(Descriptions& descriptions, size_t index, const std::optional<std::string>& description) {
    if (description) descriptions.emplace_back(index, &*description);
  }

  // `element_name()` names the element in the hint, built only when there is one.
  template <class ElementName>
  void merge_description(const Descriptions& descriptions, std::optional<std::string>& out,
                         const ElementName& element_name) {
    struct Entry {
      const std::string* text;
      long long count;
      std::vector<size_t> subgraphs;
    };
    std::vector<Entry> entries;
    for (const auto& description : descriptions) {
      size_t i = description.first;
      const std::string* text = description.second;
      auto it = std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return *e.text == *text; });
      if (it == entries.end()) {
        entries.push_back({text, text->empty() ? -(1LL << 53) + 1 : 1, {i}});
      } else {
        ++it->count;
        it->subgraphs.push_back(i);
      }
    }
    if (entries.empty()) return;
    if (entries.size() == 1) {
      out = *entries[0].text;
      return;
    }
    size_t non_empty = static_cast<size_t>(
        std::count_if(entries.begin(), entries.end(), [](const Entry& e) { return !e.text->empty(); }));
    if (entries.size() == 2 && non_empty == 1) {
      out = entries[0].text->empty() ? *entries[1].text : *entries[0].text;
      return;
    }
    size_t best = 0;
    for (size_t i = 1; i < entries.size(); ++i) {
      if (entries[i].count > entries[best].count) best = i;
    }
    out = *entries[best].text;
    auto block = [](const std::string& text) {
      std::string indented = text;
      size_t newline = indented.find('\n');
      if (newline != std::string::npos) indented.replace(newline, 1, "\n  ");
      return "  \"\"\"\n  " + indented + "\n  \"\"\"";
    };
    auto names = [&](const Entry& entry) {
      std::vector<std::string> out_names;
      for (size_t i : entry.subgraphs) out_names.push_back(m.subgraph_name(i));
      return subgraph_names(out_names);
    };
    std::string message = element_name() + " has inconsistent descriptions across subgraphs. ";
    message +=
        "The supergraph will use description (from " + names(entries[best]) + "):\n" + block(*entries[best].text);
    std::vector<std::string> others;
    for (size_t i = 0; i < entries.size(); ++i) {
      if (i == best) continue;
      others.push_back("\nIn " + names(entries[i]) + ", the description is:\n" + block(*entries[i].text));
    }
    message += join_strings(others, " and ", " and ", " and ");
    m.hint("INCONSISTENT_DESCRIPTION", message);
  }

  void join_type(Type& type, const std::vector<const Type*>& sources) {
    for (size_t i = 0; i < m.count(); ++i) {
      const Type* source = sources[i];
      if (source == nullptr) continue;
      const Subgraph& sg = m.subgraph(i);
      bool interface_object = m.is_interface_object(i, *source);
      auto keys = sg.applications(source->directives, FedDirective::Key);
      if (keys.empty()) {
        std::vector<std::pair<std::string, json::Value>> arguments{{"graph", json::Value(m.graphs_[i])}};
        if (interface_object) arguments.emplace_back("isInterfaceObject", json::Value(true));
        type.directives.push_back(directive("join__type", std::move(arguments)));
        continue;
      }
      bool extends = sg.has(source->directives, FedDirective::Extends);
      for (const AppliedDirective* key : keys) {
        std::vector<std::pair<std::string, json::Value>> arguments{{"graph", json::Value(m.graphs_[i])}};
        if (const json::Value* fields = key->argument("fields")) arguments.emplace_back("key", *fields);
        if (key->extension != kDefinition || extends) arguments.emplace_back("extension", json::Value(true));
        if (const json::Value* resolvable = key->argument("resolvable")) {
          arguments.emplace_back("resolvable", *resolvable);
        }
        if (interface_object) arguments.emplace_back("isInterfaceObject", json::Value(true));
        type.directives.push_back(directive("join__type", std::move(arguments)));
      }
    }
  }

  std::vector<DirectiveSource> directive_sources(const std::vector<const Type*>& sources) const {
    std::vector<DirectiveSource> out;
    for (size_t i = 0; i < sources.size(); ++i) {
      if (sources[i] != nullptr) out.push_back({i, &sources[i]->directives});
    }
    return out;
  }

  void merge_type_common(Type& type, const std::vector<const Type*>& sources) {
    if (!is_root(type)) {
      bool extension = false;
      bool definition = false;
      for (const Type* source : sources) {
        if (source == nullptr) continue;
        if (has_extension_elements(*source)) extension = true;
        if (has_non_extension_elements(*source)) definition = true;
      }
      if (extension && !definition) {
        for (size_t i = 0; i < m.count(); ++i) {
          if (sources[i] == nullptr || !has_extension_elements(*sources[i])) continue;
          m.error("EXTENSION_WITH_NO_BASE", "[" + m.subgraph_name(i) + "] Type \"" + type.name +
                                                "\" is an extension type, but there is no type definition for \"" +
                                                type.name + "\" in any subgraph.");
        }
      }
    }
    Descriptions descriptions;
    for (size_t i = 0; i < sources.size(); ++i) {
      if (sources[i] != nullptr) add_description(descriptions, i, sources[i]->description);
    }
    merge_description(descriptions, type.description, [&] { return "Element \"" + type.name + "\""; });
    join_type(type, sources);
    m.record_directives({ElementRef::Kind::Type, type.name, {}, {}}, directive_sources(sources),
                        type.kind == TypeKind::Interface);
    join_directives(type.directives, directive_sources(sources));
  }

  // §4.7: directives composed through @join__directive (@cacheTag, connect).
  void join_directives(Directives& target, const std::vector<DirectiveSource>& sources) {
    if (m.join_minor_ < 4) return;
    struct Entry {
      std::string name;
      std::vector<std::pair<std::string, json::Value>> arguments;
      std::vector<std::string> graphs;
    };
    std::vector<Entry> entries;
    for (const DirectiveSource& source : sources) {
      const Subgraph& sg = m.subgraph(source.subgraph);
      for (const AppliedDirective& applied : *source.directives) {
        std::string name;
        if (sg.is(applied, FedDirective::CacheTag)) {
          auto origin = sg.features.source_of_directive(applied.name);
          name = origin ? origin->feature->alias + "__" + origin->name_in_feature : applied.name;
        } else if (auto origin = sg.features.source_of_directive(applied.name);
                   origin && origin->feature->url.identity == federation::kConnectIdentity) {
          name = applied.name;
        } else {
          continue;
        }
        auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const Entry& e) { return e.name == name && e.arguments == applied.arguments; });
        if (it == entries.end()) {
          entries.push_back({name, applied.arguments, {}});
          it = entries.end() - 1;
        }
        const std::string& graph = m.graphs_[source.subgraph];
        if (std::find(it->graphs.begin(), it->graphs.end(), graph) == it->graphs.end()) it->graphs.push_back(graph);
      }
    }
    for (Entry& entry : entries) {
      json::Value graphs = json::Value::array();
      for (const std::string& graph : entry.graphs) graphs.push(json::Value(graph));
      json::Value arguments = json::Value::object();
      for (auto& [name, value] : entry.arguments) arguments.set(name, value);
      target.push_back(directive(
          "join__directive",
          {{"graphs", std::move(graphs)}, {"name", json::Value(entry.name)}, {"args", std::move(arguments)}}));
    }
  }

  // ---- §2.5.1 types -----------------------------------------------------------------------

  // isStrictSubtype(type, sub) over supergraph abstract types.
  bool is_strict_subtype(const TypeRef& type, const TypeRef& sub) const {
    if (sub.is_list()) {
      if (!type.is_list()) return false;
      TypeRef a = type.of_type();
      TypeRef b = sub.of_type();
      return a == b || is_strict_subtype(a, b);
    }
    if (sub.is_non_null()) {
      TypeRef inner = sub.nullable();
      if (type.is_non_null()) {
        TypeRef outer = type.nullable();
        return inner == outer || is_strict_subtype(outer, inner);
      }
      return inner == type || is_strict_subtype(type, inner);
    }
    if (!type.wrappers.empty()) return false;
    const Type* sub_type = m.supergraph_.find_type(sub.name);
    const Type* super_type = m.supergraph_.find_type(type.name);
    if (sub_type == nullptr || super_type == nullptr) return false;
    if (sub_type->kind != TypeKind::Object && sub_type->kind != TypeKind::Interface) return false;
    if (super_type->kind == TypeKind::Interface) {
      return std::any_of(sub_type->interfaces.begin(), sub_type->interfaces.end(),
                         [&](const auto& i) { return i.name == super_type->name; });
    }
    if (super_type->kind == TypeKind::Union && sub_type->kind == TypeKind::Object) {
      return std::any_of(super_type->members.begin(), super_type->members.end(),
                         [&](const auto& member) { return member.name == sub_type->name; });
    }
    return false;
  }

  void record_enum_usage(const TypeRef& type, bool input, const std::string& example) {
    const Type* named = m.supergraph_.find_type(type.name);
    if (named == nullptr || named->kind != TypeKind::Enum) return;
    EnumUsage& usage = m.enum_usages_[type.name];
    EnumPosition position = input ? EnumPosition::Input : EnumPosition::Output;
    if (input && usage.input_example.empty()) usage.input_example = example;
    if (!input && usage.output_example.empty()) usage.output_example = example;
    if (usage.position == EnumPosition::None) {
      usage.position = position;
    } else if (usage.position != position) {
      usage.position = EnumPosition::Both;
    }
  }

  // Returns whether all the types were equal. `what` is "field" or "argument".
  bool merge_type_reference(const std::vector<std::optional<TypeRef>>& types, TypeRef& dest, bool input,
                            const std::string& coordinate, bool is_argument, const std::string& example) {
    bool has_subtypes = false;
    bool incompatible = false;
    std::optional<TypeRef> result;
    for (const auto& type : types) {
      if (!type) continue;
      if (!result) {
        result = *type;
        continue;
      }
      if (*type == *result) {
        result = *type;
      } else if (is_strict_subtype(*result, *type)) {
        has_subtypes = true;
        if (input) result = *type;
      } else if (is_strict_subtype(*type, *result)) {
        has_subtypes = true;
        if (!input) result = *type;
      } else {
        incompatible = true;
      }
    }
    if (!result) return true;
    dest = *result;
    record_enum_usage(dest, input, example);
    if (!incompatible && !has_subtypes) return true;
    const std::vector<std::string>& names = m.names_;
    std::vector<std::optional<std::string>> values;
    for (const auto& type : types) values.push_back(type ? std::optional(type->to_string()) : std::nullopt);
    std::string what = is_argument ? "argument" : "field";
    if (incompatible) {
      auto groups = group_values(values, names, dest.to_string());
      m.error(is_argument ? "FIELD_ARGUMENT_TYPE_MISMATCH" : "FIELD_TYPE_MISMATCH",
              "Type of " + what + " \"" + coordinate + "\" is incompatible across subgraphs: it has " +
                  mismatch_error_text(groups, [](const Group& g) {
                    return "type \"" + g.key + "\" in " + subgraph_names(g.subgraphs);
                  }));
      return false;
    }
    if (has_subtypes) {
      auto groups = group_values(values, names, dest.to_string());
      std::string relation = input ? "supertype" : "subtype";
      m.hint(
          is_argument ? "INCONSISTENT_BUT_COMPATIBLE_ARGUMENT_TYPE" : "INCONSISTENT_BUT_COMPATIBLE_FIELD_TYPE",
          "Type of " + what + " \"" + coordinate + "\" is inconsistent but compatible across subgraphs: " +
              mismatch_hint_text(
                  groups,
                  [&](const Group& g) {
                    return "will use type \"" + g.key + "\" (from " + subgraph_names(g.subgraphs) +
                           ") in supergraph but \"" + coordinate + "\" has ";
                  },
                  [&](const Group& g) { return relation + " \"" + g.key + "\" in " + subgraph_names(g.subgraphs); }) +
              ".");
      return false;
    }
    return true;
  }

  // ---- §2.6 arguments ----------------------------------------------------------------------

  static bool is_required(const InputValue& value) { return value.type.is_non_null() && !value.default_value; }

  std::string default_text(const std::optional<json::Value>& value, const TypeRef& type) const {
    if (!value) return "no default value";
    return "default value " + federation::value_to_string(m.supergraph_, *value, &type);
  }

  // Merges a default value; `what` is "Argument" or "Input field".
  void merge_default(const std::vector<const InputValue*>& sources, InputValue& dest, const std::string& coordinate,
                     const std::string& what) {
    std::optional<json::Value> result;
    bool seen = false;
    bool inconsistent = false;
    bool incompatible = false;
    for (const InputValue* source : sources) {
      if (source == nullptr) continue;
      if (!seen) {
        result = source->default_value;
        seen = true;
        continue;
      }
      if (!result) {
        if (source->default_value) {
          result = source->default_value;
          inconsistent = true;
        }
      } else if (!source->default_value || !(*source->default_value == *result)) {
        inconsistent = true;
        if (source->default_value) incompatible = true;
      }
    }
    dest.default_value = inconsistent && !incompatible ? std::nullopt : result;
    if (!inconsistent) return;
    std::vector<std::string> names;
    std::vector<std::optional<std::string>> values;
    for (size_t i = 0; i < m.count(); ++i) {
      names.push_back(m.subgraph_name(i));
      values.push_back(sources[i] != nullptr ? std::optional(default_text(sources[i]->default_value, dest.type))
                                             : std::nullopt);
    }
    if (incompatible) {
      auto groups = group_values(values, names, default_text(dest.default_value, dest.type));
      m.error(
          what == "Argument" ? "FIELD_ARGUMENT_DEFAULT_MISMATCH" : "INPUT_FIELD_DEFAULT_MISMATCH",
          what + " \"" + coordinate + "\" has incompatible default values across subgraphs: it has " +
              mismatch_error_text(groups, [](const Group& g) { return g.key + " in " + subgraph_names(g.subgraphs); }));
      return;
    }
    std::vector<std::optional<std::string>> plain;
    for (size_t i = 0; i < m.count(); ++i) {
      plain.push_back(sources[i] == nullptr       ? std::nullopt
                      : sources[i]->default_value ? std::optional(federation::value_to_string(
                                                        m.supergraph_, *sources[i]->default_value, &dest.type))
                                                  : std::optional(std::string()));
    }
    auto groups = group_values(plain, names, "");
    m.hint("INCONSISTENT_DEFAULT_VALUE_PRESENCE",
           what + " \"" + coordinate + "\" has a default value in only some subgraphs: " +
               mismatch_hint_text(
                   groups,
                   [](const Group& g) {
                     return "will not use a default in the supergraph (there is no default in " +
                            subgraph_names(g.subgraphs) + ") but ";
                   },
                   [&](const Group& g) {
                     return "\"" + coordinate + "\" has default value " + g.key + " in " + subgraph_names(g.subgraphs);
                   }) +
               ".");
  }

  // Arguments of a field (or directive definition): which are kept, then each merged.
  // `sources` per subgraph: the field's arguments (null when the subgraph has no source).
  // `entries`: whether the subgraph has an entry at all (includeMissingSources).
  void merge_arguments(std::vector<InputValue>& dest, const std::vector<const std::vector<InputValue>*>& sources,
                       const std::vector<bool>& entries, const ElementRef& parent,
                       const std::string& parent_coordinate) {
    std::vector<std::string> names;
    for (const auto* source : sources) {
      if (source == nullptr) continue;
      for (const InputValue& argument : *source) {
        if (std::find(names.begin(), names.end(), argument.name) == names.end()) names.push_back(argument.name);
      }
    }
    const std::vector<std::string>& subgraph_list = m.names_;
    auto per_subgraph = [&](const std::string& name) {
      std::vector<const InputValue*> per(m.count(), nullptr);
      for (size_t i = 0; i < m.count(); ++i) {
        if (sources[i] == nullptr) continue;
        for (const InputValue& argument : *sources[i]) {
          if (argument.name == name) per[i] = &argument;
        }
      }
      return per;
    };
    // First which arguments are kept (presence errors and hints), then each is merged.
    std::vector<std::string> kept;
    for (const std::string& name : names) {
      std::vector<const InputValue*> per = per_subgraph(name);
      std::string coordinate = parent_coordinate + "(" + name + ":)";
      // Contextual arguments (@fromContext) are removed.
      bool contextual = false;
      for (size_t i = 0; i < m.count(); ++i) {
        if (per[i] != nullptr && m.subgraph(i).has(per[i]->directives, FedDirective::FromContext)) contextual = true;
      }
      if (contextual) {
        for (size_t i = 0; i < m.count(); ++i) {
          if (per[i] == nullptr || m.subgraph(i).has(per[i]->directives, FedDirective::FromContext)) continue;
          if (is_required(*per[i])) {
            m.error("CONTEXTUAL_ARGUMENT_NOT_CONTEXTUAL_IN_ALL_SUBGRAPHS",
                    "Argument \"" + coordinate + "\" is contextual in at least one subgraph but in \"" + coordinate +
                        "\" it does not have @fromContext, is not nullable and has no default value.");
          } else {
            m.hint("CONTEXTUAL_ARGUMENT_NOT_CONTEXTUAL_IN_ALL_SUBGRAPHS",
                   "Contextual argument \"" + coordinate +
                       "\" will not be included in the supergraph since it is contextual in at least one subgraph");
          }
        }
        continue;
      }
      bool missing = false;
      for (size_t i = 0; i < m.count(); ++i) {
        if (sources[i] != nullptr && per[i] == nullptr) missing = true;
      }
      if (missing) {
        std::vector<std::string> requiring;
        std::vector<std::string> lacking;
        for (size_t i = 0; i < m.count(); ++i) {
          if (per[i] != nullptr && is_required(*per[i])) requiring.push_back(m.subgraph_name(i));
          if (sources[i] != nullptr && per[i] == nullptr) lacking.push_back(m.subgraph_name(i));
        }
        if (!requiring.empty()) {
          m.error("REQUIRED_ARGUMENT_MISSING_IN_SOME_SUBGRAPH",
                  "Argument \"" + coordinate +
                      "\" is required in some subgraphs but does not appear in all subgraphs: it is required in " +
                      subgraph_names(requiring) + " but does not appear in " + subgraph_names(lacking));
        } else {
          std::vector<std::optional<std::string>> values;
          for (size_t i = 0; i < m.count(); ++i) {
            values.emplace_back(per[i] != nullptr ? "yes" : "");
            if (!entries[i] && per[i] == nullptr) values.back() = "";
          }
          auto groups = group_values(values, subgraph_list, "yes");
          m.hint("INCONSISTENT_ARGUMENT_PRESENCE",
                 "Optional argument \"" + coordinate +
                     "\" will not be included in the supergraph as it does not appear in all subgraphs: " +
                     mismatch_hint_text(
                         groups, [](const Group& g) { return "it is defined in " + subgraph_names(g.subgraphs); },
                         [](const Group& g) { return " but not in " + subgraph_names(g.subgraphs); }) +
                     ".");
        }
        continue;
      }
      kept.push_back(name);
    }
    for (const std::string& name : kept) {
      std::vector<const InputValue*> per = per_subgraph(name);
      std::string coordinate = parent_coordinate + "(" + name + ":)";
      InputValue merged;
      merged.name = name;
      Descriptions descriptions;
      for (size_t i = 0; i < per.size(); ++i) {
        if (per[i] != nullptr) add_description(descriptions, i, per[i]->description);
      }
      merge_description(descriptions, merged.description, [&] { return "Element \"" + coordinate + "\""; });
      dest.push_back(std::move(merged));
      ElementRef element = parent;
      if (parent.kind == ElementRef::Kind::Field) {
        element.kind = ElementRef::Kind::Argument;
        element.argument = name;
      } else {
        element.kind = ElementRef::Kind::DirectiveArgument;
        element.name = name;
      }
      std::vector<DirectiveSource> directive_sources;
      for (size_t i = 0; i < m.count(); ++i) {
        if (per[i] != nullptr) directive_sources.push_back({i, &per[i]->directives});
      }
      m.record_directives(element, directive_sources, false);
      InputValue& stored = dest.back();
      std::vector<std::optional<TypeRef>> types;
      std::string example;
      for (size_t i = 0; i < m.count(); ++i) {
        types.push_back(per[i] != nullptr ? std::optional(per[i]->type) : std::nullopt);
        if (per[i] != nullptr && example.empty()) example = coordinate;
      }
      merge_type_reference(types, stored.type, true, coordinate, true, example);
      merge_default(per, stored, coordinate, "Argument");
    }
  }

  struct FieldSources {
    std::vector<std::optional<const Field*>> fields;  // nullopt: no entry; nullptr: undefined
    std::vector<const Type*> types;                   // the subgraph's type (same kind), if any
    std::vector<bool> abstracted;                     // only an @interfaceObject stands for the type
    std::vector<size_t> present;                      // the indices with an entry, ascending
  };

  // Fills `out` (reused from field to field: a type's fields each need vectors as long as the
  // list of subgraphs).
  void field_sources(const std::vector<const Type*>& sources, const std::vector<std::vector<std::string>>& abstractions,
                     const std::string& field_name, FieldSources& out) const {
    out.fields.assign(m.count(), std::nullopt);
    out.types.assign(m.count(), nullptr);
    out.abstracted.assign(m.count(), false);
    out.present.clear();
    for (size_t i = 0; i < m.count(); ++i) {
      const Type* source = sources[i];
      out.types[i] = source;
      if (source != nullptr) {
        out.fields[i] = source->find_field(field_name);
        out.present.push_back(i);
      } else if (!abstractions[i].empty()) {
        out.fields[i] = nullptr;
        out.abstracted[i] = true;
        out.present.push_back(i);
      }
    }
  }

  // ---- §2.8 override -----------------------------------------------------------------------

  static bool label_valid(const std::string& label) {
    if (label.empty()) return false;
    auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
    if (is_alpha(label[0]) && std::all_of(label.begin() + 1, label.end(), [&](char c) {
          return is_alpha(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == ':' || c == '.' || c == '/';
        })) {
      return true;
    }
    if (label.rfind("percent(", 0) != 0 || label.back() != ')') return false;
    std::string number = label.substr(8, label.size() - 9);
    if (number == "100") return true;
    size_t dot = number.find('.');
    std::string whole = number.substr(0, dot);
    if (whole.empty() || whole.size() > 2 ||
        !std::all_of(whole.begin(), whole.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return false;
    }
    if (dot == std::string::npos) return true;
    std::string fraction = number.substr(dot + 1);
    return !fraction.empty() && fraction.size() <= 8 &&
           std::all_of(fraction.begin(), fraction.end(), [](char c) { return c >= '0' && c <= '9'; });
  }

  OverrideContext validate_override(const Type& type, const std::string& field_name,
                                    const FieldSources& field_sources_list) {
    const std::vector<std::optional<const Field*>>& sources = field_sources_list.fields;
    OverrideContext context;
    bool any = false;
    for (size_t i : field_sources_list.present) {
      if (*sources[i] != nullptr && m.subgraph(i).has((*sources[i])->directives, FedDirective::Override)) any = true;
    }
    if (!any) return context;
    std::string coordinate = type.name + "." + field_name;
    auto index_of = [&](const std::string& name) -> std::optional<size_t> {
      for (size_t i = 0; i < m.count(); ++i) {
        if (m.subgraph_name(i) == name) return i;
      }
      return std::nullopt;
    };
    for (size_t i = 0; i < m.count(); ++i) {
      if (!sources[i] || *sources[i] == nullptr) continue;
      const Field& field = **sources[i];
      const Subgraph& sg = m.subgraph(i);
      auto overrides = sg.applications(field.directives, FedDirective::Override);
      if (overrides.empty()) continue;
      const AppliedDirective& override_directive = *overrides.front();
      const Type* source_type = sg.schema.find_type(type.name);
      const std::string& name = m.subgraph_name(i);
      if (source_type != nullptr && source_type->kind == TypeKind::Interface) {
        m.error("OVERRIDE_ON_INTERFACE", "@override cannot be used on field \"" + coordinate + "\" on subgraph \"" +
                                             name + "\": @override is not supported on interface type fields.");
        continue;
      }
      if (source_type != nullptr && m.is_interface_object(i, *source_type)) {
        m.error("OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                "@override is not yet supported on fields of @interfaceObject types: cannot be used on field \"" +
                    coordinate + "\" on subgraph \"" + name + "\".");
        continue;
      }
      const json::Value* from_value = override_directive.argument("from");
      std::string from = from_value != nullptr && from_value->is_string() ? from_value->as_string() : std::string();
      auto from_index = index_of(from);
      if (!from_index) {
        context.unknown_target.insert(i);
        std::vector<std::string> all_names;
        for (size_t j = 0; j < m.count(); ++j) all_names.push_back(m.subgraph_name(j));
        m.hint("FROM_SUBGRAPH_DOES_NOT_EXIST",
               "Source subgraph \"" + from + "\" for field \"" + coordinate + "\" on subgraph \"" + name +
                   "\" does not exist." +
                   federation::federation_did_you_mean(federation::federation_suggestions(from, all_names)));
        continue;
      }
      if (*from_index == i) {
        m.error("OVERRIDE_FROM_SELF_ERROR", "Source and destination subgraphs \"" + from +
                                                "\" are the same for overridden field \"" + coordinate + "\"");
        continue;
      }
      const Subgraph& from_sg = m.subgraph(*from_index);
      const Field* from_field = sources[*from_index] ? *sources[*from_index] : nullptr;
      if (from_field != nullptr && from_sg.has(from_field->directives, FedDirective::Override)) {
        m.error("OVERRIDE_SOURCE_HAS_OVERRIDE", "Field \"" + coordinate + "\" on subgraph \"" + name +
                                                    "\" is also marked with directive @override in subgraph \"" + from +
                                                    "\". Only one @override directive is allowed per field.");
        continue;
      }
      if (!sources[*from_index] || (*sources[*from_index] == nullptr && !field_sources_list.abstracted[*from_index])) {
        m.hint("OVERRIDE_DIRECTIVE_CAN_BE_REMOVED", "Field \"" + coordinate + "\" on subgraph \"" + name +
                                                        "\" no longer exists in the from subgraph. The @override "
                                                        "directive can be removed.");
        continue;
      }
      if (from_field == nullptr) {
        // The from subgraph abstracts the field through an @interfaceObject.
        m.error("OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE",
                "Invalid @override on field \"" + coordinate + "\" of subgraph \"" + name + "\": source subgraph \"" +
                    from + "\" does not have field \"" + coordinate + "\" but abstract it in " +
                    federation::type_names(abstracting_types(*from_index, type)) +
                    " and overriding abstracted fields is not supported.");
        continue;
      }
      const Type* from_type = from_sg.schema.find_type(type.name);
      std::string collision;
      std::string collision_subgraph;
      if (from_sg.has(from_field->directives, FedDirective::Requires)) {
        collision = from_sg.name_of(FedDirective::Requires);
        collision_subgraph = from;
      } else if (from_sg.has(from_field->directives, FedDirective::Provides)) {
        collision = from_sg.name_of(FedDirective::Provides);
        collision_subgraph = from;
      } else if (source_type != nullptr && m.meta(i).is_external(*source_type, field)) {
        collision = from_sg.name_of(FedDirective::External);
        collision_subgraph = name;
      }
      if (!collision.empty()) {
        m.error("OVERRIDE_COLLISION_WITH_ANOTHER_DIRECTIVE", "@override cannot be used on field \"" + coordinate +
                                                                 "\" on subgraph \"" + name + "\" since \"" +
                                                                 coordinate + "\" on \"" + collision_subgraph +
                                                                 "\" is marked with directive \"@" + collision + "\"");
        continue;
      }
      const json::Value* label_value = override_directive.argument("label");
      std::string label = label_value != nullptr && label_value->is_string() ? label_value->as_string() : std::string();
      bool from_used = false;
      if (from_type != nullptr && m.meta(*from_index).is_external(*from_type, *from_field)) {
        m.hint("OVERRIDE_DIRECTIVE_CAN_BE_REMOVED",
               "Field \"" + coordinate + "\" on subgraph \"" + name +
                   "\" is not resolved anymore by the from subgraph (it is marked \"@external\" in \"" + from +
                   "\"). The @override directive can be removed.");
      } else if (m.meta(*from_index).is_used(*from_field)) {
        context.used_overridden.insert(*from_index);
        from_used = true;
        if (label.empty()) {
          m.hint("OVERRIDDEN_FIELD_CAN_BE_REMOVED",
                 "Field \"" + coordinate + "\" on subgraph \"" + from +
                     "\" is overridden. It is still used in some federation directive(s) (@key, @requires, and/or "
                     "@provides) and/or to satisfy interface constraint(s), but consider marking it @external "
                     "explicitly or removing it along with its references.");
        }
      } else {
        context.unused_overridden.insert(*from_index);
        if (label.empty()) {
          m.hint("OVERRIDDEN_FIELD_CAN_BE_REMOVED",
                 "Field \"" + coordinate + "\" on subgraph \"" + from + "\" is overridden. Consider removing it.");
        }
      }
      if (!label.empty()) {
        if (label_valid(label)) {
          context.labels[i] = label;
          context.labels[*from_index] = label;
        } else {
          m.error("OVERRIDE_LABEL_INVALID",
                  "Invalid @override label \"" + label + "\" on field \"" + coordinate + "\" on subgraph \"" + name +
                      "\": labels must start with a letter and after that may contain alphanumerics, underscores, "
                      "minuses, colons, periods, or slashes. Alternatively, labels may be of the form \"percent(x)\" "
                      "where x is a float between 0-100 inclusive.");
        }
        if (from_used) {
          m.hint("OVERRIDE_MIGRATION_IN_PROGRESS",
                 "Field \"" + coordinate + "\" on subgraph \"" + from +
                     "\" is currently being migrated via progressive @override. It is still used in some federation "
                     "directive(s) (@key, @requires, and/or @provides) and/or to satisfy interface constraint(s). Once "
                     "the migration is complete, consider marking it @external explicitly or removing it along with "
                     "its references.");
        } else {
          m.hint("OVERRIDE_MIGRATION_IN_PROGRESS",
                 "Field \"" + coordinate +
                     "\" is currently being migrated with progressive @override. Once the "
                     "migration is complete, remove the field from subgraph \"" +
                     from + "\".");
        }
      }
    }
    return context;
  }

  // Interfaces of `type` (in the supergraph) that are @interfaceObjects in subgraph `index`.
  std::vector<std::string> abstracting_types(size_t index, const Type& type) const {
    std::vector<std::string> out;
    if (interface_objects_[index] == 0) return out;
    for (const auto& implemented : type.interfaces) {
      const Type* candidate = m.subgraph(index).schema.find_type(implemented.name);
      if (candidate != nullptr && m.is_interface_object(index, *candidate)) out.push_back(implemented.name);
    }
    return out;
  }

  // ---- §2.5 fields -------------------------------------------------------------------------

  bool is_external_source(size_t i, const FieldSources& sources) const {
    const Field* field = sources.fields[i] ? *sources.fields[i] : nullptr;
    return field != nullptr && sources.types[i] != nullptr && m.meta(i).is_external(*sources.types[i], *field);
  }

  void merge_field(Type& type, Field& dest, const FieldSources& sources, const OverrideContext& overrides) {
    std::string coordinate = type.name + "." + dest.name;
    // 1. all external?
    std::vector<std::string> defining;
    bool all_external = true;
    bool any_defined = false;
    for (size_t i : sources.present) {
      if (*sources.fields[i] == nullptr) continue;
      any_defined = true;
      defining.push_back(m.subgraph_name(i));
      if (!is_external_source(i, sources)) all_external = false;
    }
    if (any_defined && all_external) {
      m.error("EXTERNAL_MISSING_ON_BASE", "Field \"" + coordinate +
                                              "\" is marked @external on all the subgraphs in which it is listed (" +
                                              subgraph_names(defining) + ").");
      return;
    }
    // 2. filter external sources.
    std::vector<const Field*> without_external(m.count(), nullptr);
    bool some_external = false;
    for (size_t i : sources.present) {
      if (*sources.fields[i] == nullptr) continue;
      const Field* field = *sources.fields[i];
      if (is_external_source(i, sources)) {
        some_external = true;
        for (const AppliedDirective& applied : field->directives) {
          if (m.is_merged_directive(i, applied.name) && !m.is_composed_custom(i, applied.name)) {
            m.error("MERGED_DIRECTIVE_APPLICATION_ON_EXTERNAL",
                    "[" + m.subgraph_name(i) + "] Cannot apply merged directive " +
                        federation::directive_to_string(m.subgraph(i).schema, applied) + " to external field \"" +
                        coordinate + "\"");
          }
        }
        continue;
      }
      without_external[i] = field;
    }
    bool some_non_external =
        std::any_of(without_external.begin(), without_external.end(), [](const Field* f) { return f != nullptr; });
    ElementRef element{ElementRef::Kind::Field, type.name, dest.name, {}};
    // 3.
    if (some_non_external) {
      Descriptions descriptions;
      for (size_t i : sources.present) {
        if (without_external[i] != nullptr) add_description(descriptions, i, without_external[i]->description);
      }
      merge_description(descriptions, dest.description, [&] { return "Element \"" + coordinate + "\""; });
      std::vector<DirectiveSource> directive_sources;
      for (size_t i : sources.present) {
        if (without_external[i] != nullptr) directive_sources.push_back({i, &without_external[i]->directives});
      }
      m.record_directives(element, directive_sources, true);
      std::vector<const std::vector<InputValue>*> argument_sources(m.count(), nullptr);
      std::vector<bool> entries(m.count(), false);
      for (size_t i : sources.present) {
        if (without_external[i] != nullptr) argument_sources[i] = &without_external[i]->arguments;
        entries[i] = true;
      }
      merge_arguments(dest.arguments, argument_sources, entries, element, coordinate);
    }
    // 4. type.
    std::vector<std::optional<TypeRef>> types(m.count());
    for (size_t i : sources.present) {
      const Field* field = some_non_external ? without_external[i] : *sources.fields[i];
      if (field != nullptr) types[i] = field->type;
    }
    bool all_types_equal = merge_type_reference(types, dest.type, false, coordinate, false, coordinate);
    // 5. external validation.
    if (some_external) validate_external(type, dest, sources, all_types_equal);
    // 6. @join__field, 7. @join__directive.
    add_join_fields(dest, sources, overrides, all_types_equal);
    std::vector<DirectiveSource> all_sources;
    for (size_t i : sources.present) {
      if (*sources.fields[i] != nullptr) all_sources.push_back({i, &(*sources.fields[i])->directives});
    }
    join_directives(dest.directives, all_sources);
  }

  void validate_external(const Type& type, const Field& dest, const FieldSources& sources, bool all_types_equal) {
    std::string coordinate = type.name + "." + dest.name;
    const std::vector<std::string>& names = m.names_;
    bool type_error = false;
    std::vector<size_t> externals;
    for (size_t i = 0; i < m.count(); ++i) {
      if (is_external_source(i, sources)) externals.push_back(i);
    }
    for (size_t i : externals) {
      const Field& field = **sources.fields[i];
      if (!(field.type == dest.type) && (all_types_equal || !is_strict_subtype(dest.type, field.type)))
        type_error = true;
    }
    if (type_error) {
      std::vector<std::optional<std::string>> values;
      for (size_t i = 0; i < m.count(); ++i) {
        values.push_back(sources.fields[i] && *sources.fields[i] != nullptr
                             ? std::optional((*sources.fields[i])->type.to_string())
                             : std::nullopt);
      }
      auto groups = group_values(values, names, dest.type.to_string());
      m.error("EXTERNAL_TYPE_MISMATCH", "Type of field \"" + coordinate +
                                            "\" is incompatible across subgraphs (where marked @external): it has " +
                                            mismatch_error_text(groups, [](const Group& g) {
                                              return "type \"" + g.key + "\" in " + subgraph_names(g.subgraphs);
                                            }));
    }
    std::vector<std::string> missing_errors;
    std::vector<std::string> type_errors;
    std::vector<std::string> default_errors;
    for (const InputValue& argument : dest.arguments) {
      std::string argument_coordinate = coordinate + "(" + argument.name + ":)";
      bool missing = false;
      bool bad_type = false;
      bool bad_default = false;
      for (size_t i : externals) {
        const InputValue* given = (*sources.fields[i])->find_argument(argument.name);
        if (given == nullptr) {
          missing = true;
          continue;
        }
        if (!(given->type == argument.type) && !is_strict_subtype(given->type, argument.type)) bad_type = true;
        bool same_default = given->default_value.has_value() == argument.default_value.has_value() &&
                            (!given->default_value || *given->default_value == *argument.default_value);
        if (!same_default) bad_default = true;
      }
      std::vector<std::optional<std::string>> presence;
      std::vector<std::optional<std::string>> argument_types;
      std::vector<std::optional<std::string>> defaults;
      for (size_t i = 0; i < m.count(); ++i) {
        const Field* field = sources.fields[i] ? *sources.fields[i] : nullptr;
        const InputValue* given = field != nullptr ? field->find_argument(argument.name) : nullptr;
        presence.push_back(given != nullptr ? std::optional("argument \"" + argument_coordinate + "\"")
                                            : std::optional(std::string()));
        argument_types.push_back(given != nullptr ? std::optional(given->type.to_string()) : std::nullopt);
        defaults.push_back(given != nullptr ? std::optional(default_text(given->default_value, given->type))
                                            : std::nullopt);
      }
      if (missing) {
        auto groups = group_values(presence, names, "argument \"" + argument_coordinate + "\"");
        missing_errors.push_back(
            "Field \"" + coordinate + "\" is missing argument \"" + argument_coordinate +
            "\" in some subgraphs where it is marked @external: " +
            mismatch_hint_text(
                groups, [](const Group& g) { return g.key + " is declared in " + subgraph_names(g.subgraphs); },
                [&](const Group& g) {
                  return " but not in " + subgraph_names(g.subgraphs) + " (where \"" + coordinate + "\" is @external).";
                }));
      }
      if (bad_type) {
        auto groups = group_values(argument_types, names, argument.type.to_string());
        type_errors.push_back("Type of argument \"" + argument_coordinate +
                              "\" is incompatible across subgraphs (where \"" + coordinate +
                              "\" is marked @external): it has " + mismatch_error_text(groups, [](const Group& g) {
                                return "type \"" + g.key + "\" in " + subgraph_names(g.subgraphs);
                              }));
      }
      if (bad_default) {
        auto groups = group_values(defaults, names, default_text(argument.default_value, argument.type));
        default_errors.push_back(
            "Argument \"" + argument_coordinate + "\" has incompatible defaults across subgraphs (where \"" +
            coordinate + "\" is marked @external): it has " +
            mismatch_error_text(groups, [](const Group& g) { return g.key + " in " + subgraph_names(g.subgraphs); }));
      }
    }
    for (std::string& message : missing_errors) m.error("EXTERNAL_ARGUMENT_MISSING", std::move(message));
    for (std::string& message : type_errors) m.error("EXTERNAL_ARGUMENT_TYPE_MISMATCH", std::move(message));
    for (std::string& message : default_errors) m.error("EXTERNAL_ARGUMENT_DEFAULT_MISMATCH", std::move(message));
  }

  static std::optional<std::string> string_argument(const Subgraph& sg, const Directives& directives,
                                                    FedDirective which, std::string_view argument) {
    std::optional<std::string> out;
    for (const AppliedDirective* applied : sg.applications(directives, which)) {
      const json::Value* value = applied->argument(argument);
      if (value != nullptr && value->is_string()) out = value->as_string();
    }
    return out;
  }

  bool has_context_arguments(size_t i, const Field& field) const {
    return std::any_of(field.arguments.begin(), field.arguments.end(), [&](const InputValue& argument) {
      return m.subgraph(i).has(argument.directives, FedDirective::FromContext);
    });
  }

  void add_join_fields(Field& dest, const FieldSources& sources, const OverrideContext& overrides,
                       bool all_types_equal) {
    bool needed = !all_types_equal || !overrides.used_overridden.empty() || !overrides.labels.empty();
    for (size_t i : sources.present) {
      if (needed) break;
      const Field* field = *sources.fields[i];
      if (sources.abstracted[i]) continue;
      if (field == nullptr || overrides.unused_overridden.count(i) != 0) {
        needed = true;
        break;
      }
      const Subgraph& sg = m.subgraph(i);
      if (has_context_arguments(i, *field) || is_external_source(i, sources) ||
          sg.has(field->directives, FedDirective::Provides) || sg.has(field->directives, FedDirective::Requires)) {
        needed = true;
      }
    }
    if (!needed) return;
    for (size_t i : sources.present) {
      if (*sources.fields[i] == nullptr) continue;
      if (overrides.unused_overridden.count(i) != 0 && overrides.labels.count(i) == 0) continue;
      const Field& field = **sources.fields[i];
      const Subgraph& sg = m.subgraph(i);
      std::vector<std::pair<std::string, json::Value>> arguments{{"graph", json::Value(m.graphs_[i])}};
      if (auto requires_fields = string_argument(sg, field.directives, FedDirective::Requires, "fields")) {
        arguments.emplace_back("requires", json::Value(*requires_fields));
      }
      if (auto provides = string_argument(sg, field.directives, FedDirective::Provides, "fields")) {
        arguments.emplace_back("provides", json::Value(*provides));
      }
      if (!all_types_equal) arguments.emplace_back("type", json::Value(field.type.to_string()));
      if (is_external_source(i, sources)) arguments.emplace_back("external", json::Value(true));
      if (auto from = string_argument(sg, field.directives, FedDirective::Override, "from")) {
        arguments.emplace_back("override", json::Value(*from));
      }
      if (overrides.used_overridden.count(i) != 0) arguments.emplace_back("usedOverridden", json::Value(true));
      if (auto label = overrides.labels.find(i); label != overrides.labels.end()) {
        arguments.emplace_back("overrideLabel", json::Value(label->second));
      }
      if (m.join_minor_ >= 5 && has_context_arguments(i, field)) {
        json::Value list = json::Value::array();
        for (const InputValue& argument : field.arguments) {
          const AppliedDirective* from_context = nullptr;
          for (const AppliedDirective* applied : sg.applications(argument.directives, FedDirective::FromContext)) {
            from_context = applied;
          }
          if (from_context == nullptr) continue;
          const json::Value* value = from_context->argument("field");
          std::string text = value != nullptr && value->is_string() ? value->as_string() : std::string();
          auto [context, selection] =
              federation::split_context_reference(text).value_or(std::pair<std::string, std::string>());
          json::Value entry = json::Value::object();
          entry.set("context", json::Value(m.subgraph_name(i) + "__" + context));
          entry.set("name", json::Value(argument.name));
          entry.set("type", json::Value(argument.type.to_string()));
          entry.set("selection", json::Value(selection));
          list.push(std::move(entry));
        }
        arguments.emplace_back("contextArguments", std::move(list));
      }
      federation::AppliedDirective join = directive("join__field", std::move(arguments));
      dest.directives.push_back(std::move(join));
    }
  }

  // ---- §2.7 sharing ------------------------------------------------------------------------

  void validate_sharing(const Type& type, const Field& dest, const FieldSources& sources,
                        const OverrideContext& overrides) {
    std::string coordinate = type.name + "." + dest.name;
    std::vector<std::string> resolving;
    std::vector<std::string> non_shareable;
    bool any_shareable = false;
    bool unknown_override_in_non_shareable = false;
    std::string unknown_override_label;
    for (size_t i : sources.present) {
      if (overrides.used_overridden.count(i) != 0 || overrides.unused_overridden.count(i) != 0) continue;
      const Field* field = *sources.fields[i];
      std::string label = quote(m.subgraph_name(i));
      if (field == nullptr) {
        // Abstracted through @interfaceObject.
        for (const std::string& interface_name : abstracting_types(i, type)) {
          const Type* interface_object = m.subgraph(i).schema.find_type(interface_name);
          const Field* abstract_field = interface_object->find_field(dest.name);
          if (abstract_field == nullptr || m.meta(i).is_external(*interface_object, *abstract_field)) continue;
          std::string abstract_label = quote(m.subgraph_name(i)) + " (through @interfaceObject field \"" +
                                       interface_name + "." + dest.name + "\")";
          resolving.push_back(abstract_label);
          if (m.meta(i).is_shareable(*interface_object, *abstract_field)) {
            any_shareable = true;
          } else {
            non_shareable.push_back(abstract_label);
          }
        }
        continue;
      }
      const Type& source_type = *sources.types[i];
      if (m.meta(i).is_fully_external(source_type, *field)) continue;
      resolving.push_back(label);
      if (m.meta(i).is_shareable(source_type, *field)) {
        any_shareable = true;
      } else {
        non_shareable.push_back(label);
        if (overrides.unknown_target.count(i) != 0) {
          unknown_override_in_non_shareable = true;
          unknown_override_label = label;
        }
      }
    }
    if (non_shareable.empty() || resolving.size() < 2) return;
    std::string extra;
    if (unknown_override_in_non_shareable) {
      extra = " (please note that \"" + coordinate + "\" has an @override directive in " + unknown_override_label +
              " that targets an unknown subgraph so this could be due to misspelling the @override(from:) argument)";
    }
    std::string resolved = human_readable_list(resolving, "subgraph", "subgraphs", 500);
    std::string non = any_shareable ? human_readable_list(non_shareable, "subgraph", "subgraphs", 500) : "all of them";
    m.error("INVALID_FIELD_SHARING", "Non-shareable field \"" + coordinate +
                                         "\" is resolved from multiple subgraphs: it is resolved from " + resolved +
                                         " and defined as non-shareable in " + non + extra);
  }

  // ---- §2.4, 2.10 objects and interfaces ---------------------------------------------------

  // The field of `type` at `position` unless the list moved (a search for each of a root type's
  // hundreds of fields would be quadratic).
  static Field* field_at(Type& type, size_t position, const std::string& name) {
    return position < type.fields.size() && type.fields[position].name == name ? &type.fields[position]
                                                                               : type.find_field(name);
  }

  void add_fields_shallow(Type& type, const std::vector<const Type*>& all_types) {
    // The names present, as views of names that stay put (the subgraphs', or copies of those
    // already in `type`): a root type gathers hundreds of fields, and a scan per field would be
    // quadratic.
    std::deque<std::string> existing(type.fields.size());
    std::unordered_set<std::string_view> present;
    for (size_t k = 0; k < type.fields.size(); ++k) {
      existing[k] = type.fields[k].name;
      present.insert(existing[k]);
    }
    for (size_t i = 0; i < m.count(); ++i) {
      const Type* source = all_types[i];
      if (source == nullptr || (source->kind != TypeKind::Object && source->kind != TypeKind::Interface)) continue;
      const federation::Type* query = m.subgraph(i).query_type();
      for (const Field& field : source->fields) {
        if (query == source && (field.name == "_service" || field.name == "_entities")) continue;
        if (!present.insert(field.name).second) continue;
        Field added;
        added.name = field.name;
        type.fields.push_back(std::move(added));
      }
    }
  }

  void value_type_hint(const Type& type, const Field& dest, const std::vector<const Type*>& sources, bool interface) {
    const std::vector<std::string>& names = m.names_;
    for (size_t i = 0; i < m.count(); ++i) {
      const Type* source = sources[i];
      if (source == nullptr || m.is_interface_object(i, *source)) continue;
      if (source->find_field(dest.name) != nullptr) continue;
      bool all_external =
          !source->fields.empty() && std::all_of(source->fields.begin(), source->fields.end(),
                                                 [&](const Field& f) { return m.meta(i).is_external(*source, f); });
      if (all_external) continue;
      if (interface && provided_by_interface_object(type.name, dest.name)) continue;
      std::vector<std::optional<std::string>> values;
      for (size_t j = 0; j < m.count(); ++j) {
        values.push_back(sources[j] == nullptr
                             ? std::nullopt
                             : std::optional<std::string>(sources[j]->find_field(dest.name) != nullptr ? "yes" : "no"));
      }
      std::string coordinate = type.name + "." + dest.name;
      auto groups = group_values(values, names, "yes");
      m.hint(
          interface ? "INCONSISTENT_INTERFACE_VALUE_TYPE_FIELD" : "INCONSISTENT_OBJECT_VALUE_TYPE_FIELD",
          "Field \"" + coordinate + "\" of " + (interface ? "interface type \"" : "non-entity object type \"") +
              type.name + "\" is defined in some but not all subgraphs that define \"" + type.name + "\": " +
              mismatch_hint_text(
                  groups,
                  [&](const Group& g) { return "\"" + coordinate + "\" is defined in " + subgraph_names(g.subgraphs); },
                  [](const Group& g) { return " but not in " + subgraph_names(g.subgraphs); }) +
              ".");
      return;
    }
  }

  bool provided_by_interface_object(const std::string& interface_name, const std::string& field_name) const {
    for (size_t i = 0; i < m.count(); ++i) {
      const Type* type = m.subgraph(i).schema.find_type(interface_name);
      if (type == nullptr || !m.is_interface_object(i, *type)) continue;
      const Field* field = type->find_field(field_name);
      if (field != nullptr && !m.meta(i).is_external(*type, *field)) return true;
    }
    return false;
  }

  void merge_object(Type& type) {
    std::vector<const Type*> sources = m.type_sources(type);
    merge_type_common(type, sources);
    bool entity = false;
    bool some_without_key = false;
    for (size_t i = 0; i < m.count(); ++i) {
      if (sources[i] == nullptr) continue;
      if (m.subgraph(i).has(sources[i]->directives, FedDirective::Key)) {
        entity = true;
      } else {
        some_without_key = true;
      }
    }
    if (entity && some_without_key) {
      std::vector<std::string> names;
      std::vector<std::optional<std::string>> values;
      for (size_t i = 0; i < m.count(); ++i) {
        names.push_back(m.subgraph_name(i));
        values.push_back(sources[i] == nullptr
                             ? std::nullopt
                             : std::optional<std::string>(
                                   m.subgraph(i).has(sources[i]->directives, FedDirective::Key) ? "yes" : "no"));
      }
      auto groups = group_values(values, names, "no");
      m.hint("INCONSISTENT_ENTITY",
             "Type \"" + type.name +
                 "\" is declared as an entity (has a @key applied) in some but not all defining subgraphs: " +
                 mismatch_hint_text(
                     groups, [](const Group& g) { return "it has no @key in " + subgraph_names(g.subgraphs); },
                     [](const Group& g) { return " but has some @key in " + subgraph_names(g.subgraphs); }) +
                 ".");
    }
    bool value_type = !entity && !is_root(type);
    add_fields_shallow(type, sources);
    std::vector<std::vector<std::string>> abstractions;
    for (size_t i = 0; i < m.count(); ++i) abstractions.push_back(abstracting_types(i, type));
    if (type.fields.empty()) {
      m.supergraph_.remove_type(type.name);
      return;
    }
    const federation::RootType* subscription = m.supergraph_.root(graphql::OperationType::Subscription);
    bool is_subscription = subscription != nullptr && subscription->type == type.name;
    std::vector<std::string> names;
    for (const Field& field : type.fields) names.push_back(field.name);
    FieldSources field_sources_list;
    for (size_t position = 0; position < names.size(); ++position) {
      const std::string& name = names[position];
      Field* dest = field_at(type, position, name);
      field_sources(sources, abstractions, name, field_sources_list);
      if (value_type) value_type_hint(type, *dest, sources, false);
      OverrideContext overrides = validate_override(type, name, field_sources_list);
      if (is_subscription) {
        for (size_t i : field_sources_list.present) {
          const Field* field = *field_sources_list.fields[i];
          if (field != nullptr && m.subgraph(i).fed2 && m.subgraph(i).has(field->directives, FedDirective::Shareable)) {
            m.error("INVALID_FIELD_SHARING", "Fields on root level subscription object cannot be marked as shareable");
            break;
          }
        }
      }
      dest = field_at(type, position, name);
      merge_field(type, *dest, field_sources_list, overrides);
      validate_sharing(type, *field_at(type, position, name), field_sources_list, overrides);
    }
  }

  void merge_interface(Type& type) {
    std::vector<const Type*> sources = m.type_sources(type);
    merge_type_common(type, sources);
    bool has_key = false;
    for (size_t i = 0; i < m.count(); ++i) {
      if (sources[i] != nullptr && !m.is_interface_object(i, *sources[i]) &&
          m.subgraph(i).has(sources[i]->directives, FedDirective::Key)) {
        has_key = true;
      }
    }
    std::vector<std::string> implementations = m.implementations_of(type.name);
    for (size_t i = 0; i < m.count(); ++i) {
      const Type* source = sources[i];
      if (source == nullptr) continue;
      const Subgraph& sg = m.subgraph(i);
      if (m.is_interface_object(i, *source)) {
        std::vector<std::string> defined;
        for (const std::string& implementation : implementations) {
          if (sg.schema.find_type(implementation) != nullptr) defined.push_back(implementation);
        }
        if (!defined.empty()) {
          m.error("INTERFACE_OBJECT_USAGE_ERROR",
                  "[" + sg.name + "] Interface type \"" + type.name +
                      "\" is defined as an @interfaceObject in subgraph \"" + sg.name +
                      "\" so that subgraph should not define any of the implementation types of \"" + type.name +
                      "\", but it defines " + federation::type_names(defined));
        }
        continue;
      }
      const AppliedDirective* resolvable_key = nullptr;
      for (const AppliedDirective* key : sg.applications(source->directives, FedDirective::Key)) {
        const json::Value* flag = key->argument("resolvable");
        if (flag == nullptr || !flag->is_bool() || flag->as_bool()) {
          resolvable_key = key;
          break;
        }
      }
      if (resolvable_key == nullptr) continue;
      std::vector<std::string> missing;
      for (const std::string& implementation : implementations) {
        const Type* local = sg.schema.find_type(implementation);
        bool implements_it =
            local != nullptr && std::any_of(local->interfaces.begin(), local->interfaces.end(),
                                            [&](const auto& member) { return member.name == type.name; });
        if (!implements_it) missing.push_back(implementation);
      }
      if (!missing.empty()) {
        m.error("INTERFACE_KEY_MISSING_IMPLEMENTATION_TYPE",
                "[" + sg.name + "] Interface type \"" + type.name + "\" has a resolvable key (" +
                    federation::directive_to_string(sg.schema, *resolvable_key) + ") in subgraph \"" + sg.name +
                    "\" but that subgraph is missing some of the supergraph implementation types of \"" + type.name +
                    "\". Subgraph \"" + sg.name + "\" should define " + federation::type_names(missing) +
                    " (and have " + (missing.size() > 1 ? "them" : "it") + " implement \"" + type.name + "\").");
      }
    }
    add_fields_shallow(type, sources);
    std::vector<std::vector<std::string>> abstractions;
    for (size_t i = 0; i < m.count(); ++i) abstractions.push_back(abstracting_types(i, type));
    std::vector<std::string> names;
    for (const Field& field : type.fields) names.push_back(field.name);
    FieldSources field_sources_list;
    for (size_t position = 0; position < names.size(); ++position) {
      const std::string& name = names[position];
      field_sources(sources, abstractions, name, field_sources_list);
      if (!has_key) value_type_hint(type, *field_at(type, position, name), sources, true);
      OverrideContext overrides = validate_override(type, name, field_sources_list);
      merge_field(type, *field_at(type, position, name), field_sources_list, overrides);
    }
  }

  // ---- §2.12-2.13 ------------------------------------------------------------------------

  bool inaccessible(const Directives& directives) const {
    return !m.inaccessible_name_.empty() &&
           std::any_of(directives.begin(), directives.end(),
                       [&](const AppliedDirective& d) { return d.name == m.inaccessible_name_; });
  }

  const std::vector<std::string>& subgraph_list() const { return m.names_; }

  void merge_union(Type& type) {
    std::vector<const Type*> sources = m.type_sources(type);
    merge_type_common(type, sources);
    for (const Type* source : sources) {
      if (source == nullptr) continue;
      for (const auto& member : source->members) {
        bool known = std::any_of(type.members.begin(), type.members.end(),
                                 [&](const auto& existing) { return existing.name == member.name; });
        if (!known) type.members.push_back({member.name, kDefinition});
      }
    }
    for (const auto& member : type.members) {
      bool missing = false;
      std::vector<std::optional<std::string>> values;
      for (size_t i = 0; i < m.count(); ++i) {
        if (sources[i] == nullptr) {
          values.emplace_back();
          continue;
        }
        bool has = std::any_of(sources[i]->members.begin(), sources[i]->members.end(),
                               [&](const auto& mine) { return mine.name == member.name; });
        values.emplace_back(has ? "yes" : "no");
        if (has) {
          type.directives.push_back(directive(
              "join__unionMember", {{"graph", json::Value(m.graphs_[i])}, {"member", json::Value(member.name)}}));
        } else {
          missing = true;
        }
      }
      if (missing) {
        auto groups = group_values(values, subgraph_list(), "yes");
        m.hint("INCONSISTENT_UNION_MEMBER",
               "Union type \"" + type.name + "\" includes member type \"" + member.name +
                   "\" in some but not all defining subgraphs: " +
                   mismatch_hint_text(
                       groups,
                       [&](const Group& g) {
                         return "\"" + member.name + "\" is defined in " + subgraph_names(g.subgraphs);
                       },
                       [](const Group& g) { return " but not in " + subgraph_names(g.subgraphs); }) +
                   ".");
      }
    }
  }

  void merge_input(Type& type) {
    std::vector<const Type*> sources = m.type_sources(type);
    merge_type_common(type, sources);
    for (const Type* source : sources) {
      if (source == nullptr) continue;
      for (const InputValue& field : source->input_fields) {
        if (type.find_input_field(field.name) != nullptr) continue;
        InputValue added;
        added.name = field.name;
        type.input_fields.push_back(std::move(added));
      }
    }
    std::vector<std::string> names;
    for (const InputValue& field : type.input_fields) names.push_back(field.name);
    for (const std::string& name : names) {
      std::string coordinate = type.name + "." + name;
      std::vector<const InputValue*> per(m.count(), nullptr);
      for (size_t i = 0; i < m.count(); ++i) {
        if (sources[i] != nullptr) per[i] = sources[i]->find_input_field(name);
      }
      InputValue* dest = nullptr;
      for (InputValue& field : type.input_fields) {
        if (field.name == name) dest = &field;
      }
      Descriptions descriptions;
      for (size_t i = 0; i < per.size(); ++i) {
        if (per[i] != nullptr) add_description(descriptions, i, per[i]->description);
      }
      merge_description(descriptions, dest->description, [&] { return "Element \"" + coordinate + "\""; });
      std::vector<DirectiveSource> directive_sources;
      for (size_t i = 0; i < m.count(); ++i) {
        if (per[i] != nullptr) directive_sources.push_back({i, &per[i]->directives});
      }
      m.record_directives({ElementRef::Kind::InputField, type.name, name, {}}, directive_sources, false);
      std::vector<std::optional<TypeRef>> types;
      for (const InputValue* field : per) types.push_back(field != nullptr ? std::optional(field->type) : std::nullopt);
      bool all_equal = merge_type_reference(types, dest->type, true, coordinate, false, coordinate);
      bool missing = false;
      for (size_t i = 0; i < m.count(); ++i) {
        if (sources[i] != nullptr && per[i] == nullptr) missing = true;
      }
      if (!all_equal || missing) {
        for (size_t i = 0; i < m.count(); ++i) {
          if (per[i] == nullptr) continue;
          std::vector<std::pair<std::string, json::Value>> arguments{{"graph", json::Value(m.graphs_[i])}};
          if (!all_equal) arguments.emplace_back("type", json::Value(per[i]->type.to_string()));
          dest->directives.push_back(directive("join__field", std::move(arguments)));
        }
      }
      merge_default(per, *dest, coordinate, "Input field");
      if (missing && !inaccessible(dest->directives)) {
        std::vector<std::string> requiring;
        std::vector<std::string> lacking;
        std::vector<std::optional<std::string>> values;
        for (size_t i = 0; i < m.count(); ++i) {
          if (per[i] != nullptr && is_required(*per[i])) requiring.push_back(m.subgraph_name(i));
          if (sources[i] != nullptr && per[i] == nullptr) lacking.push_back(m.subgraph_name(i));
          values.emplace_back(per[i] != nullptr ? "yes" : "");
        }
        if (!requiring.empty()) {
          m.error("REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
                  "Input object field \"" + coordinate +
                      "\" is required in some subgraphs but does not appear in all subgraphs: it is required in " +
                      subgraph_names(requiring) + " but does not appear in " + subgraph_names(lacking));
        } else {
          auto groups = group_values(values, subgraph_list(), "yes");
          m.hint("INCONSISTENT_INPUT_OBJECT_FIELD",
                 "Input object field \"" + name + "\" will not be added to \"" + type.name +
                     "\" in the supergraph as it does not appear in all subgraphs: " +
                     mismatch_hint_text(
                         groups, [](const Group& g) { return "it is defined in " + subgraph_names(g.subgraphs); },
                         [](const Group& g) { return " but not in " + subgraph_names(g.subgraphs); }) +
                     ".");
        }
        type.input_fields.erase(std::remove_if(type.input_fields.begin(), type.input_fields.end(),
                                               [&](const InputValue& f) { return f.name == name; }),
                                type.input_fields.end());
      }
    }
    if (type.input_fields.empty()) {
      m.error("EMPTY_MERGED_INPUT_TYPE",
              "None of the fields of input object type \"" + type.name +
                  "\" are consistently defined in all the subgraphs defining that type. As only fields common to all "
                  "subgraphs are merged, this would result in an empty type.");
    }
  }

  void merge_scalar(Type& type) { merge_type_common(type, m.type_sources(type)); }

  void merge_enum(Type& type) {
    std::vector<const Type*> sources = m.type_sources(type);
    merge_type_common(type, sources);
    EnumUsage usage = m.enum_usages_[type.name];
    if (usage.position == EnumPosition::None) {
      m.hint("UNUSED_ENUM_TYPE",
             "Enum type \"" + type.name +
                 "\" is defined but unused. It will be included in the supergraph with all the "
                 "values appearing in any subgraph (\"as if\" it was only used as an output type).");
      usage.position = EnumPosition::Output;
    }
    for (const Type* source : sources) {
      if (source == nullptr) continue;
      for (const EnumValue& value : source->values) {
        if (type.find_value(value.name) != nullptr) continue;
        EnumValue added;
        added.name = value.name;
        type.values.push_back(std::move(added));
      }
    }
    std::vector<std::string> names;
    for (const EnumValue& value : type.values) names.push_back(value.name);
    for (const std::string& name : names) {
      std::string coordinate = type.name + "." + name;
      std::vector<const EnumValue*> per(m.count(), nullptr);
      for (size_t i = 0; i < m.count(); ++i) {
        if (sources[i] != nullptr) per[i] = sources[i]->find_value(name);
      }
      EnumValue* dest = nullptr;
      for (EnumValue& value : type.values) {
        if (value.name == name) dest = &value;
      }
      Descriptions descriptions;
      for (size_t i = 0; i < per.size(); ++i) {
        if (per[i] != nullptr) add_description(descriptions, i, per[i]->description);
      }
      merge_description(descriptions, dest->description, [&] { return "Element \"" + coordinate + "\""; });
      std::vector<DirectiveSource> directive_sources;
      for (size_t i = 0; i < m.count(); ++i) {
        if (per[i] != nullptr) directive_sources.push_back({i, &per[i]->directives});
      }
      m.record_directives({ElementRef::Kind::EnumValue, type.name, name, {}}, directive_sources, false);
      bool missing = false;
      std::vector<std::optional<std::string>> values;
      for (size_t i = 0; i < m.count(); ++i) {
        if (per[i] != nullptr) {
          dest->directives.push_back(directive("join__enumValue", {{"graph", json::Value(m.graphs_[i])}}));
        }
        if (sources[i] != nullptr && per[i] == nullptr) missing = true;
        values.push_back(sources[i] == nullptr ? std::nullopt
                                               : std::optional<std::string>(per[i] != nullptr ? "yes" : "no"));
      }
      if (!missing) continue;
      bool hidden = inaccessible(dest->directives);
      if (hidden && usage.position != EnumPosition::Output) continue;
      auto groups = group_values(values, subgraph_list(), "yes");
      std::string parts = mismatch_hint_text(
          groups, [&](const Group& g) { return "\"" + name + "\" is defined in " + subgraph_names(g.subgraphs); },
          [](const Group& g) { return " but not in " + subgraph_names(g.subgraphs); });
      if (usage.position == EnumPosition::Both) {
        m.error("ENUM_VALUE_MISMATCH",
                "Enum type \"" + type.name + "\" is used as both input type (for example, as type of \"" +
                    usage.input_example + "\") and output type (for example, as type of \"" + usage.output_example +
                    "\"), but value \"" + name + "\" is not defined in all the subgraphs defining \"" + type.name +
                    "\": " + parts);
      } else if (usage.position == EnumPosition::Input) {
        m.hint("INCONSISTENT_ENUM_VALUE_FOR_INPUT_ENUM",
               "Value \"" + name + "\" of enum type \"" + type.name +
                   "\" will not be part of the supergraph as it is not defined in all the subgraphs defining \"" +
                   type.name + "\": " + parts + ".");
        type.values.erase(
            std::remove_if(type.values.begin(), type.values.end(), [&](const EnumValue& v) { return v.name == name; }),
            type.values.end());
      } else {
        m.hint("INCONSISTENT_ENUM_VALUE_FOR_OUTPUT_ENUM",
               "Value \"" + name + "\" of enum type \"" + type.name +
                   "\" has been added to the supergraph but is only defined in a subset of the subgraphs defining \"" +
                   type.name + "\": " + parts + ".");
      }
    }
    if (type.values.empty()) {
      m.error("EMPTY_MERGED_ENUM_TYPE",
              "None of the values of enum type \"" + type.name +
                  "\" are defined consistently in all the subgraphs defining that type. As only values common to all "
                  "subgraphs are merged, this would result in an empty type.");
    }
  }

  // ---- §2.14 ---------------------------------------------------------------------------------

  void merge_schema_definition() {
    Descriptions descriptions;
    std::vector<DirectiveSource> sources;
    for (size_t i = 0; i < m.count(); ++i) {
      add_description(descriptions, i, m.subgraph(i).schema.description);
      sources.push_back({i, &m.subgraph(i).schema.schema_directives});
    }
    merge_description(descriptions, m.supergraph_.description, [] { return std::string("The schema definition"); });
    m.record_directives({ElementRef::Kind::Schema, {}, {}, {}}, sources, false);
    for (graphql::OperationType operation :
         {graphql::OperationType::Query, graphql::OperationType::Mutation, graphql::OperationType::Subscription}) {
      for (size_t i = 0; i < m.count(); ++i) {
        const Type* root = m.subgraph(i).root_type(operation);
        if (root == nullptr) continue;
        bool has_fields = std::any_of(root->fields.begin(), root->fields.end(),
                                      [](const Field& f) { return f.name != "_service" && f.name != "_entities"; });
        if (has_fields && m.supergraph_.find_type(root->name) != nullptr) {
          if (m.supergraph_.root(operation) == nullptr) {
            m.supergraph_.roots.push_back({operation, root->name, kDefinition});
          }
          break;
        }
      }
    }
  }

  // ---- §2.11 -------------------------------------------------------------------------------

  void add_missing_interface_object_fields() {
    for (const auto& owned : m.supergraph_.types()) {
      Type& type = *owned;
      if (type.kind != TypeKind::Object) continue;
      for (const auto& implemented : std::vector<federation::TypeMember>(type.interfaces)) {
        const Type* interface_type = m.supergraph_.find_type(implemented.name);
        if (interface_type == nullptr) continue;
        for (const Field& interface_field : interface_type->fields) {
          if (!provided_by_interface_object(interface_type->name, interface_field.name)) continue;
          Field* existing = type.find_field(interface_field.name);
          auto copy_directives = [&](Field& target) {
            for (const AppliedDirective& applied : interface_field.directives) {
              if (applied.name.rfind("join__", 0) == 0) continue;
              if (std::find(m.access_control_.begin(), m.access_control_.end(), applied.name) !=
                  m.access_control_.end()) {
                continue;
              }
              target.directives.push_back(applied);
            }
          };
          if (existing != nullptr) {
            bool all_external = !existing->directives.empty();
            bool any_join = false;
            for (const AppliedDirective& applied : existing->directives) {
              if (applied.name != "join__field") continue;
              any_join = true;
              const json::Value* external = applied.argument("external");
              if (external == nullptr || !external->is_bool() || !external->as_bool()) all_external = false;
            }
            if (any_join && all_external) copy_directives(*existing);
            continue;
          }
          Field added;
          added.name = interface_field.name;
          added.description = interface_field.description;
          added.type = interface_field.type;
          copy_directives(added);
          for (const InputValue& argument : interface_field.arguments) added.arguments.push_back(argument);
          added.directives.push_back(directive("join__field"));
          type.fields.push_back(std::move(added));
        }
      }
    }
  }

  // ---- Driver ------------------------------------------------------------------------------

  void run() {
    m.add_core_features();
    if (!m.errors_.empty()) return;
    add_types_shallow();
    m.add_directives_shallow();
    std::vector<std::string> objects;
    std::vector<std::string> interfaces;
    std::vector<std::string> unions;
    std::vector<std::string> scalars;
    std::vector<std::string> inputs;
    std::vector<std::string> enums;
    for (const auto& type : m.supergraph_.types()) {
      if (m.join_types_.count(type->name) != 0) continue;
      switch (type->kind) {
        case TypeKind::Object: objects.push_back(type->name); break;
        case TypeKind::Interface: interfaces.push_back(type->name); break;
        case TypeKind::Union: unions.push_back(type->name); break;
        case TypeKind::Scalar: scalars.push_back(type->name); break;
        case TypeKind::InputObject: inputs.push_back(type->name); break;
        case TypeKind::Enum: enums.push_back(type->name); break;
      }
    }
    auto each = [&](const std::vector<std::string>& names, auto&& fn) {
      for (const std::string& name : names) {
        if (Type* type = m.supergraph_.find_type(name)) fn(*type);
      }
    };
    each(objects, [&](Type& type) { merge_implements(type); });
    each(interfaces, [&](Type& type) { merge_implements(type); });
    each(unions, [&](Type& type) { merge_union(type); });
    merge_schema_definition();
    each(scalars, [&](Type& type) { merge_scalar(type); });
    each(inputs, [&](Type& type) { merge_input(type); });
    each(interfaces, [&](Type& type) { merge_interface(type); });
    each(objects, [&](Type& type) { merge_object(type); });
    m.merge_directive_definitions(
        [&](DirectiveDefinition& directive, const std::vector<const std::vector<InputValue>*>& sources) {
          std::vector<bool> entries(m.count(), true);
          merge_arguments(directive.arguments, sources, entries,
                          {ElementRef::Kind::DirectiveArgument, directive.name, {}, {}}, "@" + directive.name);
        });
    each(enums, [&](Type& type) { merge_enum(type); });
    if (m.supergraph_.root(graphql::OperationType::Query) == nullptr) {
      m.error("NO_QUERIES", "No queries found in any subgraph: a supergraph must have a query root type.");
    }
    m.merge_applied_directives();
    add_missing_interface_object_fields();
  }
};

}  // namespace

MergeResult Merger::merge() {
  MergeResult result;
  if (errors_.empty()) TypeMerger(*this).run();
  if (errors_.empty()) post_merge_validations();
  if (!errors_.empty()) {
    result.errors = std::move(errors_);
    return result;
  }
  result.hints = std::move(hints_);
  result.supergraph = std::move(supergraph_);
  result.api_schema = std::move(api_schema_);
  return result;
}

MergeResult merge_subgraphs(const std::vector<const federation::Subgraph*>& subgraphs) {
  return Merger(subgraphs).merge();
}

}  // namespace junction::composition
