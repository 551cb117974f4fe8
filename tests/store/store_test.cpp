#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace junction::store {
namespace {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("junction-store-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path() const { return (dir_ / "state.db").string(); }
  fs::path dir_;
};

TEST_F(StoreTest, RecordsDeploysThatSurviveReopening) {
  {
    auto store = Store::open(path());
    ASSERT_TRUE(store.ok()) << store.error().message();
    auto first = (*store)->begin_deploy("deploy", "habits");
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE((*store)->finish_deploy(*first, true, "", "abc").ok());
    auto second = (*store)->begin_deploy("rollback", "users,habits");
    ASSERT_TRUE(second.ok());
    ASSERT_TRUE((*store)->set_step(*second, "health").ok());
    ASSERT_TRUE((*store)->finish_deploy(*second, false, "users: no healthy answer").ok());
  }
  auto store = Store::open(path());
  ASSERT_TRUE(store.ok()) << store.error().message();
  auto deploys = (*store)->deploys();
  ASSERT_TRUE(deploys.ok());
  ASSERT_EQ(deploys->size(), 2U);
  EXPECT_EQ((*deploys)[0].services, "users,habits");
  EXPECT_EQ((*deploys)[0].outcome, "failed");
  EXPECT_EQ((*deploys)[0].step, "health");
  EXPECT_EQ((*deploys)[0].kind, "rollback");
  EXPECT_EQ((*deploys)[0].reason, "users: no healthy answer");
  EXPECT_EQ((*deploys)[1].outcome, "succeeded");
  EXPECT_EQ((*deploys)[1].supergraph, "abc");
  EXPECT_EQ((*deploys)[1].step, "");
  EXPECT_EQ((*deploys)[1].started_at.size(), 20U);  // 2026-11-27T04:00:00Z
  EXPECT_TRUE(fs::exists(dir_ / "state.db-wal") || fs::exists(dir_ / "state.db"));
}

TEST_F(StoreTest, DeploysLeftRunningByACrashBecomeFailed) {
  {
    auto store = Store::open(path());
    ASSERT_TRUE(store.ok());
    auto id = (*store)->begin_deploy("deploy", "habits");
    ASSERT_TRUE(id.ok());
    ASSERT_TRUE((*store)->set_step(*id, "migrate up").ok());  // and then the process dies
  }
  auto store = Store::open(path());
  ASSERT_TRUE(store.ok());
  auto closed = (*store)->fail_interrupted();
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->size(), 1U);
  auto deploys = (*store)->deploys();
  ASSERT_TRUE(deploys.ok());
  EXPECT_EQ(deploys->front().outcome, "failed");
  EXPECT_EQ(deploys->front().step, "migrate up");
  EXPECT_TRUE(deploys->front().reason.starts_with("interrupted")) << deploys->front().reason;
  EXPECT_TRUE((*store)->fail_interrupted()->empty());
}

TEST_F(StoreTest, RevisionsSwapInOneStep) {
  auto store = Store::open(path());
  ASSERT_TRUE(store.ok());
  RevisionRecord first{"habits", 1, 0, 1, "/tmp/r1", 4001, 100, "serving", true, "type Query { a: Int }", ""};
  RevisionRecord second{"habits", 2, 1, 2, "/tmp/r2", 0, 0, "starting", false, "", ""};
  ASSERT_TRUE((*store)->put_revision(first).ok());
  ASSERT_TRUE((*store)->put_revision(second).ok());
  ASSERT_TRUE((*store)->put_revision({"users", 1, 0, 1, "/tmp/u1", 4002, 101, "serving", false, "", ""}).ok());
  ASSERT_TRUE((*store)->swap("habits", 2, 200, 4003, 1).ok());
  auto habits = (*store)->revisions("habits");
  ASSERT_TRUE(habits.ok());
  ASSERT_EQ(habits->size(), 2U);
  EXPECT_EQ((*habits)[0].status, "retired");
  EXPECT_TRUE((*habits)[0].migrated);
  EXPECT_EQ((*habits)[0].sdl, "type Query { a: Int }");
  EXPECT_EQ((*habits)[1].status, "serving");
  EXPECT_EQ((*habits)[1].pid, 200);
  EXPECT_EQ((*habits)[1].port, 4003);
  EXPECT_EQ((*habits)[1].previous, 1);
  EXPECT_EQ((*store)->revisions()->size(), 3U);
  ASSERT_TRUE((*store)->set_status("habits", 2, "failed").ok());
  ASSERT_TRUE((*store)->set_pid("habits", 2, 0).ok());
  EXPECT_EQ((*store)->revisions("habits")->back().status, "failed");
  EXPECT_EQ((*store)->revisions("habits")->back().pid, 0);
}

TEST_F(StoreTest, MigrationsKeepTheirOutputAndEventsTheirOrder) {
  auto store = Store::open(path());
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE((*store)->record_migration("users", 1, "up", 0, "applied 0001_users\n").ok());
  ASSERT_TRUE((*store)->record_migration("users", 1, "down", 2, std::string(100000, 'x') + "END").ok());
  auto migrations = (*store)->migrations("users");
  ASSERT_TRUE(migrations.ok());
  ASSERT_EQ(migrations->size(), 2U);
  EXPECT_EQ((*migrations)[0].direction, "down");
  EXPECT_EQ((*migrations)[0].exit_code, 2);
  EXPECT_EQ((*migrations)[0].output.size(), 64U * 1024U);  // the end is kept
  EXPECT_TRUE((*migrations)[0].output.ends_with("END"));
  EXPECT_EQ((*migrations)[1].output, "applied 0001_users\n");
  EXPECT_TRUE((*store)->migrations("habits")->empty());
  ASSERT_TRUE((*store)->record_event("habits", "crash loop", "exited 5 times").ok());
  ASSERT_TRUE((*store)->record_event("users", "unhealthy", "no answer").ok());
  auto events = (*store)->events();
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2U);
  EXPECT_EQ((*events)[0].service, "users");
  EXPECT_EQ((*events)[1].kind, "crash loop");
}

TEST_F(StoreTest, AVersionOneDatabaseIsUpgraded) {
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TABLE deploys (id INTEGER PRIMARY KEY AUTOINCREMENT, started_ms INTEGER NOT NULL,"
                           " finished_ms INTEGER, services TEXT NOT NULL, outcome TEXT NOT NULL, failed_step TEXT NOT"
                           " NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '');"
                           "INSERT INTO deploys (started_ms, finished_ms, services, outcome) VALUES (1, 2, 'a', "
                           "'succeeded'); PRAGMA user_version = 1;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(db);
  }
  auto store = Store::open(path());
  ASSERT_TRUE(store.ok()) << store.error().message();
  auto deploys = (*store)->deploys();
  ASSERT_TRUE(deploys.ok());
  ASSERT_EQ(deploys->size(), 1U);  // no history lost
  EXPECT_EQ(deploys->front().kind, "deploy");
  EXPECT_TRUE((*store)->revisions()->empty());
}

TEST_F(StoreTest, AFileThatIsNotADatabaseIsNamed) {
  std::ofstream(path()) << "this is not SQLite, just text that happens to be long enough to have a header";
  auto store = Store::open(path());
  ASSERT_FALSE(store.ok());
  EXPECT_TRUE(store.error().message().starts_with(path() + ": not a Junction state database"))
      << store.error().message();
}

}  // namespace
}  // namespace junction::store
