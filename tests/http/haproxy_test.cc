// haproxy in front of two `dealsearch serve` processes, with deploy/haproxy.cfg as shipped and
// the real processes on loopback: one server killed under load loses no request, nor does
// the other one killed after the first is back.
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/child_process.h"
#include "tests/support/corpus_index.h"
#include "tests/support/test_files.h"
#include "tests/support/xapian_tcpsrv.h"

namespace dealsearch {
namespace {

namespace fs = std::filesystem;

// A `dealsearch serve` process on a loopback port of its own.
class ServeProcess {
 public:
  ServeProcess(const fs::path& index, const fs::path& log)
      : port_(testing::free_loopback_port()),
        process_({DEALSEARCH_BINARY, "serve", "--db", index.string(), "--host", "127.0.0.1",
                  "--port", std::to_string(port_), "--quiet", "--drain-seconds", "3"},
                 log) {
    start();
  }
  void start() {
    process_.start();
    testing::wait_until_listening(process_, port_);
  }
  // SIGKILL: no goodbye to the connections it has.
  void kill() { process_.stop(); }
  testing::ChildProcess& process() { return process_; }
  int port() const { return port_; }
  // SIGTERM, as systemd stops it: it drains for 3 s (as deploy/dealsearch.env has it), and
  // ends. Returns once it has.
  void stop() { process_.terminate(); }
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  int port_;
  testing::ChildProcess process_;
};

class HaproxyInFront : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::build_corpus_index(index());
    first_ = std::make_unique<ServeProcess>(index(), directory_.path() / "serve-1.log");
    second_ = std::make_unique<ServeProcess>(index(), directory_.path() / "serve-2.log");
    port_ = testing::free_loopback_port();
    haproxy_ = std::make_unique<testing::ChildProcess>(
        std::vector<std::string>{"env", "DEALSEARCH_LISTEN=127.0.0.1:" + std::to_string(port_),
                                 "DEALSEARCH_SERVE_1=" + first_->address(),
                                 "DEALSEARCH_SERVE_2=" + second_->address(), "haproxy", "-db", "-f",
                                 DEALSEARCH_SOURCE_DIR "/deploy/haproxy.cfg"},
        directory_.path() / "haproxy.log");
    haproxy_->start();
    testing::wait_until_listening(*haproxy_, port_);
  }

  fs::path index() const { return directory_.path() / "index"; }

  testing::TemporaryDirectory directory_;
  std::unique_ptr<ServeProcess> first_;
  std::unique_ptr<ServeProcess> second_;
  std::unique_ptr<testing::ChildProcess> haproxy_;
  int port_ = 0;
};

// While `during` runs, four clients ask haproxy all the while (each on a connection it keeps,
// as a browser does); returns what failed, with how many were asked.
template <typename During>
std::pair<std::vector<std::string>, size_t> failures_under_load(int port, During&& during) {
  std::atomic<bool> stop{false};
  std::atomic<size_t> answered{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  const std::vector<std::string> paths = {
      "/api/search?q=fietsen", "/api/facets", "/api/search?q=energiarmoede&ministry=BZK",
      "/api/suggest?q=ener", "/api/deals/fietsen-voor-iedereen"};
  std::vector<std::thread> clients;
  for (size_t c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_read_timeout(std::chrono::seconds(30));
      for (size_t i = c; !stop; ++i) {
        const std::string& path = paths[i % paths.size()];
        const httplib::Result result = client.Get(path);
        ++answered;
        if (!result || result->status != 200) {
          const std::lock_guard lock(failures_mutex);
          failures.push_back(
              path + ": " +
              (result ? std::to_string(result->status) + " " + result->body.substr(0, 200)
                      : "no answer: " + httplib::to_string(result.error())));
        }
      }
    });
  }
  during();
  stop = true;
  for (std::thread& client : clients) {
    client.join();
  }
  return {failures, answered.load()};
}

void pause() { std::this_thread::sleep_for(std::chrono::seconds(3)); }

// What systemd's stop does to a search node, step by step: on SIGTERM it drains (its health
// check fails, searches are answered, each connection closed after its response), then ends
// by itself with status 0, every time (a thread that did not block the signal would take
// its default action and end the process on the spot).
TEST(ServeOnSigterm, DrainsThenEndsCleanlyEveryTime) {
  const testing::TemporaryDirectory directory;
  testing::build_corpus_index(directory.path() / "index");
  for (int attempt = 0; attempt < 3; ++attempt) {
    SCOPED_TRACE(attempt);
    ServeProcess serve(directory.path() / "index", directory.path() / "serve.log");
    httplib::Client client("127.0.0.1", serve.port());
    ASSERT_TRUE(client.Get("/health"));
    serve.process().send(SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    const httplib::Result health = client.Get("/health");
    ASSERT_TRUE(health) << testing::read_text_file(directory.path() / "serve.log");
    EXPECT_EQ(health->status, 503);
    const httplib::Result search = client.Get("/api/search?q=fietsen");
    ASSERT_TRUE(search);
    EXPECT_EQ(search->status, 200);
    EXPECT_EQ(search->get_header_value("Connection"), "close");
    const int status = serve.process().wait();
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << "status " << status << "\n"
        << testing::read_text_file(directory.path() / "serve.log");
  }
  EXPECT_NE(testing::read_text_file(directory.path() / "serve.log").find("serve: stopped"),
            std::string::npos);
}

// A server stopped (SIGTERM) drains: haproxy's checks see /health fail and move the traffic
// to the other server while it still answers, and no kept connection is left to close under a
// request. Then it ends. No request fails.
TEST_F(HaproxyInFront, AServerStoppedUnderLoadLosesNoRequest) {
  const auto [failures, asked] = failures_under_load(port_, [&] {
    pause();
    first_->stop();
    pause();
    first_->start();
    pause();  // haproxy's checks take it back (two good ones, a second apart)
    pause();
    second_->stop();
    pause();
  });
  EXPECT_GT(asked, 100u);
  EXPECT_EQ(failures.size(), 0u) << failures.size() << " of " << asked
                                 << " requests failed; the first: " << failures.front()
                                 << "\nhaproxy: "
                                 << testing::read_text_file(directory_.path() / "haproxy.log");
}

// A server killed (a crash, the OOM killer) loses no request it had not begun to answer:
// haproxy sends those to the other server. A response it was writing at that instant is lost
// (haproxy has passed its start on to the client; no proxy can take that back): at most one
// such request a kill here, where four clients keep one request each in flight. Without the
// retries in deploy/haproxy.cfg, each kill loses about all four.
TEST_F(HaproxyInFront, AServerKilledUnderLoadLosesAtMostTheResponseItWasWriting) {
  const auto [failures, asked] = failures_under_load(port_, [&] {
    pause();
    first_->kill();
    pause();
    first_->start();
    pause();
    pause();
    second_->kill();
    pause();
  });
  EXPECT_GT(asked, 100u);
  EXPECT_LE(failures.size(), 2u) << failures.size() << " of " << asked
                                 << " requests failed; the first: " << failures.front()
                                 << "\nhaproxy: "
                                 << testing::read_text_file(directory_.path() / "haproxy.log");
}

// A connection to haproxy on loopback that sends the start of a request and then nothing.
class SlowClient {
 public:
  explicit SlowClient(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    const std::string start = "GET /api/search?q=fietsen HTTP/1.1\r\nHost: localhost\r\n";
    connected_ = connected_ && ::send(fd_, start.data(), start.size(), MSG_NOSIGNAL) > 0;
  }
  ~SlowClient() { ::close(fd_); }
  SlowClient(const SlowClient&) = delete;
  SlowClient& operator=(const SlowClient&) = delete;

  bool connected() const { return connected_; }
  // What came back before the connection closed, waiting at most `seconds`.
  std::string answer(int seconds) const {
    timeval timeout{seconds, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string answer;
    char buffer[4096];
    for (ssize_t got; (got = ::recv(fd_, buffer, sizeof buffer, 0)) > 0;) {
      answer.append(buffer, static_cast<size_t>(got));
    }
    return answer;
  }

 private:
  int fd_;
  bool connected_ = false;
};

TEST_F(HaproxyInFront, SlowClientsAreHeldAndCutOffByHaproxyNotTheServers) {
  // More than a server takes at once (--max-connections 256): sent to the servers, they
  // would hold every connection.
  std::vector<std::unique_ptr<SlowClient>> slow;
  for (int i = 0; i < 300; ++i) {
    slow.push_back(std::make_unique<SlowClient>(port_));
    ASSERT_TRUE(slow.back()->connected());
  }
  httplib::Client client("127.0.0.1", port_);
  client.set_read_timeout(std::chrono::seconds(5));
  for (int i = 0; i < 20; ++i) {
    const httplib::Result result = client.Get("/api/search?q=fietsen");
    ASSERT_TRUE(result) << "no answer beside the slow clients: "
                        << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200);
  }
  // haproxy answers a request whose headers take over 10 s (timeout http-request) with 408.
  EXPECT_NE(slow.front()->answer(20).find(" 408 "), std::string::npos);
}

}  // namespace
}  // namespace dealsearch
