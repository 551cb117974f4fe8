#include "control/stack.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace junction::control {
namespace {

namespace fs = std::filesystem;

class StackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("junction-stack-" + std::to_string(getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(root_ / "services" / "users");
    fs::create_directories(root_ / "services" / "habits");
    std::ofstream(root_ / "gateway.yaml") << "supergraph:\n  path: /graphql\n";
  }
  void TearDown() override { fs::remove_all(root_); }

  Result<StackSpec> parse(const std::string& text, const Environment& environment = {}) {
    return parse_stack(text, (root_ / "junction.yaml").string(), environment);
  }
  std::string error_of(const std::string& text) {
    auto stack = parse(text);
    return stack.ok() ? "(no error)" : stack.error().message();
  }
  std::string file() const { return (root_ / "junction.yaml").string(); }

  fs::path root_;
};

TEST_F(StackTest, ReadsServicesSortedWithDefaultsAndResolvedPaths) {
  auto stack = parse(R"(
name: mindmirror
gateway:
  listen: 127.0.0.1:${env.GATEWAY_PORT:-4000}
  config: gateway.yaml
services:
  users:
    dir: services/users
    build: npm ci
    run: node server.mjs
    port: 4101
    migrate:
      up: node migrate.mjs up
      down: node migrate.mjs down
    env:
      LOG_LEVEL: info
    secrets: [DATABASE_URL]
    smoke:
      - query: "{ me { id } }"
        expect: '"id"'
  habits:
    dir: ./services/habits
    run: node server.mjs
    health_path: /healthz
    subgraph: false
)");
  ASSERT_TRUE(stack.ok()) << stack.error().message();
  EXPECT_EQ(stack->name, "mindmirror");
  EXPECT_EQ(stack->gateway_listen, "127.0.0.1:4000");
  EXPECT_EQ(stack->gateway_config, (root_ / "gateway.yaml").string());
  ASSERT_EQ(stack->services.size(), 2U);
  const ServiceSpec& habits = stack->services[0];
  EXPECT_EQ(habits.name, "habits");
  EXPECT_EQ(habits.dir, (root_ / "services" / "habits").string());
  EXPECT_FALSE(habits.port);
  EXPECT_EQ(habits.graphql_path, "/graphql");
  EXPECT_EQ(habits.health_path, "/healthz");
  EXPECT_FALSE(habits.subgraph);
  EXPECT_EQ(habits.place, file() + ":22:5");
  const ServiceSpec& users = stack->services[1];
  EXPECT_TRUE(users.subgraph);
  EXPECT_EQ(users.build, "npm ci");
  EXPECT_EQ(users.run, "node server.mjs");
  EXPECT_EQ(users.port, 4101);
  EXPECT_EQ(users.migrate_up, "node migrate.mjs up");
  EXPECT_EQ(users.migrate_down, "node migrate.mjs down");
  EXPECT_EQ(users.env, (std::vector<std::pair<std::string, std::string>>{{"LOG_LEVEL", "info"}}));
  EXPECT_EQ(users.secrets, std::vector<std::string>{"DATABASE_URL"});
  ASSERT_EQ(users.smoke.size(), 1U);
  EXPECT_EQ(users.smoke[0].query, "{ me { id } }");
  EXPECT_EQ(users.smoke[0].expect, "\"id\"");
}

TEST_F(StackTest, EveryProblemNamesTheKeyAndPlace) {
  EXPECT_EQ(error_of(""), file() + ": the stack file is empty (expected name: and services:)");
  EXPECT_EQ(error_of("services: {}\n"),
            file() + ":1:1: name is missing (the stack's name, for example name: mindmirror)");
  EXPECT_EQ(error_of("name: Mind Mirror\n"),
            file() + ":1:7: name \"Mind Mirror\" must be lower-case letters, digits, - or _, starting with a letter");
  EXPECT_EQ(error_of("name: a\n"), file() + ":1:1: services is missing or empty (each service: dir, run, ...)");
  EXPECT_EQ(error_of("name: a\nservice: {}\n"),
            file() + ":2:1: unknown key \"service\". Did you mean \"services\"? (expected name, gateway, services)");
  EXPECT_EQ(error_of("name: a\nservices:\n  users:\n    run: x\n"),
            file() + ":4:5: services.users.dir is missing (the service's source folder, relative to the stack file)");
  EXPECT_EQ(error_of("name: a\nservices:\n  users:\n    dir: nowhere\n    run: x\n"),
            file() + ":4:10: services.users.dir: no folder " + (root_ / "nowhere").string() +
                " (paths are relative to the stack file's folder)");
  EXPECT_EQ(error_of("name: a\nservices:\n  users:\n    dir: services/users\n"),
            file() + ":4:5: services.users.run is missing (the command that starts the service; it listens on $PORT)");
  EXPECT_EQ(error_of("name: a\nservices:\n  users:\n    dir: services/users\n    run: x\n    prot: 1\n"),
            file() +
                ":6:5: unknown key \"services.users.prot\". Did you mean \"port\"? (expected dir, build, run, port, "
                "graphql_path, health_path, migrate, env, secrets, smoke, subgraph)");
  EXPECT_EQ(error_of("name: a\nservices:\n  users:\n    dir: services/users\n    run: x\n    port: 70000\n"),
            file() + ":6:11: services.users.port must be 1-65535 (leave it out to have one assigned)");
  EXPECT_EQ(error_of("name: a\nservices:\n  users:\n    dir: services/users\n    run: x\n    port: 5000\n"
                     "  habits:\n    dir: services/habits\n    run: x\n    port: 5000\n"),
            file() + ":10:11: services.habits.port 5000 is already taken by another service");
  EXPECT_EQ(error_of("name: a\nservices:\n  users:\n    dir: services/users\n    run: x\n    migrate: {up: x}\n"),
            file() +
                ":6:14: services.users.migrate has up but no down (a failed deploy must be able to undo its "
                "migration)");
  EXPECT_EQ(error_of("name: a\nservices:\n  users:\n    dir: services/users\n    run: x\n    secrets: [my-secret]\n"),
            file() + ":6:14: services.users.secrets: \"my-secret\" is not a variable name");
  EXPECT_EQ(error_of("name: a\ngateway:\n  config: missing.yaml\nservices:\n  users:\n    dir: services/users\n"
                     "    run: x\n"),
            file() + ":3:11: gateway.config: no file " + (root_ / "missing.yaml").string() +
                " (paths are relative to the stack file's folder)");
}

TEST_F(StackTest, LoadsFromTheFolder) {
  std::ofstream(root_ / "junction.yaml") << "name: a\nservices:\n  users:\n    dir: services/users\n    run: x\n";
  auto stack = load_stack(root_.string(), {});
  ASSERT_TRUE(stack.ok()) << stack.error().message();
  EXPECT_EQ(stack->services.front().name, "users");
  auto missing = load_stack((root_ / "nope.yaml").string(), {});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message().find("nope.yaml"), std::string::npos);
}

}  // namespace
}  // namespace junction::control
