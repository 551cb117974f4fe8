#include "planner/supergraph.h"

#include <algorithm>
#include <set>
#include <utility>

#include "common/source.h"
#include "federation/api_schema.h"
#include "federation/extract.h"
#include "graphql/parser.h"
#include "validation/validate.h"

namespace junction::planner {

namespace {

std::string key_of(int index, std::string_view type) {
  std::string key = std::to_string(index);
  key += '/';
  key += type;
  return key;
}

std::string field_key(int index, std::string_view type, std::string_view field) {
  std::string key = key_of(index, type);
  key += '.';
  key += field;
  return key;
}

const federation::Field* field_in(const federation::Type* type, std::string_view field) {
  return type == nullptr ? nullptr : type->find_field(field);
}

}  // namespace

Result<std::shared_ptr<const Supergraph>> Supergraph::load(std::string text, const std::string& name) {
  std::shared_ptr<Supergraph> supergraph(new Supergraph());
  supergraph->text_ = std::move(text);
  auto document = graphql::parse(Source::make(name, supergraph->text_));
  if (!document.ok()) {
    const Diagnostic& problem = document.error().diagnostics.front();
    std::string where = name;
    if (!problem.locations.empty()) {
      where +=
          ":" + std::to_string(problem.locations.front().line) + ":" + std::to_string(problem.locations.front().column);
    }
    return Error(where + ": " + problem.message);
  }
  supergraph->document_ = std::make_shared<const graphql::Document>(std::move(document).value());
  auto model = federation::build_model(*supergraph->document_);
  if (!model.ok()) return Error(name + ": " + model.error().message());
  supergraph->model_ = std::move(model).value();

  auto extracted = federation::extract_subgraphs(supergraph->model_);
  if (!extracted.ok()) return Error(name + ": " + extracted.error().message());
  supergraph->extracted_ = std::move(extracted).value();
  if (supergraph->extracted_.empty()) return Error(name + ": the supergraph has no subgraphs (no join__Graph values)");
  for (const federation::Subgraph& subgraph : supergraph->extracted_) {
    SubgraphInfo info;
    info.name = subgraph.name;
    info.url = subgraph.url;
    info.subgraph = &subgraph;
    info.metadata = std::make_unique<federation::SubgraphMetadata>(subgraph);
    supergraph->subgraphs_.push_back(std::move(info));
  }

  auto api = federation::build_api_schema(supergraph->model_, name);
  if (!api.ok()) return std::move(api).error();
  supergraph->api_sdl_ = std::move(api->sdl);
  supergraph->api_ = std::move(api->schema);

  // Progressive overrides: @override(from:, label:) in the overriding subgraph; the field
  // stays in the overridden one (which resolves it while the label is off).
  std::set<std::string> labels;
  for (size_t index = 0; index < supergraph->subgraphs_.size(); ++index) {
    const SubgraphInfo& info = supergraph->subgraphs_[index];
    for (const auto& type : info.subgraph->schema.types()) {
      for (const federation::Field& field : type->fields) {
        for (const federation::AppliedDirective* directive :
             info.subgraph->applications(field.directives, federation::FedDirective::Override)) {
          const json::Value* label = directive->argument("label");
          const json::Value* from = directive->argument("from");
          if (label == nullptr || !label->is_string() || from == nullptr || !from->is_string()) continue;
          labels.insert(label->as_string());
          supergraph->labelled_[field_key(static_cast<int>(index), type->name, field.name)] = {label->as_string(),
                                                                                               true};
          int overridden = supergraph->subgraph_index(from->as_string());
          if (overridden >= 0) {
            supergraph->labelled_[field_key(overridden, type->name, field.name)] = {label->as_string(), false};
          }
        }
      }
    }
  }
  supergraph->labels_.assign(labels.begin(), labels.end());

  // Keys of every entity, per subgraph.
  for (size_t index = 0; index < supergraph->subgraphs_.size(); ++index) {
    const SubgraphInfo& info = supergraph->subgraphs_[index];
    for (const auto& type : info.subgraph->schema.types()) {
      for (const federation::AppliedDirective* key :
           info.subgraph->applications(type->directives, federation::FedDirective::Key)) {
        const federation::FieldSet* fields = info.metadata->field_set(*key, *type);
        if (fields == nullptr) continue;
        EntityKey entry;
        entry.fields = fields;
        const json::Value* written = key->argument("fields");
        entry.text = written != nullptr && written->is_string() ? written->as_string() : "";
        const json::Value* resolvable = key->argument("resolvable");
        entry.resolvable = resolvable == nullptr || !resolvable->is_bool() || resolvable->as_bool();
        supergraph->keys_[key_of(static_cast<int>(index), type->name)].push_back(std::move(entry));
      }
    }
  }
  return std::shared_ptr<const Supergraph>(std::move(supergraph));
}

int Supergraph::subgraph_index(std::string_view name) const {
  for (size_t index = 0; index < subgraphs_.size(); ++index) {
    if (subgraphs_[index].name == name) return static_cast<int>(index);
  }
  return -1;
}

const federation::Type* Supergraph::type_in(int index, std::string_view type) const {
  return subgraphs_[static_cast<size_t>(index)].subgraph->schema.find_type(type);
}

const std::vector<EntityKey>& Supergraph::keys(int index, std::string_view type) const {
  static const std::vector<EntityKey> none;
  auto found = keys_.find(key_of(index, type));
  return found == keys_.end() ? none : found->second;
}

bool Supergraph::resolves(int index, std::string_view type, std::string_view field,
                          const OverrideLabels& labels) const {
  const SubgraphInfo& info = subgraphs_[static_cast<size_t>(index)];
  const federation::Type* local = type_in(index, type);
  const federation::Field* definition = field_in(local, field);
  if (definition == nullptr) return false;
  if (info.metadata->is_external(*local, *definition)) return false;
  if (labelled_.empty()) return true;
  auto found = labelled_.find(field_key(index, type, field));
  if (found == labelled_.end()) return true;
  bool enabled = std::binary_search(labels.begin(), labels.end(), found->second.first);
  return found->second.second == enabled;
}

const federation::FieldSet* Supergraph::requires_of(int index, std::string_view type, std::string_view field) const {
  const SubgraphInfo& info = subgraphs_[static_cast<size_t>(index)];
  const federation::Type* local = type_in(index, type);
  const federation::Field* definition = field_in(local, field);
  if (definition == nullptr) return nullptr;
  for (const federation::AppliedDirective* directive :
       info.subgraph->applications(definition->directives, federation::FedDirective::Requires)) {
    return info.metadata->field_set(*directive, *local);
  }
  return nullptr;
}

const federation::FieldSet* Supergraph::provides_of(int index, std::string_view type, std::string_view field) const {
  const SubgraphInfo& info = subgraphs_[static_cast<size_t>(index)];
  const federation::Field* definition = field_in(type_in(index, type), field);
  if (definition == nullptr) return nullptr;
  const federation::Type* target = type_in(index, definition->type.name);
  if (target == nullptr) return nullptr;
  for (const federation::AppliedDirective* directive :
       info.subgraph->applications(definition->directives, federation::FedDirective::Provides)) {
    return info.metadata->field_set(*directive, *target);
  }
  return nullptr;
}

bool Supergraph::is_interface_object(int index, std::string_view type) const {
  const SubgraphInfo& info = subgraphs_[static_cast<size_t>(index)];
  const federation::Type* local = type_in(index, type);
  return local != nullptr && info.subgraph->has(local->directives, federation::FedDirective::InterfaceObject);
}

}  // namespace junction::planner
