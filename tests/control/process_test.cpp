#include "control/process.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>
#include <utility>
#include <vector>

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

TEST_F(ProcessTest, ALeasedPortIsFreeAndNotLeasedTwice) {
  auto lease = lease_free_port();
  ASSERT_TRUE(lease.ok()) << lease.error().message();
  uint16_t port = lease->port();
  EXPECT_GT(port, 0);
  EXPECT_TRUE(port_available("127.0.0.1", port).ok());  // a service can bind it
  auto again = lease_port(port);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message(), "port " + std::to_string(port) + " is leased by another junction");
  std::vector<PortLease> held;
  for (int i = 0; i < 20; ++i) {
    auto other = lease_free_port();
    ASSERT_TRUE(other.ok()) << other.error().message();
    EXPECT_NE(other->port(), port);
    held.push_back(std::move(other).value());
  }
  *lease = PortLease();  // dropped: the port can be leased again
  EXPECT_TRUE(lease_port(port).ok());
}

// A listening socket on 127.0.0.1 and its port.
std::pair<int, uint16_t> listen_on_loopback() {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0 || listen(fd, 4) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return {-1, 0};
  }
  return {fd, ntohs(address.sin_port)};
}

// A forked process in a group of its own that keeps `fd` open (or, when -1, opens a listening
// socket of its own and writes its port to `report`) until it is killed.
pid_t hold_in_own_group(int report) {
  pid_t pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    if (report >= 0) {
      auto [fd, port] = listen_on_loopback();
      (void)fd;
      (void)!write(report, &port, sizeof port);
    }
    for (;;) pause();
  }
  return pid;
}

TEST_F(ProcessTest, AListenerOutsideTheGroupThatStartedBeforeItIsForeign) {
  auto [fd, port] = listen_on_loopback();  // held by this test process, which started first
  ASSERT_GE(fd, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));  // start times count 10 ms ticks
  auto service = spawn_shell("sleep 30", dir_.string(), path("out.log"), {"PATH=/usr/bin:/bin"});
  ASSERT_TRUE(service.ok());
  EXPECT_EQ(foreign_listener(port, *service).rfind("pid " + std::to_string(getpid()) + " (", 0), 0u)
      << foreign_listener(port, *service);

  // The same socket also held in the service's group: it may be serving there.
  pid_t inside = hold_in_own_group(-1);
  ASSERT_GT(inside, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  EXPECT_EQ(foreign_listener(port, inside), "");
  kill(inside, SIGKILL);
  waitpid(inside, nullptr, 0);

  // A listener that started after the group's leader may be a proxy the service started.
  int report[2];
  ASSERT_EQ(pipe(report), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(30));
  pid_t later = hold_in_own_group(report[1]);
  uint16_t later_port = 0;
  ASSERT_EQ(read(report[0], &later_port, sizeof later_port), static_cast<ssize_t>(sizeof later_port));
  EXPECT_EQ(foreign_listener(later_port, *service), "");
  kill(later, SIGKILL);
  waitpid(later, nullptr, 0);
  close(report[0]);
  close(report[1]);

  close(fd);  // nobody listens: nothing foreign
  EXPECT_EQ(foreign_listener(port, *service), "");
  stop_group(*service);
  EXPECT_EQ(foreign_listener(later_port, *service), "");  // no such group any more
}

}  // namespace
}  // namespace junction::control
