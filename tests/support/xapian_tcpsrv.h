// xapian-tcpsrv, the real one, serving one database on a loopback port: a remote shard for
// the tests, which they stop and start again to see a search go on without it.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/support/child_process.h"
#include "tests/support/test_files.h"

namespace dealsearch::testing {

// A port nothing listens on now (the kernel's choice for a socket bound to port 0).
inline int free_loopback_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

// Whether something accepts connections on 127.0.0.1:`port`.
inline bool accepts_connections(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  const bool connected = ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(fd);
  return connected;
}

// Waits until something accepts connections on `port` while `process` runs, for at most 20 s.
inline void wait_until_listening(ChildProcess& process, int port) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (!accepts_connections(port)) {
    ASSERT_FALSE(process.exited())
        << process.program() << " exited instead of listening on port " << port
        << " (is it installed?): " << read_text_file(process.log());
    ASSERT_LT(std::chrono::steady_clock::now(), deadline)
        << process.program() << " does not listen on port " << port;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// Runs `xapian-tcpsrv --idle-timeout 0` for `database` on 127.0.0.1 (in a session of its own:
// it answers SIGTERM by ending its process group) until stop() or the destructor. Not
// thread-safe: one test thread starts and stops it.
class XapianTcpServer {
 public:
  explicit XapianTcpServer(const std::filesystem::path& database)
      : port_(free_loopback_port()),
        process_({"xapian-tcpsrv", "--interface", "127.0.0.1", "--port", std::to_string(port_),
                  "--idle-timeout", "0", "--quiet", database.string()}) {
    start();
  }

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  // Starts it (again, on the same port) and waits until it accepts connections.
  void start() {
    process_.start();
    wait_until_listening(process_, port_);
  }

  // Ends it and its forked connection handlers, and waits for it.
  void stop() { process_.stop(); }

 private:
  int port_;
  ChildProcess process_;
};

}  // namespace dealsearch::testing
