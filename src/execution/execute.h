// Executing a query plan without doing I/O (sans-I/O, like apollo-rs's compiler): the
// Execution hands out the subgraph requests that are ready, takes their responses, merges
// them into one data tree and builds the representations of dependent _entities fetches. The
// gateway's shell performs the HTTP calls; tests feed responses directly.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "json/value.h"
#include "planner/plan.h"
#include "planner/supergraph.h"

namespace junction::execution {

struct FetchRequest {
  int fetch = 0;     // the plan's fetch id
  int subgraph = 0;  // index in Supergraph::subgraphs()
  std::string body;  // GraphQL-over-HTTP JSON body: {"query": ..., "variables": {...}}
};

// What came back from a subgraph: its JSON response, or why there is none (connection refused,
// timeout, HTTP status, invalid JSON...).
struct FetchResponse {
  std::optional<json::Value> body;
  std::string failure;  // set when body is empty
};

class Execution {
 public:
  // `variables` are the operation's coerced variable values (an object).
  Execution(std::shared_ptr<const planner::Supergraph> supergraph, std::shared_ptr<const planner::QueryPlan> plan,
            json::Value variables);

  // The fetches that can start now (those without dependencies).
  std::vector<FetchRequest> start();
  // Takes the response of a fetch handed out before; returns the fetches it made ready.
  std::vector<FetchRequest> complete(int fetch, FetchResponse response);
  // Every fetch has completed (or was skipped for want of representations).
  [[nodiscard]] bool finished() const { return remaining_ == 0; }

  // The data merged so far (an object) and the errors gathered (GraphQL error objects).
  [[nodiscard]] const json::Value& data() const { return data_; }
  [[nodiscard]] json::Value take_data() { return std::move(data_); }
  [[nodiscard]] std::vector<json::Value> take_errors() { return std::move(errors_); }

 private:
  std::vector<FetchRequest> release(int fetch);
  void launch(int fetch, std::vector<FetchRequest>& ready);
  std::optional<FetchRequest> prepare(int fetch);

  std::shared_ptr<const planner::Supergraph> supergraph_;
  std::shared_ptr<const planner::QueryPlan> plan_;
  json::Value variables_;
  json::Value data_;
  std::vector<json::Value> errors_;
  std::vector<int> waiting_on_;  // per fetch: dependencies not yet complete
  // Per entity fetch: for each representation sent, the paths of the objects it stands for.
  std::vector<std::vector<std::vector<json::Value>>> targets_;
  int remaining_ = 0;
};

}  // namespace junction::execution
