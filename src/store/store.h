// The control plane's state (`.junction/state.db`): deploys and rollbacks, the revisions of
// every service (which one serves, where its files are, whether its migration ran), migration
// runs with their output, published supergraphs and events (crash loops, failed health checks).
// SQLite in WAL mode, each change one transaction, so that a crash at any point leaves what
// was committed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"

namespace junction::store {

struct DeployRecord {
  int64_t id = 0;
  std::string kind = "deploy";  // "up", "deploy", "rollback"
  std::string started_at;       // UTC, ISO 8601
  int64_t duration_ms = 0;
  std::string services;    // comma-separated
  std::string outcome;     // "running", "succeeded", "failed"
  std::string step;        // the step running (or that failed): build, migrate up, start, health, ...
  std::string reason;      // when failed
  std::string supergraph;  // the sha256 published, "" when none
};

struct RevisionRecord {
  std::string service;
  int64_t revision = 0;
  int64_t previous = 0;   // the revision serving when this one was made (0: none)
  int64_t deploy_id = 0;  // the up or deploy that made it
  std::string dir;        // where it runs (its copy of the service's folder)
  int64_t port = 0;
  int64_t pid = 0;
  std::string status;     // "starting", "serving", "retired", "failed"
  bool migrated = false;  // its migrate.up ran (so a rollback runs its migrate.down)
  std::string sdl;        // the schema it served
  std::string created_at;
};

struct MigrationRecord {
  int64_t id = 0;
  std::string service;
  int64_t revision = 0;
  std::string direction;  // "up", "down"
  std::string started_at;
  int64_t exit_code = 0;
  std::string output;  // the command's output (last 64 KiB)
};

struct EventRecord {
  std::string at;
  std::string service;
  std::string kind;  // "crash loop", "unhealthy", "healthy", "restart"
  std::string message;
};

class Store {
 public:
  // Opens (creating when absent) the database at `path`; a file that is not a Junction state
  // database is an error naming it. Databases of an older schema version are upgraded.
  static Result<std::unique_ptr<Store>> open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  Result<int64_t> begin_deploy(const std::string& kind, const std::string& services);
  Status set_step(int64_t id, const std::string& step);
  Status finish_deploy(int64_t id, bool succeeded, const std::string& reason, const std::string& supergraph = "");
  // Deploys still "running" (the control plane died during them) become failed at their step,
  // "interrupted"; returns their ids.
  Result<std::vector<int64_t>> fail_interrupted();
  // The latest first.
  Result<std::vector<DeployRecord>> deploys(int limit = 50);
  Result<DeployRecord> deploy(int64_t id);

  // Inserts or replaces the revision (service, revision).
  Status put_revision(const RevisionRecord& revision);
  // In one transaction: `revision` serves (pid, port recorded), `retired` (when not 0) is retired.
  Status swap(const std::string& service, int64_t revision, int64_t pid, int64_t port, int64_t retired);
  Status set_status(const std::string& service, int64_t revision, const std::string& status);
  Status set_pid(const std::string& service, int64_t revision, int64_t pid);
  // Every revision of `service` ("" for all services), oldest first.
  Result<std::vector<RevisionRecord>> revisions(const std::string& service = "");

  Status record_migration(const std::string& service, int64_t revision, const std::string& direction, int64_t exit_code,
                          const std::string& output);
  Result<std::vector<MigrationRecord>> migrations(const std::string& service = "", int limit = 50);

  Status record_event(const std::string& service, const std::string& kind, const std::string& message);
  Result<std::vector<EventRecord>> events(int limit = 50);

 private:
  Store() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace junction::store
