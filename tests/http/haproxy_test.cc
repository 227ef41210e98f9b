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

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iomanip>
#include <mutex>
#include <sstream>
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

// Requests in flight at once under load: one a client.
constexpr size_t kClients = 4;

// What happened under load, each at the seconds since the load began: the test's steps (a
// kill, a start) and the requests that failed, so that a failure shows which step it followed.
class LoadLog {
 public:
  // A failed request is either cut off (the connection closed before its whole answer came:
  // haproxy had begun to pass a server's response on when the server went away) or refused
  // (haproxy answered with an error status: a request it could not place on a server).
  enum class Kind { kStep, kCutOff, kRefused };

  void step(const std::string& what) { add(Kind::kStep, what); }
  void cut_off(const std::string& path, const httplib::Error error) {
    add(Kind::kCutOff, path + ": cut off: " + httplib::to_string(error));
  }
  void refused(const std::string& path, const httplib::Response& response) {
    add(Kind::kRefused, path + ": refused: " + std::to_string(response.status) + " " +
                            response.body.substr(0, 200));
  }

  size_t count(const Kind kind) const {
    const std::lock_guard lock(mutex_);
    return static_cast<size_t>(std::count_if(
        entries_.begin(), entries_.end(), [&](const Entry& entry) { return entry.kind == kind; }));
  }
  size_t failures() const { return count(Kind::kCutOff) + count(Kind::kRefused); }
  // Cut-offs that did not come within `seconds` after a step whose text starts with `step`.
  size_t cut_offs_not_within(const double seconds, const std::string& step) const {
    const std::lock_guard lock(mutex_);
    size_t unexplained = 0;
    for (const Entry& cut : entries_) {
      if (cut.kind != Kind::kCutOff)
        continue;
      unexplained += std::none_of(entries_.begin(), entries_.end(), [&](const Entry& entry) {
        return entry.kind == Kind::kStep && entry.what.rfind(step, 0) == 0 && entry.at <= cut.at &&
               cut.at <= entry.at + seconds;
      });
    }
    return unexplained;
  }
  // The first 40 entries, one a line.
  std::string text() const {
    const std::lock_guard lock(mutex_);
    std::ostringstream text;
    constexpr size_t kShown = 40;
    for (size_t i = 0; i < std::min(entries_.size(), kShown); ++i) {
      text << "+" << std::fixed << std::setprecision(2) << entries_[i].at << " s "
           << entries_[i].what << "\n";
    }
    if (entries_.size() > kShown) {
      text << "... and " << entries_.size() - kShown << " more\n";
    }
    return text.str();
  }

 private:
  struct Entry {
    double at;
    Kind kind;
    std::string what;
  };
  using Clock = std::chrono::steady_clock;

  void add(const Kind kind, const std::string& what) {
    const double at = std::chrono::duration<double>(Clock::now() - start_).count();
    const std::lock_guard lock(mutex_);
    entries_.push_back({at, kind, what});
  }

  const Clock::time_point start_ = Clock::now();
  mutable std::mutex mutex_;
  std::vector<Entry> entries_;
};

// While `during(log)` runs, four clients ask haproxy all the while (each on a connection it
// keeps, as a browser does); returns how many requests were asked. Failures go into `log`.
template <typename During>
size_t ask_under_load(int port, LoadLog& log, During&& during) {
  std::atomic<bool> stop{false};
  std::atomic<size_t> answered{0};
  const std::vector<std::string> paths = {
      "/api/search?q=fietsen", "/api/facets", "/api/search?q=energiarmoede&ministry=BZK",
      "/api/suggest?q=ener", "/api/deals/fietsen-voor-iedereen"};
  std::vector<std::thread> clients;
  for (size_t c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_keep_alive(true);
      client.set_read_timeout(std::chrono::seconds(30));
      for (size_t i = c; !stop; ++i) {
        const std::string& path = paths[i % paths.size()];
        const httplib::Result result = client.Get(path);
        ++answered;
        if (!result) {
          log.cut_off(path, result.error());
        } else if (result->status != 200) {
          log.refused(path, *result);
        }
      }
    });
  }
  during();
  stop = true;
  for (std::thread& client : clients) {
    client.join();
  }
  return answered.load();
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
  LoadLog log;
  const size_t asked = ask_under_load(port_, log, [&] {
    pause();
    log.step("stopping serve1");
    first_->stop();
    pause();
    log.step("starting serve1");
    first_->start();
    pause();  // haproxy's checks take it back (two good ones, a second apart)
    pause();
    log.step("stopping serve2");
    second_->stop();
    pause();
  });
  EXPECT_GT(asked, 100u);
  EXPECT_EQ(log.failures(), 0u) << log.failures() << " of " << asked << " requests failed:\n"
                                << log.text() << "haproxy:\n"
                                << testing::read_text_file(directory_.path() / "haproxy.log");
}

// A server killed (a crash, the OOM killer) loses no request it had not begun to answer:
// haproxy sends those to the other server (without the retries in deploy/haproxy.cfg it
// answers them 502 or 503). A response the server was writing at that instant is cut off:
// cpp-httplib writes a response's headers and its body apart, and haproxy has passed the
// headers on to the client; no proxy can take that back. Such a loss comes only at a kill,
// and at most the four requests in flight then; mostly none, on a quiet machine.
TEST_F(HaproxyInFront, AServerKilledUnderLoadLosesAtMostTheResponseItWasWriting) {
  LoadLog log;
  const size_t asked = ask_under_load(port_, log, [&] {
    pause();
    log.step("killing serve1");
    first_->kill();
    pause();
    log.step("starting serve1");
    first_->start();
    pause();
    pause();
    log.step("killing serve2");
    second_->kill();
    pause();
  });
  EXPECT_GT(asked, 100u);
  const std::string what_happened =
      std::to_string(log.failures()) + " of " + std::to_string(asked) + " requests failed:\n" +
      log.text() + "haproxy:\n" + testing::read_text_file(directory_.path() / "haproxy.log");
  EXPECT_EQ(log.count(LoadLog::Kind::kRefused), 0u) << what_happened;
  EXPECT_EQ(log.cut_offs_not_within(1.0, "killing"), 0u) << what_happened;
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
