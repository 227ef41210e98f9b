// xapian-tcpsrv, the real one, serving one database on a loopback port: a remote shard for
// the tests, which they stop and start again to see a search go on without it.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

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

// Runs `xapian-tcpsrv --idle-timeout 0` for `database` on 127.0.0.1 in a session of its own
// (it answers SIGTERM by ending its process group: ours must not be in it) until stop() or
// the destructor. Not thread-safe: one test thread starts and stops it.
class XapianTcpServer {
 public:
  explicit XapianTcpServer(std::filesystem::path database)
      : database_(std::move(database)), port_(free_loopback_port()) {
    start();
  }
  ~XapianTcpServer() { stop(); }
  XapianTcpServer(const XapianTcpServer&) = delete;
  XapianTcpServer& operator=(const XapianTcpServer&) = delete;

  int port() const { return port_; }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

  // Starts it (again, on the same port) and waits until it accepts connections.
  void start() {
    ASSERT_EQ(pid_, -1) << "already running";
    // Everything the child needs is made before fork(): the server under test runs threads,
    // and a forked child of a threaded process may only make async-signal-safe calls.
    const std::string port = std::to_string(port_);
    pid_ = ::fork();
    ASSERT_NE(pid_, -1);
    if (pid_ == 0) {
      ::setsid();
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, STDOUT_FILENO);
      ::dup2(null, STDERR_FILENO);
      ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", port.c_str(),
               "--idle-timeout", "0", "--quiet", database_.c_str(), nullptr);
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (!accepts_connections(port_)) {
      int status = 0;
      ASSERT_EQ(::waitpid(pid_, &status, WNOHANG), 0)
          << "xapian-tcpsrv exited (is xapian-tools installed?) serving " << database_;
      ASSERT_LT(std::chrono::steady_clock::now(), deadline)
          << "xapian-tcpsrv does not listen on " << address();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }

  // Ends it and its forked connection handlers (its process group), and waits for it.
  void stop() {
    if (pid_ == -1) {
      return;
    }
    ::kill(-pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }

 private:
  std::filesystem::path database_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace dealsearch::testing
