// The `junction` executable: parses the command line and dispatches to a command.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/commands.h"

namespace {

constexpr const char* kFmtExample = R"(
Examples:
  junction fmt schema.graphql           print the canonical form
  junction fmt --check src/**/*.graphql exit 1 and name files that are not formatted
  junction fmt --write query.graphql    rewrite in place)";

constexpr const char* kValidateExample = R"(
Examples:
  junction validate --schema schema.graphql query.graphql
  junction validate --schema schema.graphql --format json ops/*.graphql
Each error prints as file:line:col: message (graphql-js wording). Exit 1 if any is invalid.)";

constexpr const char* kIntrospectExample = R"(
Examples:
  junction introspect http://localhost:4001/graphql   a running subgraph's SDL (_service { sdl },
                                                      else standard introspection)
  junction introspect http://localhost:4001 --header 'Authorization: Bearer abc'
  junction introspect schema.graphql                  the schema as SDL (graphql-js printSchema)
  junction introspect schema.graphql --format json    the standard introspection query's result
  junction introspect schema.graphql --format json --full   with every optional field)";

constexpr const char* kComposeExample = R"(
Examples:
  junction compose --config supergraph-config.yaml                 print the supergraph
  junction compose --config supergraph-config.yaml -o supergraph.graphql
  junction compose --config supergraph-config.yaml --api           print the API schema
  junction compose --supergraph supergraph.graphql --extract users what the supergraph says of a subgraph
  cat supergraph-config.yaml | junction compose --config -
The config is rover's: subgraphs with routing_url and schema.file | schema.sdl |
schema.subgraph_url. Errors print as error[CODE]: message, the same codes and messages as
@apollo/composition; exit 1 when composition fails.)";

constexpr const char* kDiffExample = R"(
Examples:
  junction diff old/supergraph.graphql supergraph.graphql    compare API schemas
  junction diff before.graphql after.graphql --format json
Prints each change, BREAKING (an operation valid before may fail now) or safe; a supergraph
is compared by its API schema. Exit 1 when a change is breaking.)";

constexpr const char* kCheckExample = R"(
Examples:
  junction check --config supergraph-config.yaml
  junction check --config supergraph-config.yaml --against supergraph.graphql
  junction check -c supergraph-config.yaml --against supergraph.graphql --operations queries/*.graphql
Composes the config (errors as junction compose prints them), compares the result's API schema
with the published supergraph's (--against), and validates client operations against it.
Exit 1 when composition fails, a change is breaking (unless --allow-breaking) or an operation
is invalid: run it in CI to block such a change before it merges.)";

constexpr const char* kPlanExample = R"(
Examples:
  junction plan --supergraph supergraph.graphql query.graphql
  echo '{ me { name } }' | junction plan --supergraph supergraph.graphql -
Prints the subgraph fetches (Fetch, Flatten, Sequence, Parallel) the gateway runs for the
operation, which is validated against the supergraph's API schema first.)";

constexpr const char* kGatewayExample = R"(
Examples:
  junction gateway --supergraph supergraph.graphql
  junction gateway --supergraph supergraph.graphql --config gateway.yaml --hot-reload
  junction gateway --config gateway.yaml --validate-config
GraphQL at /graphql (and /), GET and POST; /health, /health/ready (503 until a supergraph is
loaded), /metrics (Prometheus). gateway.yaml follows Apollo Router's router.yaml layout
(supergraph, health_check, headers, traffic_shaping, limits, cors, telemetry). Each flag has
an environment twin: JUNCTION_SUPERGRAPH, JUNCTION_CONFIG, JUNCTION_LISTEN,
JUNCTION_HOT_RELOAD, JUNCTION_DEV, JUNCTION_NO_INTROSPECTION, JUNCTION_WORKERS (the flag
wins). SIGTERM stops accepting, finishes requests in flight, exits.)";

int run(int argc, char** argv) {
  using namespace junction::cli;
  CLI::App app{"Junction: compose, check, serve and deploy a federated GraphQL API", "junction"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "junction 0.1.0");

  FmtOptions fmt;
  auto* fmt_command = app.add_subcommand("fmt", "Print GraphQL documents in canonical (graphql-js) form");
  fmt_command->footer(kFmtExample);
  fmt_command->add_option("files", fmt.files, "GraphQL files (- for stdin)")->required();
  auto* check = fmt_command->add_flag("--check", fmt.check, "Exit 1 and list the files that are not formatted");
  fmt_command->add_flag("--write,-w", fmt.write, "Rewrite the files in place")->excludes(check);

  std::string validate_format = "text";
  std::string introspect_format = "text";
  auto format_of = [](const std::string& name) { return name == "json" ? OutputFormat::Json : OutputFormat::Text; };

  ValidateOptions validate;
  auto* validate_command = app.add_subcommand("validate", "Validate operations against a schema");
  validate_command->footer(kValidateExample);
  validate_command->add_option("--schema,-s", validate.schema, "Schema (SDL) file")->required();
  validate_command->add_option("files", validate.files, "Operation files (- for stdin)")->required();
  validate_command->add_option("--format", validate_format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));

  IntrospectOptions introspect;
  auto* introspect_command = app.add_subcommand("introspect", "Print a schema as SDL or as introspection JSON");
  introspect_command->footer(kIntrospectExample);
  introspect_command->add_option("source", introspect.source, "Schema (SDL) file, or the URL of a running service")
      ->required();
  std::vector<std::string> introspect_headers;
  introspect_command->add_option("--header,-H", introspect_headers, "Header sent to a URL, as 'Name: value'")
      ->check([](const std::string& header) {
        return header.find(':') == std::string::npos ? std::string("a header must look like 'Name: value'")
                                                     : std::string();
      });
  double introspect_timeout = 10;
  introspect_command->add_option("--timeout", introspect_timeout, "Seconds to wait for a URL (default 10)")
      ->check(CLI::PositiveNumber);
  introspect_command->add_option("--format", introspect_format, "Output format: text (SDL) or json")
      ->check(CLI::IsMember({"text", "json"}));
  introspect_command->add_flag(
      "--full", introspect.full,
      "Include specifiedByURL, isRepeatable, schema description, deprecated input values, isOneOf");

  ComposeOptions compose;
  std::string compose_format = "text";
  auto* compose_command = app.add_subcommand("compose", "Compose subgraphs into a supergraph (rover-compatible)");
  compose_command->footer(kComposeExample);
  auto* config_option = compose_command->add_option("--config,-c", compose.config,
                                                    "Supergraph config (YAML, rover's format; - for stdin)");
  auto* supergraph_option = compose_command->add_option(
      "--supergraph", compose.supergraph, "Read this supergraph instead of composing (with --api or --extract)");
  config_option->excludes(supergraph_option);
  compose_command->add_option("--extract", compose.extract,
                              "Print the named subgraph's schema as recovered from the supergraph");
  compose_command->add_option("--output,-o", compose.output, "Write the result to this file instead of stdout");
  compose_command->add_flag("--api", compose.api, "Print the API schema (what clients see) instead of the supergraph");
  compose_command->add_flag("--hints", compose.hints, "Print composition hints as warnings on stderr");
  compose_command->add_option("--format", compose_format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  double compose_timeout = 10;
  compose_command->add_option("--timeout", compose_timeout, "Seconds to wait for each subgraph_url (default 10)")
      ->check(CLI::PositiveNumber);

  DiffOptions diff;
  std::string diff_format = "text";
  auto* diff_command = app.add_subcommand("diff", "Show what changed between two schemas, breaking changes first");
  diff_command->footer(kDiffExample);
  diff_command->add_option("before", diff.before, "The schema or supergraph before")->required();
  diff_command->add_option("after", diff.after, "The schema or supergraph after")->required();
  diff_command->add_option("--format", diff_format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));

  CheckOptions check_options;
  std::string check_format = "text";
  auto* check_command =
      app.add_subcommand("check", "Check a schema change: composition, breaking changes, client operations");
  check_command->footer(kCheckExample);
  check_command
      ->add_option("--config,-c", check_options.config, "Supergraph config (YAML, rover's format; - for stdin)")
      ->required();
  check_command->add_option("--against", check_options.against,
                            "The published supergraph (or API schema) to compare with");
  check_command->add_option("--operations", check_options.operations, "Client operation documents to validate")
      ->expected(1, -1);
  check_command->add_flag("--allow-breaking", check_options.allow_breaking, "Pass even with breaking changes");
  check_command->add_option("--format", check_format, "Output format: text or json")
      ->check(CLI::IsMember({"text", "json"}));
  double check_timeout = 10;
  check_command->add_option("--timeout", check_timeout, "Seconds to wait for each subgraph_url (default 10)")
      ->check(CLI::PositiveNumber);

  PlanOptions plan;
  auto* plan_command = app.add_subcommand("plan", "Print the query plan of an operation against a supergraph");
  plan_command->footer(kPlanExample);
  plan_command->add_option("--supergraph,-s", plan.supergraph, "Supergraph file (from junction compose)")->required();
  plan_command->add_option("operation", plan.operation, "Operation file (- for stdin)")->required();
  plan_command->add_option("--operation-name", plan.operation_name, "The operation to plan, when there are several");
  plan_command->add_option("--override-label", plan.override_labels,
                           "Plan with this progressive @override label enabled (repeatable)");

  GatewayCommandOptions gateway;
  auto* gateway_command = app.add_subcommand("gateway", "Serve the federated API of a supergraph");
  gateway_command->footer(kGatewayExample);
  gateway_command->add_option("--supergraph,-s", gateway.supergraph, "Supergraph file or http(s) URL")
      ->envname("JUNCTION_SUPERGRAPH");
  gateway_command->add_option("--config,-c", gateway.config, "Gateway settings (gateway.yaml, router.yaml layout)")
      ->envname("JUNCTION_CONFIG");
  gateway_command
      ->add_option("--listen,-l", gateway.listen,
                   "HOST:PORT to listen on (default: supergraph.listen, else 127.0.0.1:4000)")
      ->envname("JUNCTION_LISTEN");
  gateway_command->add_flag("--hot-reload", gateway.hot_reload, "Watch the supergraph and swap to new versions")
      ->envname("JUNCTION_HOT_RELOAD");
  gateway_command->add_flag("--dev", gateway.dev, "Development mode: hot reload and introspection on")
      ->envname("JUNCTION_DEV");
  gateway_command->add_flag("--no-introspection", gateway.no_introspection, "Refuse __schema and __type queries")
      ->envname("JUNCTION_NO_INTROSPECTION");
  gateway_command->add_flag("--validate-config", gateway.validate_config, "Check the --config file and exit");
  gateway_command->add_option("--workers", gateway.workers, "Worker threads (default: one per core)")
      ->envname("JUNCTION_WORKERS")
      ->check(CLI::NonNegativeNumber);

  StackValidateOptions stack_validate;
  auto* stack_command = app.add_subcommand("stack", "Work with the stack file (junction.yaml)");
  stack_command->require_subcommand(1);
  auto* stack_validate_command = stack_command->add_subcommand("validate", "Check junction.yaml and exit");
  stack_validate_command->add_option("--file,-f", stack_validate.file,
                                     "The stack file, or the folder holding junction.yaml (default junction.yaml)");

  UpOptions up;
  auto* up_command = app.add_subcommand("up", "Run the stack of a junction.yaml on this machine");
  up_command->add_option("stack", up.file,
                         "The stack file, or the folder holding junction.yaml (default junction.yaml)");
  up_command->add_option("-f,--file", up.file, "The same, as a flag (as in docker compose -f)");
  up_command->add_flag("--detach,-d", up.detach, "Run in the background; return once the stack serves");
  up_command->footer(R"(
Builds, migrates and starts each service (PORT set; logs in .junction/logs/), waits for its
health check, composes the supergraph from the services' SDL, publishes it in
.junction/supergraphs/ and serves it with the gateway; restarts services that exit. Services an
earlier control plane left running are adopted, and a deploy it was in the middle of is rolled
back. SIGINT, SIGTERM or `junction down` stops everything.)");

  // --stack and --format on the commands that talk to a running stack.
  auto control_flags = [](CLI::App* command, ControlOptions& options) {
    command->add_option("--stack", options.stack, "The stack's folder or junction.yaml (default .)");
    command->add_option("--format", options.format, "text or json")->check(CLI::IsMember({"text", "json"}));
  };
  DeployOptions deploy;
  auto* deploy_command = app.add_subcommand("deploy", "Deploy new revisions of services of the running stack");
  deploy_command->add_option("services", deploy.services, "Services to deploy (default: all)");
  deploy_command->add_flag("--dry-run", deploy.dry_run, "Print the plan and change nothing");
  deploy_command->add_flag("--allow-breaking", deploy.allow_breaking,
                           "Deploy even when the API schema loses something clients may use");
  control_flags(deploy_command, deploy);
  deploy_command->footer(R"(
Prints the plan, then for each service: build, copy its folder as the new revision, migrate up,
start it beside the serving revision, health check, read its SDL, compose (only when the SDL
changed), refuse breaking changes, publish, gateway swap, smoke queries, drain and stop the old
revision. A failure stops the new revision, migrates down and leaves the old one (and the old
supergraph) serving; exit 1 with the step and the log to read.)");

  RollbackOptions rollback;
  auto* rollback_command = app.add_subcommand("rollback", "Bring back earlier revisions of the running stack");
  rollback_command->add_option("service", rollback.service, "Only this service (default: the last deploy's)");
  rollback_command->add_option("--to", rollback.to, "The revisions serving right after this deploy id");
  rollback_command->add_flag("--dry-run", rollback.dry_run, "Print the plan and change nothing");
  control_flags(rollback_command, rollback);

  MigrateOptions migrate;
  auto* migrate_command = app.add_subcommand("migrate", "Run a service's migration by hand");
  migrate_command->add_option("service", migrate.service, "The service")->required();
  migrate_command->add_flag("--down", migrate.down, "Run migrate.down instead of migrate.up");
  control_flags(migrate_command, migrate);

  LogsOptions logs;
  auto* logs_command = app.add_subcommand("logs", "Print a service's output");
  logs_command->add_option("service", logs.service, "The service")->required();
  logs_command->add_flag("--follow,-f", logs.follow, "Keep printing what it writes");
  logs_command->add_option("--revision", logs.revision, "This revision (default: the serving one)");
  logs_command->add_option("--lines,-n", logs.lines, "How many of the last lines (default 200)");
  control_flags(logs_command, logs);

  ControlOptions status;
  auto* status_command = app.add_subcommand("status", "Show the services of the running stack");
  control_flags(status_command, status);

  HistoryOptions history;
  auto* history_command = app.add_subcommand("history", "Deploys and rollbacks of the stack, latest first");
  history_command->add_flag("--migrations", history.migrations, "Migration runs (with their output) instead");
  control_flags(history_command, history);

  ControlOptions down;
  auto* down_command = app.add_subcommand("down", "Stop the running stack (gateway, then services)");
  control_flags(down_command, down);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "error: " << e.what() << "\nRun `junction --help` for usage.\n";
    return 2;
  }
  if (fmt_command->parsed()) return run_fmt(fmt);
  validate.format = format_of(validate_format);
  for (const std::string& header : introspect_headers) {
    size_t colon = header.find(':');
    std::string value = header.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    introspect.headers.emplace_back(header.substr(0, colon), value);
  }
  introspect.timeout = std::chrono::milliseconds(static_cast<int64_t>(introspect_timeout * 1000));
  introspect.format = format_of(introspect_format);
  if (validate_command->parsed()) return run_validate(validate);
  if (introspect_command->parsed()) return run_introspect(introspect);
  compose.format = format_of(compose_format);
  compose.timeout = std::chrono::milliseconds(static_cast<int64_t>(compose_timeout * 1000));
  if (diff_command->parsed()) {
    diff.format = format_of(diff_format);
    return run_diff(diff);
  }
  if (check_command->parsed()) {
    check_options.format = format_of(check_format);
    check_options.timeout = std::chrono::milliseconds(static_cast<int64_t>(check_timeout * 1000));
    return run_check(check_options);
  }
  if (plan_command->parsed()) return run_plan(plan);
  if (gateway_command->parsed()) return run_gateway(gateway);
  if (stack_validate_command->parsed()) return run_stack_validate(stack_validate);
  if (up_command->parsed()) return run_up(up);
  if (deploy_command->parsed()) return run_deploy(deploy);
  if (rollback_command->parsed()) return run_rollback(rollback);
  if (migrate_command->parsed()) return run_migrate(migrate);
  if (logs_command->parsed()) return run_logs(logs);
  if (status_command->parsed()) return run_status(status);
  if (history_command->parsed()) return run_history(history);
  if (down_command->parsed()) return run_down(down);
  if (compose_command->parsed()) {
    if (compose.config.empty() && compose.supergraph.empty()) {
      std::cerr << "error: compose needs --config FILE (or --supergraph FILE with --api or --extract)\n"
                   "Run `junction compose --help` for usage.\n";
      return 2;
    }
    return run_compose(compose);
  }
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "junction: " << e.what() << "\n";
    return 70;
  }
}
