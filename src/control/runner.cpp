#include "control/runner.h"

#include <openssl/evp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "common/file.h"
#include "composition/compose.h"
#include "control/process.h"
#include "control/remote.h"
#include "control/revision.h"
#include "federation/api_schema.h"
#include "gateway/gateway.h"
#include "graphql/parser.h"
#include "json/read.h"
#include "json/value.h"
#include "json/write.h"
#include "net/http_client.h"
#include "schema/diff.h"
#include "store/store.h"
#include "validation/validate.h"

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

std::string now_iso8601() {
  std::time_t seconds = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buffer;
}

// The supergraph with one subgraph's routing URL replaced, when that is all that changed (the
// same SDL served from a new port): no composition needed. Empty when the subgraph is not found.
std::string with_routing_url(const std::string& supergraph, const std::string& name, const std::string& url) {
  std::string anchor = "@join__graph(name: \"" + name + "\", url: \"";
  size_t start = supergraph.find(anchor);
  if (start == std::string::npos) return "";
  start += anchor.size();
  size_t end = supergraph.find('"', start);
  if (end == std::string::npos) return "";
  return supergraph.substr(0, start) + url + supergraph.substr(end);
}

// The API schema of a supergraph, as a GraphQL schema (for the breaking-change check).
Result<std::shared_ptr<const schema::Schema>> api_schema_of(const std::string& supergraph) {
  auto document = graphql::parse(supergraph, "supergraph.graphql");
  if (!document.ok()) return std::move(document).error();
  auto model = federation::build_model(*document);
  if (!model.ok()) return std::move(model).error();
  auto api = federation::build_api_schema(*model, "supergraph.graphql");
  if (!api.ok()) return std::move(api).error();
  return std::move(api->schema);
}

std::string tail_of(const std::string& path, size_t bytes) {
  auto text = read_file(path);
  if (!text.ok()) return "";
  return text->size() > bytes ? text->substr(text->size() - bytes) : *text;
}

}  // namespace

struct StackRunner::Impl {
  // A revision of a service: the serving one, or one being brought in.
  struct Revision {
    int64_t number = 0;
    int64_t previous = 0;
    std::string dir;  // where it runs
    std::string log;
    std::string sdl;
    bool migrated = false;
    uint16_t port = 0;
    pid_t pid = 0;
  };

  struct Service {
    const ServiceSpec* spec = nullptr;
    std::vector<std::string> environment;  // the process's, the stack's env and the secrets
    Revision serving;
    int64_t last_revision = 0;  // the highest number recorded
    bool adopted = false;       // started by an earlier run: watched with signal 0
    bool failed = false;        // crash loop
    bool held = false;          // stopped on purpose during a deploy (fixed port): not restarted
    bool healthy = true;
    std::vector<Clock::time_point> restarts;
    Clock::time_point restart_at{};
    Clock::time_point since{};
  };

  StackSpec stack;
  RunnerOptions options;
  fs::path state;  // .junction
  std::map<std::string, Service> services;
  std::unique_ptr<gateway::Gateway> gateway;
  uint16_t gateway_port = 0;
  std::string graphql_path = "/graphql";
  std::unique_ptr<store::Store> db;

  std::string supergraph;  // the published text
  std::string supergraph_sha;
  std::string published_at;

  mutable std::mutex mutex;  // services' serving revisions and process state; the supergraph fields
  std::mutex operation;      // one deploy, rollback or migration at a time
  int64_t operation_id = 0;  // the history row of the operation running
  std::string step;          // its step
  bool crashable = false;    // a deploy, rollback or first start runs (options.crash_at applies)
  std::vector<std::string>* events = nullptr;

  std::thread supervisor;
  std::thread monitor;
  std::condition_variable wake;
  bool stopping = false;

  void say(const std::string& line) const {
    if (options.log) options.log(line);
  }
  void note(const std::string& line) {
    say(line);
    if (events != nullptr) events->push_back(line);
  }

  void end_operation() {
    operation_id = 0;
    events = nullptr;
    crashable = false;
  }

  void enter(const std::string& name) {
    step = name;
    if (operation_id != 0) {
      if (Status saved = db->set_step(operation_id, name); !saved.ok()) say(saved.error().message());
    }
    if (crashable && name == options.crash_at) {
      say("JUNCTION_CRASH_AT=" + name + ": killing the control plane");
      raise(SIGKILL);
    }
  }

  std::string log_of(const std::string& name, int64_t revision) const {
    fs::path logs = state / "logs" / name;
    fs::create_directories(logs);
    return (logs / (std::to_string(revision) + ".log")).string();
  }

  std::string revision_dir(const std::string& name, int64_t revision) const {
    return (state / "revisions" / name / std::to_string(revision)).string();
  }

  std::string url_of(const Service& service, uint16_t port) const {
    return "http://127.0.0.1:" + std::to_string(port) + service.spec->graphql_path;
  }

  std::vector<std::string> environment_of(const Service& service, const Revision& revision,
                                          const std::string& target_dir = "") const {
    std::vector<std::string> environment = service.environment;
    fs::path data = state / "data" / service.spec->name;
    fs::create_directories(data);
    environment.push_back("JUNCTION_SERVICE=" + service.spec->name);
    environment.push_back("JUNCTION_REVISION=" + std::to_string(revision.number));
    environment.push_back("JUNCTION_DATA_DIR=" + data.string());
    if (revision.port != 0) environment.push_back("PORT=" + std::to_string(revision.port));
    if (!target_dir.empty()) environment.push_back("JUNCTION_TARGET_DIR=" + target_dir);
    return environment;
  }

  // Runs a one-shot command (build, migration) in `dir` to completion, output appended to `log`.
  Status run_once(const Service& service, const std::string& what, const std::string& command, const std::string& dir,
                  const std::string& log, const std::vector<std::string>& environment) {
    say(service.spec->name + ": " + what + ": " + command);
    auto pid = spawn_shell(command, dir, log, environment);
    if (!pid.ok()) return Error(service.spec->name + ": " + what + " failed: " + pid.error().message());
    Finished finished = wait_child(*pid, options.command_timeout);
    if (finished.timed_out) {
      return Error(service.spec->name + ": " + what + " timed out after " +
                   std::to_string(options.command_timeout.count() / 1000) + " s (see " + log + ")");
    }
    if (!WIFEXITED(finished.status) || WEXITSTATUS(finished.status) != 0) {
      return Error(service.spec->name + ": " + what + " `" + command + "` " + describe_exit(finished.status) +
                   " (see " + log + ")");
    }
    return {};
  }

  // Runs migrate.up or migrate.down of `revision` in its folder; the output goes to its log and
  // into the history with the exit status.
  Result<std::string> run_migration(const Service& service, const Revision& revision, bool down,
                                    const std::string& target_dir = "") {
    const std::string& command = down ? service.spec->migrate_down : service.spec->migrate_up;
    std::string direction = down ? "down" : "up";
    if (command.empty())
      return Error(service.spec->name + " has no migrate." + direction + " command in junction.yaml");
    fs::path output = state / "logs" / service.spec->name / ("migrate-" + direction + ".out");
    fs::create_directories(output.parent_path());
    fs::remove(output);
    Revision at = revision;
    at.port = 0;
    Status ran = run_once(service, "migrate " + direction, command, revision.dir, output.string(),
                          environment_of(service, at, target_dir));
    std::string text = tail_of(output.string(), 1 << 20);
    {
      std::FILE* log = std::fopen(revision.log.c_str(), "a");
      if (log != nullptr) {
        std::fwrite(text.data(), 1, text.size(), log);
        std::fclose(log);
      }
    }
    int64_t code = ran.ok() ? 0 : 1;
    if (Status saved = db->record_migration(service.spec->name, revision.number, direction, code, text); !saved.ok()) {
      say(saved.error().message());
    }
    if (!ran.ok()) {
      std::string message = ran.error().message();
      size_t see = message.rfind(" (see ");
      if (see != std::string::npos) message = message.substr(0, see) + " (see " + revision.log + ")";
      return Error(message);
    }
    return text;
  }

  Result<pid_t> spawn(const Service& service, const Revision& revision) const {
    auto pid = spawn_shell(service.spec->run, revision.dir, revision.log, environment_of(service, revision));
    if (!pid.ok()) return Error(service.spec->name + ": start failed: " + pid.error().message());
    return pid;
  }

  // Waits for a started revision's health check; a revision that exits first is reaped and
  // reported.
  Status wait_healthy(const Service& service, const Revision& revision) const {
    std::string url = "http://127.0.0.1:" + std::to_string(revision.port) + service.spec->health_path;
    auto deadline = Clock::now() + options.health_timeout;
    while (Clock::now() < deadline) {
      int status = 0;
      if (waitpid(revision.pid, &status, WNOHANG) == revision.pid) {
        return Error(service.spec->name + ": the service " + describe_exit(status) +
                     " before its health check passed (see " + revision.log + ")");
      }
      if (check_health(service, revision.port, std::chrono::milliseconds(1000))) return {};
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return Error(service.spec->name + ": no healthy answer from " + url + " within " +
                 std::to_string(options.health_timeout.count() / 1000) + " s (see " + revision.log + ")");
  }

  // Spawns `revision` on the service's fixed port (which must be free) or on a free port leased
  // to it: `lease` keeps other junctions from handing the port out until the service binds it.
  Status launch(const Service& service, Revision& revision, PortLease& lease) const {
    if (service.spec->port) {
      revision.port = *service.spec->port;
      if (Status free = port_available("127.0.0.1", revision.port); !free.ok()) {
        return Error(service.spec->name + ": " + free.error().message() +
                     "; stop that process or give the service another port");
      }
    } else {
      auto leased = lease_free_port();
      if (!leased.ok()) return Error(service.spec->name + ": " + leased.error().message());
      lease = std::move(leased).value();
      revision.port = lease.port();
    }
    auto pid = spawn(service, revision);
    if (!pid.ok()) return std::move(pid).error();
    revision.pid = *pid;
    (void)db->set_pid(service.spec->name, revision.number, revision.pid);  // a crash from here on can stop it
    return {};
  }

  // Waits for `revision`'s health check and makes sure the answer came from it: a process that
  // took an assigned port between our pick and the service's bind would answer in its place.
  // The revision then starts again on another port (twice at most); on a fixed port it fails.
  Status wait_serving(const Service& service, Revision& revision, PortLease& lease) const {
    for (int attempt = 1;; ++attempt) {
      if (Status healthy = wait_healthy(service, revision); !healthy.ok()) return healthy;
      std::string other = foreign_listener(revision.port, revision.pid);
      if (other.empty()) return {};
      std::string taken = service.spec->name + ": port " + std::to_string(revision.port) + " is served by " + other +
                          ", not by revision " + std::to_string(revision.number);
      if (service.spec->port) return Error(taken + "; stop that process or give the service another port");
      if (attempt == 3) return Error(taken + "; three ports in a row were taken (see " + revision.log + ")");
      say(taken + ": starting it on another port");
      stop_group(revision.pid);
      revision.pid = 0;
      if (Status launched = launch(service, revision, lease); !launched.ok()) return launched;
    }
  }

  static bool check_health(const Service& service, uint16_t port, std::chrono::milliseconds timeout) {
    net::HttpRequest request;
    request.method = "GET";
    request.url = "http://127.0.0.1:" + std::to_string(port) + service.spec->health_path;
    request.timeout = timeout;
    auto response = net::fetch(request);
    return response.ok() && response->status >= 200 && response->status < 300;
  }

  Result<std::string> read_sdl(const Service& service, uint16_t port) const {
    auto sdl = fetch_subgraph_sdl(url_of(service, port), RemoteOptions{});
    if (!sdl.ok()) return Error(service.spec->name + ": reading its schema failed: " + sdl.error().message());
    return sdl;
  }

  // Composes the serving revisions' SDL, with `name` served by `candidate` instead.
  Result<std::string> compose_with(const std::string& name, const Revision& candidate) const {
    std::vector<composition::SubgraphSource> sources;
    for (const auto& [other, service] : services) {
      bool replaced = other == name;
      const Revision& revision = replaced ? candidate : service.serving;
      if (revision.sdl.empty()) continue;  // not started yet
      std::string url = url_of(service, revision.port);
      sources.push_back({other, url, revision.sdl, other});
    }
    composition::ComposeResult result = composition::compose(sources);
    if (!result.errors.empty()) {
      std::string message = "composition failed:";
      for (const auto& error : result.errors) message += "\n  error[" + error.code + "]: " + error.message;
      return Error(message);
    }
    return std::move(*result.supergraph_sdl);
  }

  // Writes supergraphs/<sha256>.graphql and moves the pointer, then swaps the gateway to it.
  Status publish(const std::string& text) {
    fs::create_directories(state / "supergraphs");
    std::string sha = sha256_hex(text);
    fs::path versioned = state / "supergraphs" / (sha + ".graphql");
    if (Status written = write_file_atomically(versioned.string(), text); !written.ok()) return written;
    if (Status written = write_file_atomically((state / "supergraph.graphql").string(), text); !written.ok()) {
      return written;
    }
    if (gateway) {
      if (Status loaded = gateway->reload(text, versioned.string()); !loaded.ok()) return loaded;
    }
    std::lock_guard lock(mutex);
    supergraph = text;
    supergraph_sha = sha;
    published_at = now_iso8601();
    return {};
  }

  Status smoke(const Service& service) const {
    for (const SmokeQuery& smoke : service.spec->smoke) {
      net::HttpRequest request;
      request.method = "POST";
      request.url = "http://127.0.0.1:" + std::to_string(gateway_port) + graphql_path;
      request.headers.emplace_back("Content-Type", "application/json");
      json::Value body = json::Value::object();
      body.set("query", smoke.query);
      request.body = json::to_string(body);
      request.timeout = std::chrono::seconds(10);
      auto response = net::fetch(request);
      std::string problem;
      if (!response.ok()) {
        problem = response.error().message();
      } else {
        auto parsed = json::parse(response->body);
        const json::Value* errors = parsed.ok() ? parsed->find("errors") : nullptr;
        if (response->status != 200 || !parsed.ok() || (errors != nullptr && !errors->is_null())) {
          problem = "answered " + std::to_string(response->status) + ": " + response->body.substr(0, 500);
        } else if (!smoke.expect.empty() && response->body.find(smoke.expect) == std::string::npos) {
          problem = "the answer does not contain \"" + smoke.expect + "\": " + response->body.substr(0, 500);
        }
      }
      if (!problem.empty()) {
        return Error(service.spec->name + ": smoke query `" + smoke.query + "` failed: " + problem);
      }
    }
    return {};
  }

  // Brings `candidate` in for `service` (its folder ready, migrated when it had to be): starts
  // it on a new port, waits for health, reads its SDL, composes (only when the SDL changed;
  // otherwise only its routing URL moves), checks for breaking changes, publishes, runs the
  // smoke queries, then drains and stops the revision it replaces. On failure everything it did
  // is undone and the replaced revision keeps serving; `candidate.pid` is left for the caller.
  Status bring_in(Service& service, Revision& candidate, bool check_breaking, bool allow_breaking,
                  const std::string& record_status) {
    const std::string& name = service.spec->name;
    enter("start");
    // A service on a fixed port cannot run two revisions at once: the serving one stops first
    // and, when anything fails, starts again.
    struct Restart {
      std::function<void()> undo;
      ~Restart() {
        if (undo) undo();
      }
    } restart_old;
    if (service.spec->port) {
      Revision old;
      {
        std::lock_guard lock(mutex);
        service.held = true;  // the supervisor leaves it alone
        old = service.serving;
        service.serving.pid = 0;
      }
      note(name + ": port " + std::to_string(*service.spec->port) + " is fixed: revision " +
           std::to_string(old.number) + " stops first");
      stop_group(old.pid);
      restart_old.undo = [this, &service, &candidate, old]() mutable {
        stop_group(candidate.pid);
        candidate.pid = 0;
        auto pid = spawn(service, old);
        std::lock_guard lock(mutex);
        service.serving = old;
        service.serving.pid = pid.ok() ? *pid : 0;
        service.held = false;
        say(service.spec->name + ": revision " + std::to_string(old.number) + " started again");
      };
    }
    auto started_at = Clock::now();
    PortLease lease;
    if (Status launched = launch(service, candidate, lease); !launched.ok()) return launched;
    enter("health");
    if (Status healthy = wait_serving(service, candidate, lease); !healthy.ok()) return healthy;
    auto healthy_at = Clock::now();
    auto since = [](Clock::time_point from) {
      return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - from).count());
    };
    note(name + ": revision " + std::to_string(candidate.number) + " healthy " + since(started_at) +
         " ms after it started");
    enter("compose");
    if (service.spec->subgraph) {
      auto sdl = read_sdl(service, candidate.port);
      if (!sdl.ok()) return std::move(sdl).error();
      candidate.sdl = std::move(sdl).value();
    }
    std::string text;
    bool same_schema = candidate.sdl == service.serving.sdl && !supergraph.empty();
    if (!service.spec->subgraph) {
      text = supergraph;  // not part of the graph: nothing to compose or publish
    } else if (same_schema) {
      text = with_routing_url(supergraph, name, url_of(service, candidate.port));
    }
    if (text.empty()) {
      auto composed = compose_with(name, candidate);
      if (!composed.ok()) return Error(name + ": " + composed.error().message());
      text = std::move(composed).value();
    }
    if (!same_schema && !supergraph.empty()) {
      enter("check");
      auto before = api_schema_of(supergraph);
      auto after = api_schema_of(text);
      if (before.ok() && after.ok()) {
        std::string breaking;
        for (const schema::SchemaChange& change : schema::diff_schemas(**before, **after)) {
          note(name + ": " + (change.breaking ? "BREAKING: " : "") + change.message);
          if (change.breaking) breaking += "\n  " + change.message;
        }
        if (!breaking.empty() && check_breaking && !allow_breaking) {
          return Error(name + ": the new schema breaks clients (deploy with --allow-breaking to accept):" + breaking);
        }
      }
    }
    enter("publish");
    std::string previous_text = supergraph;
    if (Status published = publish(text); !published.ok()) return published;
    std::string serving_after = since(healthy_at);  // the gateway serves it from here on
    Revision replaced;
    {
      std::lock_guard lock(mutex);
      replaced = service.serving;
    }
    if (Status saved = db->swap(name, candidate.number, candidate.pid, candidate.port, replaced.number); !saved.ok()) {
      say(saved.error().message());
    }
    {
      std::lock_guard lock(mutex);
      service.serving = candidate;
      service.held = false;
      service.adopted = false;
      service.failed = false;
      service.healthy = true;
      service.restarts.clear();
      service.since = Clock::now();
    }
    note(name + ": revision " + std::to_string(candidate.number) + " serving on port " +
         std::to_string(candidate.port) + " " + serving_after + " ms after its health check passed" +
         (!service.spec->subgraph ? std::string()
                                  : "; supergraph " + supergraph_sha.substr(0, 12) +
                                        (same_schema ? " (same schema, new routing URL)" : "")));
    enter("smoke");
    if (Status smoked = smoke(service); !smoked.ok()) {
      note(name + ": " + smoked.error().message() + "; moving traffic back to revision " +
           std::to_string(replaced.number));
      if (Status restored = publish(previous_text); !restored.ok()) say(restored.error().message());
      (void)db->swap(name, replaced.number, replaced.pid, replaced.port, 0);
      (void)db->set_status(name, candidate.number, record_status);
      std::lock_guard lock(mutex);
      service.serving = replaced;
      return smoked;
    }
    restart_old.undo = nullptr;
    enter("drain");
    // Requests that started on the previous supergraph may still reach the old revision.
    std::this_thread::sleep_for(options.drain);
    stop_group(replaced.pid);
    return {};
  }

  // Deploys a new revision of one service: build, copy, migrate up, then bring_in. Any failure
  // stops the new revision, migrates down and leaves the old one serving.
  Status deploy_one(Service& service, int64_t deploy_id, bool allow_breaking) {
    const std::string& name = service.spec->name;
    Revision candidate;
    candidate.number = service.last_revision + 1;
    candidate.previous = service.serving.number;
    candidate.log = log_of(name, candidate.number);
    service.last_revision = candidate.number;
    note(name + ": deploying revision " + std::to_string(candidate.number) + " (log: " + candidate.log + ")");
    enter("build");
    if (!service.spec->build.empty()) {
      Revision live = candidate;
      live.dir = service.spec->dir;
      if (Status built = run_once(service, "build", service.spec->build, service.spec->dir, candidate.log,
                                  environment_of(service, live));
          !built.ok()) {
        return built;
      }
    }
    enter("copy");
    auto dir = snapshot_service(stack.root, service.spec->dir, revision_dir(name, candidate.number));
    if (!dir.ok()) return Error(name + ": " + dir.error().message());
    candidate.dir = *dir;
    auto record = [&](const std::string& status) {
      store::RevisionRecord row{
          name,   candidate.number,   candidate.previous, deploy_id, candidate.dir, candidate.port, candidate.pid,
          status, candidate.migrated, candidate.sdl,      ""};
      if (Status saved = db->put_revision(row); !saved.ok()) say(saved.error().message());
    };
    record("starting");
    auto undo = [&](Error error) -> Status {
      stop_group(candidate.pid);
      if (candidate.migrated) {
        auto down = run_migration(service, candidate, true, service.serving.dir);
        if (!down.ok()) say(down.error().message());
      }
      (void)db->set_status(name, candidate.number, "failed");
      note(name + ": deploy failed; revision " + std::to_string(service.serving.number) + " keeps serving");
      return error;
    };
    enter("migrate up");
    if (!service.spec->migrate_up.empty()) {
      candidate.migrated = true;  // recorded first: a crash during the migration still migrates down
      record("starting");
      auto up = run_migration(service, candidate, false);
      if (!up.ok()) return undo(std::move(up).error());
    }
    if (Status brought = bring_in(service, candidate, true, allow_breaking, "failed"); !brought.ok()) {
      return undo(brought.error());
    }
    record("serving");
    return {};
  }

  // Brings back an earlier (or later) revision of a service: migrate.down of the serving one
  // (told where the target's files are), migrate.up of the target, then bring_in. On failure
  // the target migrates down and the serving revision up again.
  Status restore_one(Service& service, int64_t number) {
    const std::string& name = service.spec->name;
    auto rows = db->revisions(name);
    if (!rows.ok()) return std::move(rows).error();
    const store::RevisionRecord* row = nullptr;
    for (const store::RevisionRecord& entry : *rows) {
      if (entry.revision == number) row = &entry;
    }
    if (row == nullptr || row->status == "failed" || row->status == "starting") {
      return Error(name + " has no revision " + std::to_string(number) + " that served");
    }
    if (!fs::exists(row->dir)) {
      return Error(name + ": the files of revision " + std::to_string(number) + " were pruned (" + row->dir + ")");
    }
    Revision target = recorded(*row);
    note(name + ": rolling back from revision " + std::to_string(service.serving.number) + " to " +
         std::to_string(number));
    Revision current = service.serving;
    bool migrated_down = false;
    enter("migrate down");
    if (current.migrated && !service.spec->migrate_down.empty()) {
      auto down = run_migration(service, current, true, target.dir);
      if (!down.ok()) return std::move(down).error();
      migrated_down = true;
    }
    // The target's own migrations go (back) up: a no-op when it is older than the revision
    // leaving, what it needs when it is newer (a rollback to a later deploy).
    bool migrated_up = false;
    if (!service.spec->migrate_up.empty()) {
      enter("migrate up");
      auto up = run_migration(service, target, false);
      if (!up.ok()) {
        if (migrated_down) (void)run_migration(service, current, false);
        return std::move(up).error();
      }
      migrated_up = true;
    }
    if (Status brought = bring_in(service, target, false, true, "retired"); !brought.ok()) {
      stop_group(target.pid);
      if (migrated_up) {
        auto down = run_migration(service, target, true, current.dir);
        if (!down.ok()) say(down.error().message());
      }
      if (migrated_down) {
        auto up = run_migration(service, current, false);
        if (!up.ok()) say(up.error().message());
      }
      note(name + ": rollback failed; revision " + std::to_string(current.number) + " keeps serving");
      return brought;
    }
    return {};
  }

  // Deletes the folders of old revisions. Kept: the serving one, the one it replaced (what
  // `junction rollback SERVICE` brings back), the newest `keep_revisions` others that served, and
  // the newest that failed (to inspect). Failed deploys never push out what a rollback needs.
  void prune(const std::string& name) {
    auto rows = db->revisions(name);
    if (!rows.ok()) return;
    int64_t previous = 0;
    for (const store::RevisionRecord& row : *rows) {
      if (row.status == "serving") previous = row.previous;
    }
    int served = 0;
    bool failed_kept = false;
    for (auto row = rows->rbegin(); row != rows->rend(); ++row) {
      if (row->status == "serving" || row->revision == previous || !fs::exists(row->dir)) continue;
      bool keep = row->status == "retired" ? ++served <= options.keep_revisions : !std::exchange(failed_kept, true);
      if (keep) continue;
      std::error_code ignored;
      fs::remove_all(revision_dir(name, row->revision), ignored);
    }
  }

  // A revision as state.db records it (enough to run its migrations).
  Revision recorded(const store::RevisionRecord& row) const {
    Revision revision;
    revision.number = row.revision;
    revision.previous = row.previous;
    revision.dir = row.dir;
    revision.log = log_of(row.service, row.revision);
    revision.sdl = row.sdl;
    revision.migrated = row.migrated;
    revision.port = static_cast<uint16_t>(row.port);
    return revision;
  }

  // A control plane that died mid-deploy left revisions "starting" (or "serving" for a deploy
  // that had not finished): they are stopped, migrated down and marked failed, and the revision
  // they replaced serves again. Processes of retired revisions still running are stopped.
  void recover() {
    auto interrupted = db->fail_interrupted();
    if (!interrupted.ok()) {
      say(interrupted.error().message());
      return;
    }
    std::set<int64_t> deploys;
    std::set<std::string> rolled_back;  // services of an interrupted rollback
    for (int64_t id : *interrupted) {
      auto row = db->deploy(id);
      if (row.ok() && row->kind == "rollback") {
        say("rollback #" + std::to_string(id) +
            " was interrupted by the last stop; the revisions recorded as "
            "serving stay, with their migrations applied again");
        for (std::string_view rest = row->services; !rest.empty();) {
          size_t comma = rest.find(',');
          rolled_back.emplace(rest.substr(0, comma));
          rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
        continue;
      }
      if (row.ok() && row->kind == "deploy") deploys.insert(id);
      say("deploy #" + std::to_string(id) + " was interrupted by the last stop; rolling it back");
    }
    auto rows = db->revisions();
    if (!rows.ok()) return;
    auto undone = [&](const store::RevisionRecord& row) {
      return row.status == "starting" || (row.status == "serving" && deploys.contains(row.deploy_id));
    };
    // The revisions that serve again: still running when the deploy was killed before its drain.
    std::set<std::pair<std::string, int64_t>> returning;
    for (const store::RevisionRecord& row : *rows) {
      if (row.status == "serving" && undone(row)) returning.emplace(row.service, row.previous);
    }
    for (const store::RevisionRecord& row : *rows) {
      auto found = services.find(row.service);
      bool of_deploy = deploys.contains(row.deploy_id);
      if (!undone(row)) {
        if (row.status != "serving" && !returning.contains({row.service, row.revision}) &&
            running_in(static_cast<pid_t>(row.pid), row.dir)) {
          stop_group(static_cast<pid_t>(row.pid));
        }
        continue;
      }
      if (running_in(static_cast<pid_t>(row.pid), row.dir)) stop_group(static_cast<pid_t>(row.pid));
      std::string target_dir;
      for (const store::RevisionRecord& other : *rows) {
        if (other.service == row.service && other.revision == row.previous) target_dir = other.dir;
      }
      // The first revision of an interrupted `up` keeps its migrations: the next one runs up again.
      if (of_deploy && row.migrated && found != services.end() && !found->second.spec->migrate_down.empty()) {
        auto down = run_migration(found->second, recorded(row), true, target_dir);
        if (!down.ok()) say(down.error().message());
      }
      if (row.status == "serving" && row.previous != 0) (void)db->set_status(row.service, row.previous, "serving");
      (void)db->set_status(row.service, row.revision, "failed");
      say(row.service + ": revision " + std::to_string(row.revision) + " of an interrupted deploy was rolled back");
    }
    // A rollback killed between the serving revision's migrate.down and the swap left the
    // database behind the revision that still serves: its (idempotent) migrate.up runs again.
    for (const store::RevisionRecord& row : *rows) {
      auto found = services.find(row.service);
      if (row.status != "serving" || !row.migrated || !rolled_back.contains(row.service) || found == services.end() ||
          found->second.spec->migrate_up.empty()) {
        continue;
      }
      auto up = run_migration(found->second, recorded(row), false);
      if (!up.ok()) say(up.error().message());
    }
  }

  // Restarts services that exit, with backoff (1 s doubling to 30 s); five exits within a
  // minute is a crash loop: the service is marked failed and left down. Rotates logs.
  void supervise() {
    std::unique_lock lock(mutex);
    auto rotated_at = Clock::now();
    while (!stopping) {
      wake.wait_for(lock, std::chrono::milliseconds(200));
      if (stopping) break;
      auto now = Clock::now();
      for (auto& [name, service] : services) {
        if (service.failed || service.held) continue;
        Revision& serving = service.serving;
        if (serving.pid > 0) {
          int status = 0;
          bool exited = false;
          if (service.adopted) {
            exited = !process_alive(serving.pid);
          } else {
            exited = waitpid(serving.pid, &status, WNOHANG) == serving.pid;
          }
          if (!exited) continue;
          std::string how = service.adopted ? std::string("exited") : describe_exit(status);
          serving.pid = 0;
          service.adopted = false;
          std::erase_if(service.restarts, [&](Clock::time_point at) { return now - at > std::chrono::minutes(1); });
          if (service.restarts.size() >= 5) {
            service.failed = true;
            std::string message = how + " again: crash loop, marked failed (see " + serving.log + ")";
            say(name + ": " + message);
            (void)db->record_event(name, "crash loop", message);
            continue;
          }
          auto delay = std::min<std::chrono::milliseconds>(
              std::chrono::seconds(30), options.restart_backoff * (int64_t{1} << service.restarts.size()));
          service.restart_at = now + delay;
          std::string message =
              how + "; restarting in " + std::to_string(delay.count()) + " ms (see " + serving.log + ")";
          say(name + ": " + message);
          (void)db->record_event(name, "restart", message);
          continue;
        }
        if (now < service.restart_at || serving.dir.empty()) continue;
        service.restarts.push_back(now);
        service.since = now;
        auto pid = spawn(service, serving);
        if (!pid.ok()) {
          say(pid.error().message());
          continue;
        }
        serving.pid = *pid;
        (void)db->set_pid(name, serving.number, serving.pid);
      }
      if (now - rotated_at > std::chrono::seconds(2)) {
        rotated_at = now;
        for (auto& [name, service] : services) rotate(service.serving.log);
      }
    }
  }

  // Copies a log that grew past the limit to .1 (older ones to .2, .3) and truncates it; the
  // service writes in append mode, so it carries on at the new end.
  void rotate(const std::string& log) const {
    std::error_code error;
    if (log.empty() || fs::file_size(log, error) <= options.log_max_bytes || error) return;
    fs::remove(log + ".3", error);
    for (int index = 2; index >= 1; --index) {
      fs::rename(log + "." + std::to_string(index), log + "." + std::to_string(index + 1), error);
    }
    fs::copy_file(log, log + ".1", fs::copy_options::overwrite_existing, error);
    fs::resize_file(log, 0, error);
  }

  // Health checks of the serving revisions every `health_interval`; a change is an event.
  void watch_health() {
    std::unique_lock lock(mutex);
    while (!stopping) {
      wake.wait_for(lock, options.health_interval);
      if (stopping) break;
      std::vector<std::pair<std::string, uint16_t>> targets;
      for (const auto& [name, service] : services) {
        if (service.serving.pid > 0 && !service.failed) targets.emplace_back(name, service.serving.port);
      }
      lock.unlock();
      std::vector<std::pair<std::string, bool>> results;
      for (const auto& [name, port] : targets) {
        results.emplace_back(name, check_health(services.at(name), port, std::chrono::milliseconds(2000)));
      }
      lock.lock();
      for (const auto& [name, healthy] : results) {
        Service& service = services.at(name);
        if (service.healthy == healthy) continue;
        service.healthy = healthy;
        std::string message = healthy ? "healthy again" : "failed its health check (" + service.spec->health_path + ")";
        say(name + ": " + message);
        (void)db->record_event(name, healthy ? "healthy" : "unhealthy", message);
      }
    }
  }

  void stop_services() {
    for (auto& [name, service] : services) {
      if (service.serving.pid > 0) kill(-service.serving.pid, SIGTERM);
    }
    for (auto& [name, service] : services) {
      stop_group(service.serving.pid);
      service.serving.pid = 0;
    }
  }

  // Which services a deploy names (all when none), or why not.
  Result<std::vector<Service*>> select(const std::vector<std::string>& names) {
    std::vector<Service*> out;
    if (names.empty()) {
      for (auto& [name, service] : services) out.push_back(&service);
      return out;
    }
    for (const std::string& name : names) {
      auto found = services.find(name);
      if (found == services.end()) {
        std::string known;
        for (const auto& [other, service] : services) known += (known.empty() ? "" : ", ") + other;
        return Error("no service \"" + name + "\" in the stack (it has " + known + ")");
      }
      out.push_back(&found->second);
    }
    return out;
  }

  std::string deploy_plan(const Service& service) const {
    const ServiceSpec& spec = *service.spec;
    std::string line = spec.name + ": revision " + std::to_string(service.serving.number) + " -> " +
                       std::to_string(service.last_revision + 1) + ":";
    if (!spec.build.empty()) line += " build `" + spec.build + "`,";
    line += " copy " + spec.dir + ",";
    if (!spec.migrate_up.empty()) line += " migrate up `" + spec.migrate_up + "`,";
    line += " start `" + spec.run + "` on a new port, wait for " + spec.health_path + ",";
    if (spec.subgraph) line += " read its schema, compose if it changed, check for breaking changes, publish,";
    if (!spec.smoke.empty()) line += " run " + std::to_string(spec.smoke.size()) + " smoke queries,";
    line += " stop revision " + std::to_string(service.serving.number);
    return line;
  }
};

StackRunner::StackRunner(StackSpec stack, RunnerOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->stack = std::move(stack);
  impl_->options = std::move(options);
  impl_->state = fs::path(impl_->stack.root) / ".junction";
}

StackRunner::~StackRunner() { stop(); }

Status StackRunner::open() {
  Impl& impl = *impl_;
  if (impl.db) return {};
  std::error_code created;
  fs::create_directories(impl.state, created);
  if (created) return Error("cannot create " + impl.state.string() + ": " + created.message());
  auto db = store::Store::open((impl.state / "state.db").string());
  if (!db.ok()) return std::move(db).error();
  impl.db = std::move(db).value();
  auto secrets = read_secrets((impl.state / "secrets").string());
  if (!secrets.ok()) return std::move(secrets).error();
  for (const ServiceSpec& spec : impl.stack.services) {
    Impl::Service& service = impl.services[spec.name];
    service.spec = &spec;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
      std::string_view text(*entry);
      if (text.starts_with("PORT=") || text.starts_with("JUNCTION_")) continue;
      service.environment.emplace_back(text);
    }
    for (const auto& [name, value] : spec.env) service.environment.push_back(name + "=" + value);
    for (const std::string& secret : spec.secrets) {
      auto found = secrets->find(secret);
      const char* from_environment = std::getenv(secret.c_str());
      if (found == secrets->end() && from_environment == nullptr) {
        return Error(spec.name + ": secret " + secret + " is not in " + (impl.state / "secrets").string() +
                     " nor in the environment");
      }
      if (found != secrets->end()) service.environment.push_back(secret + "=" + found->second);
    }
  }
  return {};
}

Result<uint16_t> StackRunner::start() {
  Impl& impl = *impl_;
  if (Status opened = open(); !opened.ok()) return opened.error();
  // The gateway's config and port are checked before anything starts. junction.yaml's
  // gateway.listen wins over the gateway config's supergraph.listen.
  gateway::GatewayOptions gateway_options;
  if (!impl.stack.gateway_config.empty()) {
    auto config = gateway::load_gateway_config(impl.stack.gateway_config, process_environment());
    if (!config.ok()) return std::move(config).error();
    gateway_options.config = std::move(config).value();
  }
  std::string listen_place = "gateway.listen in " + impl.stack.root + "/junction.yaml";
  if (!impl.stack.gateway_listen.empty()) {
    gateway_options.config.listen = impl.stack.gateway_listen;
  } else if (!impl.stack.gateway_config.empty()) {
    listen_place = "supergraph.listen in " + impl.stack.gateway_config;
  } else {
    listen_place += " (the default)";
  }
  if (auto listen = gateway::parse_listen(gateway_options.config.listen, "listen"); listen.ok() && listen->port != 0) {
    if (Status free = port_available(listen->host, listen->port); !free.ok()) {
      return Error(listen_place + ": " + free.error().message() + "; choose another port");
    }
  }
  impl.recover();

  // What serves already: the revisions recorded as serving, adopted when still running.
  auto rows = impl.db->revisions();
  if (!rows.ok()) return std::move(rows).error();
  for (const store::RevisionRecord& row : *rows) {
    auto found = impl.services.find(row.service);
    if (found == impl.services.end()) continue;
    Impl::Service& service = found->second;
    service.last_revision = std::max(service.last_revision, row.revision);
    if (row.status != "serving" || !fs::exists(row.dir)) continue;
    Impl::Revision& serving = service.serving;
    serving = impl.recorded(row);
    if (running_in(static_cast<pid_t>(row.pid), row.dir) &&
        Impl::check_health(service, serving.port, std::chrono::milliseconds(2000))) {
      serving.pid = static_cast<pid_t>(row.pid);
      service.adopted = true;
      impl.say(row.service + ": revision " + std::to_string(row.revision) + " still running (pid " +
               std::to_string(row.pid) + ", port " + std::to_string(row.port) + "): adopted");
    } else if (running_in(static_cast<pid_t>(row.pid), row.dir)) {
      stop_group(static_cast<pid_t>(row.pid));
    }
  }

  auto fail = [&](Error error) -> Result<uint16_t> {
    impl.stop_services();
    return error;
  };
  std::vector<std::string> fresh;
  for (auto& [name, service] : impl.services) {
    if (service.serving.number == 0) fresh.push_back(name);
  }
  int64_t up_id = 0;
  if (!fresh.empty()) {
    std::string joined;
    for (const std::string& name : fresh) joined += (joined.empty() ? "" : ",") + name;
    auto id = impl.db->begin_deploy("up", joined);
    if (!id.ok()) return std::move(id).error();
    up_id = *id;
    impl.operation_id = up_id;
    impl.crashable = true;  // the first start of services is an operation like a deploy
  }
  auto fail_up = [&](Error error) -> Result<uint16_t> {
    if (up_id != 0) (void)impl.db->finish_deploy(up_id, false, error.message());
    for (const std::string& name : fresh) {
      const Impl::Service& service = impl.services.at(name);
      if (service.serving.number != 0) (void)impl.db->set_status(name, service.serving.number, "failed");
    }
    impl.end_operation();
    return fail(std::move(error));
  };
  std::map<std::string, PortLease> leases;  // held until each service answers on its port
  for (auto& [name, service] : impl.services) {
    Impl::Revision& serving = service.serving;
    if (serving.pid > 0) continue;  // adopted
    if (serving.number == 0) {
      serving.number = ++service.last_revision;
      serving.log = impl.log_of(name, serving.number);
      impl.enter("build");
      if (!service.spec->build.empty()) {
        Impl::Revision live = serving;
        live.dir = service.spec->dir;
        if (Status built = impl.run_once(service, "build", service.spec->build, service.spec->dir, serving.log,
                                         impl.environment_of(service, live));
            !built.ok()) {
          return fail_up(built.error());
        }
      }
      auto dir = snapshot_service(impl.stack.root, service.spec->dir, impl.revision_dir(name, serving.number));
      if (!dir.ok()) return fail_up(Error(name + ": " + dir.error().message()));
      serving.dir = *dir;
      serving.migrated = !service.spec->migrate_up.empty();
      (void)impl.db->put_revision(
          {name, serving.number, 0, up_id, serving.dir, 0, 0, "starting", serving.migrated, "", ""});
      impl.enter("migrate up");
      if (serving.migrated) {
        auto migrated = impl.run_migration(service, serving, false);
        if (!migrated.ok()) return fail_up(std::move(migrated).error());
      }
    }
    impl.enter("start");
    if (Status launched = impl.launch(service, serving, leases[name]); !launched.ok()) return fail_up(launched.error());
    impl.say(name + ": starting revision " + std::to_string(serving.number) + " on port " +
             std::to_string(serving.port) + " (log: " + serving.log + ")");
    service.since = Clock::now();
  }
  impl.enter("health");
  for (auto& [name, service] : impl.services) {
    if (service.adopted) continue;
    if (Status healthy = impl.wait_serving(service, service.serving, leases[name]); !healthy.ok()) {
      return fail_up(healthy.error());
    }
    impl.say(name + ": healthy");
  }
  impl.enter("compose");
  for (auto& [name, service] : impl.services) {
    if (!service.spec->subgraph) continue;
    auto sdl = impl.read_sdl(service, service.serving.port);
    if (!sdl.ok()) return fail_up(std::move(sdl).error());
    service.serving.sdl = std::move(sdl).value();
  }
  auto text = impl.compose_with("", {});
  if (!text.ok()) return fail_up(std::move(text).error());
  impl.enter("publish");
  if (Status published = impl.publish(*text); !published.ok()) return fail_up(published.error());
  for (auto& [name, service] : impl.services) {
    const Impl::Revision& serving = service.serving;
    (void)impl.db->put_revision({name, serving.number, serving.previous, up_id, serving.dir, serving.port, serving.pid,
                                 "serving", serving.migrated, serving.sdl, ""});
  }
  if (up_id != 0) (void)impl.db->finish_deploy(up_id, true, "", impl.supergraph_sha);
  impl.end_operation();
  impl.say("supergraph published: " + (impl.state / "supergraphs" / (impl.supergraph_sha + ".graphql")).string());

  gateway_options.supergraph = (impl.state / "supergraph.graphql").string();
  gateway_options.hot_reload = true;
  impl.graphql_path = gateway_options.config.graphql_path;
  impl.gateway = std::make_unique<gateway::Gateway>(gateway_options);
  auto port = impl.gateway->start();
  if (!port.ok()) {
    return fail(
        Error("the gateway cannot start: " + port.error().message() + "; choose another address in " + listen_place));
  }
  impl.gateway_port = *port;
  impl.supervisor = std::thread([&impl] { impl.supervise(); });
  impl.monitor = std::thread([&impl] { impl.watch_health(); });
  return port;
}

void StackRunner::stop() {
  Impl& impl = *impl_;
  std::lock_guard operation(impl.operation);  // a deploy finishes before the stack stops
  {
    std::lock_guard lock(impl.mutex);
    impl.stopping = true;
  }
  impl.wake.notify_all();
  if (impl.supervisor.joinable()) impl.supervisor.join();
  if (impl.monitor.joinable()) impl.monitor.join();
  if (impl.gateway) impl.gateway->stop();
  impl.gateway.reset();
  impl.stop_services();
}

Result<Report> StackRunner::deploy(const DeployRequest& request) {
  Impl& impl = *impl_;
  std::unique_lock lock(impl.operation, std::try_to_lock);
  if (!lock.owns_lock()) return Error("another deploy, rollback or migration is running; wait for it to finish");
  if (impl.stopping) return Error("the stack is stopping");
  auto chosen = impl.select(request.services);
  if (!chosen.ok()) return std::move(chosen).error();
  Report report;
  for (const Impl::Service* service : *chosen) report.plan.push_back(impl.deploy_plan(*service));
  if (request.dry_run) return report;
  std::string joined;
  for (const Impl::Service* service : *chosen) joined += (joined.empty() ? "" : ",") + service->spec->name;
  auto id = impl.db->begin_deploy("deploy", joined);
  if (!id.ok()) return std::move(id).error();
  report.id = *id;
  impl.operation_id = *id;
  impl.events = &report.events;
  impl.crashable = true;
  // Services already moved by this deploy go back when a later one fails.
  std::vector<std::pair<Impl::Service*, int64_t>> moved;
  for (Impl::Service* service : *chosen) {
    int64_t before = service->serving.number;
    if (Status deployed = impl.deploy_one(*service, *id, request.allow_breaking); !deployed.ok()) {
      std::string failed_step = impl.step;
      for (auto entry = moved.rbegin(); entry != moved.rend(); ++entry) {
        if (Status restored = impl.restore_one(*entry->first, entry->second); !restored.ok()) {
          impl.note(restored.error().message());
        }
      }
      impl.enter(failed_step);
      (void)impl.db->finish_deploy(*id, false, deployed.error().message(), impl.supergraph_sha);
      impl.end_operation();
      return Error(deployed.error().message() + "\n(deploy #" + std::to_string(*id) + " failed at " + failed_step +
                   "; `junction history` keeps it)");
    }
    moved.emplace_back(service, before);
  }
  for (Impl::Service* service : *chosen) impl.prune(service->spec->name);
  Status saved = impl.db->finish_deploy(*id, true, "", impl.supergraph_sha);
  impl.end_operation();
  if (!saved.ok()) return saved.error();
  return report;
}

Result<Report> StackRunner::rollback(const RollbackRequest& request) {
  Impl& impl = *impl_;
  std::unique_lock lock(impl.operation, std::try_to_lock);
  if (!lock.owns_lock()) return Error("another deploy, rollback or migration is running; wait for it to finish");
  if (impl.stopping) return Error("the stack is stopping");
  auto rows = impl.db->revisions();
  if (!rows.ok()) return std::move(rows).error();
  // service -> the revision to bring back
  std::map<std::string, int64_t> targets;
  if (request.to != 0) {
    auto deploy = impl.db->deploy(request.to);
    if (!deploy.ok()) return std::move(deploy).error();
    if (deploy->kind == "rollback" || deploy->outcome != "succeeded") {
      return Error("deploy #" + std::to_string(request.to) + " is a " + deploy->kind + " that " + deploy->outcome +
                   "; name a deploy that succeeded (see `junction history`)");
    }
    for (const store::RevisionRecord& row : *rows) {
      bool served = row.status == "serving" || row.status == "retired";
      if (served && row.deploy_id <= request.to && (request.service.empty() || row.service == request.service)) {
        targets[row.service] = std::max(targets[row.service], row.revision);
      }
    }
  } else if (!request.service.empty()) {
    auto found = impl.services.find(request.service);
    if (found == impl.services.end()) return Error("no service \"" + request.service + "\" in the stack");
    if (found->second.serving.previous == 0) {
      return Error(request.service + " has no earlier revision (revision " +
                   std::to_string(found->second.serving.number) + " is its first)");
    }
    targets[request.service] = found->second.serving.previous;
  } else {
    auto deploys = impl.db->deploys(200);
    if (!deploys.ok()) return std::move(deploys).error();
    for (const store::DeployRecord& deploy : *deploys) {
      if (deploy.kind != "deploy" || deploy.outcome != "succeeded") continue;
      for (const auto& [name, service] : impl.services) {
        for (const store::RevisionRecord& row : *rows) {
          if (row.service == name && row.revision == service.serving.number && row.deploy_id == deploy.id) {
            targets[name] = service.serving.previous;
          }
        }
      }
      if (!targets.empty()) break;
    }
    if (targets.empty()) return Error("nothing to roll back: no deploy's revisions are serving");
  }
  Report report;
  for (auto target = targets.begin(); target != targets.end();) {
    auto found = impl.services.find(target->first);
    if (found == impl.services.end() || found->second.serving.number == target->second || target->second == 0) {
      target = targets.erase(target);
      continue;
    }
    report.plan.push_back(target->first + ": revision " + std::to_string(found->second.serving.number) + " -> " +
                          std::to_string(target->second) +
                          ": migrate down, migrate it up, start it, wait for health, publish, stop " +
                          std::to_string(found->second.serving.number));
    ++target;
  }
  if (targets.empty()) return Error("nothing to roll back: those revisions are already serving");
  if (request.dry_run) return report;
  std::string joined;
  for (const auto& [name, revision] : targets) joined += (joined.empty() ? "" : ",") + name;
  auto id = impl.db->begin_deploy("rollback", joined);
  if (!id.ok()) return std::move(id).error();
  report.id = *id;
  impl.operation_id = *id;
  impl.events = &report.events;
  impl.crashable = true;
  for (const auto& [name, revision] : targets) {
    if (Status restored = impl.restore_one(impl.services.at(name), revision); !restored.ok()) {
      (void)impl.db->finish_deploy(*id, false, restored.error().message(), impl.supergraph_sha);
      impl.end_operation();
      return restored.error();
    }
  }
  Status saved = impl.db->finish_deploy(*id, true, "", impl.supergraph_sha);
  impl.end_operation();
  if (!saved.ok()) return saved.error();
  return report;
}

Result<std::string> StackRunner::migrate(const std::string& service, bool down) {
  Impl& impl = *impl_;
  std::unique_lock lock(impl.operation, std::try_to_lock);
  if (!lock.owns_lock()) return Error("another deploy, rollback or migration is running; wait for it to finish");
  if (Status opened = open(); !opened.ok()) return opened.error();
  auto found = impl.select({service});
  if (!found.ok()) return std::move(found).error();
  Impl::Service& chosen = *found->front();
  Impl::Revision revision = chosen.serving;
  if (revision.number == 0) {  // the control plane is not running: the revision recorded as serving
    auto rows = impl.db->revisions(service);
    if (!rows.ok()) return std::move(rows).error();
    revision.dir = chosen.spec->dir;
    for (const store::RevisionRecord& row : *rows) {
      if (row.status == "serving" && fs::exists(row.dir)) {
        revision.number = row.revision;
        revision.dir = row.dir;
      }
    }
    revision.log = impl.log_of(service, revision.number);
  }
  return impl.run_migration(chosen, revision, down);
}

std::string StackRunner::history_json() const {
  auto deploys = impl_->db ? impl_->db->deploys() : Result<std::vector<store::DeployRecord>>(Error("none"));
  json::Value list = json::Value::array();
  if (deploys.ok()) {
    for (const store::DeployRecord& deploy : *deploys) {
      json::Value entry = json::Value::object();
      entry.set("id", json::Value(deploy.id));
      entry.set("kind", deploy.kind);
      entry.set("started_at", deploy.started_at);
      entry.set("duration_ms", json::Value(deploy.duration_ms));
      entry.set("services", deploy.services);
      entry.set("outcome", deploy.outcome);
      entry.set("step", deploy.step);
      entry.set("reason", deploy.reason);
      entry.set("supergraph", deploy.supergraph);
      list.push(std::move(entry));
    }
  }
  return json::to_string(list);
}

std::string StackRunner::migrations_json() const {
  auto migrations = impl_->db ? impl_->db->migrations() : Result<std::vector<store::MigrationRecord>>(Error("none"));
  json::Value list = json::Value::array();
  if (migrations.ok()) {
    for (const store::MigrationRecord& migration : *migrations) {
      json::Value entry = json::Value::object();
      entry.set("id", json::Value(migration.id));
      entry.set("service", migration.service);
      entry.set("revision", json::Value(migration.revision));
      entry.set("direction", migration.direction);
      entry.set("started_at", migration.started_at);
      entry.set("exit_code", json::Value(migration.exit_code));
      entry.set("output", migration.output);
      list.push(std::move(entry));
    }
  }
  return json::to_string(list);
}

std::string StackRunner::status_json() const {
  Impl& impl = *impl_;
  std::lock_guard lock(impl.mutex);
  auto now = Clock::now();
  json::Value services = json::Value::array();
  for (const auto& [name, service] : impl.services) {
    json::Value entry = json::Value::object();
    entry.set("name", name);
    entry.set("revision", json::Value(service.serving.number));
    entry.set("port", json::Value(static_cast<int64_t>(service.serving.port)));
    entry.set("pid", json::Value(static_cast<int64_t>(service.serving.pid)));
    entry.set("state", service.failed ? "failed" : service.serving.pid > 0 ? "running" : "restarting");
    entry.set("health", service.healthy ? "healthy" : "unhealthy");
    int64_t uptime =
        service.serving.pid > 0 ? std::chrono::duration_cast<std::chrono::seconds>(now - service.since).count() : 0;
    entry.set("uptime_s", json::Value(uptime));
    entry.set("restarts", json::Value(static_cast<int64_t>(service.restarts.size())));
    entry.set("log", service.serving.log);
    services.push(std::move(entry));
  }
  json::Value supergraph = json::Value::object();
  supergraph.set("sha256", impl.supergraph_sha);
  supergraph.set("path", (impl.state / "supergraphs" / (impl.supergraph_sha + ".graphql")).string());
  supergraph.set("published_at", impl.published_at);
  supergraph.set("generation", json::Value(static_cast<int64_t>(impl.gateway ? impl.gateway->generation() : 0)));
  json::Value out = json::Value::object();
  out.set("stack", impl.stack.name);
  out.set("gateway", "http://127.0.0.1:" + std::to_string(impl.gateway_port) + impl.graphql_path);
  out.set("services", std::move(services));
  out.set("supergraph", std::move(supergraph));
  return json::to_string(out);
}

std::string StackRunner::log_path(const std::string& service, int64_t revision) const {
  std::lock_guard lock(impl_->mutex);
  auto found = impl_->services.find(service);
  if (found == impl_->services.end()) return "";
  return (impl_->state / "logs" / service /
          (std::to_string(revision != 0 ? revision : found->second.serving.number) + ".log"))
      .string();
}

uint16_t StackRunner::gateway_port() const { return impl_->gateway_port; }

uint16_t StackRunner::port_of(const std::string& service) const {
  std::lock_guard lock(impl_->mutex);
  auto found = impl_->services.find(service);
  return found == impl_->services.end() ? 0 : found->second.serving.port;
}

std::string StackRunner::supergraph_path() const { return (impl_->state / "supergraph.graphql").string(); }

std::string StackRunner::state_dir() const { return impl_->state.string(); }

}  // namespace junction::control
