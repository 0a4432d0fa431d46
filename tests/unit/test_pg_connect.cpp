// Reaching a queue server that does not answer: a workstation reconnecting must get an error it can
// show and retry on, not hang on the system's TCP timeout. No PostgreSQL needed: a socket that
// listens and never answers stands in for the server.
#include <doctest/doctest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

#include "core/store/sqlite.hpp"

using namespace rs::store;

namespace {
// Listens on 127.0.0.1 (the kernel completes the TCP handshake) and never reads or answers.
class SilentServer {
 public:
  SilentServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd_ >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(::listen(fd_, 4) == 0);
    socklen_t len = sizeof addr;
    REQUIRE(::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    port_ = ntohs(addr.sin_port);
  }
  ~SilentServer() { ::close(fd_); }
  SilentServer(const SilentServer&) = delete;
  SilentServer& operator=(const SilentServer&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};
}  // namespace

TEST_CASE("a queue server that never answers is given up with a lost connection, not waited for") {
  SilentServer server;
  const std::string url = "postgresql://rs@127.0.0.1:" + std::to_string(server.port()) + "/rs?connect_timeout=2";
  std::string what;
  bool lost = false;
  try {
    Database db(url);
  } catch (const DbError& e) {
    what = e.what();
    lost = e.connection_lost();
  }
  CHECK(lost);
  CHECK(what.find("cannot connect to the queue server") != std::string::npos);
  CHECK(what.find(std::to_string(server.port())) != std::string::npos);
}
