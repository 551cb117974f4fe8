// Runs a stack on this machine (`junction up`): builds, migrates and starts each service as a
// child process (PORT, env and secrets set; output in .junction/logs/<service>/<revision>.log),
// waits for its health check, reads its SDL, composes the supergraph, publishes it under
// .junction/supergraphs/<sha256>.graphql and serves it with the gateway; then supervises the
// services (restarts with backoff, crash loops, periodic health checks, log rotation).
//
// Deploys start a new revision (a copy of the service's folder, see revision.h) beside the
// serving one and move traffic only once it is healthy, composes and passes the breaking-change
// check and the smoke queries; rollbacks bring back earlier revisions the same way. State is
// kept in .junction/state.db: a control plane killed at any point and started again adopts the
// services still running and rolls back the deploy it was in the middle of.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "control/stack.h"

namespace junction::control {

struct RunnerOptions {
  std::function<void(const std::string&)> log;  // one line per event (empty: quiet)
  std::chrono::milliseconds health_timeout{60000};
  std::chrono::milliseconds command_timeout{600000};    // build and migrate commands
  std::chrono::milliseconds health_interval{10000};     // periodic health checks of serving revisions
  std::chrono::milliseconds drain{1000};                // the old revision's grace after a swap
  std::chrono::milliseconds restart_backoff{1000};      // first restart delay, doubling up to 30 s
  uint64_t log_max_bytes = uint64_t{10} * 1024 * 1024;  // a log is rotated beyond this (3 kept)
  int keep_revisions = 5;  // folders of revisions that served kept per service (besides serving, previous)
  // Fault injection for the tests: a deploy, rollback or first start of services that enters
  // this step (build, copy, migrate down, migrate up, start, health, compose, check, publish,
  // smoke, drain) kills the control plane with SIGKILL.
  std::string crash_at;
};

struct DeployRequest {
  std::vector<std::string> services;  // empty: every service
  bool dry_run = false;               // only the plan
  bool allow_breaking = false;
};

struct RollbackRequest {
  std::string service;  // empty: the services of the last deploy
  int64_t to = 0;       // a deploy id: the revisions serving right after it
  bool dry_run = false;
};

// What a deploy or rollback did (or would do, for a dry run).
struct Report {
  int64_t id = 0;                   // its history id (0 for a dry run)
  std::vector<std::string> plan;    // one line per service
  std::vector<std::string> events;  // what happened, in order
};

class StackRunner {
 public:
  StackRunner(StackSpec stack, RunnerOptions options);
  ~StackRunner();
  StackRunner(const StackRunner&) = delete;
  StackRunner& operator=(const StackRunner&) = delete;

  // Opens .junction/state.db and reads the secrets, starting nothing (start() does it first;
  // migrate() needs only this).
  Status open();
  // Brings the whole stack up (adopting services an earlier run left running, rolling back a
  // deploy it interrupted); on failure stops what it started and says which service, which
  // step and which log file to read. Returns the gateway's port.
  Result<uint16_t> start();
  // Stops the gateway (finishing requests in flight), then the services (SIGTERM, then SIGKILL).
  void stop();

  // One deploy or rollback or migration at a time; a second is refused with a clear error.
  Result<Report> deploy(const DeployRequest& request);
  Result<Report> rollback(const RollbackRequest& request);
  // Runs a service's migrate.up (or .down) in its serving revision (the one recorded as serving
  // when the stack is not running); recorded with its output, which it returns.
  Result<std::string> migrate(const std::string& service, bool down);

  // Services (name, revision, port, pid, state, health, uptime, restarts, log) and the
  // supergraph (sha256, generation, published_at).
  [[nodiscard]] std::string status_json() const;
  // Deploys, rollbacks and ups, latest first (id, kind, started_at, duration_ms, services,
  // outcome, step, reason, supergraph).
  [[nodiscard]] std::string history_json() const;
  // Migration runs, latest first (id, service, revision, direction, started_at, exit_code, output).
  [[nodiscard]] std::string migrations_json() const;
  // The log file of a service's revision (0: the serving one); "" when unknown.
  [[nodiscard]] std::string log_path(const std::string& service, int64_t revision = 0) const;

  [[nodiscard]] uint16_t gateway_port() const;
  [[nodiscard]] uint16_t port_of(const std::string& service) const;  // 0 when unknown
  [[nodiscard]] std::string supergraph_path() const;                 // the published pointer file
  [[nodiscard]] std::string state_dir() const;                       // .junction

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace junction::control
