#include "control/process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "common/file.h"

namespace junction::control {
namespace {

namespace fs = std::filesystem;

// Processes of group `group` that still run (zombies waiting for init do not count).
int running_in_group(pid_t group) {
  int count = 0;
  for (const auto& entry : fs::directory_iterator("/proc")) {
    std::string name = entry.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    std::getline(stat, line);
    size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    char state = 0;
    long parent = 0;
    long pgrp = 0;
    if (std::sscanf(line.c_str() + close + 1, " %c %ld %ld", &state, &parent, &pgrp) == 3 && pgrp == group &&
        state != 'Z') {
      ++count;
    }
  }
  return count;
}

class ProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("junction-process-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  fs::path dir_;
};

TEST_F(ProcessTest, AShellCommandRunsInItsFolderWithExactlyItsEnvironment) {
  auto pid = spawn_shell("echo \"$GREETING from $(pwd)\"; echo oops >&2; exit 3", dir_.string(), path("out.log"),
                         {"GREETING=hello", "PATH=/usr/bin:/bin"});
  ASSERT_TRUE(pid.ok()) << pid.error().message();
  Finished finished = wait_child(*pid, std::chrono::seconds(10));
  EXPECT_FALSE(finished.timed_out);
  EXPECT_EQ(describe_exit(finished.status), "exited with status 3");
  EXPECT_EQ(*read_file(path("out.log")), "hello from " + fs::canonical(dir_).string() + "\noops\n");
}

TEST_F(ProcessTest, ACommandThatDoesNotExistSaysSo) {
  auto pid = spawn_shell("no-such-command-here --flag", dir_.string(), path("out.log"), {"PATH=/usr/bin:/bin"});
  ASSERT_TRUE(pid.ok());
  Finished finished = wait_child(*pid, std::chrono::seconds(10));
  EXPECT_EQ(describe_exit(finished.status), "exited with status 127 (command not found)");
  EXPECT_NE(read_file(path("out.log"))->find("no-such-command-here"), std::string::npos);
}

TEST_F(ProcessTest, ACommandPastItsTimeoutIsKilledWithItsChildren) {
  auto pid = spawn_shell("sleep 30 & sleep 30", dir_.string(), path("out.log"), {"PATH=/usr/bin:/bin"});
  ASSERT_TRUE(pid.ok());
  Finished finished = wait_child(*pid, std::chrono::milliseconds(200));
  EXPECT_TRUE(finished.timed_out);
  EXPECT_EQ(describe_exit(finished.status), "was killed by signal 9");
  // The whole group is gone (SIGKILL takes effect when each process is next scheduled).
  for (int wait = 0; wait < 100 && running_in_group(*pid) != 0; ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(running_in_group(*pid), 0);
}

TEST_F(ProcessTest, StoppingAGroupAndRecognisingItsProcess) {
  auto pid = spawn_shell("sleep 30", dir_.string(), path("out.log"), {"PATH=/usr/bin:/bin"});
  ASSERT_TRUE(pid.ok());
  EXPECT_TRUE(running_in(*pid, dir_.string()));
  EXPECT_FALSE(running_in(*pid, fs::temp_directory_path().string()));
  stop_group(*pid, std::chrono::seconds(5));
  EXPECT_FALSE(running_in(*pid, dir_.string()));
  EXPECT_FALSE(running_in(0, dir_.string()));
}

// A process that exited and waits to be reaped is not alive: where init never reaps the orphans
// of a killed control plane, signal 0 alone would wait for them forever.
TEST_F(ProcessTest, AZombieIsNotAlive) {
  EXPECT_TRUE(process_alive(getpid()));
  EXPECT_FALSE(process_alive(0));
  auto pid = spawn_shell("sleep 30", dir_.string(), path("out.log"), {"PATH=/usr/bin:/bin"});
  ASSERT_TRUE(pid.ok());
  EXPECT_TRUE(process_alive(*pid));
  ASSERT_EQ(kill(*pid, SIGKILL), 0);
  siginfo_t info{};
  ASSERT_EQ(waitid(P_PID, static_cast<id_t>(*pid), &info, WEXITED | WNOWAIT), 0);  // exited, not reaped
  EXPECT_EQ(kill(*pid, 0), 0);
  EXPECT_FALSE(process_alive(*pid));
  int status = 0;
  waitpid(*pid, &status, 0);
}

TEST_F(ProcessTest, SecretsFileIsReadAndMustBePrivate) {
  EXPECT_TRUE(read_secrets(path("missing"))->empty());
  std::ofstream(path("secrets")) << "# comment\nAPI_TOKEN=\"s3cret\"\nEMPTY=\nURL=postgres://a=b\n";
  chmod(path("secrets").c_str(), 0644);
  auto open = read_secrets(path("secrets"));
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.error().message(),
            path("secrets") + " must be readable by its owner only (chmod 600 " + path("secrets") + ")");
  chmod(path("secrets").c_str(), 0600);
  auto secrets = read_secrets(path("secrets"));
  ASSERT_TRUE(secrets.ok()) << secrets.error().message();
  EXPECT_EQ((*secrets)["API_TOKEN"], "s3cret");
  EXPECT_EQ((*secrets)["EMPTY"], "");
  EXPECT_EQ((*secrets)["URL"], "postgres://a=b");
  std::ofstream(path("secrets"), std::ios::app) << "no equals sign\n";
  auto bad = read_secrets(path("secrets"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message(), path("secrets") + ":5: expected NAME=value");
}

TEST_F(ProcessTest, FreePortsAreOnLoopback) {
  auto port = free_port();
  ASSERT_TRUE(port.ok());
  EXPECT_GT(*port, 0);
}

}  // namespace
}  // namespace junction::control
