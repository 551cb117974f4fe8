#include "control/stack.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "common/file.h"
#include "gateway/yaml_reader.h"

namespace junction::control {
namespace {

namespace fs = std::filesystem;

bool valid_name(const std::string& name) {
  return !name.empty() && name.size() <= 63 && std::isalpha(static_cast<unsigned char>(name.front())) != 0 &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::islower(static_cast<unsigned char>(c)) != 0 ||
                  std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_';
         });
}

bool valid_variable(const std::string& name) {
  return !name.empty() && std::isdigit(static_cast<unsigned char>(name.front())) == 0 &&
         std::all_of(name.begin(), name.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; });
}

class StackReader : public gateway::YamlReader {
 public:
  StackReader(std::string path, fs::path root) : YamlReader(std::move(path)), root_(std::move(root)) {}

  StackSpec read(const YAML::Node& node) {
    if (!node.IsDefined() || node.IsNull()) {
      throw gateway::ConfigError{path_ + ": the stack file is empty (expected name: and services:)"};
    }
    keys(node, "", {"name", "gateway", "services"});
    StackSpec stack;
    stack.root = root_.string();
    YAML::Node name = node["name"];
    if (!name) fail(node, "name is missing (the stack's name, for example name: mindmirror)");
    stack.name = string(name, "name");
    if (!valid_name(stack.name)) {
      fail(name, "name \"" + stack.name + "\" must be lower-case letters, digits, - or _, starting with a letter");
    }
    if (YAML::Node gateway = node["gateway"]) {
      keys(gateway, "gateway", {"listen", "config"});
      if (YAML::Node value = gateway["listen"]) stack.gateway_listen = listen(value, "gateway.listen");
      if (YAML::Node value = gateway["config"]) stack.gateway_config = existing(value, "gateway.config", false);
    }
    YAML::Node services = node["services"];
    if (!services || services.IsNull() || (services.IsMap() && services.size() == 0)) {
      fail(services ? services : node, "services is missing or empty (each service: dir, run, ...)");
    }
    std::set<uint16_t> ports;
    for_each_entry(services, "services", [&](const std::string& service_name, const YAML::Node& value) {
      ServiceSpec service = read_service(service_name, value);
      if (service.port && !ports.insert(*service.port).second) {
        fail(value["port"], "services." + service_name + ".port " + std::to_string(*service.port) +
                                " is already taken by another service");
      }
      stack.services.push_back(std::move(service));
    });
    std::sort(stack.services.begin(), stack.services.end(),
              [](const ServiceSpec& a, const ServiceSpec& b) { return a.name < b.name; });
    return stack;
  }

 private:
  // A path relative to the stack file that must exist (a folder when `folder`).
  std::string existing(const YAML::Node& node, const std::string& where, bool folder) {
    fs::path path = string(node, where);
    if (path.is_relative()) path = root_ / path;
    path = path.lexically_normal();
    std::error_code error;
    bool exists = folder ? fs::is_directory(path, error) : fs::is_regular_file(path, error);
    if (!exists) {
      fail(node, where + ": " + (folder ? "no folder " : "no file ") + path.string() +
                     " (paths are relative to the stack file's folder)");
    }
    return path.string();
  }

  ServiceSpec read_service(const std::string& name, const YAML::Node& node) {
    std::string where = "services." + name;
    ServiceSpec service;
    service.name = name;
    service.place = path_ + ":" + std::to_string(node.Mark().line + 1) + ":" + std::to_string(node.Mark().column + 1);
    if (!valid_name(name)) {
      fail(node, where + ": a service name must be lower-case letters, digits, - or _, starting with a letter");
    }
    if (!node.IsMap()) fail(node, where + " must be a mapping with at least dir and run");
    keys(node, where,
         {"dir", "build", "run", "port", "graphql_path", "health_path", "migrate", "env", "secrets", "smoke",
          "subgraph"});
    YAML::Node dir = node["dir"];
    if (!dir) fail(node, where + ".dir is missing (the service's source folder, relative to the stack file)");
    service.dir = existing(dir, where + ".dir", true);
    YAML::Node run = node["run"];
    if (!run) fail(node, where + ".run is missing (the command that starts the service; it listens on $PORT)");
    service.run = string(run, where + ".run");
    if (service.run.empty()) fail(run, where + ".run is empty");
    if (YAML::Node value = node["build"]) service.build = string(value, where + ".build");
    if (YAML::Node value = node["port"]) {
      uint64_t port = count(value, where + ".port");
      if (port == 0 || port > 65535) fail(value, where + ".port must be 1-65535 (leave it out to have one assigned)");
      service.port = static_cast<uint16_t>(port);
    }
    if (YAML::Node value = node["graphql_path"]) service.graphql_path = url_path(value, where + ".graphql_path");
    if (YAML::Node value = node["health_path"]) service.health_path = url_path(value, where + ".health_path");
    if (YAML::Node value = node["subgraph"]) service.subgraph = boolean(value, where + ".subgraph");
    if (YAML::Node migrate = node["migrate"]) {
      keys(migrate, where + ".migrate", {"up", "down"});
      if (YAML::Node value = migrate["up"]) service.migrate_up = string(value, where + ".migrate.up");
      if (YAML::Node value = migrate["down"]) service.migrate_down = string(value, where + ".migrate.down");
      if (!service.migrate_up.empty() && service.migrate_down.empty()) {
        fail(migrate, where + ".migrate has up but no down (a failed deploy must be able to undo its migration)");
      }
    }
    if (YAML::Node env = node["env"]) {
      for_each_entry(env, where + ".env", [&](const std::string& variable, const YAML::Node& value) {
        if (!valid_variable(variable)) fail(value, where + ".env: \"" + variable + "\" is not a variable name");
        service.env.emplace_back(variable, string(value, where + ".env." + variable));
      });
    }
    if (YAML::Node secrets = node["secrets"]) {
      service.secrets = strings(secrets, where + ".secrets");
      for (const std::string& secret : service.secrets) {
        if (!valid_variable(secret)) fail(secrets, where + ".secrets: \"" + secret + "\" is not a variable name");
      }
    }
    if (YAML::Node smoke = node["smoke"]) {
      if (!smoke.IsSequence()) fail(smoke, where + ".smoke must be a list of {query, expect}");
      for (const auto& item : smoke) {
        keys(item, where + ".smoke[]", {"query", "expect"});
        if (!item["query"]) fail(item, where + ".smoke[] needs a query");
        SmokeQuery query;
        query.query = string(item["query"], where + ".smoke[].query");
        if (YAML::Node expect = item["expect"]) query.expect = string(expect, where + ".smoke[].expect");
        service.smoke.push_back(std::move(query));
      }
    }
    return service;
  }

  fs::path root_;
};

}  // namespace

Result<StackSpec> parse_stack(const std::string& text, const std::string& path, const Environment& environment) {
  fs::path root = fs::absolute(fs::path(path)).parent_path();
  return gateway::read_yaml<StackSpec>(text, path, environment, false,
                                       [&](const YAML::Node& node) { return StackReader(path, root).read(node); });
}

Result<StackSpec> load_stack(const std::string& path, const Environment& environment) {
  std::string file = path;
  if (fs::is_directory(file)) file = (fs::path(file) / "junction.yaml").string();
  auto text = read_file(file);
  if (!text.ok()) return std::move(text).error();
  return parse_stack(*text, file, environment);
}

}  // namespace junction::control
