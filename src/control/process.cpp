#include "control/process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include "common/file.h"

namespace junction::control {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

Result<pid_t> spawn_shell(const std::string& command, const std::string& dir, const std::string& log,
                          const std::vector<std::string>& environment) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  // Nothing else of ours (listening sockets, connections, the lock) leaks into the child.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  sigset_t defaults;  // what the control plane ignores, a service handles as usual
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGXFSZ);
  sigaddset(&defaults, SIGPIPE);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  std::vector<char*> argv = {const_cast<char*>("/bin/sh"), const_cast<char*>("-c"), const_cast<char*>(command.c_str()),
                             nullptr};
  std::vector<char*> envp;
  for (const std::string& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  pid_t pid = 0;
  int status = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (status != 0) return Error("cannot start `" + command + "` in " + dir + ": " + std::strerror(status));
  return pid;
}

Finished wait_child(pid_t pid, std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  Finished finished;
  while (waitpid(pid, &finished.status, WNOHANG) == 0) {
    if (Clock::now() > deadline) {
      kill(-pid, SIGKILL);
      waitpid(pid, &finished.status, 0);
      finished.timed_out = true;
      return finished;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return finished;
}

std::string describe_exit(int status) {
  if (WIFEXITED(status) && WEXITSTATUS(status) == 127) return "exited with status 127 (command not found)";
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "stopped";
}

void stop_group(pid_t pid, std::chrono::milliseconds grace) {
  if (pid <= 0) return;
  kill(-pid, SIGTERM);
  auto deadline = Clock::now() + grace;
  auto gone = [pid] {
    int status = 0;
    pid_t waited = waitpid(pid, &status, WNOHANG);
    if (waited == pid) return true;
    // Not our child (adopted from an earlier run): gone when signal 0 no longer reaches it.
    return waited < 0 && errno == ECHILD && !process_alive(pid);
  };
  while (!gone()) {
    if (Clock::now() > deadline) {
      kill(-pid, SIGKILL);
      int status = 0;
      waitpid(pid, &status, 0);
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

bool process_alive(pid_t pid) {
  if (pid <= 0 || kill(pid, 0) != 0) return false;
  auto stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  if (!stat.ok()) return true;  // no /proc: signal 0 is all there is
  // "pid (command) S ...": the state follows the last parenthesis (a command may hold one).
  size_t close = stat->rfind(')');
  if (close == std::string::npos || close + 2 >= stat->size()) return true;
  char state = (*stat)[close + 2];
  return state != 'Z' && state != 'X';
}

bool running_in(pid_t pid, const std::string& dir) {
  if (pid <= 0 || kill(pid, 0) != 0) return false;
  std::error_code error;
  fs::path cwd = fs::read_symlink("/proc/" + std::to_string(pid) + "/cwd", error);
  if (error) return false;
  return cwd == fs::path(dir) || fs::weakly_canonical(dir, error) == cwd;
}

Result<uint16_t> free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    if (fd >= 0) close(fd);
    return Error("cannot find a free port on 127.0.0.1");
  }
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return static_cast<uint16_t>(ntohs(address.sin_port));
}

Status port_available(const std::string& host, uint16_t port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  if (inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) return {};  // not IPv4: the server will say
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return {};
  int enable = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &enable, sizeof enable);
  int bound = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  int failure = errno;
  close(fd);
  if (bound != 0) {
    return Error(host + ":" + std::to_string(port) + " is not available: " + std::strerror(failure) +
                 (failure == EADDRINUSE ? " (another process uses the port)" : ""));
  }
  return {};
}

Result<std::map<std::string, std::string>> read_secrets(const std::string& path) {
  std::map<std::string, std::string> secrets;
  std::error_code error;
  if (!fs::exists(path, error)) return secrets;
  struct stat info {};
  if (stat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
    return Error(path + " must be readable by its owner only (chmod 600 " + path + ")");
  }
  auto text = read_file(path);
  if (!text.ok()) return std::move(text).error();
  size_t line_number = 0;
  size_t start = 0;
  while (start < text->size()) {
    size_t end = text->find('\n', start);
    std::string line = text->substr(start, end == std::string::npos ? std::string::npos : end - start);
    start = end == std::string::npos ? text->size() : end + 1;
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    size_t equals = line.find('=');
    if (equals == std::string::npos || equals == 0) {
      return Error(path + ":" + std::to_string(line_number) + ": expected NAME=value");
    }
    std::string value = line.substr(equals + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    secrets[line.substr(0, equals)] = value;
  }
  return secrets;
}

}  // namespace junction::control
