#include "gateway/policy.h"

#include <algorithm>
#include <regex>
#include <unordered_map>
#include <unordered_set>

namespace junction::gateway {

namespace {

// Depth below a selection set and aliases within it, fragments expanded (each fragment is
// measured once and its counts reused, so fragment "bombs" cost nothing to measure).
class Measurer {
 public:
  explicit Measurer(const graphql::Document& document) {
    for (const graphql::Definition* definition : document.definitions()) {
      if (const auto* fragment = graphql::as<graphql::FragmentDefinition>(definition)) {
        fragments_.emplace(fragment->name, fragment);
      }
    }
  }

  struct Counts {
    uint64_t depth = 0;
    uint64_t aliases = 0;
    uint64_t fields = 0;  // fields directly in this selection set (through fragments)
  };

  Counts measure(const graphql::SelectionSet* set) {
    Counts counts;
    if (set == nullptr) return counts;
    for (const graphql::Selection* selection : set->selections) {
      Counts inner;
      if (const auto* field = graphql::as<graphql::Field>(selection)) {
        Counts below = measure(field->selection_set);
        inner.depth = below.depth + 1;
        inner.aliases = below.aliases + (field->alias.empty() ? 0 : 1);
        inner.fields = 1;
      } else if (const auto* inline_fragment = graphql::as<graphql::InlineFragment>(selection)) {
        inner = measure(inline_fragment->selection_set);
      } else if (const auto* spread = graphql::as<graphql::FragmentSpread>(selection)) {
        inner = fragment(spread->name);
      }
      counts.depth = std::max(counts.depth, inner.depth);
      counts.aliases = saturate(counts.aliases + inner.aliases);
      counts.fields = saturate(counts.fields + inner.fields);
    }
    return counts;
  }

 private:
  static uint64_t saturate(uint64_t value) { return std::min<uint64_t>(value, UINT32_MAX); }

  Counts fragment(std::string_view name) {
    if (auto done = measured_.find(name); done != measured_.end()) return done->second;
    auto found = fragments_.find(name);
    if (found == fragments_.end() || !visiting_.insert(name).second) return {};  // validation rejects both
    Counts counts = measure(found->second->selection_set);
    visiting_.erase(name);
    measured_.emplace(name, counts);
    return counts;
  }

  std::unordered_map<std::string_view, const graphql::FragmentDefinition*> fragments_;
  std::unordered_map<std::string_view, Counts> measured_;
  std::unordered_set<std::string_view> visiting_;
};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Hop-by-hop and body headers: the gateway sets its own.
constexpr std::string_view kNeverPropagated[] = {
    "connection", "keep-alive",     "proxy-authenticate", "proxy-authorization",
    "te",         "trailer",        "trailers",           "transfer-encoding",
    "upgrade",    "content-length", "content-type",       "content-encoding",
    "host",       "accept",         "accept-encoding"};

bool never_propagated(const std::string& name) {
  return std::find(std::begin(kNeverPropagated), std::end(kNeverPropagated), name) != std::end(kNeverPropagated);
}

std::string join_list(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

OperationShape measure(const graphql::Document& document, const graphql::OperationDefinition& operation) {
  Measurer measurer(document);
  Measurer::Counts counts = measurer.measure(operation.selection_set);
  OperationShape shape;
  shape.depth = static_cast<uint32_t>(std::min<uint64_t>(counts.depth, UINT32_MAX));
  shape.aliases = static_cast<uint32_t>(counts.aliases);
  shape.root_fields = static_cast<uint32_t>(counts.fields);
  return shape;
}

std::optional<LimitViolation> check_limits(const GatewayConfig& config, const OperationShape& shape) {
  if (config.max_depth != 0 && shape.depth > config.max_depth) {
    return LimitViolation{"Maximum depth limit exceeded in this operation (depth " + std::to_string(shape.depth) +
                              ", limit " + std::to_string(config.max_depth) + ")",
                          "MAX_DEPTH_LIMIT"};
  }
  if (config.max_aliases != 0 && shape.aliases > config.max_aliases) {
    return LimitViolation{"Maximum aliases limit exceeded in this operation (" + std::to_string(shape.aliases) +
                              " aliases, limit " + std::to_string(config.max_aliases) + ")",
                          "MAX_ALIASES_LIMIT"};
  }
  if (config.max_root_fields != 0 && shape.root_fields > config.max_root_fields) {
    return LimitViolation{"Maximum root fields limit exceeded in this operation (" + std::to_string(shape.root_fields) +
                              " root fields, limit " + std::to_string(config.max_root_fields) + ")",
                          "MAX_ROOT_FIELDS_LIMIT"};
  }
  return std::nullopt;
}

CorsPolicy::CorsPolicy(CorsConfig cors) : cors_(std::move(cors)) {
  for (const std::string& pattern : cors_.match_origins) patterns_.emplace_back(pattern);
}

bool CorsPolicy::allowed(std::string_view origin) const {
  if (origin.empty()) return false;
  if (cors_.allow_any_origin) return true;
  if (std::find(cors_.origins.begin(), cors_.origins.end(), origin) != cors_.origins.end()) return true;
  return std::any_of(patterns_.begin(), patterns_.end(), [&](const std::regex& pattern) {
    return std::regex_match(origin.begin(), origin.end(), pattern);
  });
}

std::optional<net::Headers> CorsPolicy::headers(std::string_view origin, bool preflight,
                                                std::string_view requested_headers) const {
  if (!allowed(origin)) return std::nullopt;
  net::Headers headers;
  headers.emplace_back("Access-Control-Allow-Origin", cors_.allow_any_origin ? "*" : std::string(origin));
  if (!cors_.allow_any_origin) headers.emplace_back("Vary", "Origin");
  if (cors_.allow_credentials) headers.emplace_back("Access-Control-Allow-Credentials", "true");
  if (preflight) {
    headers.emplace_back("Access-Control-Allow-Methods", join_list(cors_.methods));
    std::string allowed_headers =
        cors_.allow_headers.empty() ? std::string(requested_headers) : join_list(cors_.allow_headers);
    if (!allowed_headers.empty()) headers.emplace_back("Access-Control-Allow-Headers", allowed_headers);
    if (cors_.max_age) headers.emplace_back("Access-Control-Max-Age", std::to_string(cors_.max_age->count()));
  } else if (!cors_.expose_headers.empty()) {
    headers.emplace_back("Access-Control-Expose-Headers", join_list(cors_.expose_headers));
  }
  return headers;
}

std::optional<net::Headers> cors_headers(const CorsConfig& cors, std::string_view origin, bool preflight,
                                         std::string_view requested_headers) {
  return CorsPolicy(cors).headers(origin, preflight, requested_headers);
}

struct HeaderPolicy::Compiled {
  struct Rule {
    HeaderRule rule;
    std::optional<std::regex> pattern;
  };
  std::vector<Rule> rules;
};

HeaderPolicy::HeaderPolicy(const std::vector<HeaderRule>& rules) : compiled_(std::make_unique<Compiled>()) {
  for (const HeaderRule& rule : rules) {
    Compiled::Rule compiled{rule, std::nullopt};
    if (!rule.matching.empty()) compiled.pattern.emplace(rule.matching, std::regex::ECMAScript | std::regex::icase);
    compiled_->rules.push_back(std::move(compiled));
  }
}
HeaderPolicy::~HeaderPolicy() = default;
HeaderPolicy::HeaderPolicy(HeaderPolicy&&) noexcept = default;
HeaderPolicy& HeaderPolicy::operator=(HeaderPolicy&&) noexcept = default;

bool HeaderPolicy::empty() const { return compiled_->rules.empty(); }

net::Headers HeaderPolicy::apply(const net::Headers& client) const {
  net::Headers out;  // lower-case names
  auto set = [&](const std::string& name, const std::string& value) {
    if (never_propagated(name)) return;
    auto existing = std::find_if(out.begin(), out.end(), [&](const auto& header) { return header.first == name; });
    if (existing != out.end()) {
      existing->second = value;
    } else {
      out.emplace_back(name, value);
    }
  };
  for (const Compiled::Rule& compiled : compiled_->rules) {
    const HeaderRule& rule = compiled.rule;
    switch (rule.kind) {
      case HeaderRule::Kind::Propagate:
        if (compiled.pattern) {
          for (const auto& [name, value] : client) {
            std::string key = lower(name);
            if (std::regex_search(key, *compiled.pattern)) set(key, value);
          }
        } else {
          auto found = std::find_if(client.begin(), client.end(),
                                    [&](const auto& header) { return lower(header.first) == rule.named; });
          std::string target = rule.rename.empty() ? rule.named : rule.rename;
          if (found != client.end()) {
            set(target, found->second);
          } else if (rule.default_value) {
            set(target, *rule.default_value);
          }
        }
        break;
      case HeaderRule::Kind::Insert: set(rule.named, rule.value); break;
      case HeaderRule::Kind::Remove:
        std::erase_if(out, [&](const auto& header) {
          return compiled.pattern ? std::regex_search(header.first, *compiled.pattern) : header.first == rule.named;
        });
        break;
    }
  }
  return out;
}

}  // namespace junction::gateway
