// `junction gateway`: serves a supergraph until SIGTERM or SIGINT, then drains and exits.
#include "gateway/gateway.h"

#include <csignal>
#include <cstdlib>
#include <iostream>

#include "cli/commands.h"

namespace junction::cli {

int run_gateway(const GatewayCommandOptions& options) {
  gateway::GatewayOptions settings;
  settings.supergraph_path = options.supergraph;
  size_t colon = options.listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "error: --listen must look like HOST:PORT (for example 127.0.0.1:4000), not \"" << options.listen
              << "\"\n";
    return 2;
  }
  settings.host = options.listen.substr(0, colon);
  char* end = nullptr;
  long port = std::strtol(options.listen.c_str() + colon + 1, &end, 10);
  if (end == nullptr || *end != '\0' || port < 0 || port > 65535 || colon + 1 == options.listen.size()) {
    std::cerr << "error: --listen has a bad port in \"" << options.listen << "\" (0-65535)\n";
    return 2;
  }
  settings.port = static_cast<uint16_t>(port);
  settings.hot_reload = options.hot_reload;
  settings.workers = options.workers;
  settings.introspection = !options.no_introspection;

  // Signals are taken by sigwait below, not by the worker threads.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  gateway::Gateway server(settings);
  auto bound = server.start();
  if (!bound.ok()) {
    std::cerr << "error: " << bound.error().message() << "\n";
    return 1;
  }
  std::cerr << "junction gateway: serving " << options.supergraph << " at http://" << settings.host << ":" << *bound
            << "/graphql (health: /health, metrics: /metrics)" << (settings.hot_reload ? ", watching for changes" : "")
            << "\n";
  int received = 0;
  sigwait(&signals, &received);
  std::cerr << "junction gateway: " << (received == SIGTERM ? "SIGTERM" : "SIGINT")
            << " received, finishing requests in flight\n";
  server.stop();
  return 0;
}

}  // namespace junction::cli
