#include "control/revision.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "common/file.h"

namespace junction::control {
namespace {

namespace fs = std::filesystem;

class RevisionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("junction-revision-" + std::to_string(getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    write("shared/lib.mjs", "export const x = 1;\n");
    write("services/habits/server.mjs", "import '../../shared/lib.mjs';\n");
    write("services/habits/node_modules/dep/index.js", "module.exports = 1;\n");
    write("services/habits/dist/out.js", "built\n");
    write("services/users/server.mjs", "users\n");
    write(".junction/state.db", "");
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const std::string& relative, const std::string& text) {
    fs::create_directories((root_ / relative).parent_path());
    std::ofstream(root_ / relative) << text;
  }
  fs::path root_;
};

TEST_F(RevisionTest, TheCopyKeepsTheCodeAndSeesTheRestOfTheStack) {
  fs::path destination = root_ / ".junction/revisions/habits/1";
  fs::create_directories(destination.parent_path());
  auto dir = snapshot_service(root_.string(), (root_ / "services/habits").string(), destination.string());
  ASSERT_TRUE(dir.ok()) << dir.error().message();
  EXPECT_EQ(fs::path(*dir), destination / "services/habits");
  // The service's files are copies: editing the live folder does not change the revision.
  write("services/habits/server.mjs", "changed\n");
  EXPECT_EQ(*read_file(*dir + "/server.mjs"), "import '../../shared/lib.mjs';\n");
  EXPECT_FALSE(fs::is_symlink(*dir + "/server.mjs"));
  EXPECT_EQ(*read_file(*dir + "/dist/out.js"), "built\n");
  // node_modules and everything outside the service are links to the live ones.
  EXPECT_TRUE(fs::is_symlink(*dir + "/node_modules"));
  EXPECT_TRUE(fs::is_symlink(destination / "shared"));
  EXPECT_TRUE(fs::is_symlink(destination / "services/users"));
  EXPECT_EQ(*read_file(*dir + "/../../shared/lib.mjs"), "export const x = 1;\n");
  // The state folder is never mirrored (no loop through .junction/revisions).
  EXPECT_FALSE(fs::exists(destination / ".junction"));
  EXPECT_FALSE(fs::exists(destination.string() + ".partial"));
}

TEST_F(RevisionTest, TheStackFolderItselfCanBeTheService) {
  fs::path destination = root_ / ".junction/revisions/all/1";
  fs::create_directories(destination.parent_path());
  auto dir = snapshot_service(root_.string(), root_.string(), destination.string());
  ASSERT_TRUE(dir.ok()) << dir.error().message();
  EXPECT_EQ(fs::path(*dir), destination);
  EXPECT_EQ(*read_file(*dir + "/services/users/server.mjs"), "users\n");
  EXPECT_FALSE(fs::exists(destination / ".junction"));
}

TEST_F(RevisionTest, AnExistingRevisionIsAnErrorNamingIt) {
  fs::path destination = root_ / ".junction/revisions/habits/1";
  fs::create_directories(destination);
  std::ofstream(destination / "keep") << "x";
  auto dir = snapshot_service(root_.string(), (root_ / "services/habits").string(), destination.string());
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.error().message().find(destination.string()), std::string::npos) << dir.error().message();
  EXPECT_TRUE(fs::exists(destination / "keep"));  // nothing of the existing revision is lost
  EXPECT_FALSE(fs::exists(destination.string() + ".partial"));
}

}  // namespace
}  // namespace junction::control
