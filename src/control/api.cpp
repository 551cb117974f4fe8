#include "control/api.h"

#include <openssl/rand.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/file.h"
#include "json/read.h"
#include "json/value.h"
#include "json/write.h"
#include "net/http_server.h"

namespace junction::control {
namespace {

namespace fs = std::filesystem;

net::ServerResponse reply(int status, std::string body) {
  net::ServerResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = std::move(body);
  return response;
}

std::string error_body(const std::string& message) {
  json::Value body = json::Value::object();
  body.set("ok", json::Value(false));
  body.set("error", message);
  return json::to_string(body);
}

json::Value strings(const std::vector<std::string>& lines) {
  json::Value list = json::Value::array();
  for (const std::string& line : lines) list.push(json::Value(line));
  return list;
}

std::string report_body(const Result<Report>& report) {
  if (!report.ok()) return error_body(report.error().message());
  json::Value body = json::Value::object();
  body.set("ok", json::Value(true));
  body.set("id", json::Value(report->id));
  body.set("plan", strings(report->plan));
  body.set("events", strings(report->events));
  return json::to_string(body);
}

Status write_private(const fs::path& file, const std::string& text) {
  if (Status written = write_file_atomically(file.string(), text); !written.ok()) return written;
  std::error_code error;
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write, fs::perm_options::replace, error);
  if (error) return Error("cannot make " + file.string() + " private: " + error.message());
  return {};
}

std::string string_member(const json::Value& body, const char* name) {
  const json::Value* value = body.find(name);
  return value != nullptr && value->is_string() ? value->as_string() : "";
}

bool bool_member(const json::Value& body, const char* name) {
  const json::Value* value = body.find(name);
  return value != nullptr && value->is_bool() && value->as_bool();
}

}  // namespace

struct ControlApi::Impl {
  StackRunner& runner;
  std::function<void()> on_down;
  std::unique_ptr<net::HttpServer> server;
  std::string token;
  fs::path state;
  // Operations running (or finished and not yet joined): a finished thread keeps its stack
  // until it is joined, so each new job first joins the ones that are done.
  struct Job {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done = std::make_shared<std::atomic<bool>>(false);
  };
  std::mutex jobs_mutex;
  std::vector<Job> jobs;

  Impl(StackRunner& runner_in, std::function<void()> down) : runner(runner_in), on_down(std::move(down)) {}

  // Runs `work` on its own thread and answers from the API's loop when it is done.
  void later(net::ClientPool& pool, net::HttpServer::Respond respond, std::function<net::ServerResponse()> work) {
    std::lock_guard lock(jobs_mutex);
    std::erase_if(jobs, [](Job& job) {
      if (!job.done->load()) return false;
      job.thread.join();
      return true;
    });
    Job& job = jobs.emplace_back();
    job.thread = std::thread([&pool, done = job.done, respond = std::move(respond), work = std::move(work)]() mutable {
      net::ServerResponse response = work();
      pool.post(
          [respond = std::move(respond), response = std::move(response)]() mutable { respond(std::move(response)); });
      done->store(true);
    });
  }

  void handle(net::ServerRequest&& request, net::ClientPool& pool, net::HttpServer::Respond respond) {
    if (request.header("authorization") != "Bearer " + token) {
      respond(
          reply(401, error_body("missing or wrong token (the CLI reads it from " + (state / "token").string() + ")")));
      return;
    }
    std::string_view path = request.path();
    if (request.method == "GET" && path == "/status") return respond(reply(200, runner.status_json()));
    if (request.method == "GET" && path == "/history") return respond(reply(200, runner.history_json()));
    if (request.method == "GET" && path == "/migrations") return respond(reply(200, runner.migrations_json()));
    if (request.method != "POST") {
      return respond(reply(404, error_body("no such endpoint (GET /status, /history, /migrations; POST /deploy, "
                                           "/rollback, /migrate, /down)")));
    }
    auto parsed = json::parse(request.body.empty() ? std::string("{}") : request.body);
    if (!parsed.ok() || !parsed->is_object()) return respond(reply(400, error_body("the body must be a JSON object")));
    json::Value body = std::move(parsed).value();
    if (path == "/deploy") {
      DeployRequest deploy;
      if (const json::Value* list = body.find("services"); list != nullptr && list->is_array()) {
        for (const json::Value& name : list->as_array()) {
          if (name.is_string()) deploy.services.push_back(name.as_string());
        }
      }
      deploy.dry_run = bool_member(body, "dry_run");
      deploy.allow_breaking = bool_member(body, "allow_breaking");
      return later(pool, std::move(respond), [this, deploy] {
        auto report = runner.deploy(deploy);
        return reply(report.ok() ? 200 : 409, report_body(report));
      });
    }
    if (path == "/rollback") {
      RollbackRequest rollback;
      rollback.service = string_member(body, "service");
      if (const json::Value* to = body.find("to"); to != nullptr && to->type() == json::Value::Type::Int) {
        rollback.to = to->as_int();
      }
      rollback.dry_run = bool_member(body, "dry_run");
      return later(pool, std::move(respond), [this, rollback] {
        auto report = runner.rollback(rollback);
        return reply(report.ok() ? 200 : 409, report_body(report));
      });
    }
    if (path == "/migrate") {
      std::string service = string_member(body, "service");
      bool down = bool_member(body, "down");
      return later(pool, std::move(respond), [this, service, down] {
        auto output = runner.migrate(service, down);
        if (!output.ok()) return reply(409, error_body(output.error().message()));
        json::Value answer = json::Value::object();
        answer.set("ok", json::Value(true));
        answer.set("output", *output);
        return reply(200, json::to_string(answer));
      });
    }
    if (path == "/down") {
      respond(reply(200, R"({"ok":true})"));
      // After the answer is on its way; the owner stops the API (and so joins no one here).
      std::thread([down = on_down] {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (down) down();
      }).detach();
      return;
    }
    respond(reply(404, error_body("no such endpoint (POST /deploy, /rollback, /migrate, /down)")));
  }
};

ControlApi::ControlApi(StackRunner& runner, std::function<void()> on_down)
    : impl_(std::make_unique<Impl>(runner, std::move(on_down))) {}

ControlApi::~ControlApi() { stop(); }

Result<uint16_t> ControlApi::start() {
  Impl& impl = *impl_;
  impl.state = impl.runner.state_dir();
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
  impl.server = std::make_unique<net::HttpServer>(
      options, [&impl](net::ServerRequest&& request, net::ClientPool& pool, net::HttpServer::Respond respond) {
        impl.handle(std::move(request), pool, std::move(respond));
      });
  auto port = impl.server->start();
  if (!port.ok()) return Error("cannot serve the control API: " + port.error().message());
  if (Status written = write_private(impl.state / "token", impl.token + "\n"); !written.ok()) return written.error();
  json::Value control = json::Value::object();
  control.set("url", "http://127.0.0.1:" + std::to_string(*port));
  control.set("pid", json::Value(static_cast<int64_t>(getpid())));
  if (Status written = write_private(impl.state / "control.json", json::to_string(control)); !written.ok()) {
    return written.error();
  }
  return port;
}

void ControlApi::stop() {
  Impl& impl = *impl_;
  if (!impl.server) return;
  {
    std::lock_guard lock(impl.jobs_mutex);
    for (Impl::Job& job : impl.jobs) job.thread.join();
    impl.jobs.clear();
  }
  impl.server->stop(std::chrono::milliseconds(1000));
  impl.server.reset();
  std::error_code ignored;
  fs::remove(impl.state / "control.json", ignored);
}

}  // namespace junction::control
