// `junction deploy` and `junction status`: talk to the control plane `junction up` runs, through
// its API (address and token in .junction/control.json beside the stack file).
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/commands.h"
#include "common/file.h"
#include "json/read.h"
#include "json/value.h"
#include "json/write.h"
#include "net/http_client.h"

namespace junction::cli {
namespace {

namespace fs = std::filesystem;

struct ControlApi {
  std::string url;
  std::string token;
};

Result<ControlApi> find_control(const std::string& stack) {
  fs::path root = fs::is_directory(stack) ? fs::path(stack) : fs::path(stack).parent_path();
  if (root.empty()) root = ".";
  fs::path file = root / ".junction" / "control.json";
  auto text = read_file(file.string());
  if (!text.ok()) {
    return Error("no control plane is running for " + (root / "junction.yaml").string() + " (" + file.string() +
                 " is missing; start it with `junction up`)");
  }
  auto parsed = json::parse(*text);
  const json::Value* url = parsed.ok() ? parsed->find("url") : nullptr;
  const json::Value* token = parsed.ok() ? parsed->find("token") : nullptr;
  if (url == nullptr || token == nullptr || !url->is_string() || !token->is_string()) {
    return Error(file.string() + " is not a control file written by `junction up`");
  }
  return ControlApi{url->as_string(), token->as_string()};
}

Result<net::HttpResponse> call(const ControlApi& api, const std::string& method, const std::string& path,
                               std::string body, std::chrono::milliseconds timeout) {
  net::HttpRequest request;
  request.method = method;
  request.url = api.url + path;
  request.headers.emplace_back("Authorization", "Bearer " + api.token);
  request.headers.emplace_back("Content-Type", "application/json");
  request.body = std::move(body);
  request.timeout = timeout;
  auto response = net::fetch(request);
  if (!response.ok()) {
    return Error("the control plane at " + api.url +
                 " does not answer (is `junction up` still running?): " + response.error().message());
  }
  return response;
}

// GET `path` from the stack's control plane; prints the error and returns nullopt on failure.
std::optional<std::string> read_api(const StatusOptions& options, const std::string& path) {
  auto api = find_control(options.stack);
  if (!api.ok()) {
    std::cerr << "error: " << api.error().message() << "\n";
    return std::nullopt;
  }
  auto response = call(*api, "GET", path, "", std::chrono::seconds(10));
  if (!response.ok()) {
    std::cerr << "error: " << response.error().message() << "\n";
    return std::nullopt;
  }
  return std::move(response->body);
}

}  // namespace

int run_deploy(const DeployOptions& options) {
  auto api = find_control(options.stack);
  if (!api.ok()) {
    std::cerr << "error: " << api.error().message() << "\n";
    return 1;
  }
  json::Value services = json::Value::array();
  for (const std::string& service : options.services) services.push(json::Value(service));
  json::Value body = json::Value::object();
  body.set("services", std::move(services));
  auto response = call(*api, "POST", "/deploy", json::to_string(body), std::chrono::minutes(30));
  if (!response.ok()) {
    std::cerr << "error: " << response.error().message() << "\n";
    return 1;
  }
  auto result = json::parse(response->body);
  const json::Value* ok = result.ok() ? result->find("ok") : nullptr;
  if (ok != nullptr && ok->is_bool() && ok->as_bool()) {
    std::string names;
    for (const std::string& service : options.services) names += (names.empty() ? "" : ", ") + service;
    std::cout << "deployed " << (names.empty() ? "every service" : names) << "\n";
    return 0;
  }
  const json::Value* error = result.ok() ? result->find("error") : nullptr;
  std::cerr << "error: deploy failed: "
            << (error != nullptr && error->is_string() ? error->as_string() : response->body) << "\n";
  return 1;
}

int run_status(const StatusOptions& options) {
  auto response = read_api(options, "/status");
  if (!response) return 1;
  if (options.json) {
    std::cout << *response << "\n";
    return 0;
  }
  auto status = json::parse(*response);
  if (!status.ok() || status->find("services") == nullptr) {
    std::cerr << "error: unexpected answer from the control plane: " << *response << "\n";
    return 1;
  }
  std::cout << "stack " << status->find("stack")->as_string() << ", supergraph generation "
            << json::to_string(*status->find("supergraph_generation")) << "\n";
  for (const json::Value& service : status->find("services")->as_array()) {
    std::cout << "  " << service.find("name")->as_string() << "  revision "
              << json::to_string(*service.find("revision")) << "  port " << json::to_string(*service.find("port"))
              << "  " << service.find("state")->as_string() << "  restarts "
              << json::to_string(*service.find("restarts")) << "\n";
  }
  return 0;
}

int run_history(const StatusOptions& options) {
  auto response = read_api(options, "/history");
  if (!response) return 1;
  if (options.json) {
    std::cout << *response << "\n";
    return 0;
  }
  auto deploys = json::parse(*response);
  if (!deploys.ok() || !deploys->is_array()) {
    std::cerr << "error: unexpected answer from the control plane: " << *response << "\n";
    return 1;
  }
  if (deploys->as_array().empty()) std::cout << "no deploys yet\n";
  for (const json::Value& deploy : deploys->as_array()) {
    std::cout << "#" << json::to_string(*deploy.find("id")) << "  " << deploy.find("started_at")->as_string() << "  "
              << deploy.find("services")->as_string() << "  " << deploy.find("outcome")->as_string() << "  "
              << json::to_string(*deploy.find("duration_ms")) << " ms";
    if (deploy.find("outcome")->as_string() == "failed") {
      std::cout << "  at " << deploy.find("failed_step")->as_string() << ": " << deploy.find("reason")->as_string();
    }
    std::cout << "\n";
  }
  return 0;
}

}  // namespace junction::cli
