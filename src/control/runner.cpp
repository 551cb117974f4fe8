#include "control/runner.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "common/file.h"
#include "composition/compose.h"
#include "control/remote.h"
#include "gateway/gateway.h"
#include "json/read.h"
#include "json/value.h"
#include "json/write.h"
#include "net/http_client.h"
#include "net/http_server.h"
#include "store/store.h"

extern char** environ;  // NOLINT: POSIX

namespace junction::control {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string sha256_hex(std::string_view text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int index = 0; index < length; ++index) {
    out += kHex[digest[index] >> 4];
    out += kHex[digest[index] & 15];
  }
  return out;
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

// KEY=value lines (# comments, optional quotes), as in a .env file.
Result<std::map<std::string, std::string>> read_secrets(const fs::path& path) {
  std::map<std::string, std::string> secrets;
  std::error_code error;
  if (!fs::exists(path, error)) return secrets;
  struct stat info {};
  if (stat(path.c_str(), &info) == 0 && (info.st_mode & 077) != 0) {
    return Error(path.string() + " must be readable by its owner only (chmod 600 " + path.string() + ")");
  }
  auto text = read_file(path.string());
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
      return Error(path.string() + ":" + std::to_string(line_number) + ": expected NAME=value");
    }
    std::string value = line.substr(equals + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    secrets[line.substr(0, equals)] = value;
  }
  return secrets;
}

// A child running `/bin/sh -c command` in `dir`, in its own process group, output appended to
// `log`. Returns its pid.
Result<pid_t> spawn_shell(const std::string& command, const std::string& dir, const std::string& log,
                          const std::vector<std::string>& environment) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, dir.c_str());
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attributes, &none);
  std::vector<char*> argv = {const_cast<char*>("/bin/sh"), const_cast<char*>("-c"), const_cast<char*>(command.c_str()),
                             nullptr};
  std::vector<char*> envp;
  for (const std::string& entry : environment) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  pid_t pid = 0;
  int status = posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (status != 0) return Error("cannot start `" + command + "`: " + std::strerror(status));
  return pid;
}

std::string describe_exit(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "stopped";
}

}  // namespace

struct StackRunner::Impl {
  struct Service {
    const ServiceSpec* spec = nullptr;
    uint16_t port = 0;
    int revision = 1;
    std::string log;                       // this revision's output
    std::vector<std::string> environment;  // without PORT
    pid_t pid = 0;
    std::vector<Clock::time_point> restarts;
    bool failed = false;
    Clock::time_point restart_at{};
  };

  StackSpec stack;
  RunnerOptions options;
  fs::path state;  // .junction
  std::map<std::string, Service> services;
  std::unique_ptr<gateway::Gateway> gateway;
  std::thread supervisor;
  std::mutex mutex;  // services' pid, port, revision (supervisor and deploys)
  std::mutex deploy_mutex;
  std::unique_ptr<store::Store> history;  // .junction/state.db
  std::string step;                       // the step of the deploy running (deploy_mutex)
  std::unique_ptr<net::HttpServer> api;   // the control API the CLI talks to
  std::string token;
  std::vector<std::thread> jobs;  // deploys started through the API
  std::mutex jobs_mutex;
  std::condition_variable wake;
  bool stopping = false;

  void say(const std::string& line) const {
    if (options.log) options.log(line);
  }

  // Runs a one-shot command (build, migration) to completion; fails on a non-zero exit.
  Status run_once(const Service& service, const std::string& what, const std::string& command) {
    say(service.spec->name + ": " + what + ": " + command);
    auto pid = spawn_shell(command, service.spec->dir, service.log, service.environment);
    if (!pid.ok()) return Error(service.spec->name + ": " + what + " failed: " + pid.error().message());
    auto deadline = Clock::now() + options.command_timeout;
    int status = 0;
    while (waitpid(*pid, &status, WNOHANG) == 0) {
      if (Clock::now() > deadline) {
        kill(-*pid, SIGKILL);
        waitpid(*pid, &status, 0);
        return Error(service.spec->name + ": " + what + " timed out after " +
                     std::to_string(options.command_timeout.count() / 1000) + " s (see " + service.log + ")");
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      return Error(service.spec->name + ": " + what + " `" + command + "` " + describe_exit(status) + " (see " +
                   service.log + ")");
    }
    return {};
  }

  std::string log_of(const std::string& name, int revision) const {
    fs::path logs = state / "logs" / name;
    fs::create_directories(logs);
    return (logs / (std::to_string(revision) + ".log")).string();
  }

  // Starts a revision of the service on `port`, with its output in `log`.
  Result<pid_t> spawn_revision(const Service& service, uint16_t port, const std::string& log) const {
    std::vector<std::string> environment = service.environment;
    environment.push_back("PORT=" + std::to_string(port));
    auto pid = spawn_shell(service.spec->run, service.spec->dir, log, environment);
    if (!pid.ok()) return Error(service.spec->name + ": start failed: " + pid.error().message());
    return pid;
  }

  Status launch(Service& service) {
    auto pid = spawn_revision(service, service.port, service.log);
    if (!pid.ok()) return std::move(pid).error();
    service.pid = *pid;
    return {};
  }

  // Waits for a started revision's health check; a revision that exits first is reaped and
  // reported.
  Status wait_healthy(const Service& service, pid_t pid, uint16_t port, const std::string& log) const {
    std::string url = "http://127.0.0.1:" + std::to_string(port) + service.spec->health_path;
    auto deadline = Clock::now() + options.health_timeout;
    while (Clock::now() < deadline) {
      int status = 0;
      if (waitpid(pid, &status, WNOHANG) == pid) {
        return Error(service.spec->name + ": the service " + describe_exit(status) +
                     " before its health check passed (see " + log + ")");
      }
      net::HttpRequest request;
      request.method = "GET";
      request.url = url;
      request.timeout = std::chrono::milliseconds(1000);
      auto response = net::fetch(request);
      if (response.ok() && response->status >= 200 && response->status < 300) return {};
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return Error(service.spec->name + ": no healthy answer from " + url + " within " +
                 std::to_string(options.health_timeout.count() / 1000) + " s (see " + log + ")");
  }

  // Stops a revision: SIGTERM to its process group, SIGKILL after 5 s.
  static void stop_revision(pid_t pid) {
    if (pid <= 0) return;
    kill(-pid, SIGTERM);
    auto deadline = Clock::now() + std::chrono::seconds(5);
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
      if (Clock::now() > deadline) {
        kill(-pid, SIGKILL);
        waitpid(pid, &status, 0);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  Status prepare(Service& service, const std::map<std::string, std::string>& secrets) {
    const ServiceSpec& spec = *service.spec;
    if (spec.port) {
      service.port = *spec.port;
    } else {
      auto port = free_port();
      if (!port.ok()) return std::move(port).error();
      service.port = *port;
    }
    service.log = log_of(spec.name, service.revision);
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
      if (std::string_view(*entry).starts_with("PORT=")) continue;
      service.environment.emplace_back(*entry);
    }
    for (const auto& [name, value] : spec.env) service.environment.push_back(name + "=" + value);
    for (const std::string& secret : spec.secrets) {
      auto found = secrets.find(secret);
      const char* from_environment = std::getenv(secret.c_str());
      if (found == secrets.end() && from_environment == nullptr) {
        return Error(spec.name + ": secret " + secret + " is not in " + (state / "secrets").string() +
                     " nor in the environment");
      }
      if (found != secrets.end()) service.environment.push_back(secret + "=" + found->second);
    }
    return {};
  }

  // Composes the services' current SDL; `candidate` (a service name) is read from `port` instead.
  Result<std::string> compose(const std::string& candidate = "", uint16_t port = 0) {
    std::vector<composition::SubgraphSource> sources;
    for (const auto& [name, service] : services) {
      uint16_t serving = name == candidate ? port : service.port;
      std::string url = "http://127.0.0.1:" + std::to_string(serving) + service.spec->graphql_path;
      auto sdl = fetch_subgraph_sdl(url, RemoteOptions{});
      if (!sdl.ok()) return Error(name + ": reading its schema failed: " + sdl.error().message());
      sources.push_back({name, url, std::move(sdl).value(), name});
    }
    composition::ComposeResult result = composition::compose(sources);
    if (!result.errors.empty()) {
      std::string message = "composition failed:";
      for (const auto& error : result.errors) message += "\n  error[" + error.code + "]: " + error.message;
      return Error(message);
    }
    return std::move(*result.supergraph_sdl);
  }

  Result<std::string> publish(const std::string& sdl) {
    fs::create_directories(state / "supergraphs");
    fs::path versioned = state / "supergraphs" / (sha256_hex(sdl) + ".graphql");
    if (Status written = write_file_atomically(versioned.string(), sdl); !written.ok()) return written.error();
    fs::path pointer = state / "supergraph.graphql";
    if (Status written = write_file_atomically(pointer.string(), sdl); !written.ok()) return written.error();
    return versioned.string();
  }

  void stop_services() {
    for (auto& [name, service] : services) {
      if (service.pid > 0) kill(-service.pid, SIGTERM);
    }
    auto deadline = Clock::now() + std::chrono::seconds(5);
    for (auto& [name, service] : services) {
      while (service.pid > 0) {
        int status = 0;
        if (waitpid(service.pid, &status, WNOHANG) == service.pid || Clock::now() > deadline) {
          if (Clock::now() > deadline) {
            kill(-service.pid, SIGKILL);
            waitpid(service.pid, &status, 0);
          }
          service.pid = 0;
          break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
    }
  }

  // Deploys a new revision of one service beside the running one: build, migrate up, start on
  // a new port, health check, compose with the others, publish, wait for the gateway to swap,
  // then drain and stop the old revision. Any failure stops the new revision, migrates down
  // and leaves the old one serving.
  Status deploy_one(const std::string& name) {
    auto found = services.find(name);
    if (found == services.end()) return Error("no service \"" + name + "\" in the stack");
    Service& service = found->second;
    int revision = service.revision + 1;
    std::string log = log_of(name, revision);
    Service candidate = service;  // build and migrate write to the new revision's log
    candidate.log = log;
    say(name + ": deploying revision " + std::to_string(revision) + " (log: " + log + ")");
    step = "build";
    if (!service.spec->build.empty()) {
      if (Status built = run_once(candidate, "build", service.spec->build); !built.ok()) return built;
    }
    bool migrated = false;
    auto undo = [&](pid_t pid, Error error) -> Status {
      stop_revision(pid);
      if (migrated) {
        Status down = run_once(candidate, "migrate down", service.spec->migrate_down);
        if (!down.ok()) say(down.error().message());
      }
      say(name + ": deploy failed; revision " + std::to_string(service.revision) + " keeps serving");
      return error;
    };
    step = "migrate up";
    if (!service.spec->migrate_up.empty()) {
      if (Status up = run_once(candidate, "migrate up", service.spec->migrate_up); !up.ok()) return up;
      migrated = true;
    }
    step = "start";
    auto port = free_port();
    if (!port.ok()) return undo(0, std::move(port).error());
    auto pid = spawn_revision(service, *port, log);
    if (!pid.ok()) return undo(0, std::move(pid).error());
    step = "health";
    if (Status healthy = wait_healthy(service, *pid, *port, log); !healthy.ok()) return undo(*pid, healthy.error());
    step = "compose";
    auto sdl = compose(name, *port);
    if (!sdl.ok()) return undo(*pid, Error(name + ": " + sdl.error().message()));
    step = "publish";
    uint64_t before = gateway ? gateway->generation() : 0;
    auto published = publish(*sdl);
    if (!published.ok()) return undo(*pid, std::move(published).error());
    for (int wait = 0; gateway && gateway->generation() == before && wait < 250; ++wait) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    pid_t old = 0;
    {
      std::lock_guard lock(mutex);
      old = service.pid;
      service.pid = *pid;
      service.port = *port;
      service.revision = revision;
      service.log = log;
      service.restarts.clear();
      service.failed = false;
    }
    say(name + ": revision " + std::to_string(revision) + " serving on port " + std::to_string(*port) +
        "; supergraph " + *published);
    // Requests that started on the previous supergraph may still reach the old revision.
    std::this_thread::sleep_for(std::chrono::seconds(1));
    stop_revision(old);
    return {};
  }

  // Restarts services that exit, with backoff (1 s doubling to 30 s); five exits within a
  // minute is a crash loop: the service is marked failed and left down.
  void supervise() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      wake.wait_for(lock, std::chrono::milliseconds(200));
      if (stopping) break;
      auto now = Clock::now();
      for (auto& [name, service] : services) {
        if (service.failed) continue;
        if (service.pid > 0) {
          int status = 0;
          if (waitpid(service.pid, &status, WNOHANG) != service.pid) continue;
          service.pid = 0;
          std::erase_if(service.restarts, [&](Clock::time_point at) { return now - at > std::chrono::minutes(1); });
          if (service.restarts.size() >= 5) {
            service.failed = true;
            say(name + ": " + describe_exit(status) + " again: crash loop, marked failed (see " + service.log + ")");
            continue;
          }
          auto delay = std::chrono::seconds(std::min<int64_t>(30, int64_t{1} << service.restarts.size()));
          service.restart_at = now + delay;
          say(name + ": " + describe_exit(status) + "; restarting in " + std::to_string(delay.count()) + " s (see " +
              service.log + ")");
          continue;
        }
        if (now < service.restart_at) continue;
        service.restarts.push_back(now);
        if (Status started = launch(service); !started.ok()) say(started.error().message());
      }
    }
  }
};

StackRunner::StackRunner(StackSpec stack, RunnerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->stack = std::move(stack);
  impl_->options = std::move(options);
  impl_->state = fs::path(impl_->stack.root) / ".junction";
}

StackRunner::~StackRunner() { stop(); }

Result<uint16_t> StackRunner::start() {
  Impl& impl = *impl_;
  fs::create_directories(impl.state);
  auto history = store::Store::open((impl.state / "state.db").string());
  if (!history.ok()) return std::move(history).error();
  impl.history = std::move(history).value();
  if (auto interrupted = impl.history->fail_interrupted(); interrupted.ok() && *interrupted > 0) {
    impl.say(std::to_string(*interrupted) + " deploy(s) interrupted by the last stop are recorded as failed");
  }
  auto secrets = read_secrets(impl.state / "secrets");
  if (!secrets.ok()) return std::move(secrets).error();
  for (const ServiceSpec& spec : impl.stack.services) {
    Impl::Service& service = impl.services[spec.name];
    service.spec = &spec;
    if (Status ready = impl.prepare(service, *secrets); !ready.ok()) return ready.error();
  }
  auto fail = [&](Error error) -> Result<uint16_t> {
    impl.stop_services();
    return error;
  };
  for (auto& [name, service] : impl.services) {
    if (!service.spec->build.empty()) {
      if (Status built = impl.run_once(service, "build", service.spec->build); !built.ok()) return fail(built.error());
    }
    if (!service.spec->migrate_up.empty()) {
      if (Status migrated = impl.run_once(service, "migrate up", service.spec->migrate_up); !migrated.ok()) {
        return fail(migrated.error());
      }
    }
    impl.say(name + ": starting on port " + std::to_string(service.port) + " (log: " + service.log + ")");
    if (Status started = impl.launch(service); !started.ok()) return fail(started.error());
  }
  for (auto& [name, service] : impl.services) {
    if (Status healthy = impl.wait_healthy(service, service.pid, service.port, service.log); !healthy.ok()) {
      Impl::stop_revision(service.pid);
      service.pid = 0;
      return fail(healthy.error());
    }
    impl.say(name + ": healthy");
  }
  auto sdl = impl.compose();
  if (!sdl.ok()) return fail(std::move(sdl).error());
  auto published = impl.publish(*sdl);
  if (!published.ok()) return fail(std::move(published).error());
  impl.say("supergraph published: " + *published);

  gateway::GatewayOptions gateway_options;
  if (!impl.stack.gateway_config.empty()) {
    auto config = gateway::load_gateway_config(impl.stack.gateway_config, process_environment());
    if (!config.ok()) return fail(std::move(config).error());
    gateway_options.config = std::move(config).value();
  }
  gateway_options.config.listen = impl.stack.gateway_listen;
  gateway_options.supergraph = (impl.state / "supergraph.graphql").string();
  gateway_options.hot_reload = true;
  impl.gateway = std::make_unique<gateway::Gateway>(gateway_options);
  auto port = impl.gateway->start();
  if (!port.ok()) return fail(std::move(port).error());
  impl.supervisor = std::thread([&impl] { impl.supervise(); });
  if (Status api = start_api(); !api.ok()) {
    stop();
    return api.error();
  }
  return port;
}

Status StackRunner::start_api() {
  Impl& impl = *impl_;
  unsigned char random[24];
  if (RAND_bytes(random, sizeof random) != 1) return Error("cannot make a control API token");
  static constexpr char kHex[] = "0123456789abcdef";
  for (unsigned char byte : random) {
    impl.token += kHex[byte >> 4];
    impl.token += kHex[byte & 15];
  }
  net::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.workers = 1;
  impl.api = std::make_unique<net::HttpServer>(
      options, [this](net::ServerRequest&& request, net::ClientPool& pool, net::HttpServer::Respond respond) {
        handle_api(std::move(request), pool, std::move(respond));
      });
  auto port = impl.api->start();
  if (!port.ok()) return Error("cannot serve the control API: " + port.error().message());
  json::Value control = json::Value::object();
  control.set("url", "http://127.0.0.1:" + std::to_string(*port));
  control.set("token", impl.token);
  fs::path file = impl.state / "control.json";
  if (Status written = write_file_atomically(file.string(), json::to_string(control)); !written.ok()) {
    return written.error();
  }
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace);
  return {};
}

void StackRunner::handle_api(net::ServerRequest&& request, net::ClientPool& pool, net::HttpServer::Respond respond) {
  Impl& impl = *impl_;
  auto reply = [](int status, std::string body) {
    net::ServerResponse response;
    response.status = status;
    response.headers.emplace_back("Content-Type", "application/json");
    response.body = std::move(body);
    return response;
  };
  auto error_body = [](const std::string& message) {
    json::Value body = json::Value::object();
    body.set("ok", json::Value(false));
    body.set("error", message);
    return json::to_string(body);
  };
  if (request.header("authorization") != "Bearer " + impl.token) {
    respond(reply(401, error_body("missing or wrong token (the CLI reads it from .junction/control.json)")));
    return;
  }
  if (request.method == "GET" && request.path() == "/status") {
    respond(reply(200, status_json()));
    return;
  }
  if (request.method == "GET" && request.path() == "/history") {
    respond(reply(200, history_json()));
    return;
  }
  if (request.method == "POST" && request.path() == "/deploy") {
    auto body = json::parse(request.body);
    std::vector<std::string> names;
    const json::Value* list = body.ok() ? body->find("services") : nullptr;
    if (list != nullptr && list->is_array()) {
      for (const json::Value& name : list->as_array()) {
        if (name.is_string()) names.push_back(name.as_string());
      }
    }
    // A deploy takes seconds: it runs on its own thread and answers on the API's loop.
    std::lock_guard lock(impl.jobs_mutex);
    impl.jobs.emplace_back([this, names, &pool, respond = std::move(respond), reply, error_body]() mutable {
      Status deployed = deploy(names);
      std::string answer = deployed.ok() ? std::string(R"({"ok":true})") : error_body(deployed.error().message());
      int status = deployed.ok() ? 200 : 409;
      pool.post([respond = std::move(respond), reply, status, answer = std::move(answer)]() {
        respond(reply(status, answer));
      });
    });
    return;
  }
  respond(reply(404, error_body("no such endpoint (GET /status, GET /history, POST /deploy)")));
}

void StackRunner::stop() {
  Impl& impl = *impl_;
  {
    std::lock_guard lock(impl.jobs_mutex);
    for (std::thread& job : impl.jobs) job.join();  // a deploy finishes before the stack stops
    impl.jobs.clear();
  }
  if (impl.api) impl.api->stop(std::chrono::milliseconds(1000));
  impl.api.reset();
  {
    std::lock_guard lock(impl.mutex);
    impl.stopping = true;
  }
  impl.wake.notify_all();
  if (impl.supervisor.joinable()) impl.supervisor.join();
  if (impl.gateway) impl.gateway->stop();
  impl.gateway.reset();
  impl.stop_services();
}

Status StackRunner::deploy(const std::vector<std::string>& services) {
  Impl& impl = *impl_;
  std::unique_lock lock(impl.deploy_mutex, std::try_to_lock);
  if (!lock.owns_lock()) return Error("another deploy is running; wait for it to finish");
  std::vector<std::string> names = services;
  if (names.empty()) {
    for (const auto& [name, service] : impl.services) names.push_back(name);
  }
  std::string joined;
  for (const std::string& name : names) joined += (joined.empty() ? "" : ",") + name;
  auto record = impl.history->begin_deploy(joined);
  if (!record.ok()) return std::move(record).error();
  for (const std::string& name : names) {
    impl.step = "";
    if (Status deployed = impl.deploy_one(name); !deployed.ok()) {
      Status saved = impl.history->finish_deploy(*record, false, impl.step.empty() ? "plan" : impl.step,
                                                 deployed.error().message());
      if (!saved.ok()) impl.say(saved.error().message());
      return deployed;
    }
  }
  return impl.history->finish_deploy(*record, true, "", "");
}

std::string StackRunner::history_json() const {
  auto deploys = impl_->history ? impl_->history->deploys() : Result<std::vector<store::DeployRecord>>(Error("none"));
  json::Value list = json::Value::array();
  if (deploys.ok()) {
    for (const store::DeployRecord& deploy : *deploys) {
      json::Value entry = json::Value::object();
      entry.set("id", json::Value(deploy.id));
      entry.set("started_at", deploy.started_at);
      entry.set("duration_ms", json::Value(deploy.duration_ms));
      entry.set("services", deploy.services);
      entry.set("outcome", deploy.outcome);
      entry.set("failed_step", deploy.failed_step);
      entry.set("reason", deploy.reason);
      list.push(std::move(entry));
    }
  }
  return json::to_string(list);
}

std::string StackRunner::status_json() const {
  Impl& impl = *impl_;
  std::lock_guard lock(impl.mutex);
  json::Value services = json::Value::array();
  for (const auto& [name, service] : impl.services) {
    json::Value entry = json::Value::object();
    entry.set("name", name);
    entry.set("revision", json::Value(static_cast<int64_t>(service.revision)));
    entry.set("port", json::Value(static_cast<int64_t>(service.port)));
    entry.set("pid", json::Value(static_cast<int64_t>(service.pid)));
    entry.set("state", service.failed ? "failed" : service.pid > 0 ? "running" : "restarting");
    entry.set("restarts", json::Value(static_cast<int64_t>(service.restarts.size())));
    entry.set("log", service.log);
    services.push(std::move(entry));
  }
  json::Value out = json::Value::object();
  out.set("stack", impl.stack.name);
  out.set("services", std::move(services));
  out.set("supergraph_generation", json::Value(static_cast<int64_t>(impl.gateway ? impl.gateway->generation() : 0)));
  return json::to_string(out);
}

uint16_t StackRunner::port_of(const std::string& service) const {
  auto found = impl_->services.find(service);
  return found == impl_->services.end() ? 0 : found->second.port;
}

std::string StackRunner::supergraph_path() const { return (impl_->state / "supergraph.graphql").string(); }

}  // namespace junction::control
