// Child processes of the control plane: services and one-shot commands run as `/bin/sh -c`
// in their own process group, output appended to a log file; stopping signals the whole
// group. Also free ports, the secrets file and recognising a process left by an earlier run.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
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

Result<uint16_t> free_port();
// Whether a server could listen on host:port now (an error naming who to blame when not).
Status port_available(const std::string& host, uint16_t port);

// KEY=value lines (# comments, optional quotes), as in a .env file; a file others can read is
// refused. A missing file is empty.
Result<std::map<std::string, std::string>> read_secrets(const std::string& path);

}  // namespace junction::control
