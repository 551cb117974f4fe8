// Directives in the merge: spec features whose directives compose (tag, inaccessible, ...),
// @composeDirective, applied-directive merging and directive definitions
// (docs/federation/merge.md §1.4, §1.7, §4).
#include <algorithm>
#include <map>

#include "composition/merger.h"
#include "json/write.h"

namespace junction::composition::detail {

using federation::join_strings;
using federation::quote;
using federation::subgraph_names;

namespace {

struct SupergraphSpec {
  std::string_view name;  // spec name, e.g. "requiresScopes"
  federation::Version version;
  std::string_view purpose;  // "" when none
};

// The supergraph specs composed directives come from.
const SupergraphSpec kSupergraphSpecs[] = {
    {"tag", {0, 3}, ""},
    {"inaccessible", {0, 2}, "SECURITY"},
    {"authenticated", {0, 1}, "SECURITY"},
    {"requiresScopes", {0, 1}, "SECURITY"},
    {"policy", {0, 1}, "SECURITY"},
    {"context", {0, 1}, "SECURITY"},
    {"cost", {0, 1}, ""},
    {"cacheTag", {0, 1}, "EXECUTION"},
};

// Which supergraph spec a composed directive (by name in its feature) comes from.
const SupergraphSpec* supergraph_spec_for(std::string_view name_in_feature) {
  std::string_view spec = name_in_feature == "listSize" ? "cost" : name_in_feature;
  for (const SupergraphSpec& candidate : kSupergraphSpecs) {
    if (candidate.name == spec) return &candidate;
  }
  return nullptr;
}

// Whether a feature's spec composes this directive.
bool composes(std::string_view identity, std::string_view name_in_feature) {
  std::string_view prefix = federation::kSpecsPrefix;
  if (identity.substr(0, prefix.size()) != prefix) return false;
  std::string_view spec = identity.substr(prefix.size());
  if (spec == "federation") return supergraph_spec_for(name_in_feature) != nullptr;
  if (spec == "cost") return name_in_feature == "cost" || name_in_feature == "listSize";
  if (spec == "tag" || spec == "inaccessible" || spec == "authenticated" || spec == "requiresScopes" ||
      spec == "policy" || spec == "context") {
    return name_in_feature == spec;
  }
  return false;
}

template <class Visit>
void for_each_application(const Schema& schema, Visit&& visit) {
  auto all = [&](const Directives& directives) {
    for (const AppliedDirective& directive : directives) visit(directive);
  };
  all(schema.schema_directives);
  for (const DirectiveDefinition& definition : schema.directive_definitions()) {
    for (const InputValue& argument : definition.arguments) all(argument.directives);
  }
  for (const auto& type : schema.types()) {
    all(type->directives);
    for (const Field& field : type->fields) {
      all(field.directives);
      for (const InputValue& argument : field.arguments) all(argument.directives);
    }
    for (const InputValue& field : type->input_fields) all(field.directives);
    for (const EnumValue& value : type->values) all(value.directives);
  }
}

bool has_applications(const Schema& schema, std::string_view name) {
  bool found = false;
  for_each_application(schema, [&](const AppliedDirective& directive) {
    if (directive.name == name) found = true;
  });
  return found;
}

bool is_executable_location(std::string_view location) {
  for (std::string_view executable : {"QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION",
                                      "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION"}) {
    if (location == executable) return true;
  }
  return false;
}

bool is_builtin_directive_name(std::string_view name) { return federation::builtin_directive(name) != nullptr; }

AppliedDirective make_directive(std::string name, std::vector<std::pair<std::string, json::Value>> arguments = {}) {
  AppliedDirective out;
  out.name = std::move(name);
  out.arguments = std::move(arguments);
  return out;
}

}  // namespace

// ---- §1.4 composed spec directives -----------------------------------------------------------

void Merger::collect_composed_directives() {
  struct GroupInfo {
    std::string name_in_feature;
    std::string identity;
    std::string feature_url;  // of the highest version seen
    federation::Version version;
    std::vector<std::pair<size_t, std::string>> names;  // subgraph, name in subgraph
  };
  std::vector<GroupInfo> groups;
  for (size_t i = 0; i < count(); ++i) {
    const Subgraph& sg = subgraph(i);
    for (const DirectiveDefinition& definition : sg.schema.directive_definitions()) {
      auto source = sg.features.source_of_directive(definition.name);
      if (!source || source->name_in_feature.empty()) continue;
      if (!composes(source->feature->url.identity, source->name_in_feature)) continue;
      if (!has_applications(sg.schema, definition.name)) continue;
      auto it = std::find_if(groups.begin(), groups.end(), [&](const GroupInfo& g) {
        return g.name_in_feature == source->name_in_feature && g.identity == source->feature->url.identity;
      });
      if (it == groups.end()) {
        groups.push_back({source->name_in_feature,
                          source->feature->url.identity,
                          source->feature->url.to_string(),
                          source->feature->url.version,
                          {}});
        it = groups.end() - 1;
      } else if (it->version < source->feature->url.version) {
        it->version = source->feature->url.version;
        it->feature_url = source->feature->url.to_string();
      }
      it->names.emplace_back(i, definition.name);
    }
  }
  for (const GroupInfo& group : groups) {
    for (size_t k = 1; k < group.names.size(); ++k) {
      if (group.names[k].second == group.names[0].second) continue;
      std::vector<std::optional<std::string>> values(count());
      std::vector<std::string> names;
      for (size_t i = 0; i < count(); ++i) names.push_back(subgraph_name(i));
      for (const auto& [index, name] : group.names) values[index] = "\"@" + name + "\"";
      auto grouped = group_values(values, names, "\"@" + group.names[k].second + "\"");
      std::vector<std::string> parts;
      for (const Group& g : grouped) parts.push_back(g.key + " in " + subgraph_names(g.subgraphs));
      error("LINK_IMPORT_NAME_MISMATCH",
            "The \"@" + group.name_in_feature + "\" directive (from " + group.feature_url +
                ") is imported with mismatched name between subgraphs: it is imported as " +
                join_strings(parts, " and ", " but "));
      return;
    }
    const SupergraphSpec* spec = supergraph_spec_for(group.name_in_feature);
    std::string identity = std::string(federation::kSpecsPrefix) + std::string(spec->name);
    ComposedDirective composed;
    composed.name_in_feature = group.name_in_feature;
    composed.name_in_supergraph = group.names[0].second;
    composed.spec_identity = identity;
    composed.join_directive = group.name_in_feature == "cacheTag";
    composed_.push_back(composed);
    if (std::find(spec_identities_.begin(), spec_identities_.end(), identity) == spec_identities_.end()) {
      spec_identities_.push_back(identity);
    }
  }
}

void Merger::add_specs() {
  for (const std::string& identity : spec_identities_) {
    std::string spec_name = identity.substr(federation::kSpecsPrefix.size());
    const SupergraphSpec* info = supergraph_spec_for(spec_name);
    const federation::Spec* spec = federation::find_spec(identity, info->version);
    federation::LinkedFeature feature;
    feature.url = {identity, spec_name, info->version};
    feature.alias = spec_name;
    for (const ComposedDirective& composed : composed_) {
      if (composed.spec_identity != identity || composed.join_directive) continue;
      std::string default_name =
          composed.name_in_feature == spec_name ? spec_name : spec_name + "__" + composed.name_in_feature;
      if (composed.name_in_supergraph == default_name) continue;
      federation::Import import;
      import.name = "@" + composed.name_in_feature;
      if (composed.name_in_supergraph != composed.name_in_feature) import.as = "@" + composed.name_in_supergraph;
      feature.imports.push_back(import);
    }
    std::vector<std::pair<std::string, json::Value>> arguments{{"url", json::Value(feature.url.to_string())}};
    if (!info->purpose.empty()) arguments.emplace_back("for", json::Value(std::string(info->purpose)));
    if (!feature.imports.empty()) {
      json::Value imports = json::Value::array();
      for (const federation::Import& import : feature.imports) {
        if (!import.as) {
          imports.push(json::Value(import.name));
        } else {
          json::Value object = json::Value::object();
          object.set("name", json::Value(import.name));
          object.set("as", json::Value(*import.as));
          imports.push(std::move(object));
        }
      }
      arguments.emplace_back("import", std::move(imports));
    }
    supergraph_.schema_directives.push_back(make_directive("link", std::move(arguments)));
    if (spec == nullptr || spec_name == "cacheTag") continue;
    for (const auto& spec_type : spec->definitions.types()) {
      std::string name = feature.type_name_in_schema(spec_type->name);
      if (supergraph_.find_type(name) != nullptr) continue;
      Type& added = supergraph_.add_type(spec_type->kind, name);
      added = *spec_type;
      added.name = name;
      join_types_.insert(name);
    }
    for (const DirectiveDefinition& spec_directive : spec->definitions.directive_definitions()) {
      DirectiveDefinition added = spec_directive;
      added.name = feature.directive_name_in_schema(spec_directive.name);
      for (InputValue& argument : added.arguments) {
        if (spec->definitions.find_type(argument.type.name) != nullptr) {
          argument.type.name = feature.type_name_in_schema(argument.type.name);
        }
      }
      if (spec_directive.name == "inaccessible") inaccessible_name_ = added.name;
      if (spec_directive.name == spec_name &&
          (spec_name == "authenticated" || spec_name == "requiresScopes" || spec_name == "policy")) {
        access_control_.push_back(added.name);
      }
      if (supergraph_.find_directive_definition(added.name) == nullptr) {
        supergraph_.add_directive_definition(std::move(added));
      }
    }
  }
}

// ---- §1.7 @composeDirective ------------------------------------------------------------------

void Merger::validate_compose_directives() {
  struct Feature {
    std::string identity;
    std::vector<size_t> composing;  // subgraphs composing something from it
  };
  for (size_t i = 0; i < count(); ++i) {
    const Subgraph& sg = subgraph(i);
    const std::string& compose_name = sg.name_of(FedDirective::ComposeDirective);
    if (compose_name.empty()) continue;
    for (const AppliedDirective& applied : sg.schema.schema_directives) {
      if (applied.name != compose_name) continue;
      const json::Value* value = applied.argument("name");
      std::string raw = value != nullptr && value->is_string() ? value->as_string() : std::string();
      if (raw.empty()) {
        error("DIRECTIVE_COMPOSITION_ERROR",
              "Argument to @composeDirective in subgraph \"" + sg.name + "\" cannot be NULL or an empty String");
        continue;
      }
      if (raw[0] != '@') {
        error("DIRECTIVE_COMPOSITION_ERROR", "Argument to @composeDirective \"" + raw + "\" in subgraph \"" + sg.name +
                                                 "\" must have a leading \"@\"");
        continue;
      }
      std::string name = raw.substr(1);
      const DirectiveDefinition* definition = sg.schema.find_directive_definition(name);
      if (definition == nullptr) {
        std::vector<std::string> options;
        for (std::string_view builtin : {"include", "skip", "deprecated", "specifiedBy", "defer", "stream"}) {
          options.push_back("@" + std::string(builtin));
        }
        for (const DirectiveDefinition& d : sg.schema.directive_definitions()) options.push_back("@" + d.name);
        error("DIRECTIVE_COMPOSITION_ERROR",
              "Could not find matching directive definition for argument to @composeDirective \"@" + name +
                  "\" in subgraph \"" + sg.name + "\"." +
                  federation::federation_did_you_mean(federation::federation_suggestions("@" + name, options)));
        continue;
      }
      auto source = sg.features.source_of_directive(name);
      if (!source) {
        error("DIRECTIVE_COMPOSITION_ERROR", "Directive \"@" + name + "\" in subgraph \"" + sg.name +
                                                 "\" cannot be composed because it is not a member of a core feature");
        continue;
      }
      if (source->name_in_feature.empty()) {
        error("DIRECTIVE_COMPOSITION_ERROR", "Directive \"@" + name + "\" in subgraph \"" + sg.name +
                                                 "\" cannot be composed because it is imported to a different name");
        continue;
      }
      std::string identity = source->feature->url.identity;
      bool federation_feature = false;
      for (std::string_view spec : {"core", "join", "link", "tag", "inaccessible", "federation", "authenticated",
                                    "requiresScopes", "source", "context", "cost"}) {
        if (identity == std::string(federation::kSpecsPrefix) + std::string(spec)) federation_feature = true;
      }
      if (federation_feature) {
        bool composed_by_default = false;
        for (FedDirective which : {FedDirective::Tag, FedDirective::Inaccessible, FedDirective::Authenticated,
                                   FedDirective::RequiresScopes, FedDirective::Policy, FedDirective::Context}) {
          if (sg.name_of(which) == name) composed_by_default = true;
        }
        if (composed_by_default) {
          hint("DIRECTIVE_COMPOSITION_INFO", "Directive \"@" + name +
                                                 "\" should not be explicitly manually composed since it is a "
                                                 "federation directive composed by default");
        } else {
          error("DIRECTIVE_COMPOSITION_ERROR",
                "Composing federation directive \"" + raw + "\" in subgraph \"" + sg.name + "\" is not supported");
        }
        continue;
      }
      bool conflict = false;
      for (FedDirective which : {FedDirective::Tag, FedDirective::Inaccessible}) {
        std::vector<std::string> conflicting;
        for (size_t j = 0; j < count(); ++j) {
          if (subgraph(j).name_of(which) == name) conflicting.push_back(subgraph_name(j));
        }
        if (!conflicting.empty()) {
          error("DIRECTIVE_COMPOSITION_ERROR",
                "Directive \"@" + name + "\" in subgraph \"" + sg.name +
                    "\" cannot be composed because it conflicts with automatically composed federation directive \"@" +
                    std::string(federation::spec_name(which)) + "\". Conflict exists in subgraph(s): (" +
                    join_strings(conflicting, ",", ",", ",") + ")");
          conflict = true;
          break;
        }
      }
      if (conflict) continue;
      compose_items_.push_back({i, identity, source->name_in_feature, name});
    }
  }
  if (!errors_.empty()) return;
  // A subgraph that links the feature but imports the directive under another name.
  std::vector<std::string> warned;
  for (const ComposeItem& item : compose_items_) {
    if (std::find(warned.begin(), warned.end(), item.name) != warned.end()) continue;
    for (size_t i = 0; i < count(); ++i) {
      if (is_composed_custom(i, item.name)) continue;
      const federation::LinkedFeature* feature = subgraph(i).features.by_identity(item.identity);
      if (feature == nullptr || feature->import_of(item.name_in_feature, true) == nullptr) continue;
      if (feature->directive_name_in_schema(item.name_in_feature) == item.name) continue;
      hint("DIRECTIVE_COMPOSITION_WARN", "Composed directive \"@" + item.name +
                                             "\" is named differently in a subgraph that doesn't export it. Consistent "
                                             "naming will be required to export it.");
      warned.push_back(item.name);
      break;
    }
  }
  // Per composed name: same directive, same feature.
  std::vector<std::string> seen;
  for (const ComposeItem& item : compose_items_) {
    if (std::find(seen.begin(), seen.end(), item.name) != seen.end()) continue;
    seen.push_back(item.name);
    bool same_feature_name = true;
    bool same_identity = true;
    for (const ComposeItem& other : compose_items_) {
      if (other.name != item.name) continue;
      if (other.name_in_feature != item.name_in_feature) same_feature_name = false;
      if (other.identity != item.identity) same_identity = false;
    }
    if (!same_feature_name) {
      error("DIRECTIVE_COMPOSITION_ERROR",
            "Composed directive \"@" + item.name + "\" does not refer to the same directive in every subgraph");
    } else if (!same_identity) {
      error("DIRECTIVE_COMPOSITION_ERROR",
            "Composed directive \"@" + item.name + "\" is not linked by the same core feature in every subgraph");
    }
  }
}

void Merger::add_core_features() {
  // One @link per composed feature (identities in first-seen order), with the definitions of
  // the composed directives copied from the last subgraph linking the chosen version.
  std::vector<std::string> identities;
  for (size_t i = 0; i < count(); ++i) {
    for (const federation::LinkedFeature& feature : subgraph(i).features.list()) {
      if (std::find(identities.begin(), identities.end(), feature.url.identity) == identities.end()) {
        identities.push_back(feature.url.identity);
      }
    }
  }
  for (const std::string& identity : identities) {
    std::vector<const ComposeItem*> items;
    for (const ComposeItem& item : compose_items_) {
      if (item.identity == identity) items.push_back(&item);
    }
    if (items.empty()) continue;
    // The latest version among the composing subgraphs.
    std::optional<federation::FeatureUrl> winner;
    std::string alias;
    bool mismatch = false;
    for (size_t i = 0; i < count(); ++i) {
      const federation::LinkedFeature* feature = subgraph(i).features.by_identity(identity);
      if (feature == nullptr) continue;
      bool composing =
          std::any_of(items.begin(), items.end(), [&](const ComposeItem* item) { return item->subgraph == i; });
      if (!composing) continue;
      if (!winner) {
        winner = feature->url;
        alias = feature->alias;
        continue;
      }
      if (winner->version.major != feature->url.version.major) {
        mismatch = true;
        break;
      }
      if (winner->version.minor < feature->url.version.minor) {
        winner = feature->url;
        alias = feature->alias;
      }
    }
    if (mismatch) {
      error("DIRECTIVE_COMPOSITION_ERROR",
            "Core feature \"" + identity + "\" requested to be merged has major version mismatch across subgraphs");
      continue;
    }
    std::vector<size_t> linking;  // reverse subgraph order
    for (size_t i = count(); i-- > 0;) {
      const federation::LinkedFeature* feature = subgraph(i).features.by_identity(identity);
      if (feature != nullptr && feature->url.version == winner->version) linking.push_back(i);
    }
    std::vector<std::pair<std::string, std::string>> names;  // name in feature, composed name
    for (const ComposeItem* item : items) {
      auto entry = std::make_pair(item->name_in_feature, item->name);
      if (std::find(names.begin(), names.end(), entry) == names.end()) names.push_back(entry);
    }
    std::vector<std::pair<std::string, json::Value>> arguments{{"url", json::Value(winner->to_string())}};
    if (alias != winner->name) arguments.emplace_back("as", json::Value(alias));
    json::Value imports = json::Value::array();
    for (const auto& [in_feature, name] : names) {
      if (in_feature == name) {
        imports.push(json::Value("@" + name));
      } else {
        json::Value object = json::Value::object();
        object.set("name", json::Value("@" + in_feature));
        object.set("as", json::Value("@" + name));
        imports.push(std::move(object));
      }
    }
    arguments.emplace_back("import", std::move(imports));
    supergraph_.schema_directives.push_back(make_directive("link", std::move(arguments)));
    for (const auto& [in_feature, name] : names) {
      const DirectiveDefinition* definition = nullptr;
      for (size_t i : linking) {
        definition = subgraph(i).schema.find_directive_definition(name);
        if (definition != nullptr) break;
      }
      if (definition == nullptr) {
        std::vector<std::string> linking_names;
        for (size_t i : linking) linking_names.push_back(subgraph_name(i));
        error("DIRECTIVE_COMPOSITION_ERROR", "Core feature \"" + identity + "/" + winner->version.to_string() +
                                                 "\" in " + subgraph_names(linking_names) +
                                                 (linking_names.size() == 1 ? " does" : " do") +
                                                 " not have a directive definition for \"@" + name + "\"");
        continue;
      }
      DirectiveDefinition copy = *definition;
      copy.node = nullptr;
      for (InputValue& argument : copy.arguments) argument.node = nullptr;
      if (DirectiveDefinition* existing = supergraph_.find_directive_definition(name)) {
        *existing = copy;
      } else {
        supergraph_.add_directive_definition(std::move(copy));
      }
    }
  }
}

// ---- §4.1 -------------------------------------------------------------------------------------

bool Merger::is_composed_custom(size_t index, std::string_view name) const {
  return std::any_of(compose_items_.begin(), compose_items_.end(),
                     [&](const ComposeItem& item) { return item.subgraph == index && item.name == name; });
}

bool Merger::is_merged_directive(size_t index, std::string_view name) const {
  if (is_composed_custom(index, name)) return true;
  for (const ComposedDirective& composed : composed_) {
    if (composed.name_in_supergraph == name) return !composed.join_directive;
  }
  return name == "deprecated" || name == "specifiedBy";
}

const DirectiveDefinition* Merger::supergraph_definition(std::string_view name) const {
  if (const DirectiveDefinition* definition = supergraph_.find_directive_definition(name)) return definition;
  return federation::builtin_directive(name);
}

// ---- §4.5 recording and merging applied directives -------------------------------------------

void Merger::record_directives(const ElementRef& element, const std::vector<DirectiveSource>& sources,
                               bool access_control) {
  std::vector<std::string> names;
  for (const DirectiveSource& source : sources) {
    for (const AppliedDirective& applied : *source.directives) {
      if (!is_merged_directive(source.subgraph, applied.name)) continue;
      if (std::find(names.begin(), names.end(), applied.name) == names.end()) names.push_back(applied.name);
    }
  }
  if (!inaccessible_name_.empty()) {
    auto it = std::find(names.begin(), names.end(), inaccessible_name_);
    if (it != names.end()) {
      names.erase(it);
      if (Directives* target = resolve(element)) {
        bool present = std::any_of(target->begin(), target->end(),
                                   [&](const AppliedDirective& d) { return d.name == inaccessible_name_; });
        if (!present) target->push_back(make_directive(inaccessible_name_));
      }
    }
  }
  if (access_control) {
    if (!additional_sources_computed_) compute_additional_sources();
    for (const std::string& name : access_control_) {
      auto additional = additional_sources_.find(element.coordinate() + "@" + name);
      auto it = std::find(names.begin(), names.end(), name);
      if (it == names.end() && additional == additional_sources_.end()) continue;
      if (it != names.end()) names.erase(it);
      std::vector<DirectiveSource> all = sources;
      if (additional != additional_sources_.end())
        all.insert(all.end(), additional->second.begin(), additional->second.end());
      pending_.push_back({element, {name}, std::move(all)});
    }
  }
  if (!names.empty()) pending_.push_back({element, std::move(names), sources});
}

void Merger::compute_additional_sources() {
  additional_sources_computed_ = true;
  for (size_t i = 0; i < count(); ++i) {
    const Subgraph& sg = subgraph(i);
    for (const std::string& name : access_control_) {
      for (const auto& type : sg.schema.types()) {
        if (type->kind != TypeKind::Object) continue;
        const Type* super = supergraph_.find_type(type->name);
        bool has_on_type = std::any_of(type->directives.begin(), type->directives.end(),
                                       [&](const AppliedDirective& d) { return d.name == name; });
        if (has_on_type && super != nullptr) {
          for (const auto& implemented : super->interfaces) {
            additional_sources_[implemented.name + "@" + name].push_back({i, &type->directives});
          }
        }
        for (const Field& field : type->fields) {
          bool has = std::any_of(field.directives.begin(), field.directives.end(),
                                 [&](const AppliedDirective& d) { return d.name == name; });
          if (!has || meta(i).is_external(*type, field)) continue;
          if (is_interface_object(i, *type)) {
            std::vector<std::string> others;
            for (const std::string& implementation : implementations_of(type->name)) {
              additional_sources_[implementation + "." + field.name + "@" + name].push_back({i, &field.directives});
              const Type* implementation_type = supergraph_.find_type(implementation);
              for (const auto& implemented : implementation_type->interfaces) {
                if (implemented.name != type->name &&
                    std::find(others.begin(), others.end(), implemented.name) == others.end()) {
                  others.push_back(implemented.name);
                }
              }
            }
            for (const std::string& other : others) {
              additional_sources_[other + "." + field.name + "@" + name].push_back({i, &field.directives});
            }
          } else if (super != nullptr) {
            for (const auto& implemented : super->interfaces) {
              additional_sources_[implemented.name + "." + field.name + "@" + name].push_back({i, &field.directives});
            }
          }
        }
      }
    }
  }
}

namespace {

// Arguments with the definition's defaults filled in, as a comparable list sorted by name.
std::vector<std::pair<std::string, json::Value>> with_defaults(const AppliedDirective& directive,
                                                               const DirectiveDefinition* definition) {
  std::vector<std::pair<std::string, json::Value>> out = directive.arguments;
  if (definition != nullptr) {
    for (const InputValue& argument : definition->arguments) {
      if (!argument.default_value) continue;
      bool given = std::any_of(out.begin(), out.end(), [&](const auto& a) { return a.first == argument.name; });
      if (!given) out.emplace_back(argument.name, *argument.default_value);
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

std::string arguments_text(const AppliedDirective& directive) {
  if (directive.arguments.empty()) return "no arguments";
  json::Value object = json::Value::object();
  for (const auto& [name, value] : directive.arguments) object.set(name, value);
  return "arguments " + federation::untyped_value_to_string(object);
}

std::vector<std::string> sorted_strings(const json::Value& list) {
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const json::Value& item : list.as_array()) {
    if (item.is_string()) out.push_back(item.as_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string json_of(const std::vector<std::string>& list) {
  std::string out = "[";
  for (size_t i = 0; i < list.size(); ++i) {
    if (i != 0) out += ",";
    json::append_quoted(out, list[i]);
  }
  return out + "]";
}

}  // namespace

// DNF_CONJUNCTION of [[String]] values.
json::Value dnf_conjunction(const std::vector<json::Value>& values) {
  std::vector<std::vector<std::vector<std::string>>> normalized;
  std::vector<std::string> seen;
  for (const json::Value& value : values) {
    std::vector<std::vector<std::string>> disjunction;
    if (value.is_array()) {
      for (const json::Value& conjunction : value.as_array()) disjunction.push_back(sorted_strings(conjunction));
    }
    if (disjunction.empty()) disjunction.emplace_back();
    std::sort(disjunction.begin(), disjunction.end(),
              [](const auto& a, const auto& b) { return json_of(a) < json_of(b); });
    std::string key;
    for (const auto& conjunction : disjunction) key += json_of(conjunction) + ";";
    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
    seen.push_back(key);
    normalized.push_back(std::move(disjunction));
  }
  std::vector<std::vector<std::string>> result =
      normalized.empty() ? std::vector<std::vector<std::string>>{{}} : normalized[0];
  for (size_t k = 1; k < normalized.size(); ++k) {
    std::vector<std::vector<std::string>> candidates;
    std::vector<std::string> keys;
    for (const auto& r : result) {
      for (const auto& c : normalized[k]) {
        std::vector<std::string> candidate = r;
        for (const std::string& item : c) {
          if (std::find(r.begin(), r.end(), item) == r.end()) candidate.push_back(item);
        }
        std::sort(candidate.begin(), candidate.end());
        std::string key = json_of(candidate);
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
        keys.push_back(key);
        candidates.push_back(std::move(candidate));
      }
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const auto& a, const auto& b) { return a.size() < b.size(); });
    std::vector<std::vector<std::string>> kept;
    for (const auto& candidate : candidates) {
      bool superset = std::any_of(kept.begin(), kept.end(), [&](const std::vector<std::string>& smaller) {
        return std::all_of(smaller.begin(), smaller.end(), [&](const std::string& item) {
          return std::find(candidate.begin(), candidate.end(), item) != candidate.end();
        });
      });
      if (!superset) kept.push_back(candidate);
    }
    result = std::move(kept);
  }
  json::Value out = json::Value::array();
  for (const auto& conjunction : result) {
    json::Value inner = json::Value::array();
    for (const std::string& item : conjunction) inner.push(json::Value(item));
    out.push(std::move(inner));
  }
  return out;
}

void Merger::merge_directive_on(Directives& target, const std::string& name,
                                const std::vector<DirectiveSource>& sources, const std::string& coordinate) {
  const DirectiveDefinition* definition = supergraph_definition(name);
  std::vector<std::vector<const AppliedDirective*>> per_source;
  bool any = false;
  for (const DirectiveSource& source : sources) {
    std::vector<const AppliedDirective*> list;
    for (const AppliedDirective& applied : *source.directives) {
      if (applied.name == name) list.push_back(&applied);
    }
    any = any || !list.empty();
    per_source.push_back(std::move(list));
  }
  if (!any) return;
  bool is_context = false;
  for (const ComposedDirective& composed : composed_) {
    if (composed.name_in_supergraph == name && composed.name_in_feature == "context") is_context = true;
  }
  auto apply = [&](const AppliedDirective& applied, size_t source_index) {
    AppliedDirective copy = make_directive(name, applied.arguments);
    if (is_context) {
      for (auto& [argument, value] : copy.arguments) {
        if (argument == "name" && value.is_string()) {
          value = json::Value(subgraph_name(sources[source_index].subgraph) + "__" + value.as_string());
        }
      }
    }
    target.push_back(std::move(copy));
  };
  if (definition != nullptr && definition->repeatable) {
    while (true) {
      size_t source_index = 0;
      const AppliedDirective* next = nullptr;
      for (size_t s = 0; s < per_source.size(); ++s) {
        if (!per_source[s].empty()) {
          next = per_source[s].front();
          source_index = s;
          break;
        }
      }
      if (next == nullptr) break;
      apply(*next, source_index);
      auto key = with_defaults(*next, definition);
      for (auto& list : per_source) {
        list.erase(std::remove_if(list.begin(), list.end(),
                                  [&](const AppliedDirective* d) { return with_defaults(*d, definition) == key; }),
                   list.end());
      }
    }
    return;
  }
  struct ValueGroup {
    std::vector<std::pair<std::string, json::Value>> key;
    const AppliedDirective* first = nullptr;
    size_t source_index = 0;
    size_t count = 0;
    std::vector<std::string> subgraphs;
  };
  std::vector<ValueGroup> groups;
  std::vector<std::string> without;
  for (size_t s = 0; s < per_source.size(); ++s) {
    if (per_source[s].empty()) {
      without.push_back(subgraph_name(sources[s].subgraph));
      continue;
    }
    const AppliedDirective* applied = per_source[s].front();
    auto key = with_defaults(*applied, definition);
    auto it = std::find_if(groups.begin(), groups.end(), [&](const ValueGroup& g) { return g.key == key; });
    if (it == groups.end()) {
      groups.push_back({key, applied, s, 0, {}});
      it = groups.end() - 1;
    }
    ++it->count;
    it->subgraphs.push_back(subgraph_name(sources[s].subgraph));
  }
  if (groups.size() == 1) {
    apply(*groups[0].first, groups[0].source_index);
    return;
  }
  std::string spec_name;
  for (const ComposedDirective& composed : composed_) {
    if (composed.name_in_supergraph == name) spec_name = composed.name_in_feature;
  }
  if (spec_name == "cost" || spec_name == "listSize" || spec_name == "requiresScopes" || spec_name == "policy") {
    AppliedDirective merged = make_directive(name);
    std::vector<std::string> strategies;
    for (const InputValue& argument : definition->arguments) {
      std::vector<json::Value> values;
      for (const ValueGroup& group : groups) {
        for (const auto& [arg, value] : group.key) {
          if (arg == argument.name) values.push_back(value);
        }
      }
      std::string strategy;
      std::optional<json::Value> result;
      if (spec_name == "cost") {
        strategy = "MAX";
        for (const json::Value& value : values) {
          if (value.is_number() && (!result || value.as_double() > result->as_double())) result = value;
        }
      } else if (spec_name == "listSize") {
        if (argument.name == "assumedSize") {
          strategy = "NULLABLE_MAX";
          for (const json::Value& value : values) {
            if (value.is_number() && (!result || value.as_double() > result->as_double())) result = value;
          }
        } else if (argument.name == "requireOneSlicingArgument") {
          strategy = "NULLABLE_AND";
          for (const json::Value& value : values) {
            if (!value.is_bool()) continue;
            result = json::Value(result ? (result->as_bool() && value.as_bool()) : value.as_bool());
          }
        } else {
          strategy = "NULLABLE_UNION";
          for (const json::Value& value : values) {
            if (!value.is_array()) continue;
            if (!result) result = json::Value::array();
            for (const json::Value& item : value.as_array()) {
              const auto& existing = result->as_array();
              if (std::find(existing.begin(), existing.end(), item) == existing.end()) result->push(item);
            }
          }
        }
      } else {
        strategy = "DNF_CONJUNCTION";
        result = dnf_conjunction(values);
      }
      strategies.push_back(quote(argument.name) + ": " + strategy);
      if (result) merged.arguments.emplace_back(argument.name, *result);
    }
    target.push_back(std::move(merged));
    hint("MERGED_NON_REPEATABLE_DIRECTIVE_ARGUMENTS",
         "Directive @" + name + " is applied to \"" + coordinate +
             "\" in multiple subgraphs with different arguments. Merging strategies used by arguments: { " +
             join_strings(strategies, ", ", ", ", ", ") + " }");
    return;
  }
  size_t best = 0;
  for (size_t g = 1; g < groups.size(); ++g) {
    if (groups[g].count > groups[best].count) best = g;
  }
  apply(*groups[best].first, groups[best].source_index);
  // The hint lists every other group, sources without the directive as an empty group, in
  // first-appearance order.
  std::vector<std::string> others;
  std::vector<std::pair<std::string, std::vector<std::string>>> ordered;
  for (size_t s = 0; s < per_source.size(); ++s) {
    std::string text = per_source[s].empty() ? std::string() : arguments_text(*per_source[s].front());
    std::string subgraph_label = subgraph_name(sources[s].subgraph);
    auto it = std::find_if(ordered.begin(), ordered.end(), [&](const auto& entry) { return entry.first == text; });
    if (it == ordered.end()) {
      ordered.emplace_back(text, std::vector<std::string>{subgraph_label});
    } else {
      it->second.push_back(subgraph_label);
    }
  }
  std::string chosen = arguments_text(*groups[best].first);
  std::vector<std::string> chosen_subgraphs;
  for (const auto& [text, subgraphs] : ordered) {
    if (text == chosen) chosen_subgraphs = subgraphs;
  }
  for (const auto& [text, subgraphs] : ordered) {
    if (text == chosen) continue;
    others.push_back(text + " in " + subgraph_names(subgraphs));
  }
  hint("INCONSISTENT_NON_REPEATABLE_DIRECTIVE_ARGUMENTS",
       "Non-repeatable directive @" + name + " is applied to \"" + coordinate +
           "\" in multiple subgraphs but with incompatible arguments. The supergraph will use " + chosen + " (from " +
           subgraph_names(chosen_subgraphs) + "), but found " + join_strings(others, " and ", " and ", " and ") + ".");
}

void Merger::merge_applied_directives() {
  for (const PendingDirectives& pending : pending_) {
    Directives* target = resolve(pending.element);
    if (target == nullptr) continue;
    std::string coordinate = pending.element.kind == ElementRef::Kind::Schema ? "schema" : pending.element.coordinate();
    for (const std::string& name : pending.names) merge_directive_on(*target, name, pending.sources, coordinate);
  }
}

// ---- §4.2 directive definitions --------------------------------------------------------------

void Merger::add_directives_shallow() {
  for (size_t i = 0; i < count(); ++i) {
    for (const DirectiveDefinition& definition : subgraph(i).schema.directive_definitions()) {
      if (supergraph_.find_directive_definition(definition.name) != nullptr) continue;
      bool merged = is_composed_custom(i, definition.name);
      if (!merged && !is_builtin_directive_name(definition.name)) {
        merged = std::any_of(definition.locations.begin(), definition.locations.end(),
                             [](const std::string& location) { return is_executable_location(location); });
      }
      if (!merged) continue;
      DirectiveDefinition added;
      added.name = definition.name;
      supergraph_.add_directive_definition(std::move(added));
    }
  }
}

void Merger::merge_directive_definitions(const ArgumentsMerger& merge_arguments) {
  std::vector<std::string> names;
  for (const DirectiveDefinition& definition : supergraph_.directive_definitions()) names.push_back(definition.name);
  std::vector<std::string> all_names;
  for (size_t i = 0; i < count(); ++i) all_names.push_back(subgraph_name(i));
  for (const std::string& name : names) {
    if (name == "link" || name.rfind("join__", 0) == 0) continue;
    bool composed_custom = std::any_of(compose_items_.begin(), compose_items_.end(),
                                       [&](const ComposeItem& item) { return item.name == name; });
    bool spec = std::any_of(composed_.begin(), composed_.end(),
                            [&](const ComposedDirective& c) { return c.name_in_supergraph == name; });
    if (composed_custom || spec) continue;
    DirectiveDefinition* dest = supergraph_.find_directive_definition(name);
    if (dest == nullptr || !dest->locations.empty()) continue;  // a spec definition
    std::vector<const DirectiveDefinition*> sources(count(), nullptr);
    for (size_t i = 0; i < count(); ++i) sources[i] = subgraph(i).schema.find_directive_definition(name);
    std::vector<std::optional<std::string>> presence;
    bool missing = false;
    for (size_t i = 0; i < count(); ++i) {
      presence.emplace_back(sources[i] != nullptr ? "yes" : "");
      if (sources[i] == nullptr) missing = true;
    }
    auto remove = [&]() { supergraph_.remove_directive_definition(name); };
    if (missing) {
      auto groups = group_values(presence, all_names, "yes");
      std::vector<std::string> rest;
      for (size_t g = 1; g < groups.size(); ++g) rest.push_back(" but not in " + subgraph_names(groups[g].subgraphs));
      hint("INCONSISTENT_EXECUTABLE_DIRECTIVE_PRESENCE",
           "Executable directive \"@" + name +
               "\" will not be part of the supergraph as it does not appear in all subgraphs: it is defined in " +
               subgraph_names(groups[0].subgraphs) + join_strings(rest, " and ", " and ", " and ") + ".");
      remove();
      continue;
    }
    auto executable_locations = [](const DirectiveDefinition& definition) {
      std::vector<std::string> out;
      for (const std::string& location : definition.locations) {
        if (is_executable_location(location)) out.push_back(location);
      }
      std::sort(out.begin(), out.end());
      return out;
    };
    auto locations_text = [](const std::vector<std::string>& locations) {
      return std::string(locations.size() == 1 ? "location \"" : "locations \"") +
             join_strings(locations, ", ", ", ", ", ") + "\"";
    };
    bool repeatable = sources[0]->repeatable;
    bool inconsistent_repeatable = false;
    std::vector<std::string> locations = executable_locations(*sources[0]);
    bool inconsistent_locations = false;
    bool empty = false;
    for (size_t i = 1; i < count(); ++i) {
      if (sources[i]->repeatable != repeatable) inconsistent_repeatable = true;
      std::vector<std::string> mine = executable_locations(*sources[i]);
      if (mine != locations) inconsistent_locations = true;
      std::vector<std::string> intersection;
      for (const std::string& location : locations) {
        if (std::find(mine.begin(), mine.end(), location) != mine.end()) intersection.push_back(location);
      }
      locations = intersection;
      if (locations.empty()) {
        empty = true;
        break;
      }
    }
    if (inconsistent_repeatable) repeatable = false;
    if (empty) {
      std::vector<std::string> parts;
      for (size_t i = 0; i < count(); ++i) {
        parts.push_back(locations_text(executable_locations(*sources[i])) + " in " +
                        subgraph_names({subgraph_name(i)}));
      }
      hint("NO_EXECUTABLE_DIRECTIVE_INTERSECTION",
           "Executable directive \"@" + name +
               "\" has no location that is common to all subgraphs: it will not appear in the supergraph as there no "
               "intersection between " +
               join_strings(parts, " and ", " and ", " and ") + ".");
      remove();
      continue;
    }
    dest->repeatable = repeatable;
    dest->locations = locations;
    std::vector<std::optional<std::string>> descriptions;
    for (const DirectiveDefinition* source : sources) descriptions.push_back(source->description);
    {
      // Descriptions are merged like any element's (majority, hint on disagreement).
      std::vector<std::string> distinct;
      for (const auto& description : descriptions) {
        if (description && std::find(distinct.begin(), distinct.end(), *description) == distinct.end()) {
          distinct.push_back(*description);
        }
      }
      if (!distinct.empty()) dest->description = distinct[0];
    }
    if (inconsistent_repeatable) {
      std::vector<std::optional<std::string>> values;
      for (const DirectiveDefinition* source : sources) values.emplace_back(source->repeatable ? "yes" : "no");
      auto groups = group_values(values, all_names, "no");
      std::vector<std::string> rest;
      for (size_t g = 1; g < groups.size(); ++g)
        rest.push_back(" but is repeatable in " + subgraph_names(groups[g].subgraphs));
      hint("INCONSISTENT_EXECUTABLE_DIRECTIVE_REPEATABLE",
           "Executable directive \"@" + name +
               "\" will not be marked repeatable in the supergraph as it is inconsistently marked repeatable in "
               "subgraphs: it is not repeatable in " +
               subgraph_names(groups[0].subgraphs) + join_strings(rest, " and ", " and ", " and ") + ".");
    }
    if (inconsistent_locations) {
      std::vector<std::optional<std::string>> values;
      for (const DirectiveDefinition* source : sources)
        values.emplace_back(locations_text(executable_locations(*source)));
      auto groups = group_values(values, all_names, locations_text(locations));
      std::string first = groups[0].subgraphs.empty()
                              ? std::string()
                              : groups[0].key + " in " + subgraph_names(groups[0].subgraphs) + " and ";
      std::vector<std::string> rest;
      for (size_t g = 1; g < groups.size(); ++g)
        rest.push_back(groups[g].key + " in " + subgraph_names(groups[g].subgraphs));
      hint("INCONSISTENT_EXECUTABLE_DIRECTIVE_LOCATIONS",
           "Executable directive \"@" + name + "\" has inconsistent locations across subgraphs and will use " +
               locations_text(locations) + " (intersection of all subgraphs) in the supergraph, but has: " + first +
               join_strings(rest, " and ", " and ", " and ") + ".");
    }
    std::vector<const std::vector<InputValue>*> argument_sources;
    for (const DirectiveDefinition* source : sources) argument_sources.push_back(&source->arguments);
    merge_arguments(*dest, argument_sources);
  }
}

}  // namespace junction::composition::detail
