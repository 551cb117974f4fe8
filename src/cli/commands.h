// The `junction` subcommands, as plain functions over parsed options. main.cpp owns the
// command line (CLI11); each command returns the process exit code: 0 success, 1 a
// user-facing failure (invalid document, unformatted file), 2 bad usage.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace junction::cli {

enum class OutputFormat { Text, Json };

struct FmtOptions {
  std::vector<std::string> files;
  bool check = false;  // exit 1 and name the files that are not formatted
  bool write = false;  // rewrite files in place
};
int run_fmt(const FmtOptions& options);

struct ValidateOptions {
  std::string schema;              // SDL file the operations are validated against
  std::vector<std::string> files;  // operation documents
  OutputFormat format = OutputFormat::Text;
};
int run_validate(const ValidateOptions& options);

struct IntrospectOptions {
  std::string source;  // a schema file, or the URL of a running service
  OutputFormat format = OutputFormat::Text;
  bool full = false;                                         // ask for every optional part of the introspection query
  std::vector<std::pair<std::string, std::string>> headers;  // sent with requests to a URL
  std::chrono::milliseconds timeout{10000};
};
int run_introspect(const IntrospectOptions& options);

struct ComposeOptions {
  std::string config;      // rover supergraph config ("-" for stdin)
  std::string supergraph;  // instead of a config: an already composed supergraph (for --api, --extract)
  std::string extract;     // print this subgraph as recovered from the supergraph
  std::string output;      // file to write; stdout when empty or "-"
  OutputFormat format = OutputFormat::Text;
  bool api = false;                          // print the API schema instead of the supergraph
  bool hints = false;                        // print hints as warnings on stderr
  std::chrono::milliseconds timeout{10000};  // for subgraph_url sources
};
int run_compose(const ComposeOptions& options);

// Compares two schemas as clients see them (a supergraph by its API schema); exit 1 when a
// change breaks clients.
struct DiffOptions {
  std::string before;
  std::string after;
  OutputFormat format = OutputFormat::Text;
};
int run_diff(const DiffOptions& options);

// Composes a supergraph config; compares the result with the published supergraph and
// validates operations against it. Exit 1 when composition fails, a change breaks clients
// (unless allowed) or an operation is invalid.
struct CheckOptions {
  std::string config;                   // rover supergraph config ("-" for stdin)
  std::string against;                  // the published supergraph (or API schema) to compare with
  std::vector<std::string> operations;  // client operation documents to validate
  bool allow_breaking = false;
  OutputFormat format = OutputFormat::Text;
  std::chrono::milliseconds timeout{10000};  // for subgraph_url sources
};
int run_check(const CheckOptions& options);

struct PlanOptions {
  std::string supergraph;                    // composed supergraph file
  std::string operation;                     // operation document ("-" for stdin)
  std::string operation_name;                // which operation, when the document has several
  std::vector<std::string> override_labels;  // progressive @override labels to plan with
};
int run_plan(const PlanOptions& options);

struct GatewayCommandOptions {
  std::string supergraph;         // supergraph file or http(s) URL
  std::string config;             // gateway.yaml ("" for defaults)
  std::string listen;             // HOST:PORT, wins over the config (port 0: any free port)
  bool hot_reload = false;        // watch the supergraph and swap to new versions
  bool dev = false;               // hot reload and introspection on
  bool no_introspection = false;  // refuse __schema and __type
  bool validate_config = false;   // check the config and exit
  int workers = 0;                // worker threads (0: one per core)
};
int run_gateway(const GatewayCommandOptions& options);

struct StackValidateOptions {
  std::string file = "junction.yaml";  // the stack file, or the folder holding it
};
int run_stack_validate(const StackValidateOptions& options);

struct UpOptions {
  std::string file = "junction.yaml";  // the stack file, or the folder holding it
  bool detach = false;                 // run the control plane in the background
};
int run_up(const UpOptions& options);

// The commands that talk to a running stack's control plane.
struct ControlOptions {
  std::string stack = ".";      // the stack's folder or junction.yaml
  std::string format = "text";  // --format text|json
  [[nodiscard]] bool json() const { return format == "json"; }
};

struct DeployOptions : ControlOptions {
  std::vector<std::string> services;  // all when empty
  bool dry_run = false;
  bool allow_breaking = false;
};
int run_deploy(const DeployOptions& options);

struct RollbackOptions : ControlOptions {
  std::string service;  // "" : the services of the last deploy
  int64_t to = 0;       // a deploy id
  bool dry_run = false;
};
int run_rollback(const RollbackOptions& options);

struct MigrateOptions : ControlOptions {
  std::string service;
  bool down = false;
};
int run_migrate(const MigrateOptions& options);

struct LogsOptions : ControlOptions {
  std::string service;
  bool follow = false;
  int64_t revision = 0;  // 0: the serving one (or the latest)
  int lines = 200;       // the last lines printed before following
};
int run_logs(const LogsOptions& options);

int run_status(const ControlOptions& options);
struct HistoryOptions : ControlOptions {
  bool migrations = false;  // migration runs instead of deploys
};
int run_history(const HistoryOptions& options);  // deploys, latest first
int run_down(const ControlOptions& options);

}  // namespace junction::cli
