// `junction gateway`: serves a supergraph until SIGTERM or SIGINT, then drains and exits.
#include "gateway/gateway.h"

#include <csignal>
#include <iostream>

#include "cli/commands.h"
#include "common/expand.h"

namespace junction::cli {

int run_gateway(const GatewayCommandOptions& options) {
  gateway::GatewayOptions settings;
  if (!options.config.empty()) {
    auto config = gateway::load_gateway_config(options.config, process_environment());
    if (!config.ok()) {
      std::cerr << "error: " << config.error().message() << "\n";
      return 1;
    }
    settings.config = std::move(config).value();
  }
  if (options.validate_config) {
    if (options.config.empty()) {
      std::cerr << "error: --validate-config needs --config FILE\n";
      return 2;
    }
    std::cout << options.config << ": the gateway config is valid\n";
    return 0;
  }
  if (options.supergraph.empty()) {
    std::cerr << "error: gateway needs --supergraph FILE|URL (or JUNCTION_SUPERGRAPH)\n"
                 "Run `junction gateway --help` for usage.\n";
    return 2;
  }
  settings.supergraph = options.supergraph;
  if (!options.listen.empty()) {
    auto address = gateway::parse_listen(options.listen, "--listen");
    if (!address.ok()) {
      std::cerr << "error: " << address.error().message() << "\n";
      return 2;
    }
    settings.config.listen = options.listen;
  }
  settings.hot_reload = options.hot_reload || options.dev;
  settings.workers = options.workers;
  if (options.dev) settings.config.introspection = true;
  if (options.no_introspection) settings.config.introspection = false;

  // Signals are taken by sigwait below, not by the worker threads.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  gateway::Gateway server(settings);
  auto bound = server.start();
  if (!bound.ok()) {
    std::string message = bound.error().message();
    if (message.find("another process uses the port") != std::string::npos) {
      message += "; pick another with --listen (or supergraph.listen in the config)";
    }
    std::cerr << "error: " << message << "\n";
    return 1;
  }
  auto address = gateway::parse_listen(settings.config.listen, "listen");
  std::string host = address.ok() ? address->host : "127.0.0.1";
  std::cerr << "junction gateway: serving " << options.supergraph << " at http://" << host << ":" << *bound
            << settings.config.graphql_path;
  if (settings.config.health_enabled) {
    std::cerr << " (health: :" << server.health_port() << settings.config.health_path;
  }
  if (settings.config.prometheus_enabled) {
    std::cerr << (settings.config.health_enabled ? ", " : " (") << "metrics: :" << server.metrics_port()
              << settings.config.prometheus_path;
  }
  if (settings.config.health_enabled || settings.config.prometheus_enabled) std::cerr << ")";
  std::cerr << (settings.hot_reload ? ", watching for changes" : "") << "\n";
  int received = 0;
  sigwait(&signals, &received);
  std::cerr << "junction gateway: " << (received == SIGTERM ? "SIGTERM" : "SIGINT")
            << " received, finishing requests in flight\n";
  server.stop();
  return 0;
}

}  // namespace junction::cli
