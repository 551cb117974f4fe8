// The control plane's state (`.junction/state.db`): deploy history so far. SQLite in WAL mode,
// each change one transaction, so that a crash at any point leaves what was committed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"

namespace junction::store {

struct DeployRecord {
  int64_t id = 0;
  std::string started_at;  // UTC, ISO 8601
  int64_t duration_ms = 0;
  std::string services;     // comma-separated
  std::string outcome;      // "running", "succeeded", "failed"
  std::string failed_step;  // when failed: build, migrate up, start, health, compose, publish, ...
  std::string reason;
};

class Store {
 public:
  // Opens (creating when absent) the database at `path`; a file that is not a Junction state
  // database is an error naming it.
  static Result<std::unique_ptr<Store>> open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Result<int64_t> begin_deploy(const std::string& services);
  Status finish_deploy(int64_t id, bool succeeded, const std::string& failed_step, const std::string& reason);
  // Deploys still "running" (the control plane died during them) become failed, "interrupted".
  Result<int> fail_interrupted();
  // The latest deploys first.
  Result<std::vector<DeployRecord>> deploys(int limit = 50);

 private:
  Store() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace junction::store
