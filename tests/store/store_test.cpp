#include "store/store.h"

#include <gtest/gtest.h>
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
    auto first = (*store)->begin_deploy("habits");
    ASSERT_TRUE(first.ok());
    ASSERT_TRUE((*store)->finish_deploy(*first, true, "", "").ok());
    auto second = (*store)->begin_deploy("users,habits");
    ASSERT_TRUE(second.ok());
    ASSERT_TRUE((*store)->finish_deploy(*second, false, "health", "users: no healthy answer").ok());
  }
  auto store = Store::open(path());
  ASSERT_TRUE(store.ok()) << store.error().message();
  auto deploys = (*store)->deploys();
  ASSERT_TRUE(deploys.ok());
  ASSERT_EQ(deploys->size(), 2U);
  EXPECT_EQ((*deploys)[0].services, "users,habits");
  EXPECT_EQ((*deploys)[0].outcome, "failed");
  EXPECT_EQ((*deploys)[0].failed_step, "health");
  EXPECT_EQ((*deploys)[0].reason, "users: no healthy answer");
  EXPECT_EQ((*deploys)[1].outcome, "succeeded");
  EXPECT_EQ((*deploys)[1].started_at.size(), 20U);  // 2026-11-27T04:00:00Z
  EXPECT_TRUE(fs::exists(dir_ / "state.db-wal") || fs::exists(dir_ / "state.db"));
}

TEST_F(StoreTest, DeploysLeftRunningByACrashBecomeFailed) {
  {
    auto store = Store::open(path());
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->begin_deploy("habits").ok());  // and then the process dies
  }
  auto store = Store::open(path());
  ASSERT_TRUE(store.ok());
  auto closed = (*store)->fail_interrupted();
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(*closed, 1);
  auto deploys = (*store)->deploys();
  ASSERT_TRUE(deploys.ok());
  EXPECT_EQ(deploys->front().outcome, "failed");
  EXPECT_EQ(deploys->front().failed_step, "interrupted");
  EXPECT_EQ(*(*store)->fail_interrupted(), 0);
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
