// The control API the CLI talks to (`junction deploy | rollback | migrate | status | history |
// logs | down`): HTTP on 127.0.0.1 at a random port, each request carrying a random bearer
// token. The address and the pid go to .junction/control.json, the token to .junction/token
// (both readable by their owner only). Deploys, rollbacks and migrations run on their own
// threads; one at a time (the runner refuses a second).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "common/result.h"
#include "control/runner.h"

namespace junction::control {

class ControlApi {
 public:
  // `on_down` is called (once, after the answer is sent) when a client asks the stack to stop.
  ControlApi(StackRunner& runner, std::function<void()> on_down);
  ~ControlApi();
  ControlApi(const ControlApi&) = delete;
  ControlApi& operator=(const ControlApi&) = delete;

  Result<uint16_t> start();
  // Waits for operations in flight, stops serving and removes control.json.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace junction::control
