// The gateway server: serves the federated API of a supergraph over GraphQL over HTTP, with
// health and Prometheus endpoints, and swaps to a new supergraph atomically (requests in
// flight finish on the generation they started on; a bad supergraph never replaces a good one).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"

namespace junction::gateway {

struct GatewayOptions {
  std::string supergraph_path;  // file read at start (and watched with hot_reload)
  std::string host = "127.0.0.1";
  uint16_t port = 4000;  // 0: any free port
  int workers = 0;       // 0: one per core
  std::string graphql_path = "/graphql";
  bool introspection = true;
  bool hot_reload = false;
  std::chrono::milliseconds poll_interval{1000};      // how often the supergraph file is checked
  std::chrono::milliseconds subgraph_timeout{30000};  // per subgraph request
  size_t max_request_bytes = size_t{2} << 20;
  size_t max_subgraph_response_bytes = size_t{64} << 20;
};

class Gateway {
 public:
  explicit Gateway(GatewayOptions options);
  ~Gateway();
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  // Loads the supergraph (when a path is set), binds and starts serving; returns the port.
  // Without a loadable supergraph it still serves (not ready) when `require_supergraph` is false.
  Result<uint16_t> start(bool require_supergraph = true);
  // Replaces the supergraph with this text; on failure the current one stays.
  Status reload(std::string text, const std::string& name = "supergraph");
  // Stops accepting, finishes requests in flight (at most `grace`), stops.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(10000));
  [[nodiscard]] uint64_t generation() const;  // 0 before the first supergraph

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace junction::gateway
