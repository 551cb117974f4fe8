#include "net/http_server.h"

#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

namespace junction::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kUse = asio::as_tuple(asio::use_awaitable);

bool same_letters(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t index = 0; index < a.size(); ++index) {
    if (std::tolower(static_cast<unsigned char>(a[index])) != std::tolower(static_cast<unsigned char>(b[index]))) {
      return false;
    }
  }
  return true;
}

// A request and its response over an open connection; the first error, if any.
template <class Stream>
asio::awaitable<beast::error_code> round_trip(Stream& stream, http::request<http::string_body>& message,
                                              beast::flat_buffer& buffer,
                                              http::response_parser<http::string_body>& parser) {
  auto [write_error, written] = co_await http::async_write(stream, message, kUse);
  if (write_error) co_return write_error;
  auto [read_error, read] = co_await http::async_read(stream, buffer, parser, kUse);
  co_return read_error;
}

// One upstream connection, plain or TLS.
struct Connection {
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;

  beast::tcp_stream& socket() { return plain ? *plain : beast::get_lowest_layer(*tls); }
};

// One worker's client pool: idle keep-alive connections per scheme://host:port.
class Pool final : public ClientPool {
 public:
  Pool(asio::io_context& io, const std::string& certificate_authorities)
      : io_(io), certificate_authorities_(certificate_authorities) {}

  void send(HttpRequest request, Callback done) override {
    asio::co_spawn(io_, run(std::move(request), std::move(done)), asio::detached);
  }

  void post(std::function<void()> task) override { asio::post(io_, std::move(task)); }

 private:
  // The TLS settings for subgraphs: the system's CAs (and the configured ones), peer verified.
  Result<asio::ssl::context*> tls_context() {
    if (tls_) return tls_.get();
    auto context = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
    beast::error_code error;
    context->set_default_verify_paths(error);
    if (!certificate_authorities_.empty()) {
      context->add_certificate_authority(asio::buffer(certificate_authorities_), error);
      if (error) return Error("the configured certificate authorities are not valid PEM: " + error.message());
    }
    context->set_verify_mode(asio::ssl::verify_peer);
    tls_ = std::move(context);
    return tls_.get();
  }

  asio::awaitable<Result<Connection>> open(const Url& url, const std::string& where,
                                           std::chrono::milliseconds timeout) {
    std::string key = url.host + ":" + url.port;
    Resolved& resolved = endpoints_[key];
    auto now = std::chrono::steady_clock::now();
    if (resolved.endpoints.empty() || now - resolved.at > kResolveEvery) {
      // The resolver has no deadline of its own: a timer cancels it.
      auto resolver = std::make_shared<tcp::resolver>(io_);
      auto timer = std::make_shared<asio::steady_timer>(io_, timeout);
      timer->async_wait([resolver](beast::error_code error) {
        if (!error) resolver->cancel();
      });
      auto [resolve_error, results] = co_await resolver->async_resolve(url.host, url.port, kUse);
      timer->cancel();
      if (resolve_error == asio::error::operation_aborted) {
        co_return Error("timed out after " + std::to_string(timeout.count()) + " ms resolving host \"" + url.host +
                        "\" (" + where + ")");
      }
      if (resolve_error) co_return Error("cannot resolve host \"" + url.host + "\" (" + where + ")");
      Resolved& fresh = endpoints_[key];  // the map may have changed while resolving
      fresh.endpoints.clear();
      for (const auto& entry : results) fresh.endpoints.push_back(entry.endpoint());
      fresh.at = now;
    }
    std::vector<tcp::endpoint> endpoints = endpoints_[key].endpoints;
    Connection connection;
    if (url.scheme == "https") {
      auto context = tls_context();
      if (!context.ok()) co_return std::move(context).error();
      connection.tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(io_, **context);
      if (!SSL_set_tlsext_host_name(connection.tls->native_handle(), url.host.c_str())) {
        co_return Error("TLS setup for " + where + " failed (server name)");
      }
      connection.tls->set_verify_callback(asio::ssl::host_name_verification(url.host));
    } else {
      connection.plain = std::make_unique<beast::tcp_stream>(io_);
    }
    connection.socket().expires_after(timeout);
    auto [connect_error, endpoint] = co_await connection.socket().async_connect(endpoints, kUse);
    if (connect_error) {
      co_return Error(connect_error == asio::error::connection_refused
                          ? "connection refused by " + where + " (is the subgraph running?)"
                      : connect_error == beast::error::timeout
                          ? "timed out after " + std::to_string(timeout.count()) + " ms connecting to " + where
                          : "cannot connect to " + where + ": " + connect_error.message());
    }
    if (connection.tls) {
      auto [handshake_error] = co_await connection.tls->async_handshake(asio::ssl::stream_base::client, kUse);
      if (handshake_error) {
        co_return Error("TLS handshake with " + where + " failed: " + handshake_error.message() +
                        (handshake_error.category() == asio::error::get_ssl_category()
                             ? " (is its certificate signed by a trusted authority? see tls.subgraph in the config)"
                             : ""));
      }
    }
    co_return std::move(connection);
  }

  asio::awaitable<void> run(HttpRequest request, Callback done) {
    auto url = parse_url(request.url);
    if (!url.ok()) {
      done(std::move(url).error());
      co_return;
    }
    std::string key = url->scheme + "://" + url->host + ":" + url->port;
    const std::string& where = key;
    bool default_port = (url->scheme == "https" && url->port == "443") || (url->scheme == "http" && url->port == "80");
    for (int attempt = 0; attempt < 2; ++attempt) {
      std::optional<Connection> connection;
      bool reused = false;
      auto& idle = idle_[key];
      // Connections idle too long are likely being closed by the server (Node's default
      // keep-alive timeout is 5 s): drop them. A retry always opens a new connection.
      auto now = std::chrono::steady_clock::now();
      while (attempt == 0 && !idle.empty()) {
        IdleConnection candidate = std::move(idle.back());
        idle.pop_back();
        if (now - candidate.since < kIdleReuseLimit) {
          connection = std::move(candidate.connection);
          reused = true;
          break;
        }
      }
      if (!connection) {
        auto opened = co_await open(*url, where, request.timeout);
        if (!opened.ok()) {
          done(std::move(opened).error());
          co_return;
        }
        connection = std::move(opened).value();
      }
      connection->socket().expires_after(request.timeout);
      http::request<http::string_body> message{http::verb::post, url->target, 11};
      message.method_string(request.method);
      message.set(http::field::host, default_port ? url->host : url->host + ":" + url->port);
      message.set(http::field::user_agent, "junction");
      for (const auto& [name, value] : request.headers) message.set(name, value);
      message.body() = std::move(request.body);
      message.prepare_payload();
      message.keep_alive(true);
      beast::flat_buffer buffer;
      http::response_parser<http::string_body> parser;
      parser.body_limit(request.max_response_bytes);
      parser.header_limit(64 * 1024);
      beast::error_code read_error = connection->tls ? co_await round_trip(*connection->tls, message, buffer, parser)
                                                     : co_await round_trip(*connection->plain, message, buffer, parser);
      if (read_error) {
        // A kept-alive connection the subgraph closed meanwhile, before any byte of an answer:
        // it never saw the request, so retry once on a new connection.
        bool stale = reused && !parser.got_some() &&
                     (read_error == http::error::end_of_stream || read_error == asio::error::eof ||
                      read_error == asio::error::connection_reset || read_error == asio::error::broken_pipe ||
                      read_error == asio::ssl::error::stream_truncated);
        if (stale && attempt == 0) {
          request.body = std::move(message.body());
          continue;
        }
        done(Error(read_error == beast::error::timeout
                       ? "timed out after " + std::to_string(request.timeout.count()) + " ms waiting for " + where
                   : read_error == http::error::body_limit
                       ? "the response of " + where + " is larger than " + std::to_string(request.max_response_bytes) +
                             " bytes"
                       : "request to " + where + " failed: " + read_error.message()));
        co_return;
      }
      auto& reply = parser.get();
      HttpResponse response;
      response.status = static_cast<int>(reply.result_int());
      for (const auto& field : reply) {
        response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
      response.body = std::move(reply.body());
      if (reply.keep_alive() && idle.size() < 256) {
        connection->socket().expires_never();
        idle_[key].push_back({std::move(*connection), std::chrono::steady_clock::now()});
      }
      done(std::move(response));
      co_return;
    }
  }

  struct IdleConnection {
    Connection connection;
    std::chrono::steady_clock::time_point since;
  };
  static constexpr std::chrono::seconds kIdleReuseLimit{4};

  asio::io_context& io_;
  const std::string& certificate_authorities_;
  std::unique_ptr<asio::ssl::context> tls_;
  std::unordered_map<std::string, std::vector<IdleConnection>> idle_;
  struct Resolved {
    std::vector<tcp::endpoint> endpoints;
    std::chrono::steady_clock::time_point at;
  };
  static constexpr std::chrono::seconds kResolveEvery{30};  // addresses change (Cloud Run, Kubernetes)
  std::unordered_map<std::string, Resolved> endpoints_;
};

}  // namespace

std::string ServerRequest::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (same_letters(key, name)) return value;
  }
  return "";
}

std::string_view ServerRequest::path() const {
  std::string_view view(target);
  return view.substr(0, view.find('?'));
}

std::string_view ServerRequest::query() const {
  std::string_view view(target);
  size_t mark = view.find('?');
  return mark == std::string_view::npos ? std::string_view() : view.substr(mark + 1);
}

struct HttpServer::Impl {
  struct Worker {
    asio::io_context io{1};
    std::unique_ptr<tcp::acceptor> acceptor;
    std::unique_ptr<Pool> pool;
    std::thread thread;
  };

  ServerOptions options;
  Handler handler;
  std::vector<std::unique_ptr<Worker>> workers;
  std::atomic<int> in_flight{0};
  std::atomic<bool> stopping{false};
  bool started = false;

  asio::awaitable<void> accept(Worker& worker) {
    for (;;) {
      auto [error, socket] = co_await worker.acceptor->async_accept(kUse);
      if (error) {
        if (error == asio::error::operation_aborted || !worker.acceptor->is_open()) co_return;
        continue;
      }
      asio::co_spawn(worker.io, session(worker, std::move(socket)), asio::detached);
    }
  }

  struct Waiting {
    explicit Waiting(asio::io_context& io) : timer(io, asio::steady_timer::time_point::max()) {}
    asio::steady_timer timer;
    std::optional<ServerResponse> response;
  };

  asio::awaitable<void> session(Worker& worker, tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer;
    for (;;) {
      stream.expires_after(options.idle_timeout);
      http::request_parser<http::string_body> parser;
      parser.body_limit(options.max_body_bytes);
      parser.header_limit(64 * 1024);
      auto [read_error, read] = co_await http::async_read(stream, buffer, parser, kUse);
      if (read_error == http::error::body_limit) {
        http::response<http::string_body> too_large{http::status::payload_too_large, 11};
        too_large.set(http::field::content_type, "application/json");
        too_large.body() = R"({"errors":[{"message":"Request body is larger than the limit of )" +
                           std::to_string(options.max_body_bytes) + R"( bytes."}]})";
        too_large.keep_alive(false);
        too_large.prepare_payload();
        co_await http::async_write(stream, too_large, kUse);
        break;
      }
      if (read_error) break;
      auto& message = parser.get();
      ServerRequest request;
      request.method = std::string(message.method_string());
      request.target = std::string(message.target());
      for (const auto& field : message) {
        request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
      }
      request.body = std::move(message.body());
      bool keep_alive = message.keep_alive();
      unsigned version = message.version();

      ++in_flight;
      auto waiting = std::make_shared<Waiting>(worker.io);
      handler(std::move(request), *worker.pool, [waiting](ServerResponse response) {
        waiting->response = std::move(response);
        waiting->timer.cancel();
      });
      if (!waiting->response) co_await waiting->timer.async_wait(kUse);
      --in_flight;

      ServerResponse& response = *waiting->response;
      http::response<http::string_body> reply{static_cast<http::status>(response.status), version};
      reply.set(http::field::server, "junction");
      for (const auto& [name, value] : response.headers) reply.set(name, value);
      reply.body() = std::move(response.body);
      keep_alive = keep_alive && !stopping.load();
      reply.keep_alive(keep_alive);
      reply.prepare_payload();
      stream.expires_after(std::chrono::seconds(30));
      auto [write_error, written] = co_await http::async_write(stream, reply, kUse);
      if (write_error || !keep_alive) break;
    }
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }
};

HttpServer::HttpServer(ServerOptions options, Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
}

HttpServer::~HttpServer() { stop(std::chrono::milliseconds(0)); }

Result<uint16_t> HttpServer::start() {
  Impl& impl = *impl_;
  int count = impl.options.workers > 0 ? impl.options.workers
                                       : static_cast<int>(std::max(1U, std::thread::hardware_concurrency()));
  beast::error_code error;
  auto address = asio::ip::make_address(impl.options.host, error);
  if (error) return Error("\"" + impl.options.host + "\" is not an IP address to listen on");
  uint16_t port = impl.options.port;
  auto refused = [&](const beast::error_code& failure) {
    return Error("cannot listen on " + impl.options.host + ":" + std::to_string(port) + ": " + failure.message() +
                 (failure == asio::error::address_in_use ? " (another process uses the port)" : ""));
  };
  if (port != 0) {
    // The workers share the port with SO_REUSEPORT, which would also let them share it with
    // another server that set it (a second gateway): a plain bind first proves it is free.
    asio::io_context probe_io;
    tcp::acceptor probe(probe_io);
    tcp::endpoint endpoint(address, port);
    probe.open(endpoint.protocol(), error);
    if (!error) probe.set_option(asio::socket_base::reuse_address(true), error);
    if (!error) probe.bind(endpoint, error);
    if (error) return refused(error);
  }
  for (int index = 0; index < count; ++index) {
    auto worker = std::make_unique<Impl::Worker>();
    worker->pool = std::make_unique<Pool>(worker->io, impl.options.certificate_authorities);
    worker->acceptor = std::make_unique<tcp::acceptor>(worker->io);
    tcp::endpoint endpoint(address, port);
    worker->acceptor->open(endpoint.protocol(), error);
    if (!error) worker->acceptor->set_option(asio::socket_base::reuse_address(true), error);
    if (!error) {
      int enable = 1;
      ::setsockopt(worker->acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &enable, sizeof(enable));
      worker->acceptor->bind(endpoint, error);
    }
    if (!error) worker->acceptor->listen(asio::socket_base::max_listen_connections, error);
    if (error) return refused(error);
    port = worker->acceptor->local_endpoint().port();
    impl.workers.push_back(std::move(worker));
  }
  for (auto& worker : impl.workers) {
    asio::co_spawn(worker->io, impl.accept(*worker), asio::detached);
    worker->thread = std::thread([raw = worker.get()] { raw->io.run(); });
  }
  impl.started = true;
  return port;
}

void HttpServer::stop(std::chrono::milliseconds grace) {
  Impl& impl = *impl_;
  if (!impl.started) return;
  impl.started = false;
  impl.stopping = true;
  for (auto& worker : impl.workers) {
    asio::post(worker->io, [raw = worker.get()] {
      beast::error_code ignored;
      raw->acceptor->close(ignored);
    });
  }
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (impl.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  for (auto& worker : impl.workers) worker->io.stop();
  for (auto& worker : impl.workers) {
    if (worker->thread.joinable()) worker->thread.join();
  }
  impl.workers.clear();
}

int HttpServer::in_flight() const { return impl_->in_flight.load(); }

}  // namespace junction::net
