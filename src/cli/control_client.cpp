#include "cli/control_client.h"

#include <filesystem>

#include "common/file.h"
#include "control/process.h"
#include "json/read.h"
#include "json/value.h"

namespace junction::cli {

namespace fs = std::filesystem;

ControlPlane locate_stack(const std::string& stack) {
  fs::path root = fs::is_directory(stack) ? fs::path(stack) : fs::path(stack).parent_path();
  if (root.empty()) root = ".";
  ControlPlane control;
  control.root = root.string();
  control.state = (root / ".junction").string();
  return control;
}

Result<ControlPlane> find_control(const std::string& stack) {
  ControlPlane control = locate_stack(stack);
  fs::path file = fs::path(control.state) / "control.json";
  std::string yaml = (fs::path(control.root) / "junction.yaml").string();
  auto text = read_file(file.string());
  if (!text.ok()) {
    return Error("no control plane is running for " + yaml + " (start it with `junction up " + control.root + "`)");
  }
  auto parsed = json::parse(*text);
  const json::Value* url = parsed.ok() ? parsed->find("url") : nullptr;
  const json::Value* pid = parsed.ok() ? parsed->find("pid") : nullptr;
  if (url == nullptr || !url->is_string() || pid == nullptr || pid->type() != json::Value::Type::Int) {
    return Error(file.string() + " is not a control file written by `junction up`");
  }
  control.url = url->as_string();
  control.pid = pid->as_int();
  if (!control::process_alive(static_cast<pid_t>(control.pid))) {
    return Error("no control plane is running for " + yaml + " (pid " + std::to_string(control.pid) +
                 " of the last one is gone; start it again with `junction up " + control.root + "`)");
  }
  auto token = read_file((fs::path(control.state) / "token").string());
  if (!token.ok()) return std::move(token).error();
  control.token = *token;
  while (!control.token.empty() && (control.token.back() == '\n' || control.token.back() == '\r')) {
    control.token.pop_back();
  }
  return control;
}

Result<net::HttpResponse> call_control(const ControlPlane& control, const std::string& method, const std::string& path,
                                       std::string body, std::chrono::milliseconds timeout) {
  net::HttpRequest request;
  request.method = method;
  request.url = control.url + path;
  request.headers.emplace_back("Authorization", "Bearer " + control.token);
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = std::move(body);
  request.timeout = timeout;
  auto response = net::fetch(request);
  if (!response.ok()) {
    return Error("the control plane at " + control.url + " (pid " + std::to_string(control.pid) +
                 ") does not answer: " + response.error().message());
  }
  return response;
}

}  // namespace junction::cli
