// A small HTTP(S) client for the command line (introspecting subgraphs). One request per
// call, with a deadline covering the whole exchange; errors say what failed and where.
#pragma once

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace junction::net {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "POST";
  std::string url;  // http://host[:port]/path or https://…
  Headers headers;
  std::string body;
  std::chrono::milliseconds timeout{10000};
  size_t max_response_bytes = size_t{64} << 20;
};

struct HttpResponse {
  int status = 0;
  Headers headers;
  std::string body;

  [[nodiscard]] std::string header(std::string_view name) const;  // case-insensitive, "" when absent
};

// Sends the request and waits for the whole response (any status). Fails on a bad URL,
// unresolvable host, refused connection, TLS failure, timeout, oversized or malformed reply.
Result<HttpResponse> fetch(const HttpRequest& request);

struct Url {
  std::string scheme;  // "http" or "https"
  std::string host;
  std::string port;
  std::string target;  // path and query, at least "/"
};
Result<Url> parse_url(const std::string& url);

}  // namespace junction::net
