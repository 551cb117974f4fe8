// Child processes of the control plane: services and one-shot commands run as `/bin/sh -c`
// in their own process group, output appended to a log file; stopping signals the whole
// group. Also free ports, the secrets file and recognising a process left by an earlier run.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"

namespace junction::control {

// Starts `/bin/sh -c command` in `dir` with exactly `environment`, in a new process group,
// stdin from /dev/null, stdout and stderr appended to `log`.
Result<pid_t> spawn_shell(const std::string& command, const std::string& dir, const std::string& log,
                          const std::vector<std::string>& environment);

// Waits for a child; on timeout kills its group. Returns the wait status.
struct Finished {
  int status = 0;
  bool timed_out = false;
};
Finished wait_child(pid_t pid, std::chrono::milliseconds timeout);

// "exited with status 3", "was killed by signal 9".
std::string describe_exit(int status);

// SIGTERM to the group, SIGKILL after `grace`. Reaps the child when it is ours; a process
// adopted from an earlier run is polled until it is gone.
void stop_group(pid_t pid, std::chrono::milliseconds grace = std::chrono::seconds(5));

// Whether `pid` is a live process: signal 0 reaches it and it is not a zombie (a process that
// is not our child and exited stays a zombie until its parent, maybe an init that never reaps,
// waits for it).
bool process_alive(pid_t pid);

// Whether `pid` is alive and runs in `dir` (so it is the process an earlier run started there,
// not another one that reused the pid).
bool running_in(pid_t pid, const std::string& dir);

// A free port on 127.0.0.1, leased until the lease is dropped: every junction on the machine
// locks `<tmp>/junction-ports/<port>` while a service it started on that port has not bound it
// yet, so two control planes starting services at once are not handed the same port.
class PortLease {
 public:
  PortLease() = default;
  PortLease(int fd, uint16_t port) : fd_(fd), port_(port) {}
  PortLease(PortLease&& other) noexcept : fd_(std::exchange(other.fd_, -1)), port_(other.port_) {}
  PortLease& operator=(PortLease&& other) noexcept;
  PortLease(const PortLease&) = delete;
  PortLease& operator=(const PortLease&) = delete;
  ~PortLease();
  [[nodiscard]] uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  uint16_t port_ = 0;
};
Result<PortLease> lease_free_port();
// Leases `port` when no other lease holds it (an error when one does).
Result<PortLease> lease_port(uint16_t port);

// A process that listens on TCP `port` and cannot be serving for the process group `group`:
// it is outside the group and not a descendant of its leader, and it started before the
// leader did. "pid 123 (node server.mjs)"; empty when there is none or it cannot be told
// (another user's process, no /proc, or a proxy started after the leader, like docker's).
std::string foreign_listener(uint16_t port, pid_t group);

// Whether a server could listen on host:port now (an error naming who to blame when not).
Status port_available(const std::string& host, uint16_t port);

// KEY=value lines (# comments, optional quotes), as in a .env file; a file others can read is
// refused. A missing file is empty.
Result<std::map<std::string, std::string>> read_secrets(const std::string& path);

}  // namespace junction::control
