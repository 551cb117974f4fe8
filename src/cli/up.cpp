// `junction up [--detach]`: runs the stack of a junction.yaml on this machine until SIGINT,
// SIGTERM or `junction down`. One control plane per stack (a lock in .junction/); running `up`
// again while one runs says where it is. With --detach the control plane runs in the
// background (output in .junction/logs/junction.log) and `up` returns once the stack serves.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <thread>

#include "cli/commands.h"
#include "cli/control_client.h"
#include "common/file.h"
#include "control/api.h"
#include "control/runner.h"
#include "control/stack.h"
#include "gateway/config.h"
#include "json/read.h"
#include "json/value.h"
#include "json/write.h"

extern char** environ;  // NOLINT: POSIX

namespace junction::cli {
namespace {

namespace fs = std::filesystem;

// Holds .junction/up.lock while the control plane runs; -1 when another process holds it.
int take_lock(const fs::path& state) {
  int fd = ::open((state / "up.lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return -1;
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// The running control plane's status (JSON text), "" when it does not answer.
std::string running_status(const std::string& stack) {
  auto control = find_control(stack);
  if (!control.ok()) return "";
  auto response = call_control(*control, "GET", "/status", "", std::chrono::seconds(5));
  return response.ok() && response->status == 200 ? response->body : "";
}

std::string gateway_url(const std::string& status_text) {
  auto status = json::parse(status_text);
  const json::Value* url = status.ok() ? status->find("gateway") : nullptr;
  return url != nullptr && url->is_string() ? url->as_string() : "";
}

// Where everything is, and a query to try: the shortest smoke query of the stack.
void print_ready(const control::StackSpec& stack, const std::string& status_text) {
  std::string url = gateway_url(status_text);
  std::cerr << "junction up: stack \"" << stack.name << "\" is up\n  GraphQL: " << url << "\n";
  auto status = json::parse(status_text);
  const json::Value* services = status.ok() ? status->find("services") : nullptr;
  std::string sample = "{ __typename }";
  for (const control::ServiceSpec& service : stack.services) {
    for (const control::SmokeQuery& smoke : service.smoke) {
      if (sample == "{ __typename }" || smoke.query.size() < sample.size()) sample = smoke.query;
    }
    if (service.subgraph || services == nullptr || !services->is_array()) continue;
    for (const json::Value& entry : services->as_array()) {
      const json::Value* name = entry.find("name");
      const json::Value* port = entry.find("port");
      if (name != nullptr && name->is_string() && name->as_string() == service.name && port != nullptr) {
        std::cerr << "  " << service.name << ": http://127.0.0.1:" << json::to_string(*port) << "/\n";
      }
    }
  }
  json::Value body = json::Value::object();
  body.set("query", sample);
  std::string root = stack.root;
  std::cerr << "  try: curl -s " << url << " -H 'content-type: application/json' -d '" << json::to_string(body)
            << "'\n  manage: junction status --stack " << root << "; junction deploy SERVICE --stack " << root
            << "; junction down --stack " << root << "\n";
}

// Starts `junction up FILE` in the background, in its own session, and waits until it serves.
int detach(const UpOptions& options, const control::StackSpec& stack, const fs::path& state) {
  const std::string& root = stack.root;
  fs::create_directories(state / "logs");
  std::string log = (state / "logs" / "junction.log").string();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  // Nothing else of ours (listening sockets, connections, the lock) leaks into the child.
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);
  std::string self = fs::read_symlink("/proc/self/exe").string();
  std::vector<char*> argv = {const_cast<char*>(self.c_str()), const_cast<char*>("up"),
                             const_cast<char*>(options.file.c_str()), nullptr};
  pid_t pid = 0;
  int failed = posix_spawn(&pid, self.c_str(), &actions, &attributes, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (failed != 0) {
    std::cerr << "error: cannot start the control plane in the background: " << std::strerror(failed) << "\n";
    return 1;
  }
  std::cerr << "junction up: control plane started in the background (pid " << pid << "; log " << log << ")\n";
  while (true) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) {
      auto text = read_file(log);
      std::string tail = text.ok() ? *text : "";
      size_t from = tail.size() > 4000 ? tail.rfind('\n', tail.size() - 4000) : 0;
      std::cerr << (from == std::string::npos ? tail : tail.substr(from)) << "error: the control plane stopped (see "
                << log << ")\n";
      return 1;
    }
    auto control = find_control(root);
    if (control.ok() && control->pid == pid) {
      std::string serving = running_status(root);
      if (!serving.empty()) {
        print_ready(stack, serving);
        return 0;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

}  // namespace

int run_up(const UpOptions& options) {
  auto stack = control::load_stack(options.file, process_environment());
  if (!stack.ok()) {
    std::cerr << "error: " << stack.error().message() << "\n";
    return 1;
  }
  std::string root = stack->root;
  fs::path state = fs::path(root) / ".junction";
  std::error_code created;
  fs::create_directories(state, created);
  if (created) {
    std::cerr << "error: cannot create " << state.string() << ": " << created.message() << "\n";
    return 1;
  }
  int lock = take_lock(state);
  if (lock < 0) {
    auto control = find_control(root);
    std::string url = gateway_url(running_status(root));
    std::cerr << "junction up: the stack is already running"
              << (control.ok() ? " (control plane pid " + std::to_string(control->pid) + ")" : std::string())
              << (url.empty() ? "" : "; GraphQL at " + url) << "\n  `junction status --stack " << root
              << "` shows it, `junction down --stack " << root << "` stops it\n";
    return 0;
  }
  if (options.detach) {
    close(lock);  // the background control plane takes it
    return detach(options, *stack, state);
  }
  // Signals are taken by sigwait below; children get a clean mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  // A file that cannot grow (a full disk, a file-size limit) is an error to report, not a
  // reason to die: writes then fail with EFBIG like they fail with ENOSPC.
  signal(SIGXFSZ, SIG_IGN);

  control::StackSpec spec = *stack;
  control::RunnerOptions runner_options;
  runner_options.log = [](const std::string& line) { std::cerr << "junction up: " << line << "\n"; };
  // Tuning knobs (seconds; the tests shorten them).
  auto seconds = [](const char* name, std::chrono::milliseconds fallback) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return fallback;
    char* end = nullptr;
    double parsed = std::strtod(value, &end);
    if (end == value || *end != '\0' || parsed < 0) {
      std::cerr << "junction up: ignoring " << name << "=" << value << " (expected seconds, like 0.5)\n";
      return fallback;
    }
    return std::chrono::milliseconds(static_cast<int64_t>(parsed * 1000));
  };
  runner_options.restart_backoff = seconds("JUNCTION_RESTART_BACKOFF", runner_options.restart_backoff);
  runner_options.health_interval = seconds("JUNCTION_HEALTH_INTERVAL", runner_options.health_interval);
  runner_options.health_timeout = seconds("JUNCTION_HEALTH_TIMEOUT", runner_options.health_timeout);
  if (const char* bytes = std::getenv("JUNCTION_LOG_MAX_BYTES"); bytes != nullptr && *bytes != '\0') {
    char* end = nullptr;
    unsigned long long parsed = std::strtoull(bytes, &end, 10);
    if (end != bytes && *end == '\0' && parsed > 0) {
      runner_options.log_max_bytes = parsed;
    } else {
      std::cerr << "junction up: ignoring JUNCTION_LOG_MAX_BYTES=" << bytes << " (expected a number of bytes)\n";
    }
  }
  if (const char* step = std::getenv("JUNCTION_CRASH_AT"); step != nullptr) runner_options.crash_at = step;
  control::StackRunner runner(std::move(stack).value(), runner_options);
  auto port = runner.start();
  if (!port.ok()) {
    std::cerr << "error: " << port.error().message() << "\n";
    return 1;
  }
  control::ControlApi api(runner, [] { kill(getpid(), SIGTERM); });
  if (auto serving = api.start(); !serving.ok()) {
    std::cerr << "error: " << serving.error().message() << "\n";
    runner.stop();
    return 1;
  }
  print_ready(spec, runner.status_json());
  int received = 0;
  sigwait(&signals, &received);
  std::cerr << "junction up: " << (received == SIGTERM ? "SIGTERM" : "SIGINT") << " received, stopping the stack\n";
  api.stop();
  runner.stop();
  close(lock);
  return 0;
}

}  // namespace junction::cli
