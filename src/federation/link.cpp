#include "federation/link.h"

#include <algorithm>

#include "federation/text.h"

namespace junction::federation {

namespace {

bool is_import_name(std::string_view name) {
  size_t i = 0;
  if (i < name.size() && name[i] == '@') ++i;
  if (i >= name.size()) return false;
  auto start = [](char c) { return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!start(name[i])) return false;
  for (++i; i < name.size(); ++i) {
    char c = name[i];
    if (!start(c) && !(c >= '0' && c <= '9')) return false;
  }
  return true;
}

bool is_alias_name(std::string_view name) {
  if (name.empty()) return false;
  auto start = [](char c) { return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); };
  if (!start(name[0])) return false;
  return std::all_of(name.begin() + 1, name.end(),
                     [&](char c) { return start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-'; });
}

std::string strip_at(std::string_view name) {
  return std::string(!name.empty() && name[0] == '@' ? name.substr(1) : name);
}

// The prefix before "__", when the name is namespaced.
std::optional<std::pair<std::string, std::string>> split_namespaced(std::string_view name) {
  size_t at = name.find("__");
  if (at == std::string_view::npos) return std::nullopt;
  return std::make_pair(std::string(name.substr(0, at)), std::string(name.substr(at + 2)));
}

void validate_imported_name(const std::string& name, const Spec* known, std::vector<std::string>& errors) {
  if (known == nullptr) return;
  bool directive = !name.empty() && name[0] == '@';
  std::string element = strip_at(name);
  if (known->has_element(element, directive)) return;
  std::string details;
  if (!directive && known->has_element(element, true)) {
    details = " Did you mean directive \"@" + element + "\"?";
  } else {
    std::vector<std::string> options;
    for (const auto& type : known->definitions.types()) options.push_back(type->name);
    for (const DirectiveDefinition& d : known->definitions.directive_definitions()) options.push_back("@" + d.name);
    details = federation_did_you_mean(federation_suggestions(name, options));
  }
  errors.push_back("Cannot import unknown element \"" + name + "\"." + details);
}

}  // namespace

std::string untyped_value_to_string(const json::Value& value) {
  static const Schema empty_schema;
  return value_to_string(empty_schema, value, nullptr);
}

std::string Import::to_string() const {
  std::string out = quote(name);
  if (as) out += " as " + quote(*as);
  return out;
}

std::vector<Import> parse_imports(const json::Value& value, const Spec* known, std::vector<std::string>& errors) {
  std::vector<Import> imports;
  if (value.is_null()) return imports;
  std::vector<json::Value> elements;
  if (value.is_array()) {
    elements = value.as_array();
  } else if (value.is_string()) {
    // A bare string is iterated character by character, as JavaScript iterates a string.
    for (char c : value.as_string()) elements.emplace_back(std::string(1, c));
  } else {
    errors.push_back("Invalid sub-value " + untyped_value_to_string(value) +
                     " for @link(import:) argument: values should be either strings or input object values of the "
                     "form { name: \"<importedElement>\", as: \"<alias>\" }.");
    return imports;
  }
  for (const json::Value& element : elements) {
    std::string shown = untyped_value_to_string(element);
    if (element.is_string()) {
      imports.push_back({element.as_string(), std::nullopt});
      validate_imported_name(element.as_string(), known, errors);
      continue;
    }
    if (!element.is_object()) {
      errors.push_back("Invalid sub-value " + shown +
                       " for @link(import:) argument: values should be either strings or input object values of the "
                       "form { name: \"<importedElement>\", as: \"<alias>\" }.");
      continue;
    }
    std::optional<std::string> name;
    std::optional<std::string> as;
    bool abandoned = false;
    for (const json::Member& member : element.as_object()) {
      if (member.key == "name" || member.key == "as") {
        if (!member.value.is_string()) {
          errors.push_back("Invalid value for the \"" + member.key + "\" field for sub-value " + shown +
                           " of @link(import:) argument: must be a string.");
          abandoned = true;
          break;
        }
        if (!is_import_name(member.value.as_string())) {
          errors.push_back("Invalid value for the \"" + member.key + "\" field for sub-value " + shown +
                           " of @link(import:) argument: must use a GraphQL name.");
          abandoned = true;
          break;
        }
        (member.key == "name" ? name : as) = member.value.as_string();
      } else {
        errors.push_back("Unknown field \"" + member.key + "\" for sub-value " + shown +
                         " of @link(import:) argument.");
        abandoned = true;
        break;
      }
    }
    if (abandoned) continue;
    if (!name) {
      errors.push_back("Invalid sub-value " + shown +
                       " for @link(import:) argument: missing mandatory \"name\" field.");
      continue;
    }
    if (as) {
      bool directive = (*name)[0] == '@';
      if (directive && (*as)[0] != '@') {
        errors.push_back("Invalid @link import renaming: directive \"" + *name +
                         "\" imported name should start with a '@' character, but got \"" + *as + "\".");
        continue;
      }
      if (!directive && (*as)[0] == '@') {
        errors.push_back("Invalid @link import renaming: type \"" + *name +
                         "\" imported name should not start with a '@' character, but got \"" + *as + "\" (or, if @" +
                         *name + " is a directive, then it should be referred to with a '@').");
        continue;
      }
    }
    imports.push_back({*name, as});
    validate_imported_name(*name, known, errors);
  }
  return imports;
}

// ---- LinkedFeature -------------------------------------------------------------------------

const Import* LinkedFeature::import_of(std::string_view name_in_feature, bool directive) const {
  std::string wanted = directive ? "@" + std::string(name_in_feature) : std::string(name_in_feature);
  for (const Import& import : imports) {
    if (import.name == wanted) return &import;
  }
  return nullptr;
}

std::string LinkedFeature::directive_name_in_schema(std::string_view name_in_feature) const {
  if (const Import* import = import_of(name_in_feature, true)) return strip_at(import->name_in_schema());
  if (name_in_feature == url.name) return alias;
  return alias + "__" + std::string(name_in_feature);
}

std::string LinkedFeature::type_name_in_schema(std::string_view name_in_feature) const {
  if (const Import* import = import_of(name_in_feature, false)) return import->name_in_schema();
  return alias + "__" + std::string(name_in_feature);
}

std::optional<std::string> LinkedFeature::directive_name_in_feature(std::string_view name_in_schema) const {
  std::string wanted = "@" + std::string(name_in_schema);
  for (const Import& import : imports) {
    if (!import.name.empty() && import.name[0] == '@' && import.name_in_schema() == wanted) {
      return import.name.substr(1);
    }
  }
  if (name_in_schema == alias) return url.name;
  if (name_in_schema.size() > alias.size() + 2 && name_in_schema.substr(0, alias.size()) == alias &&
      name_in_schema.substr(alias.size(), 2) == "__") {
    return std::string(name_in_schema.substr(alias.size() + 2));
  }
  return std::nullopt;
}

std::optional<std::string> LinkedFeature::type_name_in_feature(std::string_view name_in_schema) const {
  for (const Import& import : imports) {
    if (!import.name.empty() && import.name[0] != '@' && import.name_in_schema() == name_in_schema) return import.name;
  }
  if (name_in_schema.size() > alias.size() + 2 && name_in_schema.substr(0, alias.size()) == alias &&
      name_in_schema.substr(alias.size(), 2) == "__") {
    return std::string(name_in_schema.substr(alias.size() + 2));
  }
  return std::nullopt;
}

// ---- Features ------------------------------------------------------------------------------

const LinkedFeature* Features::by_identity(std::string_view identity) const {
  for (const LinkedFeature& feature : features_) {
    if (feature.url.identity == identity) return &feature;
  }
  return nullptr;
}

const LinkedFeature* Features::by_alias(std::string_view alias) const {
  for (const LinkedFeature& feature : features_) {
    if (feature.alias == alias) return &feature;
  }
  return nullptr;
}

std::vector<std::string> Features::add(LinkedFeature feature) {
  const std::string& id = feature.url.identity;
  const std::string& alias = feature.alias;
  auto fail = [](std::string message) { return std::vector<std::string>{std::move(message)}; };
  if (by_identity(id) != nullptr) {
    return fail("Cannot link feature \"" + id + "\" since it has already been linked in the schema.");
  }
  bool tolerated = (id == std::string(kSpecsPrefix) + "tag" && alias == "federation__tag") ||
                   (id == std::string(kSpecsPrefix) + "inaccessible" && alias == "federation__inaccessible");
  tolerated = tolerated && feature.imports.empty();
  if (alias.find("__") != std::string::npos && !tolerated) {
    return fail("Cannot link feature \"" + id + "\" as \"" + alias +
                "\" since it contains \"__\". Please rename to a compliant name via \"as\".");
  }
  if (!alias.empty() && alias.back() == '_') {
    return fail("Cannot link feature \"" + id + "\" as \"" + alias +
                "\" since it ends in \"_\". Please rename to a compliant name via \"as\".");
  }
  if (!is_alias_name(alias)) {
    return fail("Cannot link feature \"" + id + "\" as \"" + alias +
                "\" since it is not a valid GraphQL name. Please rename to a compliant name via \"as\".");
  }
  for (const LinkedFeature& other : features_) {
    for (const Import& import : other.imports) {
      std::string in_schema = strip_at(import.name_in_schema());
      auto split = split_namespaced(in_schema);
      bool directive = import.name[0] == '@';
      if ((split && split->first == alias) || (directive && in_schema == alias)) {
        return fail("Cannot import " + import.to_string() + " from feature \"" + other.url.identity +
                    "\" since it can be confused with a namespaced name from another linked feature \"" + id +
                    "\". Please rename the import or feature to avoid conflicts via \"as\".");
      }
    }
  }
  if (const LinkedFeature* other = by_alias(alias)) {
    return fail("Cannot link feature " + id + " as \"" + alias + "\" since another feature \"" + other->url.identity +
                "\" already uses that alias. Please rename the feature to avoid conflicts via \"as\".");
  }
  auto sibling_warning = [&](const std::string& other_id) -> std::optional<std::string> {
    std::string fed(kFederationIdentity);
    for (std::string_view spec : {"tag", "inaccessible"}) {
      std::string spec_id = std::string(kSpecsPrefix) + std::string(spec);
      if ((id == fed && other_id == spec_id) || (id == spec_id && other_id == fed)) {
        return "Please import \"@" + std::string(spec) + "\" from the feature \"" + fed + "\" instead of using \"" +
               spec_id + "\" to avoid potential unexpected behavior in the future.";
      }
    }
    return std::nullopt;
  };
  for (size_t i = 0; i < feature.imports.size(); ++i) {
    const Import& import = feature.imports[i];
    bool directive = import.name[0] == '@';
    std::string in_schema = strip_at(import.name_in_schema());
    std::string element = strip_at(import.name);
    std::string prefix = "Cannot import " + import.to_string() + " from feature \"" + id + "\" since ";
    if (auto split = split_namespaced(in_schema)) {
      if (split->first == alias && split->second != element) {
        return fail(prefix + "it can be confused with the namespaced name for \"" + (directive ? "@" : "") +
                    split->second + "\". Please rename the import to avoid conflicts via \"as\".");
      }
      if (const LinkedFeature* other = by_alias(split->first)) {
        if (auto warning = sibling_warning(other->url.identity)) return fail(*warning);
        return fail(prefix + "it can be confused with a namespaced name from another linked feature \"" +
                    other->url.identity + "\". Please rename the import or feature to avoid conflicts via \"as\".");
      }
    }
    if (directive && in_schema == alias && element != feature.url.name) {
      return fail(prefix + "it can be confused with the namespaced name for \"@" + feature.url.name +
                  "\". Please rename the import to avoid conflicts via \"as\".");
    }
    if (directive) {
      if (const LinkedFeature* other = by_alias(in_schema)) {
        if (auto warning = sibling_warning(other->url.identity)) return fail(*warning);
        return fail(prefix + "it can be confused with a namespaced name from another linked feature \"" +
                    other->url.identity + "\". Please rename the import or feature to avoid conflicts via \"as\".");
      }
    }
    for (size_t j = 0; j < i; ++j) {
      const Import& previous = feature.imports[j];
      if (previous.name == import.name && previous.name_in_schema() != import.name_in_schema()) {
        return fail(prefix + "it was previously imported as \"" + previous.name_in_schema() +
                    "\". Please remove one of these imports.");
      }
      if (previous.name != import.name && previous.name_in_schema() == import.name_in_schema()) {
        return fail(prefix + "it was previously imported for \"" + previous.name +
                    "\". Please rename the import to avoid conflicts via \"as\".");
      }
    }
    for (const LinkedFeature& other : features_) {
      for (const Import& other_import : other.imports) {
        if (other_import.name_in_schema() == import.name_in_schema()) {
          if (auto warning = sibling_warning(other.url.identity)) return fail(*warning);
          return fail(prefix + "it was previously imported from feature \"" + other.url.identity +
                      "\". Please rename the import to avoid conflicts via \"as\".");
        }
      }
    }
  }
  features_.push_back(std::move(feature));
  return {};
}

std::optional<FeatureElement> Features::source_of_directive(std::string_view name_in_schema) const {
  if (auto split = split_namespaced(name_in_schema)) {
    if (const LinkedFeature* feature = by_alias(split->first)) {
      return FeatureElement{feature, std::string(name_in_schema.substr(split->first.size() + 2)), false};
    }
  }
  std::string wanted = "@" + std::string(name_in_schema);
  for (const LinkedFeature& feature : features_) {
    for (const Import& import : feature.imports) {
      if (import.name_in_schema() == wanted) return FeatureElement{&feature, import.name.substr(1), true};
    }
  }
  if (const LinkedFeature* feature = by_alias(name_in_schema)) return FeatureElement{feature, feature->url.name, false};
  return std::nullopt;
}

std::optional<FeatureElement> Features::source_of_type(std::string_view name_in_schema) const {
  if (auto split = split_namespaced(name_in_schema)) {
    if (const LinkedFeature* feature = by_alias(split->first)) {
      return FeatureElement{feature, std::string(name_in_schema.substr(split->first.size() + 2)), false};
    }
  }
  for (const LinkedFeature& feature : features_) {
    for (const Import& import : feature.imports) {
      if (import.name[0] != '@' && import.name_in_schema() == name_in_schema) {
        return FeatureElement{&feature, import.name, true};
      }
    }
  }
  return std::nullopt;
}

}  // namespace junction::federation
