#include "gateway/gateway.h"

#include <atomic>
#include <condition_variable>
#include <iostream>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>

#include "common/file.h"
#include "common/source.h"
#include "execution/execute.h"
#include "execution/response.h"
#include "graphql/parser.h"
#include "json/diagnostics.h"
#include "json/read.h"
#include "json/write.h"
#include "net/http_server.h"
#include "planner/planner.h"
#include "planner/supergraph.h"
#include "validation/validate.h"
#include "validation/variables.h"

namespace junction::gateway {

namespace {

struct Generation {
  uint64_t number = 0;
  std::shared_ptr<const planner::Supergraph> supergraph;
};

// A parsed, validated operation document and its plans, cached per worker.
struct Prepared {
  std::shared_ptr<const graphql::Document> document;
  std::vector<Diagnostic> errors;  // validation errors (then nothing else is set)
  const graphql::OperationDefinition* operation = nullptr;
  std::string operation_error;
  std::shared_ptr<const planner::QueryPlan> plan;
};

struct WorkerCache {
  uint64_t generation = 0;
  std::unordered_map<std::string, std::shared_ptr<const Prepared>> entries;
};
thread_local WorkerCache worker_cache;
constexpr size_t kMaxCachedOperations = 2000;

struct Counters {
  std::atomic<uint64_t> requests_ok{0};
  std::atomic<uint64_t> requests_failed{0};
  std::atomic<uint64_t> subgraph_requests{0};
  std::atomic<uint64_t> subgraph_errors{0};
  std::atomic<uint64_t> plan_hits{0};
  std::atomic<uint64_t> plan_misses{0};
  std::atomic<uint64_t> reloads_ok{0};
  std::atomic<uint64_t> reloads_failed{0};
};

net::ServerResponse json_response(int status, const json::Value& body, std::string content_type = "application/json") {
  net::ServerResponse response;
  response.status = status;
  response.headers.emplace_back("Content-Type", std::move(content_type));
  response.body = json::to_string(body);
  return response;
}

json::Value error_body(const std::string& message, const std::string& code = "") {
  json::Value error = json::Value::object();
  error.set("message", message);
  if (!code.empty()) {
    json::Value extensions = json::Value::object();
    extensions.set("code", code);
    error.set("extensions", std::move(extensions));
  }
  json::Value body = json::Value::object();
  body.set("errors", json::Value(json::Value::Array{std::move(error)}));
  return body;
}

std::string url_decode(std::string_view text) {
  std::string out;
  for (size_t index = 0; index < text.size(); ++index) {
    char c = text[index];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && index + 2 < text.size()) {
      auto hex = [](char digit) -> int {
        if (digit >= '0' && digit <= '9') return digit - '0';
        if (digit >= 'a' && digit <= 'f') return digit - 'a' + 10;
        if (digit >= 'A' && digit <= 'F') return digit - 'A' + 10;
        return -1;
      };
      int high = hex(text[index + 1]);
      int low = hex(text[index + 2]);
      if (high < 0 || low < 0) {
        out += c;
        continue;
      }
      out += static_cast<char>(high * 16 + low);
      index += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string query_parameter(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    size_t end = query.find('&');
    std::string_view pair = query.substr(0, end);
    size_t equals = pair.find('=');
    if (url_decode(pair.substr(0, equals)) == name) {
      return equals == std::string_view::npos ? "" : url_decode(pair.substr(equals + 1));
    }
    if (end == std::string_view::npos) break;
    query.remove_prefix(end + 1);
  }
  return "";
}

// The state of one GraphQL request while its fetches are in flight (on one worker thread).
struct RequestState {
  std::shared_ptr<const Generation> generation;
  std::shared_ptr<const Prepared> prepared;
  json::Value variables;
  std::unique_ptr<execution::Execution> execution;
  net::ClientPool* pool = nullptr;
  net::HttpServer::Respond respond;
  std::string content_type;
  bool answered = false;
};

}  // namespace

struct Gateway::Impl {
  GatewayOptions options;
  std::unique_ptr<net::HttpServer> server;
  std::atomic<std::shared_ptr<const Generation>> current;
  std::atomic<uint64_t> next_generation{1};
  Counters counters;
  std::mutex reload_mutex;
  std::string loaded_text;
  std::thread watcher;
  std::mutex watcher_mutex;
  std::condition_variable watcher_wake;
  bool watcher_stop = false;

  Status reload(std::string text, const std::string& name) {
    std::lock_guard lock(reload_mutex);
    if (current.load() && text == loaded_text) return {};
    auto supergraph = planner::Supergraph::load(text, name);
    if (!supergraph.ok()) {
      ++counters.reloads_failed;
      return std::move(supergraph).error();
    }
    auto generation = std::make_shared<Generation>();
    generation->number = next_generation++;
    generation->supergraph = std::move(supergraph).value();
    loaded_text = std::move(text);
    current.store(std::move(generation));
    ++counters.reloads_ok;
    return {};
  }

  void watch() {
    std::unique_lock lock(watcher_mutex);
    while (!watcher_stop) {
      watcher_wake.wait_for(lock, options.poll_interval);
      if (watcher_stop) break;
      lock.unlock();
      auto text = read_file(options.supergraph_path);
      if (text.ok()) {
        uint64_t before = current.load() ? current.load()->number : 0;
        Status status = reload(std::move(text).value(), options.supergraph_path);
        uint64_t after = current.load() ? current.load()->number : 0;
        if (!status.ok()) {
          std::cerr << "junction gateway: kept the current supergraph; the new one failed to load: "
                    << status.error().message() << "\n";
        } else if (after != before) {
          std::cerr << "junction gateway: loaded supergraph generation " << after << " from " << options.supergraph_path
                    << "\n";
        }
      }
      lock.lock();
    }
  }

  void handle(net::ServerRequest&& request, net::ClientPool& pool, net::HttpServer::Respond respond) {
    std::string_view path = request.path();
    if (path == "/health") {
      if (request.query().find("ready") != std::string_view::npos) {
        respond(readiness());
        return;
      }
      respond(json_response(200, json::Value(json::Value::Object{{"status", "UP"}})));
      return;
    }
    if (path == "/health/ready") {
      respond(readiness());
      return;
    }
    if (path == "/metrics") {
      net::ServerResponse response;
      response.headers.emplace_back("Content-Type", "text/plain; version=0.0.4");
      response.body = metrics();
      respond(std::move(response));
      return;
    }
    if (path == options.graphql_path || path == "/") {
      graphql(std::move(request), pool, std::move(respond));
      return;
    }
    respond(json_response(
        404, error_body("Not found: " + std::string(path) + " (GraphQL is served at " + options.graphql_path + ")")));
  }

  net::ServerResponse readiness() const {
    bool ready = current.load() != nullptr;
    return json_response(ready ? 200 : 503, json::Value(json::Value::Object{{"status", ready ? "UP" : "DOWN"}}));
  }

  std::string metrics() const {
    std::string out;
    auto counter = [&](const char* name, const char* help, const std::string& labels, uint64_t value) {
      out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " counter\n";
      out += name + labels + " " + std::to_string(value) + "\n";
    };
    out += "# HELP junction_requests_total GraphQL requests by outcome.\n# TYPE junction_requests_total counter\n";
    out += "junction_requests_total{outcome=\"ok\"} " + std::to_string(counters.requests_ok.load()) + "\n";
    out += "junction_requests_total{outcome=\"error\"} " + std::to_string(counters.requests_failed.load()) + "\n";
    counter("junction_subgraph_requests_total", "Requests sent to subgraphs.", "", counters.subgraph_requests.load());
    counter("junction_subgraph_errors_total", "Subgraph requests that failed (transport, status, JSON).", "",
            counters.subgraph_errors.load());
    out += "# HELP junction_plan_cache_total Plan cache lookups.\n# TYPE junction_plan_cache_total counter\n";
    out += "junction_plan_cache_total{result=\"hit\"} " + std::to_string(counters.plan_hits.load()) + "\n";
    out += "junction_plan_cache_total{result=\"miss\"} " + std::to_string(counters.plan_misses.load()) + "\n";
    out +=
        "# HELP junction_supergraph_reloads_total Supergraph loads by result.\n"
        "# TYPE junction_supergraph_reloads_total counter\n";
    out += "junction_supergraph_reloads_total{result=\"ok\"} " + std::to_string(counters.reloads_ok.load()) + "\n";
    out +=
        "junction_supergraph_reloads_total{result=\"failed\"} " + std::to_string(counters.reloads_failed.load()) + "\n";
    auto generation = current.load();
    out +=
        "# HELP junction_supergraph_generation The supergraph generation served.\n"
        "# TYPE junction_supergraph_generation gauge\n";
    out += "junction_supergraph_generation " + std::to_string(generation ? generation->number : 0) + "\n";
    out +=
        "# HELP junction_requests_in_flight HTTP requests being answered.\n"
        "# TYPE junction_requests_in_flight gauge\n";
    out += "junction_requests_in_flight " + std::to_string(server ? server->in_flight() : 0) + "\n";
    return out;
  }

  std::shared_ptr<const Prepared> prepare(const Generation& generation, const std::string& query,
                                          const std::string& operation_name) {
    if (worker_cache.generation != generation.number) {
      worker_cache.entries.clear();
      worker_cache.generation = generation.number;
    }
    std::string key = operation_name + '\n' + query;
    if (auto found = worker_cache.entries.find(key); found != worker_cache.entries.end()) {
      ++counters.plan_hits;
      return found->second;
    }
    ++counters.plan_misses;
    auto prepared = std::make_shared<Prepared>();
    auto document = graphql::parse(Source::make("GraphQL request", query));
    if (!document.ok()) {
      prepared->errors = document.error().diagnostics;
    } else {
      prepared->document = std::make_shared<const graphql::Document>(std::move(document).value());
      const planner::Supergraph& supergraph = *generation.supergraph;
      prepared->errors = validation::validate(supergraph.api(), *prepared->document);
      if (prepared->errors.empty()) {
        auto operation = planner::select_operation(*prepared->document, operation_name);
        if (!operation.ok()) {
          prepared->operation_error = operation.error().message();
        } else {
          prepared->operation = *operation;
          auto plan = planner::build_plan(supergraph, *prepared->document, **operation);
          if (!plan.ok()) {
            prepared->operation_error = plan.error().message();
          } else {
            prepared->plan = std::move(plan).value();
          }
        }
      }
    }
    if (worker_cache.entries.size() >= kMaxCachedOperations) worker_cache.entries.clear();
    worker_cache.entries.emplace(std::move(key), prepared);
    return prepared;
  }

  void graphql(net::ServerRequest&& request, net::ClientPool& pool, net::HttpServer::Respond respond) {
    std::string accept = request.header("accept");
    std::string content_type = accept.find("application/graphql-response+json") != std::string::npos
                                   ? "application/graphql-response+json"
                                   : "application/json";
    auto fail = [&](int status, const std::string& message, const std::string& code) {
      ++counters.requests_failed;
      respond(json_response(status, error_body(message, code), content_type));
    };
    std::shared_ptr<const Generation> generation = current.load();
    if (!generation) {
      fail(503, "The gateway has no supergraph loaded yet.", "SERVICE_UNAVAILABLE");
      return;
    }
    std::string query;
    std::string operation_name;
    json::Value variables_input = json::Value::object();
    bool is_get = request.method == "GET";
    if (is_get) {
      query = query_parameter(request.query(), "query");
      operation_name = query_parameter(request.query(), "operationName");
      std::string variables_text = query_parameter(request.query(), "variables");
      if (!variables_text.empty()) {
        auto parsed = json::parse(variables_text);
        if (!parsed.ok() || !parsed->is_object()) {
          fail(400, "The variables parameter must be a JSON object.", "BAD_REQUEST");
          return;
        }
        variables_input = std::move(parsed).value();
      }
    } else if (request.method == "POST") {
      auto body = json::parse(request.body);
      if (!body.ok()) {
        fail(400, "The request body is not valid JSON: " + body.error().message(), "BAD_REQUEST");
        return;
      }
      if (!body->is_object()) {
        fail(400, "The request body must be a JSON object with a \"query\".", "BAD_REQUEST");
        return;
      }
      const json::Value* query_value = body->find("query");
      if (query_value != nullptr && query_value->is_string()) query = query_value->as_string();
      const json::Value* name_value = body->find("operationName");
      if (name_value != nullptr && name_value->is_string()) operation_name = name_value->as_string();
      const json::Value* variables_value = body->find("variables");
      if (variables_value != nullptr && !variables_value->is_null()) {
        if (!variables_value->is_object()) {
          fail(400, "\"variables\" must be a JSON object.", "BAD_REQUEST");
          return;
        }
        variables_input = *variables_value;
      }
    } else {
      net::ServerResponse response =
          json_response(405, error_body("GraphQL is served over GET and POST.", "BAD_REQUEST"));
      response.headers.emplace_back("Allow", "GET, POST");
      ++counters.requests_failed;
      respond(std::move(response));
      return;
    }
    if (query.empty()) {
      fail(400, "Must provide query string.", "BAD_REQUEST");
      return;
    }
    std::shared_ptr<const Prepared> prepared = prepare(*generation, query, operation_name);
    if (!prepared->errors.empty()) {
      ++counters.requests_failed;
      json::Value body = json::Value::object();
      json::Value list = json::error_list(prepared->errors);
      bool syntax = prepared->document == nullptr;
      for (json::Value& error : list.as_array()) {
        json::Value extensions = json::Value::object();
        extensions.set("code", syntax ? "GRAPHQL_PARSE_FAILED" : "GRAPHQL_VALIDATION_FAILED");
        error.set("extensions", std::move(extensions));
      }
      body.set("errors", std::move(list));
      respond(json_response(400, body, content_type));
      return;
    }
    if (!prepared->operation_error.empty()) {
      fail(400, prepared->operation_error, "BAD_REQUEST");
      return;
    }
    if (is_get && prepared->operation->operation != graphql::OperationType::Query) {
      net::ServerResponse response = json_response(
          405, error_body("Only queries can be sent with GET; use POST for mutations.", "BAD_REQUEST"), content_type);
      response.headers.emplace_back("Allow", "POST");
      ++counters.requests_failed;
      respond(std::move(response));
      return;
    }
    if (!options.introspection && prepared->plan->introspection) {
      // __typename alone is always allowed; __schema and __type are not.
      for (const graphql::Selection* selection : prepared->operation->selection_set->selections) {
        const auto* field = graphql::as<graphql::Field>(selection);
        if (field != nullptr && (field->name == "__schema" || field->name == "__type")) {
          fail(400, "GraphQL introspection is not allowed by this gateway.", "INTROSPECTION_DISABLED");
          return;
        }
      }
    }
    const planner::Supergraph& supergraph = *generation->supergraph;
    auto variables = validation::coerce_variable_values(supergraph.api(), *prepared->document, *prepared->operation,
                                                        variables_input);
    if (!variables.ok()) {
      ++counters.requests_failed;
      json::Value body = json::Value::object();
      json::Value list = json::error_list(variables.error().diagnostics);
      for (json::Value& error : list.as_array()) {
        json::Value extensions = json::Value::object();
        extensions.set("code", "BAD_USER_INPUT");
        error.set("extensions", std::move(extensions));
      }
      body.set("errors", std::move(list));
      respond(json_response(400, body, content_type));
      return;
    }
    auto state = std::make_shared<RequestState>();
    state->generation = generation;
    state->prepared = prepared;
    state->variables = std::move(variables).value();
    state->execution = std::make_unique<execution::Execution>(generation->supergraph, prepared->plan, state->variables);
    state->pool = &pool;
    state->respond = std::move(respond);
    state->content_type = content_type;
    dispatch(state, state->execution->start());
    if (state->execution->finished()) finish(state);
  }

  void dispatch(const std::shared_ptr<RequestState>& state, std::vector<execution::FetchRequest> requests) {
    for (execution::FetchRequest& fetch : requests) {
      const planner::SubgraphInfo& subgraph =
          state->generation->supergraph->subgraphs()[static_cast<size_t>(fetch.subgraph)];
      net::HttpRequest request;
      request.method = "POST";
      request.url = subgraph.url;
      request.headers.emplace_back("Content-Type", "application/json");
      request.headers.emplace_back("Accept", "application/json");
      request.body = std::move(fetch.body);
      request.timeout = options.subgraph_timeout;
      request.max_response_bytes = options.max_subgraph_response_bytes;
      ++counters.subgraph_requests;
      int id = fetch.fetch;
      std::string name = subgraph.name;
      state->pool->send(std::move(request), [this, state, id, name](Result<net::HttpResponse> result) {
        execution::FetchResponse response;
        if (!result.ok()) {
          response.failure = "HTTP fetch failed from '" + name + "': " + result.error().message();
        } else {
          auto body = json::parse(result->body);
          if (body.ok() && body->is_object() && (body->find("data") != nullptr || body->find("errors") != nullptr)) {
            response.body = std::move(body).value();
          } else if (result->status != 200) {
            response.failure = "HTTP fetch failed from '" + name + "': " + std::to_string(result->status) +
                               " returned by the subgraph";
          } else {
            response.failure = "HTTP fetch failed from '" + name + "': the response is not a GraphQL JSON response";
          }
        }
        if (!response.body) ++counters.subgraph_errors;
        dispatch(state, state->execution->complete(id, std::move(response)));
        if (state->execution->finished()) finish(state);
      });
    }
  }

  void finish(const std::shared_ptr<RequestState>& state) {
    if (state->answered) return;
    state->answered = true;
    const Prepared& prepared = *state->prepared;
    json::Value response =
        execution::build_response(state->generation->supergraph->api(), *prepared.document, *prepared.operation,
                                  state->variables, state->execution->data(), state->execution->take_errors());
    ++(response.find("errors") == nullptr ? counters.requests_ok : counters.requests_failed);
    state->respond(json_response(200, response, state->content_type));
  }
};

Gateway::Gateway(GatewayOptions options) : impl_(std::make_unique<Impl>()) { impl_->options = std::move(options); }

Gateway::~Gateway() { stop(std::chrono::milliseconds(0)); }

Result<uint16_t> Gateway::start(bool require_supergraph) {
  Impl& impl = *impl_;
  if (!impl.options.supergraph_path.empty()) {
    auto text = read_file(impl.options.supergraph_path);
    Status loaded = text.ok() ? impl.reload(std::move(text).value(), impl.options.supergraph_path)
                              : Status(std::move(text).error());
    if (!loaded.ok() && require_supergraph) return loaded.error();
  }
  net::ServerOptions server_options;
  server_options.host = impl.options.host;
  server_options.port = impl.options.port;
  server_options.workers = impl.options.workers;
  server_options.max_body_bytes = impl.options.max_request_bytes;
  impl.server = std::make_unique<net::HttpServer>(
      server_options, [&impl](net::ServerRequest&& request, net::ClientPool& pool, net::HttpServer::Respond respond) {
        impl.handle(std::move(request), pool, std::move(respond));
      });
  auto port = impl.server->start();
  if (!port.ok()) return port;
  if (impl.options.hot_reload && !impl.options.supergraph_path.empty()) {
    impl.watcher = std::thread([&impl] { impl.watch(); });
  }
  return port;
}

Status Gateway::reload(std::string text, const std::string& name) { return impl_->reload(std::move(text), name); }

void Gateway::stop(std::chrono::milliseconds grace) {
  Impl& impl = *impl_;
  {
    std::lock_guard lock(impl.watcher_mutex);
    impl.watcher_stop = true;
  }
  impl.watcher_wake.notify_all();
  if (impl.watcher.joinable()) impl.watcher.join();
  if (impl.server) impl.server->stop(grace);
}

uint64_t Gateway::generation() const {
  auto current = impl_->current.load();
  return current ? current->number : 0;
}

}  // namespace junction::gateway
