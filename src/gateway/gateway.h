// The gateway server: serves the federated API of a supergraph over GraphQL over HTTP, with
// health and Prometheus endpoints, and swaps to a new supergraph atomically (requests in
// flight finish on the generation they started on; a bad supergraph never replaces a good one;
// the new generation's plan cache is warmed with the operations seen recently).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "common/result.h"
#include "gateway/config.h"

namespace junction::gateway {

struct GatewayOptions {
  std::string supergraph;                      // a file, or an http(s):// URL serving the supergraph SDL
  GatewayConfig config;                        // listen address, path, policies (gateway.yaml)
  bool hot_reload = false;                     // watch the file (or poll the URL) and swap to new versions
  int workers = 0;                             // 0: one per core
  std::chrono::milliseconds poll_interval{0};  // 0: 250 ms for a file (stat only), 10 s for a URL
};

class Gateway {
 public:
  explicit Gateway(GatewayOptions options);
  ~Gateway();
  Gateway(const Gateway&) = delete;
  Gateway& operator=(const Gateway&) = delete;

  // Loads the supergraph (when one is named), binds and starts serving; returns the GraphQL
  // port. Without a loadable supergraph it still serves (not ready) when `require_supergraph`
  // is false.
  Result<uint16_t> start(bool require_supergraph = true);
  // The ports health and metrics are served on (the GraphQL port unless they listen apart).
  [[nodiscard]] uint16_t health_port() const;
  [[nodiscard]] uint16_t metrics_port() const;
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
