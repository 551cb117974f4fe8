// The harness of the `junction` executable's end-to-end tests: runs the binary in a
// per-test temporary folder and captures exit code, stdout and stderr.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace junction {

namespace fs = std::filesystem;

// Two subgraphs for the tests of the composition commands: products (with an @inaccessible
// field) and reviews.
inline constexpr const char* kProductsSubgraph =
    R"(extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@inaccessible"])
type Query { products: [Product] }
type Product @key(fields: "id") { id: ID! name: String secret: String @inaccessible }
)";

inline constexpr const char* kReviewsSubgraph =
    R"(extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Product @key(fields: "id") { id: ID! reviews: [String] }
)";

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("junction-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  static std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }
  // A rover config of the products and reviews subgraphs with the SDL given (reviews listed
  // first: composition sorts them by name).
  std::string products_and_reviews(const std::string& products_sdl, const std::string& reviews_sdl) {
    write("products.graphql", products_sdl);
    write("reviews.graphql", reviews_sdl);
    return write("supergraph-config.yaml",
                 "federation_version: =2.14.4\n"
                 "subgraphs:\n"
                 "  reviews:\n"
                 "    routing_url: http://reviews\n"
                 "    schema:\n"
                 "      file: ./reviews.graphql\n"
                 "  products:\n"
                 "    routing_url: http://products\n"
                 "    schema:\n"
                 "      file: ./products.graphql\n");
  }
  Outcome run(const std::string& arguments) {
    std::string out = (dir_ / "stdout").string();
    std::string err = (dir_ / "stderr").string();
    std::string command = std::string(JUNCTION_BINARY) + " " + arguments + " >" + out + " 2>" + err;
    int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  }

  fs::path dir_;
};

}  // namespace junction
