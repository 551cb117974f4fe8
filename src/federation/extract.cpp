#include "federation/extract.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "common/parallel.h"
#include "federation/api_schema.h"
#include "federation/metadata.h"

namespace junction::federation {

namespace {

// "[Int!]!" as a type reference.
std::optional<TypeRef> parse_type_string(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  bool non_null = text.back() == '!';
  if (non_null) text.remove_suffix(1);
  TypeRef out;
  if (!text.empty() && text.front() == '[') {
    if (text.back() != ']') return std::nullopt;
    auto inner = parse_type_string(text.substr(1, text.size() - 2));
    if (!inner) return std::nullopt;
    out.name = inner->name;
    out.wrappers = std::string(non_null ? "N" : "") + "L" + inner->wrappers;
    return out;
  }
  for (char c : text) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return std::nullopt;
  }
  out.name = std::string(text);
  out.wrappers = non_null ? "N" : "";
  return out;
}

AppliedDirective make_directive(std::string name, std::vector<std::pair<std::string, json::Value>> arguments = {}) {
  AppliedDirective out;
  out.name = std::move(name);
  out.arguments = std::move(arguments);
  return out;
}

bool flag(const AppliedDirective& directive, std::string_view name) {
  const json::Value* value = directive.argument(name);
  return value != nullptr && value->is_bool() && value->as_bool();
}

std::optional<std::string> string_argument(const AppliedDirective& directive, std::string_view name) {
  const json::Value* value = directive.argument(name);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->as_string();
}

bool is_executable_location(std::string_view location) {
  for (std::string_view executable : {"QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION",
                                      "FRAGMENT_SPREAD", "INLINE_FRAGMENT", "VARIABLE_DEFINITION"}) {
    if (location == executable) return true;
  }
  return false;
}

class Extractor {
 public:
  Extractor(const Schema& supergraph, const Features& features) : supergraph_(supergraph), features_(features) {}

  Result<std::vector<Subgraph>> run() {
    const LinkedFeature* join = features_.by_identity(kJoinIdentity);
    if (join == nullptr) return Error("Invalid supergraph: it does not @link the join spec");
    if (join->url.version < Version{0, 2}) {
      return Error("This supergraph links join " + join->url.version.to_string() +
                   " (the legacy Apollo Gateway 0.x format); supergraphs linking join v0.2 to v0.5 can be read: "
                   "compose the subgraphs again with `junction compose`");
    }
    join_ = join;
    name_join_directives();
    if (const LinkedFeature* cost = features_.by_identity(std::string(kSpecsPrefix) + "cost")) {
      cost_name_ = cost->directive_name_in_schema("cost");
      list_size_name_ = cost->directive_name_in_schema("listSize");
    }
    if (const LinkedFeature* context = features_.by_identity(std::string(kSpecsPrefix) + "context")) {
      context_name_ = context->directive_name_in_schema("context");
    }
    if (auto status = make_subgraphs(); !status.ok()) return status.error();
    for (const auto& type : supergraph_.types()) {
      if (skipped(*type)) continue;
      if (auto status = add_shell(*type); !status.ok()) return status.error();
    }
    for (const auto& type : supergraph_.types()) {
      if (skipped(*type)) continue;
      Status status;
      switch (type->kind) {
        case TypeKind::Object:
        case TypeKind::Interface: status = add_fields(*type); break;
        case TypeKind::InputObject: status = add_input_fields(*type); break;
        case TypeKind::Enum: add_values(*type); break;
        case TypeKind::Union: add_members(*type); break;
        case TypeKind::Scalar: break;
      }
      if (!status.ok()) return status.error();
    }
    // The finishing touches are each subgraph's own: on every core for a large supergraph.
    for_each_index(subgraphs_.size(), supergraph_.types().size() >= kParallelMinTypes, [&](size_t i) {
      Subgraph& subgraph = subgraphs_[i];
      remove_inactive_provides_and_requires(subgraph);
      remove_empty_types(subgraph);
      copy_executable_directives(subgraph);
      add_federation_operations(subgraph);
    });
    return std::move(subgraphs_);
  }

 private:
  // The join directives' names in this supergraph, looked up once (every field asks).
  struct JoinNames {
    std::string graph, type, implements, field, enum_value, union_member;
  };
  void name_join_directives() {
    join_names_ = {join_->directive_name_in_schema("graph"),      join_->directive_name_in_schema("type"),
                   join_->directive_name_in_schema("implements"), join_->directive_name_in_schema("field"),
                   join_->directive_name_in_schema("enumValue"),  join_->directive_name_in_schema("unionMember")};
  }

  bool skipped(const Type& type) const {
    auto source = features_.source_of_type(type.name);
    if (!source) return false;
    const std::string& id = source->feature->url.identity;
    return id == kJoinIdentity || id == kLinkIdentity || id == kCoreIdentity;
  }

  Status make_subgraphs() {
    const Type* graph = supergraph_.find_type(join_->type_name_in_schema("Graph"));
    if (graph == nullptr) return Error("Invalid supergraph: missing the join__Graph enum");
    std::vector<std::pair<std::string, std::string>> entries;  // enum value, subgraph name
    for (const EnumValue& value : graph->values) {
      const AppliedDirective* info = nullptr;
      for (const AppliedDirective& directive : value.directives) {
        if (directive.name == join_names_.graph) info = &directive;
      }
      if (info == nullptr) return Error("Value " + value.name + " of join__Graph has no @join__graph directive");
      std::string name = string_argument(*info, "name").value_or(value.name);
      std::string url = string_argument(*info, "url").value_or("");
      entries.emplace_back(value.name, name);
      subgraphs_.push_back(make_federation2_subgraph(name, url));
    }
    std::vector<size_t> order(subgraphs_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return subgraphs_[a].name < subgraphs_[b].name; });
    std::vector<Subgraph> sorted;
    for (size_t i : order) sorted.push_back(std::move(subgraphs_[i]));
    subgraphs_ = std::move(sorted);
    for (const auto& [value, name] : entries) {
      for (size_t i = 0; i < subgraphs_.size(); ++i) {
        if (subgraphs_[i].name == name) graph_index_[value] = i;
      }
    }
    return {};
  }

  Result<size_t> graph_of(const AppliedDirective& directive, const Type& parent) const {
    const json::Value* graph = directive.argument("graph");
    if (graph == nullptr || !graph->is_string())
      return Error("Missing graph in @" + directive.name + " on " + parent.name);
    auto it = graph_index_.find(graph->as_string());
    if (it == graph_index_.end()) {
      return Error("Invalid graph name " + graph->as_string() + " found in @" + directive.name + " on " + parent.name +
                   ": does not match a graph defined in the @join__Graph enum");
    }
    return it->second;
  }

  void propagate_cost(const Directives& from, Subgraph& subgraph, Directives& to) const {
    for (const std::string& name : {cost_name_, list_size_name_}) {
      if (name.empty()) continue;
      for (const AppliedDirective& directive : from) {
        if (directive.name != name) continue;
        FedDirective which = name == cost_name_ ? FedDirective::Cost : FedDirective::ListSize;
        to.push_back(make_directive(subgraph.name_of(which), directive.arguments));
        break;
      }
    }
  }

  Status add_shell(const Type& type) {
    std::vector<const AppliedDirective*> joins;
    for (const AppliedDirective& directive : type.directives) {
      if (directive.name == join_names_.type) joins.push_back(&directive);
    }
    if (joins.empty()) {
      if (type.kind == TypeKind::Scalar) return {};
      return Error("Missing @join__type on " + type.name);
    }
    for (const AppliedDirective* join : joins) {
      auto index = graph_of(*join, type);
      if (!index.ok()) return index.error();
      Subgraph& subgraph = subgraphs_[*index];
      Type* local = subgraph.schema.find_type(type.name);
      bool interface_object = flag(*join, "isInterfaceObject");
      std::vector<size_t>& holders = holders_[type.name];
      if (auto at = std::lower_bound(holders.begin(), holders.end(), *index); at == holders.end() || *at != *index) {
        holders.insert(at, *index);
      }
      if (local == nullptr) {
        local = &subgraph.schema.add_type(interface_object ? TypeKind::Object : type.kind, type.name);
        if (interface_object)
          local->directives.push_back(make_directive(subgraph.name_of(FedDirective::InterfaceObject)));
        if (type.kind == TypeKind::Scalar) propagate_cost(type.directives, subgraph, local->directives);
        if (type.kind == TypeKind::Object &&
            (type.name == "Query" || type.name == "Mutation" || type.name == "Subscription")) {
          for (const RootType& root : supergraph_.roots) {
            if (root.type == type.name) subgraph.schema.roots.push_back({root.operation, type.name, kDefinition});
          }
        }
      }
      if (const json::Value* key = join->argument("key")) {
        AppliedDirective applied = make_directive(subgraph.name_of(FedDirective::Key), {{"fields", *key}});
        if (const json::Value* resolvable = join->argument("resolvable")) {
          applied.arguments.emplace_back("resolvable", *resolvable);
        }
        if (flag(*join, "extension")) applied.extension = local->extension_count++;
        local->directives.push_back(std::move(applied));
      }
    }
    if (!context_name_.empty()) {
      for (const AppliedDirective& directive : type.directives) {
        if (directive.name != context_name_) continue;
        auto name = string_argument(directive, "name");
        size_t split = name ? name->rfind("__") : std::string::npos;
        if (split == std::string::npos) {
          return Error("Invalid context name " + name.value_or("") + " found in @" + directive.name + " on " +
                       type.name + ": does not match the expected pattern");
        }
        std::string owner = name->substr(0, split);
        for (Subgraph& subgraph : subgraphs_) {
          Type* local = subgraph.name == owner ? subgraph.schema.find_type(type.name) : nullptr;
          if (local == nullptr) continue;
          local->directives.push_back(make_directive(subgraph.name_of(FedDirective::Context),
                                                     {{"name", json::Value(name->substr(split + 2))}}));
        }
      }
    }
    return {};
  }

  // Types the field (or the type) lives in.
  // Every type these are asked about has a @join__type per subgraph holding it (add_shell).
  std::vector<size_t> subgraphs_with(const std::string& type_name) const {
    auto found = holders_.find(type_name);
    return found == holders_.end() ? std::vector<size_t>{} : found->second;
  }

  Status add_field(Subgraph& subgraph, Type& local, const Field& field, const AppliedDirective* join, bool shareable) {
    Field added;
    added.name = field.name;
    added.type = field.type;
    if (join != nullptr) {
      if (auto type = string_argument(*join, "type")) {
        auto parsed = parse_type_string(*type);
        if (!parsed) return Error("Cannot parse type \"" + *type + "\" in subgraph " + subgraph.name);
        added.type = *parsed;
      }
    }
    if (!federation::is_builtin_scalar(added.type.name) && subgraph.schema.find_type(added.type.name) == nullptr) {
      return Error("Cannot find type \"" + added.type.name + "\" in subgraph \"" + subgraph.name + "\"");
    }
    for (const InputValue& argument : field.arguments) {
      InputValue copy;
      copy.name = argument.name;
      copy.type = argument.type;
      copy.default_value = argument.default_value;
      propagate_cost(argument.directives, subgraph, copy.directives);
      added.arguments.push_back(std::move(copy));
    }
    bool external = false;
    bool used_overridden = false;
    if (join != nullptr) {
      if (auto requires_fields = string_argument(*join, "requires")) {
        added.directives.push_back(
            make_directive(subgraph.name_of(FedDirective::Requires), {{"fields", json::Value(*requires_fields)}}));
      }
      if (auto provides = string_argument(*join, "provides")) {
        added.directives.push_back(
            make_directive(subgraph.name_of(FedDirective::Provides), {{"fields", json::Value(*provides)}}));
      }
      if (const json::Value* contexts = join->argument("contextArguments");
          contexts != nullptr && contexts->is_array()) {
        for (const json::Value& entry : contexts->as_array()) {
          const json::Value* context = entry.find("context");
          const json::Value* name = entry.find("name");
          const json::Value* type = entry.find("type");
          const json::Value* selection = entry.find("selection");
          if (context == nullptr || name == nullptr || type == nullptr || selection == nullptr ||
              !context->is_string() || !name->is_string() || !type->is_string() || !selection->is_string()) {
            return Error("Invalid context argument: " + untyped_value_to_string(entry));
          }
          size_t split = context->as_string().rfind("__");
          if (split == std::string::npos) return Error("Invalid context argument: " + context->as_string());
          auto argument_type = parse_type_string(type->as_string());
          if (!argument_type) {
            return Error("Cannot parse type \"" + type->as_string() + "\" in subgraph " + subgraph.name);
          }
          InputValue argument;
          argument.name = name->as_string();
          argument.type = *argument_type;
          argument.directives.push_back(make_directive(
              subgraph.name_of(FedDirective::FromContext),
              {{"field", json::Value("$" + context->as_string().substr(split + 2) + " " + selection->as_string())}}));
          added.arguments.push_back(std::move(argument));
        }
      }
      external = flag(*join, "external");
      used_overridden = flag(*join, "usedOverridden");
      if (external) added.directives.push_back(make_directive(subgraph.name_of(FedDirective::External)));
      if (used_overridden && join->argument("overrideLabel") == nullptr) {
        added.directives.push_back(
            make_directive(subgraph.name_of(FedDirective::External), {{"reason", json::Value("[overridden]")}}));
      }
      if (auto from = string_argument(*join, "override")) {
        AppliedDirective override_directive =
            make_directive(subgraph.name_of(FedDirective::Override), {{"from", json::Value(*from)}});
        if (auto label = string_argument(*join, "overrideLabel")) {
          override_directive.arguments.emplace_back("label", json::Value(*label));
        }
        added.directives.push_back(std::move(override_directive));
      }
    }
    if (shareable && !external && !used_overridden) {
      added.directives.push_back(make_directive(subgraph.name_of(FedDirective::Shareable)));
    }
    propagate_cost(field.directives, subgraph, added.directives);
    local.fields.push_back(std::move(added));
    return {};
  }

  Status add_fields(const Type& type) {
    for (const AppliedDirective& directive : type.directives) {
      if (directive.name != join_names_.implements) continue;
      auto index = graph_of(directive, type);
      if (!index.ok()) return index.error();
      Type* local = subgraphs_[*index].schema.find_type(type.name);
      auto interface_name = string_argument(directive, "interface");
      if (local != nullptr && interface_name) local->interfaces.push_back({*interface_name, kDefinition});
    }
    std::vector<size_t> holders = subgraphs_with(type.name);
    for (size_t i : holders)
      propagate_cost(type.directives, subgraphs_[i], subgraphs_[i].schema.find_type(type.name)->directives);
    for (const Field& field : type.fields) {
      std::vector<const AppliedDirective*> joins;
      for (const AppliedDirective& directive : field.directives) {
        if (directive.name == join_names_.field) joins.push_back(&directive);
      }
      if (joins.empty()) {
        bool shareable = type.kind == TypeKind::Object && holders.size() > 1;
        for (size_t i : holders) {
          Subgraph& subgraph = subgraphs_[i];
          if (auto status = add_field(subgraph, *subgraph.schema.find_type(type.name), field, nullptr, shareable);
              !status.ok()) {
            return status;
          }
        }
        continue;
      }
      size_t resolving = static_cast<size_t>(std::count_if(joins.begin(), joins.end(), [](const AppliedDirective* j) {
        return !flag(*j, "external") && !flag(*j, "usedOverridden");
      }));
      bool shareable = type.kind == TypeKind::Object && resolving > 1;
      for (const AppliedDirective* join : joins) {
        if (join->argument("graph") == nullptr) continue;
        auto index = graph_of(*join, type);
        if (!index.ok()) return index.error();
        Subgraph& subgraph = subgraphs_[*index];
        Type* local = subgraph.schema.find_type(type.name);
        if (local == nullptr) {
          return Error("Cannot find type \"" + type.name + "\" in subgraph \"" + subgraph.name + "\"");
        }
        if (auto status = add_field(subgraph, *local, field, join, shareable); !status.ok()) return status;
      }
    }
    return {};
  }

  Status add_input_fields(const Type& type) {
    std::vector<size_t> holders = subgraphs_with(type.name);
    for (const InputValue& field : type.input_fields) {
      std::vector<const AppliedDirective*> joins;
      for (const AppliedDirective& directive : field.directives) {
        if (directive.name == join_names_.field) joins.push_back(&directive);
      }
      auto add = [&](size_t index, const AppliedDirective* join) -> Status {
        Subgraph& subgraph = subgraphs_[index];
        Type* local = subgraph.schema.find_type(type.name);
        if (local == nullptr) return {};
        InputValue copy;
        copy.name = field.name;
        copy.type = field.type;
        if (join != nullptr) {
          if (auto text = string_argument(*join, "type")) {
            auto parsed = parse_type_string(*text);
            if (!parsed) return Error("Cannot parse type \"" + *text + "\" in subgraph " + subgraph.name);
            copy.type = *parsed;
          }
        }
        copy.default_value = field.default_value;
        propagate_cost(field.directives, subgraph, copy.directives);
        local->input_fields.push_back(std::move(copy));
        return {};
      };
      if (joins.empty()) {
        for (size_t i : holders) {
          if (auto status = add(i, nullptr); !status.ok()) return status;
        }
        continue;
      }
      for (const AppliedDirective* join : joins) {
        if (join->argument("graph") == nullptr) continue;
        auto index = graph_of(*join, type);
        if (!index.ok()) return index.error();
        if (auto status = add(*index, join); !status.ok()) return status;
      }
    }
    return {};
  }

  void add_values(const Type& type) {
    std::vector<size_t> holders = subgraphs_with(type.name);
    for (const EnumValue& value : type.values) {
      std::vector<size_t> graphs;
      bool any_join = false;
      for (const AppliedDirective& directive : value.directives) {
        if (directive.name != join_names_.enum_value) continue;
        any_join = true;
        auto index = graph_of(directive, type);
        if (index.ok()) graphs.push_back(*index);
      }
      for (size_t i : any_join ? graphs : holders) {
        Type* local = subgraphs_[i].schema.find_type(type.name);
        if (local == nullptr) continue;
        EnumValue copy;
        copy.name = value.name;
        local->values.push_back(std::move(copy));
      }
    }
    for (size_t i : holders)
      propagate_cost(type.directives, subgraphs_[i], subgraphs_[i].schema.find_type(type.name)->directives);
  }

  void add_members(const Type& type) {
    bool any_join = false;
    for (const AppliedDirective& directive : type.directives) {
      if (directive.name != join_names_.union_member) continue;
      any_join = true;
      auto index = graph_of(directive, type);
      auto member = string_argument(directive, "member");
      if (!index.ok() || !member) continue;
      Type* local = subgraphs_[*index].schema.find_type(type.name);
      if (local != nullptr) local->members.push_back({*member, kDefinition});
    }
    if (any_join) return;
    for (size_t i : subgraphs_with(type.name)) {
      Type* local = subgraphs_[i].schema.find_type(type.name);
      for (const TypeMember& member : type.members) {
        if (subgraphs_[i].schema.find_type(member.name) != nullptr) local->members.push_back(member);
      }
    }
  }

  static void remove_empty_types(Subgraph& subgraph) {
    Schema& schema = subgraph.schema;
    while (true) {
      std::vector<std::string> empty;
      for (const auto& type : schema.types()) {
        bool is_empty = false;
        switch (type->kind) {
          case TypeKind::Object:
          case TypeKind::Interface: is_empty = type->fields.empty(); break;
          case TypeKind::InputObject: is_empty = type->input_fields.empty(); break;
          case TypeKind::Union: is_empty = type->members.empty(); break;
          default: break;
        }
        if (is_empty && type->name.rfind("link__", 0) != 0 && type->name.rfind("federation__", 0) != 0) {
          empty.push_back(type->name);
        }
      }
      if (empty.empty()) return;
      auto gone = [&](const std::string& name) { return std::find(empty.begin(), empty.end(), name) != empty.end(); };
      for (const std::string& name : empty) schema.remove_type(name);
      schema.roots.erase(std::remove_if(schema.roots.begin(), schema.roots.end(),
                                        [&](const RootType& root) { return gone(root.type); }),
                         schema.roots.end());
      for (const auto& owned : schema.types()) {
        Type& type = *schema.find_type(owned->name);
        type.fields.erase(std::remove_if(type.fields.begin(), type.fields.end(),
                                         [&](const Field& field) {
                                           if (gone(field.type.name)) return true;
                                           return std::any_of(field.arguments.begin(), field.arguments.end(),
                                                              [&](const InputValue& a) { return gone(a.type.name); });
                                         }),
                          type.fields.end());
        type.input_fields.erase(std::remove_if(type.input_fields.begin(), type.input_fields.end(),
                                               [&](const InputValue& f) { return gone(f.type.name); }),
                                type.input_fields.end());
        type.members.erase(
            std::remove_if(type.members.begin(), type.members.end(), [&](const TypeMember& m) { return gone(m.name); }),
            type.members.end());
        type.interfaces.erase(std::remove_if(type.interfaces.begin(), type.interfaces.end(),
                                             [&](const TypeMember& m) { return gone(m.name); }),
                              type.interfaces.end());
      }
    }
  }

  void copy_executable_directives(Subgraph& subgraph) const {
    for (const DirectiveDefinition& definition : supergraph_.directive_definitions()) {
      std::vector<std::string> locations;
      for (const std::string& location : definition.locations) {
        if (is_executable_location(location)) locations.push_back(location);
      }
      if (locations.empty() || subgraph.schema.find_directive_definition(definition.name) != nullptr) continue;
      if (features_.source_of_directive(definition.name)) continue;
      DirectiveDefinition copy = definition;
      copy.locations = locations;
      for (InputValue& argument : copy.arguments) argument.directives.clear();
      subgraph.schema.add_directive_definition(std::move(copy));
    }
  }

  const Schema& supergraph_;
  const Features& features_;
  const LinkedFeature* join_ = nullptr;
  JoinNames join_names_;
  std::string cost_name_;
  std::string list_size_name_;
  std::string context_name_;
  std::vector<Subgraph> subgraphs_;
  std::map<std::string, size_t> graph_index_;
  std::unordered_map<std::string_view, std::vector<size_t>> holders_;  // type name -> subgraphs, ascending
};

}  // namespace

Result<std::vector<Subgraph>> extract_subgraphs(const Schema& supergraph) {
  Features features = linked_features(supergraph);
  return Extractor(supergraph, features).run();
}

std::string print_subgraph(const Subgraph& subgraph) {
  PrintOptions options;
  auto federation_type = [&](std::string_view name) {
    if (name == "_Any" || name == "_Service" || name == "_Entity") return true;
    auto source = subgraph.features.source_of_type(name);
    return source &&
           (source->feature->url.identity == kFederationIdentity || source->feature->url.identity == kLinkIdentity);
  };
  options.keep_directive_definition = [&](const DirectiveDefinition& definition) {
    auto source = subgraph.features.source_of_directive(definition.name);
    return !(source &&
             (source->feature->url.identity == kFederationIdentity || source->feature->url.identity == kLinkIdentity));
  };
  const Type* query = subgraph.query_type();
  options.keep_type = [&](const Type& type) {
    if (federation_type(type.name)) return false;
    if (&type == query) {
      return std::any_of(type.fields.begin(), type.fields.end(),
                         [](const Field& f) { return f.name != "_entities" && f.name != "_service"; });
    }
    return true;
  };
  options.keep_field = [&](const Type& type, const Field& field) {
    return !(&type == query && (field.name == "_entities" || field.name == "_service"));
  };
  options.keep_schema_directive = [](const AppliedDirective& directive) {
    if (directive.name != "link" || directive.arguments.size() != 1) return true;
    const json::Value* url = directive.argument("url");
    return !(url != nullptr && url->is_string() && url->as_string().rfind(kLinkIdentity, 0) == 0);
  };
  return print_model(subgraph.schema, options);
}

}  // namespace junction::federation
