#include "net/http_client.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cctype>
#include <optional>

namespace junction::net {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string describe(const beast::error_code& error, const Url& url, std::chrono::milliseconds timeout) {
  std::string where = url.scheme + "://" + url.host + ":" + url.port;
  if (error == beast::error::timeout || error == asio::error::timed_out) {
    return "timed out after " + std::to_string(timeout.count()) + " ms talking to " + where;
  }
  if (error == asio::error::connection_refused) {
    return "connection refused by " + where + " (is the service running and listening there?)";
  }
  if (error == asio::error::host_not_found || error == asio::error::host_not_found_try_again) {
    return "cannot resolve host \"" + url.host + "\"";
  }
  if (error == http::error::body_limit) return "response from " + where + " is larger than the limit";
  return "request to " + where + " failed: " + error.message();
}

template <class Stream>
asio::awaitable<void> exchange(Stream& stream, const Url& url, const HttpRequest& request, HttpResponse& response) {
  http::request<http::string_body> message;
  message.method_string(request.method);
  message.target(url.target);
  message.version(11);
  message.set(http::field::host, url.host);
  message.set(http::field::user_agent, "junction");
  message.set(http::field::connection, "close");
  for (const auto& [name, value] : request.headers) message.set(name, value);
  message.body() = request.body;
  message.prepare_payload();
  co_await http::async_write(stream, message, asio::use_awaitable);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(request.max_response_bytes);
  parser.header_limit(64 * 1024);
  co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
  auto& reply = parser.get();
  response.status = static_cast<int>(reply.result_int());
  for (const auto& field : reply)
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  response.body = std::move(reply.body());
}

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
  std::string wanted = lower(name);
  for (const auto& [key, value] : headers) {
    if (lower(key) == wanted) return value;
  }
  return "";
}

Result<Url> parse_url(const std::string& text) {
  Url url;
  size_t scheme_end = text.find("://");
  if (scheme_end == std::string::npos) return Error("\"" + text + "\" is not a URL (expected http://host:port/path)");
  url.scheme = lower(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") {
    return Error("\"" + text + "\": only http:// and https:// URLs are supported");
  }
  size_t authority_start = scheme_end + 3;
  size_t path_start = text.find_first_of("/?", authority_start);
  std::string authority =
      text.substr(authority_start, path_start == std::string::npos ? std::string::npos : path_start - authority_start);
  url.target = path_start == std::string::npos ? "/" : text.substr(path_start);
  if (url.target[0] == '?') url.target = "/" + url.target;
  if (authority.empty()) return Error("\"" + text + "\" has no host");
  if (authority.front() == '[') {  // [::1]:4000
    size_t close = authority.find(']');
    if (close == std::string::npos) return Error("\"" + text + "\" has an unterminated IPv6 address");
    url.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size() && authority[close + 1] == ':') url.port = authority.substr(close + 2);
  } else if (size_t colon = authority.rfind(':'); colon != std::string::npos) {
    url.host = authority.substr(0, colon);
    url.port = authority.substr(colon + 1);
  } else {
    url.host = authority;
  }
  if (url.port.empty()) url.port = url.scheme == "https" ? "443" : "80";
  for (char c : url.port) {
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return Error("\"" + text + "\" has a bad port \"" + url.port + "\"");
  }
  return url;
}

Result<HttpResponse> fetch(const HttpRequest& request) {
  auto parsed = parse_url(request.url);
  if (!parsed.ok()) return std::move(parsed).error();
  const Url& url = *parsed;
  asio::io_context io;
  HttpResponse response;
  std::optional<std::string> failure;

  auto run = [&]() -> asio::awaitable<void> {
    try {
      tcp::resolver resolver(io);
      auto endpoints = co_await resolver.async_resolve(url.host, url.port, asio::use_awaitable);
      if (url.scheme == "http") {
        beast::tcp_stream stream(io);
        stream.expires_after(request.timeout);
        co_await stream.async_connect(endpoints, asio::use_awaitable);
        co_await exchange(stream, url, request, response);
      } else {
        asio::ssl::context tls(asio::ssl::context::tls_client);
        tls.set_default_verify_paths();
        tls.set_verify_mode(asio::ssl::verify_peer);
        beast::ssl_stream<beast::tcp_stream> stream(io, tls);
        if (!SSL_set_tlsext_host_name(stream.native_handle(), url.host.c_str())) {
          failure = "TLS setup for " + url.host + " failed";
          co_return;
        }
        stream.set_verify_callback(asio::ssl::host_name_verification(url.host));
        beast::get_lowest_layer(stream).expires_after(request.timeout);
        co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
        co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
        co_await exchange(stream, url, request, response);
      }
    } catch (const boost::system::system_error& e) {
      failure = describe(e.code(), url, request.timeout);
    }
  };
  asio::co_spawn(io, run(), asio::detached);
  // The resolver has no deadline of its own: bound the whole exchange here too.
  io.run_for(request.timeout + std::chrono::milliseconds(500));
  if (!io.stopped()) {
    io.stop();
    return Error("timed out after " + std::to_string(request.timeout.count()) + " ms talking to " + request.url);
  }
  if (failure) return Error(*failure);
  return response;
}

}  // namespace junction::net
