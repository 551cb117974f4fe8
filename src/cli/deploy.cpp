// `junction deploy | rollback | migrate | status | history | down`: talk to the control plane
// `junction up` runs (see control_client.h). `migrate` also works with the stack stopped.
#include <signal.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <thread>

#include "cli/commands.h"
#include "cli/control_client.h"
#include "control/process.h"
#include "control/runner.h"
#include "control/stack.h"
#include "json/read.h"
#include "json/value.h"
#include "json/write.h"

namespace junction::cli {
namespace {

// Calls the control plane; prints the error and returns nullopt on failure.
std::optional<json::Value> request(const ControlOptions& options, const std::string& method, const std::string& path,
                                   const json::Value& body, std::chrono::milliseconds timeout,
                                   std::string* raw = nullptr) {
  auto control = find_control(options.stack);
  if (!control.ok()) {
    std::cerr << "error: " << control.error().message() << "\n";
    return std::nullopt;
  }
  auto response = call_control(*control, method, path, method == "GET" ? "" : json::to_string(body), timeout);
  if (!response.ok()) {
    std::cerr << "error: " << response.error().message() << "\n";
    return std::nullopt;
  }
  auto parsed = json::parse(response->body);
  if (!parsed.ok()) {
    std::cerr << "error: unexpected answer from the control plane: " << response->body << "\n";
    return std::nullopt;
  }
  if (raw != nullptr) *raw = response->body;
  return std::move(parsed).value();
}

std::string text_of(const json::Value& object, const char* name) {
  const json::Value* value = object.find(name);
  if (value == nullptr) return "";
  return value->is_string() ? value->as_string() : json::to_string(*value);
}

bool succeeded(const json::Value& answer) {
  const json::Value* ok = answer.find("ok");
  return ok != nullptr && ok->is_bool() && ok->as_bool();
}

void print_lines(const json::Value& answer, const char* name, const char* prefix) {
  const json::Value* lines = answer.find(name);
  if (lines == nullptr || !lines->is_array()) return;
  for (const json::Value& line : lines->as_array()) std::cout << prefix << line.as_string() << "\n";
}

// A deploy or a rollback: the plan first (a dry run of the same request), then the real one.
int run_operation(const ControlOptions& options, const std::string& path, json::Value body, bool dry_run,
                  const std::string& done) {
  body.set("dry_run", json::Value(true));
  std::string raw;
  auto plan = request(options, "POST", path, body, std::chrono::minutes(1), &raw);
  if (!plan) return 1;
  if (!succeeded(*plan)) {
    std::cerr << "error: " << text_of(*plan, "error") << "\n";
    return 1;
  }
  if (dry_run) {
    if (options.json()) {
      std::cout << raw << "\n";
    } else {
      std::cout << "plan (dry run, nothing changed):\n";
      print_lines(*plan, "plan", "  ");
    }
    return 0;
  }
  if (!options.json()) {
    std::cout << "plan:\n";
    print_lines(*plan, "plan", "  ");
    std::cout.flush();
  }
  body.set("dry_run", json::Value(false));
  auto result = request(options, "POST", path, body, std::chrono::minutes(60), &raw);
  if (!result) return 1;
  if (options.json()) {
    std::cout << raw << "\n";
    return succeeded(*result) ? 0 : 1;
  }
  print_lines(*result, "events", "  ");
  if (!succeeded(*result)) {
    std::cerr << "error: " << done << " failed: " << text_of(*result, "error") << "\n";
    return 1;
  }
  std::cout << done << " #" << text_of(*result, "id") << " succeeded\n";
  return 0;
}

std::string duration(int64_t seconds) {
  if (seconds < 60) return std::to_string(seconds) + "s";
  if (seconds < 3600) return std::to_string(seconds / 60) + "m" + std::to_string(seconds % 60) + "s";
  return std::to_string(seconds / 3600) + "h" + std::to_string(seconds / 60 % 60) + "m";
}

}  // namespace

int run_deploy(const DeployOptions& options) {
  json::Value services = json::Value::array();
  for (const std::string& service : options.services) services.push(json::Value(service));
  json::Value body = json::Value::object();
  body.set("services", std::move(services));
  body.set("allow_breaking", json::Value(options.allow_breaking));
  return run_operation(options, "/deploy", std::move(body), options.dry_run, "deploy");
}

int run_rollback(const RollbackOptions& options) {
  json::Value body = json::Value::object();
  body.set("service", options.service);
  body.set("to", json::Value(options.to));
  return run_operation(options, "/rollback", std::move(body), options.dry_run, "rollback");
}

int run_migrate(const MigrateOptions& options) {
  auto control = find_control(options.stack);
  Result<std::string> output = Error("");
  if (control.ok()) {
    json::Value body = json::Value::object();
    body.set("service", options.service);
    body.set("down", json::Value(options.down));
    auto answer = request(options, "POST", "/migrate", body, std::chrono::minutes(60));
    if (!answer) return 1;
    output = succeeded(*answer) ? Result<std::string>(text_of(*answer, "output"))
                                : Result<std::string>(Error(text_of(*answer, "error")));
  } else {
    // The stack is not running: the runbook fallback runs the migration here.
    ControlPlane located = locate_stack(options.stack);
    auto stack = control::load_stack(located.root + "/junction.yaml", process_environment());
    if (!stack.ok()) {
      std::cerr << "error: " << stack.error().message() << "\n";
      return 1;
    }
    control::RunnerOptions runner_options;
    runner_options.log = [](const std::string& line) { std::cerr << "junction migrate: " << line << "\n"; };
    control::StackRunner runner(std::move(stack).value(), runner_options);
    output = runner.migrate(options.service, options.down);
  }
  if (!output.ok()) {
    std::cerr << "error: " << output.error().message() << "\n";
    return 1;
  }
  if (options.json()) {
    json::Value answer = json::Value::object();
    answer.set("ok", json::Value(true));
    answer.set("output", *output);
    std::cout << json::to_string(answer) << "\n";
  } else {
    std::cout << *output;
    std::cout << options.service << ": migrate " << (options.down ? "down" : "up") << " done\n";
  }
  return 0;
}

int run_status(const ControlOptions& options) {
  std::string raw;
  auto status = request(options, "GET", "/status", json::Value::object(), std::chrono::seconds(10), &raw);
  if (!status) return 1;
  if (options.json()) {
    std::cout << raw << "\n";
    return 0;
  }
  const json::Value* supergraph = status->find("supergraph");
  const json::Value* services = status->find("services");
  if (supergraph == nullptr || services == nullptr || !services->is_array()) {
    std::cerr << "error: unexpected answer from the control plane: " << raw << "\n";
    return 1;
  }
  std::cout << "stack " << text_of(*status, "stack") << ", gateway " << text_of(*status, "gateway") << "\n"
            << "supergraph " << text_of(*supergraph, "sha256").substr(0, 12) << " (generation "
            << text_of(*supergraph, "generation") << "), published " << text_of(*supergraph, "published_at") << "\n";
  std::printf("%-14s %-9s %-6s %-11s %-10s %-8s %s\n", "SERVICE", "REVISION", "PORT", "STATE", "HEALTH", "UPTIME",
              "RESTARTS");
  std::cout.flush();
  for (const json::Value& service : services->as_array()) {
    std::printf("%-14s %-9s %-6s %-11s %-10s %-8s %s\n", text_of(service, "name").c_str(),
                text_of(service, "revision").c_str(), text_of(service, "port").c_str(),
                text_of(service, "state").c_str(), text_of(service, "health").c_str(),
                duration(service.find("uptime_s")->as_int()).c_str(), text_of(service, "restarts").c_str());
  }
  std::fflush(stdout);
  return 0;
}

int run_history(const HistoryOptions& options) {
  std::string raw;
  auto deploys = request(options, "GET", options.migrations ? "/migrations" : "/history", json::Value::object(),
                         std::chrono::seconds(10), &raw);
  if (!deploys) return 1;
  if (options.json()) {
    std::cout << raw << "\n";
    return 0;
  }
  if (!deploys->is_array()) {
    std::cerr << "error: unexpected answer from the control plane: " << raw << "\n";
    return 1;
  }
  if (options.migrations) {
    if (deploys->as_array().empty()) std::cout << "no migrations yet\n";
    for (const json::Value& run : deploys->as_array()) {
      std::cout << "#" << text_of(run, "id") << "  " << text_of(run, "started_at") << "  " << text_of(run, "service")
                << " revision " << text_of(run, "revision") << "  " << text_of(run, "direction") << "  exit "
                << text_of(run, "exit_code") << "\n";
      std::string output = text_of(run, "output");
      for (size_t start = 0; start < output.size();) {
        size_t end = output.find('\n', start);
        if (end == std::string::npos) end = output.size();
        std::cout << "    " << output.substr(start, end - start) << "\n";
        start = end + 1;
      }
    }
    return 0;
  }
  if (deploys->as_array().empty()) std::cout << "no deploys yet\n";
  for (const json::Value& deploy : deploys->as_array()) {
    std::cout << "#" << text_of(deploy, "id") << "  " << text_of(deploy, "kind") << "  "
              << text_of(deploy, "started_at") << "  " << text_of(deploy, "services") << "  "
              << text_of(deploy, "outcome") << "  " << text_of(deploy, "duration_ms") << " ms";
    if (text_of(deploy, "outcome") == "failed") {
      std::cout << "  at " << text_of(deploy, "step") << ": " << text_of(deploy, "reason");
    }
    std::cout << "\n";
  }
  return 0;
}

int run_down(const ControlOptions& options) {
  auto control = find_control(options.stack);
  if (!control.ok()) {
    std::cerr << "error: " << control.error().message() << "\n";
    return 1;
  }
  auto answer = request(options, "POST", "/down", json::Value::object(), std::chrono::seconds(10));
  if (!answer) return 1;
  // The control plane stops the gateway, then every service; wait for it to be gone.
  for (int wait = 0; wait < 600 && control::process_alive(static_cast<pid_t>(control->pid)); ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (control::process_alive(static_cast<pid_t>(control->pid))) {
    std::cerr << "error: the control plane (pid " << control->pid << ") is still stopping after 60 s\n";
    return 1;
  }
  std::cout << "stack stopped\n";
  return 0;
}

}  // namespace junction::cli
