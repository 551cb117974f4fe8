#include "control/process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <sstream>
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

namespace {

// What /proc/PID/stat says of a process.
struct ProcessInfo {
  char state = 0;
  pid_t parent = 0;
  pid_t group = 0;
  unsigned long long started = 0;  // clock ticks after boot
};

std::optional<ProcessInfo> process_info(pid_t pid) {
  auto stat = read_file("/proc/" + std::to_string(pid) + "/stat");
  if (!stat.ok()) return std::nullopt;
  // "pid (command) S ppid pgrp ...": the fields follow the last parenthesis (a command may
  // hold one); the start time is field 22, the 20th after it.
  size_t close = stat->rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(stat->substr(close + 1));
  std::vector<std::string> after;
  for (std::string field; after.size() < 20 && fields >> field;) after.push_back(field);
  if (after.size() < 20) return std::nullopt;
  ProcessInfo info;
  info.state = after[0][0];
  info.parent = static_cast<pid_t>(std::strtol(after[1].c_str(), nullptr, 10));
  info.group = static_cast<pid_t>(std::strtol(after[2].c_str(), nullptr, 10));
  info.started = std::strtoull(after[19].c_str(), nullptr, 10);
  return info;
}

}  // namespace

bool process_alive(pid_t pid) {
  if (pid <= 0 || kill(pid, 0) != 0) return false;
  auto info = process_info(pid);
  if (!info) return true;  // no /proc: signal 0 is all there is
  return info->state != 'Z' && info->state != 'X';
}

bool running_in(pid_t pid, const std::string& dir) {
  if (pid <= 0 || kill(pid, 0) != 0) return false;
  std::error_code error;
  fs::path cwd = fs::read_symlink("/proc/" + std::to_string(pid) + "/cwd", error);
  if (error) return false;
  return cwd == fs::path(dir) || fs::weakly_canonical(dir, error) == cwd;
}

PortLease& PortLease::operator=(PortLease&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    port_ = other.port_;
  }
  return *this;
}

PortLease::~PortLease() {
  if (fd_ >= 0) close(fd_);
}

// The lease is an abstract Unix socket named after the port: binding it fails while another
// process holds it, and it is gone when its holder closes it or dies (no file to clean up).
Result<PortLease> lease_port(uint16_t port) {
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return PortLease(-1, port);  // cannot lease: the port is still worth trying
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::string name = "junction/port/" + std::to_string(port);
  std::memcpy(address.sun_path + 1, name.data(), name.size());  // sun_path[0] = 0: abstract
  auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + 1 + name.size());
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), length) != 0) {
    int failure = errno;
    close(fd);
    if (failure == EADDRINUSE) return Error("port " + std::to_string(port) + " is leased by another junction");
    return PortLease(-1, port);
  }
  return PortLease(fd, port);
}

Result<PortLease> lease_free_port() {
  // Probes stay bound until the end, so that the kernel hands out a different port each time.
  std::vector<int> probes;
  struct Closer {
    std::vector<int>& fds;
    ~Closer() {
      for (int fd : fds) close(fd);
    }
  } closer{probes};
  for (int attempt = 0; attempt < 32; ++attempt) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      int failure = errno;
      if (fd >= 0) close(fd);
      return Error(std::string("cannot find a free port on 127.0.0.1: ") + std::strerror(failure));
    }
    probes.push_back(fd);
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    auto lease = lease_port(ntohs(address.sin_port));
    if (lease.ok()) return lease;
  }
  return Error("cannot find a free port on 127.0.0.1: every port tried is leased by another junction");
}

namespace {

// The socket inodes listening on TCP `port` (IPv4 and IPv6), from /proc/net.
std::vector<std::string> listening_sockets(uint16_t port) {
  std::vector<std::string> inodes;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    auto text = read_file(table);
    if (!text.ok()) continue;
    std::istringstream lines(*text);
    std::string line;
    std::getline(lines, line);  // the header
    while (std::getline(lines, line)) {
      // "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ..."
      std::istringstream fields(line);
      std::vector<std::string> field;
      for (std::string value; field.size() < 10 && fields >> value;) field.push_back(value);
      if (field.size() < 10 || field[3] != "0A") continue;  // 0A: LISTEN
      size_t colon = field[1].rfind(':');
      if (colon == std::string::npos || std::strtoul(field[1].c_str() + colon + 1, nullptr, 16) != port) continue;
      inodes.push_back("socket:[" + field[9] + "]");
    }
  }
  return inodes;
}

// The processes that hold one of `sockets` open (those whose descriptors we may read).
std::vector<pid_t> holders_of(const std::vector<std::string>& sockets) {
  std::vector<pid_t> holders;
  std::error_code error;
  for (fs::directory_iterator process("/proc", error), end; !error && process != end; process.increment(error)) {
    std::string name = process->path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    std::error_code unreadable;
    for (fs::directory_iterator fd(process->path() / "fd", unreadable); !unreadable && fd != end;
         fd.increment(unreadable)) {
      std::error_code gone;
      std::string target = fs::read_symlink(fd->path(), gone).string();
      if (!gone && std::find(sockets.begin(), sockets.end(), target) != sockets.end()) {
        holders.push_back(static_cast<pid_t>(std::stol(name)));
        break;
      }
    }
  }
  return holders;
}

bool belongs_to(pid_t pid, pid_t group) {
  for (int depth = 0; depth < 64 && pid > 1; ++depth) {
    if (pid == group) return true;
    auto info = process_info(pid);
    if (!info) return false;
    if (info->group == group) return true;
    pid = info->parent;
  }
  return false;
}

std::string describe_process(pid_t pid) {
  auto command = read_file("/proc/" + std::to_string(pid) + "/cmdline");
  std::string text = command.ok() ? *command : "";
  std::replace(text.begin(), text.end(), '\0', ' ');
  while (!text.empty() && text.back() == ' ') text.pop_back();
  if (text.size() > 100) text = text.substr(0, 97) + "...";
  return "pid " + std::to_string(pid) + (text.empty() ? "" : " (" + text + ")");
}

}  // namespace

std::string foreign_listener(uint16_t port, pid_t group) {
  auto leader = process_info(group);
  if (!leader) return "";
  auto sockets = listening_sockets(port);
  if (sockets.empty()) return "";
  std::string foreign;
  for (pid_t holder : holders_of(sockets)) {
    if (belongs_to(holder, group)) return "";
    auto info = process_info(holder);
    if (!info || info->started >= leader->started) return "";  // maybe a proxy the service started
    if (foreign.empty()) foreign = describe_process(holder);
  }
  return foreign;
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
