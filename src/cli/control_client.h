// Finding and calling the control plane of a stack (`junction up`): its address and pid in
// .junction/control.json, its token in .junction/token.
#pragma once

#include <chrono>
#include <string>

#include "common/result.h"
#include "net/http_client.h"

namespace junction::cli {

struct ControlPlane {
  std::string root;   // the stack's folder
  std::string state;  // its .junction folder
  std::string url;
  std::string token;
  int64_t pid = 0;
};

// The stack's folder and .junction folder for a folder or a junction.yaml path.
ControlPlane locate_stack(const std::string& stack);

// The running control plane, or an error saying that none runs (and how to start one).
Result<ControlPlane> find_control(const std::string& stack);

// Calls it; an error when it does not answer.
Result<net::HttpResponse> call_control(const ControlPlane& control, const std::string& method, const std::string& path,
                                       std::string body, std::chrono::milliseconds timeout);

}  // namespace junction::cli
