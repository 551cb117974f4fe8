// Two servers never share a port: the workers' SO_REUSEPORT is for one server's own threads.
#include <gtest/gtest.h>

#include "net/http_server.h"

namespace junction::net {
namespace {

TEST(HttpServerListen, ASecondServerOnATakenPortIsRefused) {
  auto handler = [](ServerRequest&&, ClientPool&, HttpServer::Respond respond) { respond(ServerResponse{}); };
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.workers = 2;
  HttpServer first(options, handler);
  auto port = first.start();
  ASSERT_TRUE(port.ok()) << port.error().message();
  options.port = *port;
  HttpServer second(options, handler);
  auto refused = second.start();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message(), "cannot listen on 127.0.0.1:" + std::to_string(*port) +
                                           ": Address already in use (another process uses the port)");
  first.stop(std::chrono::milliseconds(0));
  HttpServer third(options, handler);  // free again once the first one stopped
  auto again = third.start();
  EXPECT_TRUE(again.ok()) << again.error().message();
  third.stop(std::chrono::milliseconds(0));
}

}  // namespace
}  // namespace junction::net
