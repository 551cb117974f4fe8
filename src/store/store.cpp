#include "store/store.h"

#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <filesystem>

#include "common/file.h"

namespace junction::store {

namespace {

// SQLite's message for the last failure; a failed write also says how much room is left.
std::string last_error(sqlite3* db, const std::string& path) {
  std::string message = sqlite3_errmsg(db);
  int code = sqlite3_errcode(db) & 0xff;
  if (code != SQLITE_IOERR && code != SQLITE_FULL) return message;
  std::string room = free_space_note(std::filesystem::path(path).parent_path().string());
  return room.empty() ? message : message + " (" + room + ")";
}

}  // namespace

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;

  ~Impl() {
    if (db != nullptr) sqlite3_close(db);
  }

  Error failure(const std::string& what) const { return Error(path + ": " + what + ": " + last_error(db, path)); }

  Status exec(const char* sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &message) != SQLITE_OK) {
      std::string text = message != nullptr ? message : "unknown error";
      sqlite3_free(message);
      return Error(path + ": " + text);
    }
    return {};
  }
};

namespace {

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A prepared statement, finalized when it goes out of scope.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr); }
  ~Statement() { sqlite3_finalize(statement_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  [[nodiscard]] bool ok() const { return statement_ != nullptr; }
  void bind(int index, const std::string& text) {
    sqlite3_bind_text(statement_, index, text.c_str(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void bind(int index, int64_t value) { sqlite3_bind_int64(statement_, index, value); }
  int step() { return sqlite3_step(statement_); }
  std::string text(int column) {
    const unsigned char* value = sqlite3_column_text(statement_, column);
    return value != nullptr ? reinterpret_cast<const char*>(value) : "";
  }
  int64_t integer(int column) { return sqlite3_column_int64(statement_, column); }

 private:
  sqlite3_stmt* statement_ = nullptr;
};

constexpr const char* kSchema = R"(
CREATE TABLE IF NOT EXISTS deploys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  started_ms INTEGER NOT NULL,
  finished_ms INTEGER,
  services TEXT NOT NULL,
  outcome TEXT NOT NULL,
  failed_step TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS revisions (
  service TEXT NOT NULL,
  revision INTEGER NOT NULL,
  previous INTEGER NOT NULL,
  deploy_id INTEGER NOT NULL,
  dir TEXT NOT NULL,
  port INTEGER NOT NULL,
  pid INTEGER NOT NULL,
  status TEXT NOT NULL,
  migrated INTEGER NOT NULL,
  sdl TEXT NOT NULL,
  created_ms INTEGER NOT NULL,
  PRIMARY KEY (service, revision)
);
CREATE TABLE IF NOT EXISTS migrations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  service TEXT NOT NULL,
  revision INTEGER NOT NULL,
  direction TEXT NOT NULL,
  started_ms INTEGER NOT NULL,
  exit_code INTEGER NOT NULL,
  output TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms INTEGER NOT NULL,
  service TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL
);
)";
// Version 1 had deploys without kind and supergraph.
constexpr const char* kUpgradeFrom1 = R"(
ALTER TABLE deploys ADD COLUMN kind TEXT NOT NULL DEFAULT 'deploy';
ALTER TABLE deploys ADD COLUMN supergraph TEXT NOT NULL DEFAULT '';
)";
constexpr int kVersion = 2;

std::string iso8601(int64_t ms) {
  std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

}  // namespace

Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::open(const std::string& path) {
  std::unique_ptr<Store> store(new Store());
  store->impl_ = std::make_unique<Impl>();
  Impl& impl = *store->impl_;
  impl.path = path;
  if (sqlite3_open_v2(path.c_str(), &impl.db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    return impl.failure("cannot open the state database");
  }
  sqlite3_busy_timeout(impl.db, 5000);
  int64_t version = 0;
  {
    Statement read(impl.db, "PRAGMA user_version");  // finalized before the WAL switch below
    if (!read.ok() || read.step() != SQLITE_ROW) {
      return Error(path + ": not a Junction state database (" + sqlite3_errmsg(impl.db) +
                   "); move it aside and `junction up` creates a new one");
    }
    version = read.integer(0);
  }
  if (version > kVersion) {
    return Error(path + ": written by a newer Junction (schema version " + std::to_string(version) + ")");
  }
  if (Status wal = impl.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"); !wal.ok()) return wal.error();
  if (version < kVersion) {
    std::string upgrade = std::string("BEGIN;") + kSchema + kUpgradeFrom1 +
                          "PRAGMA user_version = " + std::to_string(kVersion) + "; COMMIT;";
    if (Status schema = impl.exec(upgrade.c_str()); !schema.ok()) {
      (void)impl.exec("ROLLBACK;");
      return schema.error();
    }
  }
  return store;
}

Result<int64_t> Store::begin_deploy(const std::string& kind, const std::string& services) {
  Impl& impl = *impl_;
  Statement insert(impl.db, "INSERT INTO deploys (started_ms, services, outcome, kind) VALUES (?, ?, 'running', ?)");
  insert.bind(1, now_ms());
  insert.bind(2, services);
  insert.bind(3, kind);
  if (!insert.ok() || insert.step() != SQLITE_DONE) return impl.failure("cannot record the deploy");
  return sqlite3_last_insert_rowid(impl.db);
}

Status Store::set_step(int64_t id, const std::string& step) {
  Impl& impl = *impl_;
  Statement update(impl.db, "UPDATE deploys SET failed_step = ? WHERE id = ?");
  update.bind(1, step);
  update.bind(2, id);
  if (!update.ok() || update.step() != SQLITE_DONE) return impl.failure("cannot record the deploy's step");
  return {};
}

Status Store::finish_deploy(int64_t id, bool succeeded, const std::string& reason, const std::string& supergraph) {
  Impl& impl = *impl_;
  Statement update(impl.db,
                   "UPDATE deploys SET finished_ms = ?, outcome = ?, reason = ?, supergraph = ?,"
                   " failed_step = CASE WHEN ? THEN '' ELSE failed_step END WHERE id = ?");
  update.bind(1, now_ms());
  update.bind(2, std::string(succeeded ? "succeeded" : "failed"));
  update.bind(3, reason);
  update.bind(4, supergraph);
  update.bind(5, static_cast<int64_t>(succeeded));
  update.bind(6, id);
  if (!update.ok() || update.step() != SQLITE_DONE) return impl.failure("cannot record the deploy's outcome");
  return {};
}

Result<std::vector<int64_t>> Store::fail_interrupted() {
  Impl& impl = *impl_;
  std::vector<int64_t> ids;
  {
    Statement select(impl.db, "SELECT id FROM deploys WHERE outcome = 'running' ORDER BY id");
    if (!select.ok()) return impl.failure("cannot read interrupted deploys");
    while (select.step() == SQLITE_ROW) ids.push_back(select.integer(0));
  }
  Statement update(impl.db,
                   "UPDATE deploys SET finished_ms = ?, outcome = 'failed', reason = "
                   "'interrupted: the control plane stopped during this step; rolled back at the next start' "
                   "WHERE outcome = 'running'");
  update.bind(1, now_ms());
  if (!update.ok() || update.step() != SQLITE_DONE) return impl.failure("cannot close interrupted deploys");
  return ids;
}

namespace {

constexpr const char* kDeployColumns =
    "SELECT id, started_ms, COALESCE(finished_ms, started_ms), services, outcome, failed_step, reason, kind, "
    "supergraph FROM deploys ";

DeployRecord read_deploy(Statement& select) {
  DeployRecord record;
  record.id = select.integer(0);
  record.started_at = iso8601(select.integer(1));
  record.duration_ms = select.integer(2) - select.integer(1);
  record.services = select.text(3);
  record.outcome = select.text(4);
  record.step = select.text(5);
  record.reason = select.text(6);
  record.kind = select.text(7);
  record.supergraph = select.text(8);
  return record;
}

}  // namespace

Result<std::vector<DeployRecord>> Store::deploys(int limit) {
  Impl& impl = *impl_;
  Statement select(impl.db, (std::string(kDeployColumns) + "ORDER BY id DESC LIMIT ?").c_str());
  select.bind(1, static_cast<int64_t>(limit));
  if (!select.ok()) return impl.failure("cannot read the deploys");
  std::vector<DeployRecord> out;
  int step = 0;
  while ((step = select.step()) == SQLITE_ROW) out.push_back(read_deploy(select));
  if (step != SQLITE_DONE) return impl.failure("cannot read the deploys");
  return out;
}

Result<DeployRecord> Store::deploy(int64_t id) {
  Impl& impl = *impl_;
  Statement select(impl.db, (std::string(kDeployColumns) + "WHERE id = ?").c_str());
  select.bind(1, id);
  if (!select.ok()) return impl.failure("cannot read the deploy");
  if (select.step() != SQLITE_ROW) return Error("no deploy #" + std::to_string(id) + " in the history");
  return read_deploy(select);
}

Status Store::put_revision(const RevisionRecord& revision) {
  Impl& impl = *impl_;
  Statement insert(impl.db,
                   "INSERT OR REPLACE INTO revisions (service, revision, previous, deploy_id, dir, port, pid, status, "
                   "migrated, sdl, created_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  insert.bind(1, revision.service);
  insert.bind(2, revision.revision);
  insert.bind(3, revision.previous);
  insert.bind(4, revision.deploy_id);
  insert.bind(5, revision.dir);
  insert.bind(6, revision.port);
  insert.bind(7, revision.pid);
  insert.bind(8, revision.status);
  insert.bind(9, static_cast<int64_t>(revision.migrated));
  insert.bind(10, revision.sdl);
  insert.bind(11, now_ms());
  if (!insert.ok() || insert.step() != SQLITE_DONE) return impl.failure("cannot record the revision");
  return {};
}

Status Store::swap(const std::string& service, int64_t revision, int64_t pid, int64_t port, int64_t retired) {
  Impl& impl = *impl_;
  if (Status begun = impl.exec("BEGIN IMMEDIATE;"); !begun.ok()) return begun;
  Statement serve(impl.db,
                  "UPDATE revisions SET status = 'serving', pid = ?, port = ? WHERE service = ? AND revision = ?");
  serve.bind(1, pid);
  serve.bind(2, port);
  serve.bind(3, service);
  serve.bind(4, revision);
  Statement retire(impl.db, "UPDATE revisions SET status = 'retired' WHERE service = ? AND revision = ?");
  retire.bind(1, service);
  retire.bind(2, retired);
  if (!serve.ok() || serve.step() != SQLITE_DONE || !retire.ok() || retire.step() != SQLITE_DONE) {
    Error error = impl.failure("cannot record the new serving revision");
    (void)impl.exec("ROLLBACK;");
    return error;
  }
  return impl.exec("COMMIT;");
}

namespace {

template <typename Value>
Status update_revision(sqlite3* db, const char* sql, const Value& value, const std::string& service, int64_t revision,
                       const std::string& path) {
  Statement update(db, sql);
  update.bind(1, value);
  update.bind(2, service);
  update.bind(3, revision);
  if (!update.ok() || update.step() != SQLITE_DONE) {
    return Error(path + ": cannot update revision " + std::to_string(revision) + " of " + service + ": " +
                 last_error(db, path));
  }
  return {};
}

}  // namespace

Status Store::set_status(const std::string& service, int64_t revision, const std::string& status) {
  return update_revision(impl_->db, "UPDATE revisions SET status = ? WHERE service = ? AND revision = ?", status,
                         service, revision, impl_->path);
}

Status Store::set_pid(const std::string& service, int64_t revision, int64_t pid) {
  return update_revision(impl_->db, "UPDATE revisions SET pid = ? WHERE service = ? AND revision = ?", pid, service,
                         revision, impl_->path);
}

Result<std::vector<RevisionRecord>> Store::revisions(const std::string& service) {
  Impl& impl = *impl_;
  Statement select(impl.db,
                   "SELECT service, revision, previous, deploy_id, dir, port, pid, status, migrated, sdl, created_ms "
                   "FROM revisions WHERE ? = '' OR service = ? ORDER BY service, revision");
  select.bind(1, service);
  select.bind(2, service);
  if (!select.ok()) return impl.failure("cannot read the revisions");
  std::vector<RevisionRecord> out;
  int step = 0;
  while ((step = select.step()) == SQLITE_ROW) {
    RevisionRecord record;
    record.service = select.text(0);
    record.revision = select.integer(1);
    record.previous = select.integer(2);
    record.deploy_id = select.integer(3);
    record.dir = select.text(4);
    record.port = select.integer(5);
    record.pid = select.integer(6);
    record.status = select.text(7);
    record.migrated = select.integer(8) != 0;
    record.sdl = select.text(9);
    record.created_at = iso8601(select.integer(10));
    out.push_back(std::move(record));
  }
  if (step != SQLITE_DONE) return impl.failure("cannot read the revisions");
  return out;
}

Status Store::record_migration(const std::string& service, int64_t revision, const std::string& direction,
                               int64_t exit_code, const std::string& output) {
  Impl& impl = *impl_;
  constexpr size_t kKept = size_t{64} * 1024;
  Statement insert(impl.db,
                   "INSERT INTO migrations (service, revision, direction, started_ms, exit_code, output) "
                   "VALUES (?, ?, ?, ?, ?, ?)");
  insert.bind(1, service);
  insert.bind(2, revision);
  insert.bind(3, direction);
  insert.bind(4, now_ms());
  insert.bind(5, exit_code);
  insert.bind(6, output.size() > kKept ? output.substr(output.size() - kKept) : output);
  if (!insert.ok() || insert.step() != SQLITE_DONE) return impl.failure("cannot record the migration");
  return {};
}

Result<std::vector<MigrationRecord>> Store::migrations(const std::string& service, int limit) {
  Impl& impl = *impl_;
  Statement select(impl.db,
                   "SELECT id, service, revision, direction, started_ms, exit_code, output FROM migrations "
                   "WHERE ? = '' OR service = ? ORDER BY id DESC LIMIT ?");
  select.bind(1, service);
  select.bind(2, service);
  select.bind(3, static_cast<int64_t>(limit));
  if (!select.ok()) return impl.failure("cannot read the migrations");
  std::vector<MigrationRecord> out;
  int step = 0;
  while ((step = select.step()) == SQLITE_ROW) {
    MigrationRecord record;
    record.id = select.integer(0);
    record.service = select.text(1);
    record.revision = select.integer(2);
    record.direction = select.text(3);
    record.started_at = iso8601(select.integer(4));
    record.exit_code = select.integer(5);
    record.output = select.text(6);
    out.push_back(std::move(record));
  }
  if (step != SQLITE_DONE) return impl.failure("cannot read the migrations");
  return out;
}

Status Store::record_event(const std::string& service, const std::string& kind, const std::string& message) {
  Impl& impl = *impl_;
  Statement insert(impl.db, "INSERT INTO events (at_ms, service, kind, message) VALUES (?, ?, ?, ?)");
  insert.bind(1, now_ms());
  insert.bind(2, service);
  insert.bind(3, kind);
  insert.bind(4, message);
  if (!insert.ok() || insert.step() != SQLITE_DONE) return impl.failure("cannot record the event");
  return {};
}

Result<std::vector<EventRecord>> Store::events(int limit) {
  Impl& impl = *impl_;
  Statement select(impl.db, "SELECT at_ms, service, kind, message FROM events ORDER BY id DESC LIMIT ?");
  select.bind(1, static_cast<int64_t>(limit));
  if (!select.ok()) return impl.failure("cannot read the events");
  std::vector<EventRecord> out;
  int step = 0;
  while ((step = select.step()) == SQLITE_ROW) {
    out.push_back({iso8601(select.integer(0)), select.text(1), select.text(2), select.text(3)});
  }
  if (step != SQLITE_DONE) return impl.failure("cannot read the events");
  return out;
}

}  // namespace junction::store
