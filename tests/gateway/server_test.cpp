// The gateway in process, against fake subgraphs on raw sockets (so that a test can make a
// subgraph fail in every way a network can: status 500, invalid JSON, a huge body, slowness,
// a connection closed mid-response or reset, nobody listening).
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "composition/compose.h"
#include "gateway/gateway.h"
#include "json/read.h"
#include "json/write.h"
#include "net/http_client.h"

namespace junction::gateway {
namespace {

using namespace std::chrono_literals;

struct Received {
  std::string head;  // request line and headers, lower-cased
  std::string body;
};

struct Reply {
  enum class Mode { Normal, CloseMidBody, Reset };
  int status = 200;
  std::string body;
  std::chrono::milliseconds delay{0};
  Mode mode = Mode::Normal;
};

// A self-signed certificate for "localhost" (and 127.0.0.1), made in memory.
struct Credentials {
  std::string certificate_pem;
  std::string key_pem;
};

Credentials make_credentials() {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  X509* certificate = X509_new();
  ASN1_INTEGER_set(X509_get_serialNumber(certificate), 1);
  X509_gmtime_adj(X509_getm_notBefore(certificate), -60);
  X509_gmtime_adj(X509_getm_notAfter(certificate), 3600);
  X509_set_pubkey(certificate, key);
  X509_NAME* name = X509_get_subject_name(certificate);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("localhost"), -1, -1, 0);
  X509_set_issuer_name(certificate, name);
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
  X509_EXTENSION* names = X509V3_EXT_conf_nid(nullptr, &context, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1");
  X509_add_ext(certificate, names, -1);
  X509_EXTENSION_free(names);
  X509_sign(certificate, key, EVP_sha256());
  auto to_pem = [](auto write) {
    BIO* bio = BIO_new(BIO_s_mem());
    write(bio);
    char* data = nullptr;
    long size = BIO_get_mem_data(bio, &data);
    std::string out(data, static_cast<size_t>(size));
    BIO_free(bio);
    return out;
  };
  Credentials credentials;
  credentials.certificate_pem = to_pem([&](BIO* bio) { PEM_write_bio_X509(bio, certificate); });
  credentials.key_pem =
      to_pem([&](BIO* bio) { PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr); });
  X509_free(certificate);
  EVP_PKEY_free(key);
  return credentials;
}

// An HTTP/1.1 server on 127.0.0.1 with a thread per connection, answering with `reply`
// (over TLS when given credentials).
class FakeSubgraph {
 public:
  explicit FakeSubgraph(std::function<Reply(const Received&)> reply, const Credentials* tls = nullptr)
      : reply_(std::move(reply)) {
    if (tls != nullptr) {
      tls_ = SSL_CTX_new(TLS_server_method());
      BIO* certificate = BIO_new_mem_buf(tls->certificate_pem.data(), static_cast<int>(tls->certificate_pem.size()));
      BIO* key = BIO_new_mem_buf(tls->key_pem.data(), static_cast<int>(tls->key_pem.size()));
      X509* x509 = PEM_read_bio_X509(certificate, nullptr, nullptr, nullptr);
      EVP_PKEY* pkey = PEM_read_bio_PrivateKey(key, nullptr, nullptr, nullptr);
      SSL_CTX_use_certificate(tls_, x509);
      SSL_CTX_use_PrivateKey(tls_, pkey);
      X509_free(x509);
      EVP_PKEY_free(pkey);
      BIO_free(certificate);
      BIO_free(key);
    }
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    listen(listener_, 64);
    socklen_t length = sizeof address;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~FakeSubgraph() {
    stopping_ = true;
    shutdown(listener_, SHUT_RDWR);
    close(listener_);
    acceptor_.join();
    std::vector<std::thread> connections;
    {
      std::lock_guard lock(mutex_);
      for (int fd : open_) shutdown(fd, SHUT_RDWR);
      connections.swap(connections_);
    }
    for (auto& thread : connections) thread.join();
    if (tls_ != nullptr) SSL_CTX_free(tls_);
  }
  FakeSubgraph(const FakeSubgraph&) = delete;
  FakeSubgraph& operator=(const FakeSubgraph&) = delete;

  [[nodiscard]] std::string url() const {
    return tls_ != nullptr ? "https://localhost:" + std::to_string(port_) + "/graphql"
                           : "http://127.0.0.1:" + std::to_string(port_) + "/graphql";
  }
  std::vector<Received> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }
  void set_reply(std::function<Reply(const Received&)> reply) {
    std::lock_guard lock(mutex_);
    reply_ = std::move(reply);
  }

 private:
  void accept_loop() {
    while (!stopping_) {
      int fd = accept(listener_, nullptr, nullptr);
      if (fd < 0) return;
      std::lock_guard lock(mutex_);
      open_.push_back(fd);
      connections_.emplace_back([this, fd] { serve(fd); });
    }
  }

  void serve(int fd) {
    SSL* ssl = nullptr;
    if (tls_ != nullptr) {
      ssl = SSL_new(tls_);
      SSL_set_fd(ssl, fd);
      if (SSL_accept(ssl) <= 0) {
        SSL_free(ssl);
        return finish(fd);
      }
    }
    serve_on(fd, ssl);
    if (ssl != nullptr) SSL_free(ssl);
  }

  static ssize_t read_some(int fd, SSL* ssl, char* data, size_t size) {
    return ssl != nullptr ? SSL_read(ssl, data, static_cast<int>(size)) : recv(fd, data, size, 0);
  }

  void serve_on(int fd, SSL* ssl) {
    std::string buffer;
    char chunk[65536];
    while (true) {
      size_t end = buffer.find("\r\n\r\n");
      while (end == std::string::npos) {
        ssize_t got = read_some(fd, ssl, chunk, sizeof chunk);
        if (got <= 0) return finish(fd);
        buffer.append(chunk, static_cast<size_t>(got));
        end = buffer.find("\r\n\r\n");
      }
      Received request;
      request.head = buffer.substr(0, end);
      std::transform(request.head.begin(), request.head.end(), request.head.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      size_t length_at = request.head.find("content-length:");
      size_t length = length_at == std::string::npos ? 0 : std::stoul(request.head.substr(length_at + 15));
      while (buffer.size() < end + 4 + length) {
        ssize_t got = read_some(fd, ssl, chunk, sizeof chunk);
        if (got <= 0) return finish(fd);
        buffer.append(chunk, static_cast<size_t>(got));
      }
      request.body = buffer.substr(end + 4, length);
      buffer.erase(0, end + 4 + length);
      std::function<Reply(const Received&)> reply_with;
      {
        std::lock_guard lock(mutex_);
        received_.push_back(request);
        reply_with = reply_;
      }
      Reply reply = reply_with(request);
      std::this_thread::sleep_for(reply.delay);
      if (reply.mode == Reply::Mode::Reset) {
        linger hard{1, 0};
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        return finish(fd);
      }
      std::string response =
          "HTTP/1.1 " + std::to_string(reply.status) +
          " Status\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(reply.body.size()) +
          "\r\n\r\n";
      if (reply.mode == Reply::Mode::CloseMidBody) {
        response += reply.body.substr(0, reply.body.size() / 2);
        send_all(fd, ssl, response);
        return finish(fd);
      }
      response += reply.body;
      if (!send_all(fd, ssl, response)) return finish(fd);
    }
  }

  static bool send_all(int fd, SSL* ssl, const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
      ssize_t wrote = ssl != nullptr ? SSL_write(ssl, data.data() + sent, static_cast<int>(data.size() - sent))
                                     : send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      if (wrote <= 0) return false;
      sent += static_cast<size_t>(wrote);
    }
    return true;
  }

  void finish(int fd) {
    std::lock_guard lock(mutex_);
    std::erase(open_, fd);
    close(fd);
  }

  std::function<Reply(const Received&)> reply_;
  SSL_CTX* tls_ = nullptr;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  std::mutex mutex_;
  std::vector<std::thread> connections_;
  std::vector<int> open_;
  std::vector<Received> received_;
};

constexpr const char* kUsers = R"(
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { me: User }
  type User @key(fields: "id") { id: ID! name: String }
)";
constexpr const char* kAges = R"(
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type User @key(fields: "id") { id: ID! age: Int }
)";

Reply users_reply(const Received&) { return {200, R"({"data":{"me":{"__typename":"User","id":"1","name":"Ada"}}})"}; }
Reply ages_reply(const Received&) { return {200, R"({"data":{"_entities":[{"age":36}]}})"}; }

std::string compose_supergraph(const std::string& users_url, const std::string& ages_url,
                               const std::string& extra_users_field = "") {
  std::string users = kUsers;
  if (!extra_users_field.empty()) users.replace(users.find("me: User"), 8, "me: User " + extra_users_field);
  auto result = composition::compose({{"users", users_url, users, "users"}, {"ages", ages_url, kAges, "ages"}});
  EXPECT_TRUE(result.errors.empty());
  return result.supergraph_sdl.value_or("");
}

struct Answer {
  int status = 0;
  std::string body;
  net::Headers headers;
};

Answer post(uint16_t port, const std::string& query, net::Headers headers = {}, const std::string& path = "/graphql") {
  net::HttpRequest request;
  request.url = "http://127.0.0.1:" + std::to_string(port) + path;
  request.headers = std::move(headers);
  request.headers.emplace_back("Content-Type", "application/json");
  json::Value body = json::Value::object();
  body.set("query", query);
  request.body = json::to_string(body);
  request.timeout = 20s;
  auto response = net::fetch(request);
  if (!response.ok()) return {0, response.error().message(), {}};
  return {response->status, response->body, response->headers};
}

Answer get(uint16_t port, const std::string& path, const std::string& method = "GET", net::Headers headers = {}) {
  net::HttpRequest request;
  request.method = method;
  request.url = "http://127.0.0.1:" + std::to_string(port) + path;
  request.headers = std::move(headers);
  auto response = net::fetch(request);
  if (!response.ok()) return {0, response.error().message(), {}};
  return {response->status, response->body, response->headers};
}

std::string header_of(const Answer& answer, std::string_view name) {
  for (const auto& [key, value] : answer.headers) {
    if (key.size() == name.size() && std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
        })) {
      return value;
    }
  }
  return "";
}

class GatewayServerTest : public ::testing::Test {
 protected:
  FakeSubgraph users{users_reply};
  FakeSubgraph ages{ages_reply};
  std::unique_ptr<Gateway> gateway;
  uint16_t port = 0;

  void start(GatewayConfig config = {}, const std::string& ages_url = "") {
    config.listen = "127.0.0.1:0";
    GatewayOptions options;
    options.config = std::move(config);
    options.workers = 1;
    gateway = std::make_unique<Gateway>(options);
    ASSERT_TRUE(gateway->reload(compose_supergraph(users.url(), ages_url.empty() ? ages.url() : ages_url)).ok());
    auto bound = gateway->start();
    ASSERT_TRUE(bound.ok()) << bound.error().message();
    port = *bound;
  }
  void TearDown() override {
    if (gateway) gateway->stop(1s);
  }
};

TEST_F(GatewayServerTest, JoinsEntitiesAcrossSubgraphs) {
  start();
  Answer answer = post(port, "{ me { name age } }");
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(answer.body, R"({"data":{"me":{"name":"Ada","age":36}}})");
  ASSERT_EQ(ages.received().size(), 1U);
  EXPECT_NE(ages.received()[0].body.find("\"representations\":[{\"__typename\":\"User\",\"id\":\"1\"}]"),
            std::string::npos);
}

// Every way the ages subgraph can fail: partial data, an error naming the subgraph, no hang.
TEST_F(GatewayServerTest, FailingSubgraphGivesPartialDataAndAClearError) {
  GatewayConfig config;
  config.traffic_all.timeout = 500ms;
  start(config);
  struct Case {
    const char* name;
    Reply reply;
    const char* reason;
  };
  std::string huge = R"({"data":{"_entities":[{"age":")" + std::string(size_t{50} << 20, 'x') + R"("}]}})";
  const Case cases[] = {
      {"500", {500, "<html>oops</html>"}, "500 returned by the subgraph"},
      {"invalid JSON", {200, "{\"data\": {"}, "the response is not a GraphQL JSON response"},
      {"50 MB body", {200, huge}, "larger than"},
      {"slow", {200, R"({"data":{"_entities":[{"age":1}]}})", 3s}, "timed out"},
      {"closed mid-response", {200, R"({"data":{"_entities":[{"age":1}]}})", 0ms, Reply::Mode::CloseMidBody}, ""},
      {"reset", {200, "", 0ms, Reply::Mode::Reset}, ""},
  };
  for (const Case& failure : cases) {
    SCOPED_TRACE(failure.name);
    ages.set_reply([&](const Received&) { return failure.reply; });
    auto started = std::chrono::steady_clock::now();
    Answer answer = post(port, "{ me { name age } }");
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2500ms);
    EXPECT_EQ(answer.status, 200);
    auto body = json::parse(answer.body);
    ASSERT_TRUE(body.ok()) << answer.body;
    EXPECT_EQ(json::to_string(*body->find("data")), R"({"me":{"name":"Ada","age":null}})");
    const json::Value* errors = body->find("errors");
    ASSERT_TRUE(errors != nullptr && errors->as_array().size() == 1) << answer.body;
    std::string message = errors->as_array()[0].find("message")->as_string();
    EXPECT_TRUE(message.starts_with("HTTP fetch failed from 'ages': ")) << message;
    EXPECT_NE(message.find(failure.reason), std::string::npos) << message;
    EXPECT_EQ(json::to_string(*errors->as_array()[0].find("extensions")),
              R"({"code":"SUBREQUEST_HTTP_ERROR","serviceName":"ages"})");
  }
  ages.set_reply(ages_reply);
  EXPECT_EQ(post(port, "{ me { name age } }").body, R"({"data":{"me":{"name":"Ada","age":36}}})");
  std::string metrics = get(port, "/metrics").body;
  EXPECT_NE(metrics.find("junction_subgraph_errors_total{subgraph=\"ages\"} 6\n"), std::string::npos) << metrics;
}

TEST_F(GatewayServerTest, SubgraphNobodyListensOn) {
  int probe = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length);
  std::string closed = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port)) + "/graphql";
  close(probe);
  start({}, closed);
  Answer answer = post(port, "{ me { name age } }");
  EXPECT_NE(answer.body.find(R"("data":{"me":{"name":"Ada","age":null}})"), std::string::npos) << answer.body;
  EXPECT_NE(answer.body.find("HTTP fetch failed from 'ages': "), std::string::npos) << answer.body;
}

TEST_F(GatewayServerTest, SubgraphHostThatDoesNotResolve) {
  GatewayConfig config;
  config.traffic_all.timeout = 3s;  // also the deadline of the name lookup
  start(config, "http://subgraph.invalid:4000/graphql");
  Answer answer = post(port, "{ me { name age } }");
  EXPECT_NE(answer.body.find(R"("data":{"me":{"name":"Ada","age":null}})"), std::string::npos) << answer.body;
  EXPECT_TRUE(answer.body.find("HTTP fetch failed from 'ages': cannot resolve host") != std::string::npos ||
              answer.body.find("HTTP fetch failed from 'ages': timed out after 3000 ms resolving host") !=
                  std::string::npos)
      << answer.body;
  EXPECT_NE(answer.body.find("subgraph.invalid"), std::string::npos) << answer.body;
}

TEST_F(GatewayServerTest, HeaderRulesShapeWhatEachSubgraphReceives) {
  GatewayConfig config;
  HeaderRule authorization;
  authorization.named = "authorization";
  config.headers_all.push_back(authorization);
  HeaderRule tenant;
  tenant.kind = HeaderRule::Kind::Insert;
  tenant.named = "x-source";
  tenant.value = "junction";
  config.headers_subgraphs["ages"].push_back(tenant);
  start(config);
  post(port, "{ me { name age } }", {{"Authorization", "Bearer abc"}, {"Cookie", "secret"}});
  ASSERT_EQ(users.received().size(), 1U);
  ASSERT_EQ(ages.received().size(), 1U);
  EXPECT_NE(users.received()[0].head.find("\r\nauthorization: bearer abc"), std::string::npos);
  EXPECT_EQ(users.received()[0].head.find("x-source"), std::string::npos);
  EXPECT_EQ(users.received()[0].head.find("cookie"), std::string::npos);
  EXPECT_NE(ages.received()[0].head.find("\r\nx-source: junction"), std::string::npos);
}

TEST_F(GatewayServerTest, IdenticalQueriesInFlightAreSentOnce) {
  users.set_reply([](const Received& request) {
    Reply reply = users_reply(request);
    reply.delay = 300ms;
    return reply;
  });
  start();
  std::vector<std::thread> clients;
  std::atomic<int> correct{0};
  for (int i = 0; i < 5; ++i) {
    clients.emplace_back([&] {
      if (post(port, "{ me { name } }").body == R"({"data":{"me":{"name":"Ada"}}})") ++correct;
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(correct.load(), 5);
  EXPECT_EQ(users.received().size(), 1U);
  std::string metrics = get(port, "/metrics").body;
  EXPECT_NE(metrics.find("junction_subgraph_deduplicated_total{subgraph=\"users\"} 4\n"), std::string::npos) << metrics;
}

TEST_F(GatewayServerTest, DeduplicationCanBeTurnedOff) {
  users.set_reply([](const Received& request) {
    Reply reply = users_reply(request);
    reply.delay = 200ms;
    return reply;
  });
  GatewayConfig config;
  config.traffic_subgraphs["users"].deduplicate_query = false;
  start(config);
  std::vector<std::thread> clients;
  for (int i = 0; i < 3; ++i) clients.emplace_back([&] { post(port, "{ me { name } }"); });
  for (auto& client : clients) client.join();
  EXPECT_EQ(users.received().size(), 3U);
}

TEST_F(GatewayServerTest, LimitsRefuseOperationsBeforeAnySubgraphIsCalled) {
  GatewayConfig config;
  config.max_depth = 1;
  config.max_request_bytes = 200;
  start(config);
  Answer deep = post(port, "{ me { name } }");
  EXPECT_EQ(deep.status, 400);
  EXPECT_EQ(deep.body, R"x({"errors":[{"message":"Maximum depth limit exceeded in this operation (depth 2, limit 1)",)x"
                       R"x("extensions":{"code":"MAX_DEPTH_LIMIT"}}]})x");
  EXPECT_TRUE(users.received().empty());
  EXPECT_EQ(post(port, "{ __typename " + std::string(300, ' ') + "}").status, 413);
}

TEST_F(GatewayServerTest, IntrospectionOffRefusesSchemaQueriesEvenInsideFragments) {
  GatewayConfig config;
  config.introspection = false;
  start(config);
  const char* refused = R"({"errors":[{"message":"GraphQL introspection is not allowed by this gateway.",)"
                        R"("extensions":{"code":"INTROSPECTION_DISABLED"}}]})";
  EXPECT_EQ(post(port, "{ __schema { queryType { name } } }").body, refused);
  EXPECT_EQ(post(port, "{ ...F } fragment F on Query { __type(name: \"User\") { name } }").body, refused);
  EXPECT_EQ(post(port, "{ ... on Query { ... { __schema { types { name } } } } }").body, refused);
  EXPECT_EQ(post(port, "{ __typename }").body, R"({"data":{"__typename":"Query"}})");
}

TEST_F(GatewayServerTest, CorsPreflightAndResponses) {
  GatewayConfig config;
  config.cors.origins = {"https://app.example.com"};
  start(config);
  Answer preflight = get(port, "/graphql", "OPTIONS",
                         {{"Origin", "https://app.example.com"}, {"Access-Control-Request-Method", "POST"}});
  EXPECT_EQ(preflight.status, 204);
  EXPECT_EQ(header_of(preflight, "access-control-allow-origin"), "https://app.example.com");
  EXPECT_EQ(header_of(preflight, "access-control-allow-methods"), "GET, POST, OPTIONS");
  EXPECT_EQ(get(port, "/graphql", "OPTIONS", {{"Origin", "https://evil.example"}}).status, 403);
  Answer simple = post(port, "{ __typename }", {{"Origin", "https://app.example.com"}});
  EXPECT_EQ(simple.body, R"({"data":{"__typename":"Query"}})");
  EXPECT_EQ(header_of(simple, "access-control-allow-origin"), "https://app.example.com");
  EXPECT_EQ(
      header_of(post(port, "{ __typename }", {{"Origin", "https://evil.example"}}), "access-control-allow-origin"), "");
}

TEST_F(GatewayServerTest, HealthAndMetricsOnTheirOwnPortsAndPaths) {
  GatewayConfig config;
  config.graphql_path = "/api";
  config.health_listen = "127.0.0.1:0";
  config.health_path = "/healthz";
  config.prometheus_listen = "127.0.0.1:0";
  config.prometheus_path = "/prom";
  start(config);
  ASSERT_NE(gateway->health_port(), port);
  ASSERT_NE(gateway->metrics_port(), port);
  EXPECT_EQ(post(port, "{ me { name } }", {}, "/api").body, R"({"data":{"me":{"name":"Ada"}}})");
  EXPECT_EQ(get(port, "/healthz").status, 404);
  EXPECT_EQ(get(port, "/prom").status, 404);
  EXPECT_EQ(get(gateway->health_port(), "/healthz").body, R"({"status":"UP"})");
  EXPECT_EQ(get(gateway->health_port(), "/healthz/ready").status, 200);
  std::string metrics = get(gateway->metrics_port(), "/prom").body;
  for (const char* line :
       {"junction_requests_total{outcome=\"ok\"} 1\n", "junction_http_responses_total{status=\"2xx\"} 1\n",
        "junction_request_duration_seconds_count 1\n", "junction_subgraph_requests_total{subgraph=\"users\"} 1\n",
        "junction_subgraph_request_duration_seconds_count{subgraph=\"users\"} 1\n",
        "junction_plan_cache_total{result=\"miss\"} 1\n", "junction_supergraph_generation 1\n"}) {
    EXPECT_NE(metrics.find(line), std::string::npos) << line << " in\n" << metrics;
  }
}

TEST_F(GatewayServerTest, ReloadWarmsThePlansOfRecentOperations) {
  start();
  EXPECT_EQ(post(port, "{ me { name age } }").status, 200);
  ASSERT_TRUE(gateway->reload(compose_supergraph(users.url(), ages.url(), "hello: String")).ok());
  EXPECT_EQ(gateway->generation(), 2U);
  EXPECT_EQ(post(port, "{ me { name age } }").body, R"({"data":{"me":{"name":"Ada","age":36}}})");
  std::string metrics = get(port, "/metrics").body;
  EXPECT_NE(metrics.find("junction_plan_cache_total{result=\"hit\"} 1\n"), std::string::npos) << metrics;
  EXPECT_NE(metrics.find("junction_plan_cache_total{result=\"miss\"} 1\n"), std::string::npos) << metrics;
  EXPECT_FALSE(gateway->reload("type Query {").ok());
  EXPECT_EQ(gateway->generation(), 2U);
  EXPECT_NE(get(port, "/metrics").body.find("junction_supergraph_reloads_total{result=\"failed\"} 1\n"),
            std::string::npos);
}

// Planning runs beside the event loop: a cached query on the same (single) worker is answered
// while an operation that is slow to validate is still being planned.
TEST_F(GatewayServerTest, PlanningDoesNotBlockTheEventLoop) {
  start();
  ASSERT_EQ(post(port, "{ me { name } }").status, 200);  // planned and cached
  std::string heavy = "{";
  for (int i = 0; i < 100000; ++i) heavy += " me { name }";  // quadratic field-merging checks
  heavy += " }";
  std::atomic<bool> heavy_done{false};
  auto started = std::chrono::steady_clock::now();
  std::thread slow([&] {
    post(port, heavy);
    heavy_done = true;
  });
  std::this_thread::sleep_for(50ms);
  Answer quick = post(port, "{ me { name } }");
  bool quick_first = !heavy_done.load();
  slow.join();
  auto heavy_took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(quick.body, R"({"data":{"me":{"name":"Ada"}}})");
  if (heavy_took > 150ms) {
    EXPECT_TRUE(quick_first) << "the cached query waited for the planning of another";
  } else {
    GTEST_SKIP() << "the heavy operation planned too fast here to tell (" << (heavy_took / 1ms) << " ms)";
  }
}

TEST_F(GatewayServerTest, HttpsSubgraphsWithAConfiguredCertificateAuthority) {
  Credentials credentials = make_credentials();
  FakeSubgraph secure(ages_reply, &credentials);
  GatewayConfig config;
  config.subgraph_certificate_authorities = credentials.certificate_pem;
  start(config, secure.url());
  EXPECT_EQ(post(port, "{ me { name age } }").body, R"({"data":{"me":{"name":"Ada","age":36}}})");
  EXPECT_EQ(post(port, "{ me { age } }").body, R"({"data":{"me":{"age":36}}})");  // a kept-alive TLS connection
  gateway->stop(1s);
  start({}, secure.url());  // the self-signed certificate is not trusted by default
  Answer refused = post(port, "{ me { name age } }");
  EXPECT_NE(refused.body.find(R"("data":{"me":{"name":"Ada","age":null}})"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("TLS handshake with https://localhost:"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("see tls.subgraph in the config"), std::string::npos) << refused.body;
}

TEST_F(GatewayServerTest, PollsASupergraphUrlAndSwapsWhenItChanges) {
  std::string first = compose_supergraph(users.url(), ages.url());
  FakeSubgraph registry([&](const Received&) { return Reply{200, first}; });
  GatewayOptions options;
  options.supergraph = registry.url();
  options.config.listen = "127.0.0.1:0";
  options.workers = 1;
  options.hot_reload = true;
  options.poll_interval = 50ms;
  gateway = std::make_unique<Gateway>(options);
  auto bound = gateway->start();
  ASSERT_TRUE(bound.ok()) << bound.error().message();
  EXPECT_EQ(gateway->generation(), 1U);
  std::string second = compose_supergraph(users.url(), ages.url(), "hello: String");
  registry.set_reply([&](const Received&) { return Reply{200, second}; });
  for (int wait = 0; wait < 100 && gateway->generation() < 2; ++wait) std::this_thread::sleep_for(20ms);
  EXPECT_EQ(gateway->generation(), 2U);
  registry.set_reply([](const Received&) { return Reply{503, "down"}; });  // kept: the last good one serves
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(gateway->generation(), 2U);
  EXPECT_EQ(post(*bound, "{ me { name } }").body, R"({"data":{"me":{"name":"Ada"}}})");
}

}  // namespace
}  // namespace junction::gateway
