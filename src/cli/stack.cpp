// `junction stack validate`: checks a junction.yaml and says what it describes.
#include "control/stack.h"

#include <iostream>

#include "cli/commands.h"
#include "gateway/config.h"

namespace junction::cli {

int run_stack_validate(const StackValidateOptions& options) {
  auto stack = control::load_stack(options.file, process_environment());
  if (!stack.ok()) {
    std::cerr << "error: " << stack.error().message() << "\n";
    return 1;
  }
  std::string listen = stack->gateway_listen;
  if (!stack->gateway_config.empty()) {
    auto config = gateway::load_gateway_config(stack->gateway_config, process_environment());
    if (!config.ok()) {
      std::cerr << "error: " << config.error().message() << "\n";
      return 1;
    }
    if (listen.empty()) listen = config->listen;
  }
  if (listen.empty()) listen = gateway::GatewayConfig{}.listen;
  std::cout << options.file << ": stack \"" << stack->name << "\" is valid: gateway on " << listen << ", "
            << stack->services.size() << (stack->services.size() == 1 ? " service" : " services") << " (";
  for (size_t index = 0; index < stack->services.size(); ++index) {
    std::cout << (index == 0 ? "" : ", ") << stack->services[index].name;
  }
  std::cout << ")\n";
  return 0;
}

}  // namespace junction::cli
