// Runs a stack on this machine (`junction up`): builds, migrates and starts each service as a
// child process (PORT, env and secrets set; output in .junction/logs/<service>/<revision>.log),
// waits for its health check, reads its SDL, composes the supergraph, publishes it under
// .junction/supergraphs/<sha256>.graphql and serves it with the gateway; then supervises the
// services, restarting one that exits (with backoff; a crash loop marks it failed).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "control/stack.h"
#include "net/http_server.h"

namespace junction::control {

struct RunnerOptions {
  std::function<void(const std::string&)> log;  // one line per event ("" to stay quiet)
  std::chrono::milliseconds health_timeout{60000};
  std::chrono::milliseconds command_timeout{600000};  // build and migrate commands
};

class StackRunner {
 public:
  StackRunner(StackSpec stack, RunnerOptions options);
  ~StackRunner();
  StackRunner(const StackRunner&) = delete;
  StackRunner& operator=(const StackRunner&) = delete;

  // Brings the whole stack up; on failure stops what it started and says which service, which
  // step and which log file to read. Returns the gateway's port.
  Result<uint16_t> start();
  // Stops the gateway (finishing requests in flight), then the services (SIGTERM, then SIGKILL).
  void stop();

  // Deploys new revisions of these services (all when empty), one after the other; stops at
  // the first failure, which leaves that service's previous revision serving. One at a time.
  Status deploy(const std::vector<std::string>& services);
  // Services (name, revision, port, pid, state, restarts, log) and the supergraph generation.
  [[nodiscard]] std::string status_json() const;
  // Deploys, latest first (id, started_at, duration_ms, services, outcome, failed_step, reason).
  [[nodiscard]] std::string history_json() const;

  [[nodiscard]] uint16_t port_of(const std::string& service) const;  // 0 when unknown
  [[nodiscard]] std::string supergraph_path() const;                 // the published pointer file

 private:
  Status start_api();
  void handle_api(net::ServerRequest&& request, net::ClientPool& pool,
                  std::function<void(net::ServerResponse)> respond);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace junction::control
