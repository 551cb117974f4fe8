// Reading a subgraph's schema from a running service, as rover does: `{ _service { sdl } }`
// first, then standard introspection for services without federation support.
#pragma once

#include <chrono>
#include <string>

#include "common/result.h"
#include "json/value.h"
#include "net/http_client.h"

namespace junction::control {

struct RemoteOptions {
  net::Headers headers;
  std::chrono::milliseconds timeout{10000};
};

// The SDL a service reports (federation) or that its introspection describes (printed as
// graphql-js printSchema would). Errors name the URL and what went wrong.
Result<std::string> fetch_subgraph_sdl(const std::string& url, const RemoteOptions& options);

// The standard introspection query's result ({"data": ...}) from a running service.
Result<json::Value> fetch_introspection(const std::string& url, const RemoteOptions& options);

bool is_url(const std::string& source);

}  // namespace junction::control
