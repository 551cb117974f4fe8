// The gateway's HTTP side, with Boost.Asio/Beast kept in the .cpp: a server with one event
// loop per worker thread (each worker accepts on the same port through SO_REUSEPORT, and a
// connection stays on its worker), and per-worker client pools that keep upstream
// connections alive. Callbacks run on the worker's thread, so per-request state needs no lock.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "net/http_client.h"

namespace junction::net {

struct ServerRequest {
  std::string method;
  std::string target;  // path and query string
  Headers headers;
  std::string body;

  [[nodiscard]] std::string header(std::string_view name) const;  // case-insensitive, "" when absent
  [[nodiscard]] std::string_view path() const;                    // target without the query string
  [[nodiscard]] std::string_view query() const;                   // after '?', "" when none
};

struct ServerResponse {
  int status = 200;
  Headers headers;
  std::string body;
};

// Sends requests from one worker's loop over kept-alive connections (http:// and https://,
// verifying the server's certificate and name).
class ClientPool {
 public:
  using Callback = std::function<void(Result<HttpResponse>)>;
  virtual ~ClientPool() = default;
  // Call on the worker's thread; `done` runs there once, with the response or why it failed.
  virtual void send(HttpRequest request, Callback done) = 0;
  // Runs `task` on the worker's thread (callable from any thread): how work done elsewhere
  // comes back to a request.
  virtual void post(std::function<void()> task) = 0;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 4000;  // 0: any free port
  int workers = 0;       // 0: one per core
  size_t max_body_bytes = size_t{2} << 20;
  std::chrono::milliseconds idle_timeout{60000};
  // PEM certificates trusted for https:// upstreams, besides the system's.
  std::string certificate_authorities;
};

class HttpServer {
 public:
  using Respond = std::function<void(ServerResponse)>;  // call once, on the worker's thread
  using Handler = std::function<void(ServerRequest&&, ClientPool&, Respond)>;

  HttpServer(ServerOptions options, Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts the workers; returns the port it listens on.
  Result<uint16_t> start();
  // Stops accepting, lets requests in flight finish (at most `grace`), then stops the workers.
  void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(10000));
  [[nodiscard]] int in_flight() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace junction::net
