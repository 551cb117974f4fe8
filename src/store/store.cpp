#include "store/store.h"

#include <sqlite3.h>

#include <chrono>

namespace junction::store {

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;

  ~Impl() {
    if (db != nullptr) sqlite3_close(db);
  }

  Error failure(const std::string& what) const { return Error(path + ": " + what + ": " + sqlite3_errmsg(db)); }

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
PRAGMA user_version = 1;
)";

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
  {
    Statement version(impl.db, "PRAGMA user_version");  // finalized before the WAL switch below
    if (!version.ok() || version.step() != SQLITE_ROW) {
      return Error(path + ": not a Junction state database (" + sqlite3_errmsg(impl.db) +
                   "); move it aside and `junction up` creates a new one");
    }
    if (version.integer(0) > 1) {
      return Error(path + ": written by a newer Junction (schema version " + std::to_string(version.integer(0)) + ")");
    }
  }
  if (Status wal = impl.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"); !wal.ok()) return wal.error();
  if (Status schema = impl.exec(kSchema); !schema.ok()) return schema.error();
  return store;
}

Result<int64_t> Store::begin_deploy(const std::string& services) {
  Impl& impl = *impl_;
  Statement insert(impl.db, "INSERT INTO deploys (started_ms, services, outcome) VALUES (?, ?, 'running')");
  insert.bind(1, now_ms());
  insert.bind(2, services);
  if (!insert.ok() || insert.step() != SQLITE_DONE) return impl.failure("cannot record the deploy");
  return sqlite3_last_insert_rowid(impl.db);
}

Status Store::finish_deploy(int64_t id, bool succeeded, const std::string& failed_step, const std::string& reason) {
  Impl& impl = *impl_;
  Statement update(impl.db,
                   "UPDATE deploys SET finished_ms = ?, outcome = ?, failed_step = ?, reason = ? WHERE id = ?");
  update.bind(1, now_ms());
  update.bind(2, std::string(succeeded ? "succeeded" : "failed"));
  update.bind(3, failed_step);
  update.bind(4, reason);
  update.bind(5, id);
  if (!update.ok() || update.step() != SQLITE_DONE) return impl.failure("cannot record the deploy's outcome");
  return {};
}

Result<int> Store::fail_interrupted() {
  Impl& impl = *impl_;
  Statement update(impl.db,
                   "UPDATE deploys SET finished_ms = ?, outcome = 'failed', failed_step = 'interrupted', reason = "
                   "'the control plane stopped during the deploy' WHERE outcome = 'running'");
  update.bind(1, now_ms());
  if (!update.ok() || update.step() != SQLITE_DONE) return impl.failure("cannot close interrupted deploys");
  return sqlite3_changes(impl.db);
}

Result<std::vector<DeployRecord>> Store::deploys(int limit) {
  Impl& impl = *impl_;
  Statement select(impl.db,
                   "SELECT id, started_ms, COALESCE(finished_ms, started_ms), services, outcome, failed_step, reason "
                   "FROM deploys ORDER BY id DESC LIMIT ?");
  select.bind(1, static_cast<int64_t>(limit));
  if (!select.ok()) return impl.failure("cannot read the deploys");
  std::vector<DeployRecord> out;
  int step = 0;
  while ((step = select.step()) == SQLITE_ROW) {
    DeployRecord record;
    record.id = select.integer(0);
    record.started_at = iso8601(select.integer(1));
    record.duration_ms = select.integer(2) - select.integer(1);
    record.services = select.text(3);
    record.outcome = select.text(4);
    record.failed_step = select.text(5);
    record.reason = select.text(6);
    out.push_back(std::move(record));
  }
  if (step != SQLITE_DONE) return impl.failure("cannot read the deploys");
  return out;
}

}  // namespace junction::store
