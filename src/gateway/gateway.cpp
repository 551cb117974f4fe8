#include "gateway/gateway.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "common/file.h"
#include "common/source.h"
#include "execution/execute.h"
#include "execution/response.h"
#include "gateway/policy.h"
#include "graphql/parser.h"
#include "json/diagnostics.h"
#include "json/read.h"
#include "json/write.h"
#include "net/http_server.h"
#include "observe/metrics.h"
#include "planner/planner.h"
#include "planner/supergraph.h"
#include "validation/validate.h"
#include "validation/variables.h"

namespace junction::gateway {

namespace {

struct Prepared;

// What the gateway knows about one subgraph in one generation: where it is, its policies
// (from gateway.yaml) and its metrics.
struct SubgraphRuntime {
  std::string name;
  std::string url;
  std::chrono::milliseconds timeout{30000};
  bool deduplicate = true;
  size_t max_response_bytes = 0;
  HeaderPolicy headers{{}};
  observe::Counter* requests = nullptr;
  observe::Counter* errors = nullptr;
  observe::Counter* deduplicated = nullptr;
  observe::Histogram* latency = nullptr;
};

struct Generation {
  uint64_t number = 0;
  std::shared_ptr<const planner::Supergraph> supergraph;
  std::vector<SubgraphRuntime> subgraphs;  // by subgraph index
  bool header_rules = false;               // some subgraph has header rules (keep client headers)
  // Plans built before the swap for the operations seen recently (read-only once published).
  std::unordered_map<std::string, std::shared_ptr<const Prepared>> warm;
};

// A parsed, validated operation document and its plans, cached per worker.
struct Prepared {
  std::shared_ptr<const graphql::Document> document;
  std::vector<Diagnostic> errors;  // validation errors (then nothing else is set)
  const graphql::OperationDefinition* operation = nullptr;
  std::string operation_error;
  std::optional<LimitViolation> over_limit;
  std::shared_ptr<const planner::QueryPlan> plan;
};

struct WorkerCache {
  uint64_t generation = 0;
  std::unordered_map<std::string, std::shared_ptr<const Prepared>> entries;
};
thread_local WorkerCache worker_cache;
constexpr size_t kMaxCachedOperations = 2000;
constexpr size_t kWarmOperations = 200;  // operations replanned before a swap

// Identical subgraph queries in flight on this worker: the first is sent, the others wait for
// its response.
thread_local std::unordered_map<std::string, std::vector<net::ClientPool::Callback>> in_flight_fetches;

std::string cache_key(const std::string& query, const std::string& operation_name,
                      const planner::OverrideLabels& labels = {}) {
  std::string key = operation_name;
  for (const std::string& label : labels) key += '\t' + label;
  key += '\n';
  key += query;
  return key;
}

// The progressive @override labels on for one request: each `percent(P)` label with
// probability P/100; other labels stay off (they are for an external decider).
planner::OverrideLabels roll_labels(const std::vector<std::string>& labels) {
  planner::OverrideLabels enabled;
  if (labels.empty()) return enabled;
  thread_local std::mt19937_64 random{std::random_device{}()};
  for (const std::string& label : labels) {
    if (!label.starts_with("percent(") || !label.ends_with(")")) continue;
    double percent = std::strtod(label.c_str() + 8, nullptr);
    if (std::uniform_real_distribution<double>(0, 100)(random) < percent) enabled.push_back(label);
  }
  return enabled;  // sorted, as `labels` is
}

// The metrics, created once (recording needs no lock).
struct Metrics {
  observe::Registry registry;
  observe::Counter& requests_ok;
  observe::Counter& requests_failed;
  observe::Counter* responses[6] = {};  // by status class: 1xx .. 5xx (index 1..5)
  observe::Histogram& latency;
  observe::Counter& plan_hits;
  observe::Counter& plan_misses;
  observe::Counter& reloads_ok;
  observe::Counter& reloads_failed;

  Metrics()
      : requests_ok(registry.counter("junction_requests_total",
                                     "GraphQL requests by outcome (error: any error in "
                                     "the response).",
                                     {{"outcome", "ok"}})),
        requests_failed(registry.counter("junction_requests_total", "", {{"outcome", "error"}})),
        latency(registry.histogram("junction_request_duration_seconds",
                                   "Time from reading a GraphQL request to answering it.")),
        plan_hits(registry.counter("junction_plan_cache_total", "Plan cache lookups.", {{"result", "hit"}})),
        plan_misses(registry.counter("junction_plan_cache_total", "", {{"result", "miss"}})),
        reloads_ok(
            registry.counter("junction_supergraph_reloads_total", "Supergraph loads by result.", {{"result", "ok"}})),
        reloads_failed(registry.counter("junction_supergraph_reloads_total", "", {{"result", "failed"}})) {
    for (int status = 1; status <= 5; ++status) {
      responses[status] = &registry.counter("junction_http_responses_total", "GraphQL HTTP responses by status class.",
                                            {{"status", std::to_string(status) + "xx"}});
    }
  }

  void subgraph(SubgraphRuntime& runtime) {
    observe::Labels labels = {{"subgraph", runtime.name}};
    runtime.requests = &registry.counter("junction_subgraph_requests_total", "Requests sent to subgraphs.", labels);
    runtime.errors = &registry.counter(
        "junction_subgraph_errors_total",
        "Subgraph requests that failed (transport, timeout, 5xx or other non-GraphQL answer).", labels);
    runtime.deduplicated = &registry.counter("junction_subgraph_deduplicated_total",
                                             "Subgraph queries answered by an identical query in flight.", labels);
    runtime.latency =
        &registry.histogram("junction_subgraph_request_duration_seconds", "Time for a subgraph to answer.", labels);
  }
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

// The value of a query-string parameter; nullopt when the parameter is absent.
std::optional<std::string> find_parameter(std::string_view query, std::string_view name) {
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
  return std::nullopt;
}

std::string query_parameter(std::string_view query, std::string_view name) {
  return find_parameter(query, name).value_or("");
}

bool has_parameter(std::string_view query, std::string_view name) { return find_parameter(query, name).has_value(); }

// The state of one GraphQL request while its fetches are in flight (on one worker thread).
struct RequestState {
  std::shared_ptr<const Generation> generation;
  std::shared_ptr<const Prepared> prepared;
  json::Value variables;
  net::Headers client_headers;  // kept only when a subgraph has header rules
  std::unique_ptr<execution::Execution> execution;
  net::ClientPool* pool = nullptr;
  std::function<void(int, const json::Value&)> respond;
  bool deduplicate = false;  // queries only: mutations are never merged
  bool answered = false;
};

enum Route : unsigned { kGraphql = 1, kHealth = 2, kMetrics = 4 };

// Threads that run planning off the event loops (a job posts its result back to its worker).
class TaskQueue {
 public:
  TaskQueue() = default;
  TaskQueue(const TaskQueue&) = delete;
  TaskQueue& operator=(const TaskQueue&) = delete;
  ~TaskQueue() { stop(); }

  void start(int threads) {
    std::lock_guard lock(mutex_);
    stopping_ = false;
    for (int index = 0; index < threads; ++index) threads_.emplace_back([this] { loop(); });
  }

  void submit(std::function<void()> task) {
    {
      std::lock_guard lock(mutex_);
      tasks_.push_back(std::move(task));
    }
    wake_.notify_one();
  }

  // Finishes the jobs that are running; those still queued are dropped (their requests are
  // past the server's grace period by then).
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (std::thread& thread : threads_) thread.join();
    threads_.clear();
    tasks_.clear();
  }

 private:
  void loop() {
    std::unique_lock lock(mutex_);
    while (true) {
      wake_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
      if (stopping_) return;
      std::function<void()> task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  std::vector<std::thread> threads_;
  bool stopping_ = false;
};

}  // namespace

struct Gateway::Impl {
  GatewayOptions options;
  std::unique_ptr<const CorsPolicy> cors_policy;  // from options.config.cors, compiled once
  std::vector<std::unique_ptr<net::HttpServer>> servers;
  std::vector<uint16_t> ports;  // per server
  uint16_t route_ports[8] = {};
  std::atomic<std::shared_ptr<const Generation>> current;
  std::atomic<uint64_t> next_generation{1};
  Metrics metrics;
  TaskQueue planning;
  std::mutex reload_mutex;
  std::string loaded_text;
  std::thread watcher;
  std::mutex watcher_mutex;
  std::condition_variable watcher_wake;
  bool watcher_stop = false;
  // Operations seen recently (query and operation name), replanned for a new generation.
  std::mutex recent_mutex;
  std::deque<std::pair<std::string, std::string>> recent;
  std::unordered_set<std::string> recent_keys;

  Impl() {
    metrics.registry.gauge("junction_supergraph_generation", "The supergraph generation served.", [this] {
      auto generation = current.load();
      return generation ? static_cast<double>(generation->number) : 0.0;
    });
    metrics.registry.gauge("junction_requests_in_flight", "HTTP requests being answered.", [this] {
      int total = 0;
      for (const auto& server : servers) total += server->in_flight();
      return static_cast<double>(total);
    });
  }

  [[nodiscard]] bool is_url() const {
    return options.supergraph.starts_with("http://") || options.supergraph.starts_with("https://");
  }

  Result<std::string> read_supergraph() const {
    if (!is_url()) return read_file(options.supergraph);
    net::HttpRequest request;
    request.method = "GET";
    request.url = options.supergraph;
    request.headers.emplace_back("Accept", "text/plain, application/graphql, */*");
    auto response = net::fetch(request);
    if (!response.ok()) return std::move(response).error();
    if (response->status != 200) {
      return Error(options.supergraph + ": HTTP " + std::to_string(response->status) + " (expected 200 with the SDL)");
    }
    return std::move(response->body);
  }

  Status reload(std::string text, const std::string& name) {
    std::lock_guard lock(reload_mutex);
    if (current.load() && text == loaded_text) return {};
    auto supergraph = planner::Supergraph::load(text, name);
    if (!supergraph.ok()) {
      metrics.reloads_failed.add();
      return std::move(supergraph).error();
    }
    auto generation = std::make_shared<Generation>();
    generation->number = next_generation++;
    generation->supergraph = std::move(supergraph).value();
    for (const planner::SubgraphInfo& info : generation->supergraph->subgraphs()) {
      SubgraphRuntime runtime;
      runtime.name = info.name;
      runtime.url = info.url;
      runtime.timeout = options.config.subgraph_timeout(info.name);
      runtime.deduplicate = options.config.deduplicate(info.name);
      runtime.max_response_bytes = options.config.max_response_bytes(info.name);
      runtime.headers = HeaderPolicy(options.config.header_rules(info.name));
      metrics.subgraph(runtime);
      generation->header_rules = generation->header_rules || !runtime.headers.empty();
      generation->subgraphs.push_back(std::move(runtime));
    }
    warm(*generation);
    loaded_text = std::move(text);
    current.store(std::move(generation));
    metrics.reloads_ok.add();
    return {};
  }

  // Plans the operations seen recently against the new generation before it is published, so
  // that the first requests after a swap find their plans ready.
  void warm(Generation& generation) {
    std::vector<std::pair<std::string, std::string>> operations;
    {
      std::lock_guard lock(recent_mutex);
      operations.assign(recent.begin(), recent.end());
    }
    for (const auto& [query, operation_name] : operations) {
      generation.warm.emplace(cache_key(query, operation_name), build_prepared(generation, query, operation_name));
    }
  }

  void remember(const std::string& query, const std::string& operation_name) {
    std::lock_guard lock(recent_mutex);
    std::string key = cache_key(query, operation_name);
    if (!recent_keys.insert(key).second) return;
    recent.emplace_back(query, operation_name);
    if (recent.size() > kWarmOperations) {
      recent_keys.erase(cache_key(recent.front().first, recent.front().second));
      recent.pop_front();
    }
  }

  void watch() {
    std::chrono::milliseconds interval = options.poll_interval;
    if (interval.count() == 0) interval = is_url() ? std::chrono::seconds(10) : std::chrono::milliseconds(250);
    // A file is read again only when its modification time or size changes.
    struct Stamp {
      std::filesystem::file_time_type time{};
      uintmax_t size = 0;
      bool exists = false;
      bool operator==(const Stamp&) const = default;
    };
    auto stamp = [&] {
      Stamp out;
      std::error_code error;
      out.time = std::filesystem::last_write_time(options.supergraph, error);
      if (error) return Stamp{};
      out.size = std::filesystem::file_size(options.supergraph, error);
      if (error) return Stamp{};
      out.exists = true;
      return out;
    };
    Stamp seen = is_url() ? Stamp{} : stamp();
    std::unique_lock lock(watcher_mutex);
    while (!watcher_stop) {
      watcher_wake.wait_for(lock, interval);
      if (watcher_stop) break;
      if (!is_url()) {
        Stamp now = stamp();
        if (now.exists && now == seen) continue;
        seen = now;
      }
      lock.unlock();
      auto text = read_supergraph();
      if (!text.ok()) {
        std::cerr << "junction gateway: could not read the supergraph: " << text.error().message() << "\n";
      } else {
        uint64_t before = current.load() ? current.load()->number : 0;
        Status status = reload(std::move(text).value(), options.supergraph);
        uint64_t after = current.load() ? current.load()->number : 0;
        if (!status.ok()) {
          std::cerr << "junction gateway: kept the current supergraph; the new one failed to load: "
                    << status.error().message() << "\n";
        } else if (after != before) {
          std::cerr << "junction gateway: loaded supergraph generation " << after << " from " << options.supergraph
                    << "\n";
        }
      }
      lock.lock();
    }
  }

  void handle(unsigned routes, net::ServerRequest&& request, net::ClientPool& pool, net::HttpServer::Respond respond) {
    std::string_view path = request.path();
    const GatewayConfig& config = options.config;
    if ((routes & kHealth) != 0U) {
      if (path == config.health_path) {
        if (has_parameter(request.query(), "ready")) {
          respond(readiness());
          return;
        }
        respond(json_response(200, json::Value(json::Value::Object{{"status", "UP"}})));
        return;
      }
      if (path == config.health_path + "/ready") {
        respond(readiness());
        return;
      }
    }
    if ((routes & kMetrics) != 0U && path == config.prometheus_path) {
      net::ServerResponse response;
      response.headers.emplace_back("Content-Type", "text/plain; version=0.0.4");
      response.body = metrics.registry.render();
      respond(std::move(response));
      return;
    }
    if ((routes & kGraphql) != 0U && (path == config.graphql_path || path == "/")) {
      graphql(std::move(request), pool, std::move(respond));
      return;
    }
    std::string where = (routes & kGraphql) != 0U ? " (GraphQL is served at " + config.graphql_path + ")" : "";
    respond(json_response(404, error_body("Not found: " + std::string(path) + where)));
  }

  net::ServerResponse readiness() const {
    bool ready = current.load() != nullptr;
    return json_response(ready ? 200 : 503, json::Value(json::Value::Object{{"status", ready ? "UP" : "DOWN"}}));
  }

  // Parses, validates, checks limits and plans (no I/O, no shared state).
  std::shared_ptr<const Prepared> build_prepared(const Generation& generation, const std::string& query,
                                                 const std::string& operation_name,
                                                 const planner::OverrideLabels& labels = {}) const {
    auto prepared = std::make_shared<Prepared>();
    auto document = graphql::parse(Source::make("GraphQL request", query));
    if (!document.ok()) {
      prepared->errors = document.error().diagnostics;
      return prepared;
    }
    prepared->document = std::make_shared<const graphql::Document>(std::move(document).value());
    const planner::Supergraph& supergraph = *generation.supergraph;
    prepared->errors = validation::validate(supergraph.api(), *prepared->document);
    if (!prepared->errors.empty()) return prepared;
    auto operation = planner::select_operation(*prepared->document, operation_name);
    if (!operation.ok()) {
      prepared->operation_error = operation.error().message();
      return prepared;
    }
    prepared->operation = *operation;
    prepared->over_limit = check_limits(options.config, measure(*prepared->document, **operation));
    if (prepared->over_limit) return prepared;
    auto plan = planner::build_plan(supergraph, *prepared->document, **operation, labels);
    if (!plan.ok()) {
      prepared->operation_error = plan.error().message();
    } else {
      prepared->plan = std::move(plan).value();
    }
    return prepared;
  }

  // The cached plan for this operation on this worker (or warmed for the generation), or null;
  // `key` and `labels` say what to build and store on a miss.
  std::shared_ptr<const Prepared> lookup(const Generation& generation, const std::string& query,
                                         const std::string& operation_name, std::string& key,
                                         planner::OverrideLabels& labels) {
    if (worker_cache.generation != generation.number) {
      worker_cache.entries.clear();
      worker_cache.generation = generation.number;
    }
    labels = roll_labels(generation.supergraph->override_labels());
    key = cache_key(query, operation_name, labels);
    if (auto found = worker_cache.entries.find(key); found != worker_cache.entries.end()) {
      metrics.plan_hits.add();
      return found->second;
    }
    if (auto warmed = generation.warm.find(key); warmed != generation.warm.end()) {
      metrics.plan_hits.add();
      store(generation, key, warmed->second);
      return warmed->second;
    }
    metrics.plan_misses.add();
    return nullptr;
  }

  // On the worker's thread.
  static void store(const Generation& generation, std::string key, std::shared_ptr<const Prepared> prepared) {
    if (worker_cache.generation != generation.number) return;  // the worker moved on meanwhile
    if (worker_cache.entries.size() >= kMaxCachedOperations) worker_cache.entries.clear();
    worker_cache.entries.emplace(std::move(key), std::move(prepared));
  }

  // The request's variables from GET parameters or the POST body; false after answering.
  struct Operation {
    std::string query;
    std::string operation_name;
    json::Value variables = json::Value::object();
  };

  void graphql(net::ServerRequest&& request, net::ClientPool& pool, net::HttpServer::Respond respond) {
    auto started = std::chrono::steady_clock::now();
    std::string accept = request.header("accept");
    std::string content_type = accept.find("application/graphql-response+json") != std::string::npos
                                   ? "application/graphql-response+json"
                                   : "application/json";
    std::string origin = request.header("origin");
    std::optional<net::Headers> cors = origin.empty()
                                           ? std::nullopt
                                           : cors_policy->headers(origin, request.method == "OPTIONS",
                                                                  request.header("access-control-request-headers"));
    if (request.method == "OPTIONS") {
      net::ServerResponse response;
      response.status = origin.empty() || cors ? 204 : 403;
      if (cors) response.headers = std::move(*cors);
      response.headers.emplace_back("Allow", "GET, POST, OPTIONS");
      respond(std::move(response));
      return;
    }
    // Every GraphQL answer goes through here: metrics, CORS headers, content type.
    auto answer = [this, started, content_type, cors, respond = std::move(respond)](int status, const json::Value& body,
                                                                                    bool ok) {
      (ok ? metrics.requests_ok : metrics.requests_failed).add();
      metrics.responses[std::clamp(status / 100, 1, 5)]->add();
      net::ServerResponse response = json_response(status, body, content_type);
      if (cors) response.headers.insert(response.headers.end(), cors->begin(), cors->end());
      if (status == 405) response.headers.emplace_back("Allow", "GET, POST");
      respond(std::move(response));
      metrics.latency.observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    };
    std::shared_ptr<const Generation> generation = current.load();
    if (!generation) {
      fail(answer, 503, "The gateway has no supergraph loaded yet.", "SERVICE_UNAVAILABLE");
      return;
    }
    auto incoming = std::make_shared<Incoming>();
    incoming->generation = generation;
    incoming->is_get = request.method == "GET";
    incoming->pool = &pool;
    if (!incoming->is_get && request.method != "POST") {
      fail(answer, 405, "GraphQL is served over GET and POST.", "BAD_REQUEST");
      return;
    }
    Operation& operation = incoming->operation;
    if (std::string problem = incoming->is_get ? read_get(request, operation) : read_post(request, operation);
        !problem.empty()) {
      fail(answer, 400, problem, "BAD_REQUEST");
      return;
    }
    if (generation->header_rules) incoming->client_headers = std::move(request.headers);
    incoming->answer = std::move(answer);
    std::string key;
    planner::OverrideLabels labels;
    if (auto cached = lookup(*generation, operation.query, operation.operation_name, key, labels)) {
      proceed(incoming, cached);
      return;
    }
    // Parsing, validating and planning happen on the planning threads, not on this event loop.
    planning.submit([this, incoming, key = std::move(key), labels = std::move(labels)]() mutable {
      const Operation& wanted = incoming->operation;
      std::shared_ptr<const Prepared> prepared =
          build_prepared(*incoming->generation, wanted.query, wanted.operation_name, labels);
      if (prepared->plan && labels.empty()) remember(wanted.query, wanted.operation_name);
      incoming->pool->post([this, incoming, key = std::move(key), prepared]() mutable {
        store(*incoming->generation, std::move(key), prepared);
        proceed(incoming, prepared);
      });
    });
  }

  using Answer = std::function<void(int, const json::Value&, bool)>;

  static void fail(const Answer& answer, int status, const std::string& message, const std::string& code) {
    answer(status, error_body(message, code), false);
  }

  static void fail_with(const Answer& answer, int status, const std::vector<Diagnostic>& diagnostics,
                        const char* code) {
    json::Value body = json::Value::object();
    json::Value list = json::error_list(diagnostics);
    for (json::Value& error : list.as_array()) {
      json::Value extensions = json::Value::object();
      extensions.set("code", code);
      error.set("extensions", std::move(extensions));
    }
    body.set("errors", std::move(list));
    answer(status, body, false);
  }

  // A GraphQL request read and waiting for its plan.
  struct Incoming {
    std::shared_ptr<const Generation> generation;
    Operation operation;
    bool is_get = false;
    net::Headers client_headers;
    Answer answer;
    net::ClientPool* pool = nullptr;
  };

  // With its plan: checks what the plan says about the request, then executes it.
  void proceed(const std::shared_ptr<Incoming>& incoming, const std::shared_ptr<const Prepared>& prepared) {
    const Answer& answer = incoming->answer;
    if (!prepared->errors.empty()) {
      fail_with(answer, 400, prepared->errors,
                prepared->document == nullptr ? "GRAPHQL_PARSE_FAILED" : "GRAPHQL_VALIDATION_FAILED");
      return;
    }
    if (!prepared->operation_error.empty()) {
      fail(answer, 400, prepared->operation_error, "BAD_REQUEST");
      return;
    }
    if (prepared->over_limit) {
      fail(answer, 400, prepared->over_limit->message, prepared->over_limit->code);
      return;
    }
    if (incoming->is_get && prepared->operation->operation != graphql::OperationType::Query) {
      fail(answer, 405, "Only queries can be sent with GET; use POST for mutations.", "BAD_REQUEST");
      return;
    }
    // __typename alone is always allowed; __schema and __type (also inside fragments) are not.
    if (!options.config.introspection && prepared->plan->schema_introspection) {
      fail(answer, 400, "GraphQL introspection is not allowed by this gateway.", "INTROSPECTION_DISABLED");
      return;
    }
    const std::shared_ptr<const Generation>& generation = incoming->generation;
    auto variables = validation::coerce_variable_values(generation->supergraph->api(), *prepared->document,
                                                        *prepared->operation, incoming->operation.variables);
    if (!variables.ok()) {
      fail_with(answer, 400, variables.error().diagnostics, "BAD_USER_INPUT");
      return;
    }
    auto state = std::make_shared<RequestState>();
    state->generation = generation;
    state->prepared = prepared;
    state->variables = std::move(variables).value();
    state->client_headers = std::move(incoming->client_headers);
    state->execution = std::make_unique<execution::Execution>(generation->supergraph, prepared->plan, state->variables);
    state->pool = incoming->pool;
    state->respond = [answer = std::move(incoming->answer)](int status, const json::Value& body) {
      answer(status, body, body.find("errors") == nullptr);
    };
    state->deduplicate = prepared->operation->operation == graphql::OperationType::Query;
    dispatch(state, state->execution->start());
    if (state->execution->finished()) finish(state);
  }

  static std::string read_get(const net::ServerRequest& request, Operation& operation) {
    operation.query = query_parameter(request.query(), "query");
    operation.operation_name = query_parameter(request.query(), "operationName");
    std::string variables_text = query_parameter(request.query(), "variables");
    if (!variables_text.empty()) {
      auto parsed = json::parse(variables_text);
      if (!parsed.ok() || !parsed->is_object()) return "The variables parameter must be a JSON object.";
      operation.variables = std::move(parsed).value();
    }
    return operation.query.empty() ? "Must provide query string." : "";
  }

  static std::string read_post(const net::ServerRequest& request, Operation& operation) {
    auto body = json::parse(request.body);
    if (!body.ok()) return "The request body is not valid JSON: " + body.error().message();
    if (!body->is_object()) return "The request body must be a JSON object with a \"query\".";
    const json::Value* query_value = body->find("query");
    if (query_value != nullptr && query_value->is_string()) operation.query = query_value->as_string();
    const json::Value* name_value = body->find("operationName");
    if (name_value != nullptr && name_value->is_string()) operation.operation_name = name_value->as_string();
    const json::Value* variables_value = body->find("variables");
    if (variables_value != nullptr && !variables_value->is_null()) {
      if (!variables_value->is_object()) return "\"variables\" must be a JSON object.";
      operation.variables = *variables_value;
    }
    return operation.query.empty() ? "Must provide query string." : "";
  }

  void dispatch(const std::shared_ptr<RequestState>& state, std::vector<execution::FetchRequest> requests) {
    for (execution::FetchRequest& fetch : requests) {
      const SubgraphRuntime& subgraph = state->generation->subgraphs[static_cast<size_t>(fetch.subgraph)];
      net::HttpRequest request;
      request.method = "POST";
      request.url = subgraph.url;
      if (!subgraph.headers.empty()) request.headers = subgraph.headers.apply(state->client_headers);
      request.headers.emplace_back("Content-Type", "application/json");
      request.headers.emplace_back("Accept", "application/json");
      request.body = std::move(fetch.body);
      request.timeout = subgraph.timeout;
      request.max_response_bytes = subgraph.max_response_bytes;
      int id = fetch.fetch;
      const SubgraphRuntime* runtime = &subgraph;
      auto started = std::chrono::steady_clock::now();
      // Latency and failures are counted once per request sent, not per fetch it answers (a
      // deduplicated request answers several).
      auto make_done = [this, state, id, runtime](bool counts) -> net::ClientPool::Callback {
        return [this, state, id, runtime, counts](Result<net::HttpResponse> result) {
          bool server_error = result.ok() && result->status >= 500;  // even with a GraphQL body
          execution::FetchResponse response = to_fetch_response(runtime->name, std::move(result));
          if (counts && (!response.body || server_error)) runtime->errors->add();
          dispatch(state, state->execution->complete(id, std::move(response)));
          if (state->execution->finished()) finish(state);
        };
      };
      auto measured = [runtime, started](const Result<net::HttpResponse>&) {
        runtime->latency->observe(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      };
      if (!(state->deduplicate && subgraph.deduplicate)) {
        runtime->requests->add();
        state->pool->send(std::move(request), [measured, done = make_done(true)](Result<net::HttpResponse> result) {
          measured(result);
          done(std::move(result));
        });
        continue;
      }
      std::string key = request.url;
      for (const auto& [name, value] : request.headers) key += '\n' + name + ':' + value;
      key += '\n';
      key += request.body;
      auto [waiting, first] = in_flight_fetches.try_emplace(key);
      waiting->second.push_back(make_done(first));
      if (!first) {
        runtime->deduplicated->add();
        continue;
      }
      runtime->requests->add();
      state->pool->send(std::move(request), [measured, key = std::move(key)](Result<net::HttpResponse> result) {
        measured(result);
        auto node = in_flight_fetches.extract(key);
        std::vector<net::ClientPool::Callback>& callbacks = node.mapped();
        for (size_t index = 0; index + 1 < callbacks.size(); ++index)
          callbacks[index](Result<net::HttpResponse>(result));
        callbacks.back()(std::move(result));
      });
    }
  }

  static execution::FetchResponse to_fetch_response(const std::string& name, Result<net::HttpResponse> result) {
    execution::FetchResponse response;
    if (!result.ok()) {
      response.failure = "HTTP fetch failed from '" + name + "': " + result.error().message();
      return response;
    }
    auto body = json::parse(result->body);
    if (body.ok() && body->is_object() && (body->find("data") != nullptr || body->find("errors") != nullptr)) {
      response.body = std::move(body).value();
    } else if (result->status != 200) {
      response.failure =
          "HTTP fetch failed from '" + name + "': " + std::to_string(result->status) + " returned by the subgraph";
    } else {
      response.failure = "HTTP fetch failed from '" + name + "': the response is not a GraphQL JSON response";
    }
    return response;
  }

  void finish(const std::shared_ptr<RequestState>& state) {
    if (state->answered) return;
    state->answered = true;
    const Prepared& prepared = *state->prepared;
    json::Value response =
        execution::build_response(state->generation->supergraph->api(), *prepared.document, *prepared.operation,
                                  state->variables, state->execution->data(), state->execution->take_errors());
    state->respond(200, response);
  }

  Result<uint16_t> start_servers() {
    const GatewayConfig& config = options.config;
    // Which routes each listen address serves (health and metrics share the GraphQL port
    // unless they listen apart).
    std::vector<std::pair<std::string, unsigned>> listens = {{config.listen, kGraphql}};
    auto add = [&](const std::string& listen, Route route) {
      if (listen.empty()) {
        listens.front().second |= route;
        return;
      }
      for (auto& [address, routes] : listens) {
        if (address == listen && !listen.ends_with(":0")) {  // port 0: a port of its own
          routes |= route;
          return;
        }
      }
      listens.emplace_back(listen, route);
    };
    if (config.health_enabled) add(config.health_listen, kHealth);
    if (config.prometheus_enabled) add(config.prometheus_listen, kMetrics);
    for (const auto& [listen, routes] : listens) {
      auto address = parse_listen(listen, "listen");
      if (!address.ok()) return std::move(address).error();
      net::ServerOptions server_options;
      server_options.host = address->host;
      server_options.port = address->port;
      server_options.workers = routes & kGraphql ? options.workers : 1;
      server_options.max_body_bytes = config.max_request_bytes;
      server_options.certificate_authorities = config.subgraph_certificate_authorities;
      unsigned served = routes;
      auto server = std::make_unique<net::HttpServer>(
          server_options,
          [this, served](net::ServerRequest&& request, net::ClientPool& pool, net::HttpServer::Respond respond) {
            handle(served, std::move(request), pool, std::move(respond));
          });
      auto port = server->start();
      if (!port.ok()) return std::move(port).error();
      for (unsigned route : {kGraphql, kHealth, kMetrics}) {
        if ((routes & route) != 0U) route_ports[route] = *port;
      }
      servers.push_back(std::move(server));
    }
    return route_ports[kGraphql];
  }
};

Gateway::Gateway(GatewayOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->cors_policy = std::make_unique<const CorsPolicy>(impl_->options.config.cors);
}

Gateway::~Gateway() { stop(std::chrono::milliseconds(0)); }

Result<uint16_t> Gateway::start(bool require_supergraph) {
  Impl& impl = *impl_;
  if (!impl.options.supergraph.empty()) {
    auto text = impl.read_supergraph();
    Status loaded =
        text.ok() ? impl.reload(std::move(text).value(), impl.options.supergraph) : Status(std::move(text).error());
    if (!loaded.ok() && require_supergraph) return loaded.error();
  }
  // Planning threads: half the cores, at least one (the event loops keep the rest).
  impl.planning.start(std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / 2));
  auto port = impl.start_servers();
  if (!port.ok()) {
    stop(std::chrono::milliseconds(0));
    return port;
  }
  if (impl.options.hot_reload && !impl.options.supergraph.empty()) {
    impl.watcher = std::thread([&impl] { impl.watch(); });
  }
  return port;
}

uint16_t Gateway::health_port() const { return impl_->route_ports[kHealth]; }
uint16_t Gateway::metrics_port() const { return impl_->route_ports[kMetrics]; }

Status Gateway::reload(std::string text, const std::string& name) { return impl_->reload(std::move(text), name); }

void Gateway::stop(std::chrono::milliseconds grace) {
  Impl& impl = *impl_;
  {
    std::lock_guard lock(impl.watcher_mutex);
    impl.watcher_stop = true;
  }
  impl.watcher_wake.notify_all();
  if (impl.watcher.joinable()) impl.watcher.join();
  for (auto& server : impl.servers) server->stop(grace);
  impl.planning.stop();
}

uint64_t Gateway::generation() const {
  auto current = impl_->current.load();
  return current ? current->number : 0;
}

}  // namespace junction::gateway
