// `junction up`: runs the stack of a junction.yaml on this machine until SIGINT or SIGTERM.
#include <csignal>
#include <iostream>

#include "cli/commands.h"
#include "control/runner.h"
#include "control/stack.h"
#include "gateway/config.h"

namespace junction::cli {

int run_up(const UpOptions& options) {
  auto stack = control::load_stack(options.file, process_environment());
  if (!stack.ok()) {
    std::cerr << "error: " << stack.error().message() << "\n";
    return 1;
  }
  // Signals are taken by sigwait below; children get a clean mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::string name = stack->name;
  std::string listen = stack->gateway_listen;
  control::RunnerOptions runner_options;
  runner_options.log = [](const std::string& line) { std::cerr << "junction up: " << line << "\n"; };
  control::StackRunner runner(std::move(stack).value(), runner_options);
  auto port = runner.start();
  if (!port.ok()) {
    std::cerr << "error: " << port.error().message() << "\n";
    return 1;
  }
  auto address = gateway::parse_listen(listen, "gateway.listen");
  std::string host = address.ok() ? address->host : "127.0.0.1";
  std::cerr << "junction up: stack \"" << name << "\" is up; GraphQL at http://" << host << ":" << *port << "/graphql\n"
            << "  try: curl -s http://" << host << ":" << *port
            << "/graphql -H 'content-type: application/json' -d '{\"query\":\"{ __typename }\"}'\n";
  int received = 0;
  sigwait(&signals, &received);
  std::cerr << "junction up: " << (received == SIGTERM ? "SIGTERM" : "SIGINT") << " received, stopping the stack\n";
  runner.stop();
  return 0;
}

}  // namespace junction::cli
