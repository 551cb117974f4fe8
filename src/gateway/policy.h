// The gateway's request policies as pure functions, applied by the server: operation limits
// (depth, aliases, root fields), CORS, and the headers sent to each subgraph.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "gateway/config.h"
#include "graphql/ast.h"
#include "net/http_client.h"

namespace junction::gateway {

// The shape of an operation with its fragments expanded.
struct OperationShape {
  uint32_t depth = 0;        // the deepest field (root fields are at depth 1)
  uint32_t aliases = 0;      // aliased fields
  uint32_t root_fields = 0;  // fields in the root selection set
};
OperationShape measure(const graphql::Document& document, const graphql::OperationDefinition& operation);

// The first limit the operation is over, as {message, code}; nullopt when within limits.
struct LimitViolation {
  std::string message;
  std::string code;
};
std::optional<LimitViolation> check_limits(const GatewayConfig& config, const OperationShape& shape);

// CORS with its origin patterns compiled once.
class CorsPolicy {
 public:
  explicit CorsPolicy(CorsConfig cors);
  // CORS response headers for a request with this Origin and method; nullopt when the origin
  // is not allowed (or absent). For a preflight (OPTIONS), `requested_headers` is the
  // Access-Control-Request-Headers value.
  [[nodiscard]] std::optional<net::Headers> headers(std::string_view origin, bool preflight,
                                                    std::string_view requested_headers = {}) const;

 private:
  [[nodiscard]] bool allowed(std::string_view origin) const;
  CorsConfig cors_;
  std::vector<std::regex> patterns_;
};

// The same, compiling the patterns for this one call.
std::optional<net::Headers> cors_headers(const CorsConfig& cors, std::string_view origin, bool preflight,
                                         std::string_view requested_headers = {});

// The header rules for one subgraph, with regular expressions compiled once.
class HeaderPolicy {
 public:
  explicit HeaderPolicy(const std::vector<HeaderRule>& rules);
  ~HeaderPolicy();
  HeaderPolicy(HeaderPolicy&&) noexcept;
  HeaderPolicy& operator=(HeaderPolicy&&) noexcept;
  [[nodiscard]] bool empty() const;
  // The headers to add to a subgraph request, given the client request's headers. Hop-by-hop
  // and body headers (connection, content-length, content-type, host, accept, ...) are never
  // propagated.
  [[nodiscard]] net::Headers apply(const net::Headers& client) const;

 private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace junction::gateway
