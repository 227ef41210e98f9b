// HttpClient against real cpp-httplib servers on loopback ports: conditional requests,
// redirects within and out of the site, refused addresses, size caps, gzip, stalls, retries
// and TLS failures. Time-outs here are liveness bounds; nothing asserts how fast.
#include "indexer/sources/http_client.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "tests/indexer/sources/gzip_bytes.h"

namespace dealsearch::indexer {
namespace {

constexpr char kEtag[] = "\"deal-zwolle-v1\"";
constexpr char kLastModified[] = "Wed, 21 Oct 2015 07:28:00 GMT";
const std::string kPage = "<html><body><h1>City Deal Zwolle</h1></body></html>";

// A cpp-httplib server on `address` (a loopback address), on an ephemeral port or on `port`.
// Add routes with server(), then start(); it stops when destroyed.
class LoopbackServer {
 public:
  explicit LoopbackServer(std::string address, int port = 0) : address_(std::move(address)) {
    // One worker thread. Debian's cpp-httplib is a compiled library, not built with
    // ThreadSanitizer, and fills function-local statics (its set of request methods) on the
    // first request: two workers' first requests at once look like a data race to TSan,
    // though the C++ runtime guards them. The client's threads are what these tests exercise;
    // a server that answers one connection at a time changes nothing for them.
    server_.new_task_queue = [] { return new httplib::ThreadPool(1); };
    port_ = port == 0 ? server_.bind_to_any_port(address_)
                      : (server_.bind_to_port(address_, port) ? port : -1);
  }
  ~LoopbackServer() {
    stopping_ = true;
    server_.stop();
    if (thread_.joinable()) {
      thread_.join();
    }
  }

  httplib::Server& server() { return server_; }
  void start() {
    thread_ = std::thread([this] { server_.listen_after_bind(); });
  }
  int port() const { return port_; }
  bool stopping() const { return stopping_; }
  std::string url(const std::string& path) const {
    return "http://" + address_ + ":" + std::to_string(port_) + path;
  }

 private:
  std::string address_;
  httplib::Server server_;
  int port_ = -1;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
};

// A loopback port that nothing listens on (bound, then closed, so no one else took it yet).
int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

class HttpClientTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_GT(site_.port(), 0);
    add_routes();
    site_.start();
  }

  // Options for tests: short waits, a small cap.
  static HttpOptions options() {
    HttpOptions options;
    options.user_agent = "dealsearch/test";
    options.timeout_ms = 10000;
    options.retry_backoff_ms = 50;
    options.max_bytes = size_t{1} << 20;
    return options;
  }

  HttpResponse get(const std::string& url, HttpOptions options = HttpClientTest::options()) {
    return HttpClient(std::move(options)).get(HttpRequest{url, "", ""});
  }

  void add_routes() {
    httplib::Server& s = site_.server();
    s.Get("/deal", [](const httplib::Request& request, httplib::Response& response) {
      response.set_header("ETag", kEtag);
      response.set_header("Last-Modified", kLastModified);
      if (request.get_header_value("If-None-Match") == kEtag ||
          request.get_header_value("If-Modified-Since") == kLastModified) {
        response.status = 304;
        return;
      }
      response.set_content(kPage, "text/html; charset=utf-8");
    });
    s.Get("/headers", [](const httplib::Request& request, httplib::Response& response) {
      response.set_content(request.get_header_value("User-Agent") + "\n" +
                               request.get_header_value("Accept-Encoding") + "\n" +
                               std::to_string(request.has_header("If-None-Match")),
                           "text/plain");
    });
    s.Get("/moved", [](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("/deal", 301);
    });
    s.Get("/found", [this](const httplib::Request&, httplib::Response& response) {
      response.set_redirect(site_.url("/moved"), 302);
    });
    s.Get("/loop", [](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("/loop", 302);
    });
    // Another name for this very server: reachable, but another site.
    s.Get("/to-localhost", [this](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("http://localhost:" + std::to_string(site_.port()) + "/deal", 302);
    });
    s.Get("/to-other-port", [this](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("http://127.0.0.1:" + std::to_string(other_port_) + "/deal", 302);
    });
    s.Get("/to-ftp", [](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("ftp://127.0.0.1/deal", 302);
    });
    s.Get("/to-www", [this](const httplib::Request&, httplib::Response& response) {
      response.set_redirect("http://www.deals.example:" + std::to_string(site_.port()) + "/deal",
                            302);
    });
    s.Get("/missing", [](const httplib::Request&, httplib::Response& response) {
      response.status = 404;
      response.set_content("niet gevonden", "text/plain");
    });
    // Text is compressed by cpp-httplib itself (built with zlib): the cap is on decoded bytes.
    s.Get("/big-text", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(std::string((size_t{1} << 20) + 1, 'a'), "text/plain");
    });
    s.Get("/exactly-the-cap", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(std::string(size_t{1} << 20, 'a'), "text/plain");
    });
    // Not compressed (not a text type): its Content-Length says it is too large.
    s.Get("/big-binary", [](const httplib::Request&, httplib::Response& response) {
      response.set_content(std::string(size_t{2} << 20, 'b'), "application/octet-stream");
    });
    // gzip made here, sent as it is: cpp-httplib leaves application/octet-stream alone.
    s.Get("/gzipped", [](const httplib::Request& request, httplib::Response& response) {
      if (request.get_header_value("Accept-Encoding").find("gzip") == std::string::npos) {
        response.status = 406;
        return;
      }
      response.set_header("Content-Encoding", "gzip");
      response.set_content(testing::gzip_text(kPage), "application/octet-stream");
    });
    s.Get("/gzip-bomb", [](const httplib::Request&, httplib::Response& response) {
      response.set_header("Content-Encoding", "gzip");
      response.set_content(testing::gzip_repeated(std::string(size_t{1} << 20, '\0'), 64),
                           "application/octet-stream");
    });
    // A few bytes, then nothing, until the client goes or the test ends.
    s.Get("/stall", [this](const httplib::Request&, httplib::Response& response) {
      ++stall_requests_;
      response.set_chunked_content_provider(
          "application/octet-stream", [this](size_t, httplib::DataSink& sink) {
            sink.write("<html>", 6);
            for (int i = 0; i < 600 && !site_.stopping(); ++i) {
              std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
            return false;
          });
    });
    s.Get("/flaky", [this](const httplib::Request&, httplib::Response& response) {
      if (flaky_requests_++ == 0) {
        response.status = 500;
        return;
      }
      response.set_content(kPage, "text/html");
    });
    s.Get("/down", [this](const httplib::Request&, httplib::Response& response) {
      ++down_requests_;
      response.status = 503;
    });
    s.Get("/busy", [this](const httplib::Request&, httplib::Response& response) {
      if (busy_requests_++ == 0) {
        response.status = 429;
        response.set_header("Retry-After", "1");
        return;
      }
      response.set_content(kPage, "text/html");
    });
    s.Get("/come-back-tomorrow", [this](const httplib::Request&, httplib::Response& response) {
      ++tomorrow_requests_;
      response.status = 503;
      response.set_header("Retry-After", "86400");
    });
  }

  LoopbackServer site_{"127.0.0.1"};
  int other_port_ = closed_port();
  std::atomic<int> stall_requests_{0}, flaky_requests_{0}, down_requests_{0}, busy_requests_{0},
      tomorrow_requests_{0};
};

TEST_F(HttpClientTest, AnswersConditionalRequestsWith304) {
  const HttpResponse fresh = get(site_.url("/deal"));
  ASSERT_EQ(fresh.error, "");
  EXPECT_EQ(fresh.status, 200);
  EXPECT_EQ(fresh.body, kPage);
  EXPECT_EQ(fresh.url, site_.url("/deal"));
  EXPECT_EQ(fresh.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(fresh.etag, kEtag);
  EXPECT_EQ(fresh.last_modified, kLastModified);

  struct Row {
    std::string name, if_none_match, if_modified_since;
    int status;
  };
  const Row rows[] = {
      {"the same ETag", kEtag, "", 304},
      {"the same date", "", kLastModified, 304},
      {"an older ETag", "\"deal-zwolle-v0\"", "", 200},
      {"an older date", "", "Tue, 20 Oct 2015 07:28:00 GMT", 200},
      {"a value with a line break is not sent", std::string(kEtag) + "\r\nX-Evil: 1", "", 200},
  };
  const HttpClient client(options());
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const HttpResponse response =
        client.get(HttpRequest{site_.url("/deal"), row.if_none_match, row.if_modified_since});
    EXPECT_EQ(response.error, "");
    EXPECT_EQ(response.status, row.status);
    EXPECT_EQ(response.body, row.status == 200 ? kPage : "");
    EXPECT_EQ(response.etag, kEtag);
  }
}

TEST_F(HttpClientTest, SendsItsUserAgentAndAcceptsEncodings) {
  const HttpResponse response = get(site_.url("/headers"));
  ASSERT_EQ(response.error, "");
  EXPECT_TRUE(response.body.starts_with("dealsearch/test\n")) << response.body;
  EXPECT_NE(response.body.find("gzip"), std::string::npos) << response.body;
  EXPECT_TRUE(response.body.ends_with("\n0")) << response.body;  // no If-None-Match unasked
}

TEST_F(HttpClientTest, FollowsRedirectsWithinTheSiteOnly) {
  const std::string port = std::to_string(site_.port());
  struct Row {
    std::string path;
    int status;
    std::string final_url, error;
  };
  const Row rows[] = {
      {"/moved", 200, site_.url("/deal"), ""},
      {"/found", 200, site_.url("/deal"), ""},
      {"/loop", 302, site_.url("/loop"), "more than 5 redirects"},
      {"/to-localhost", 302, site_.url("/to-localhost"),
       "redirect to another site refused: http://localhost:" + port + "/deal"},
      {"/to-other-port", 302, site_.url("/to-other-port"),
       "redirect to another site refused: http://127.0.0.1:" + std::to_string(other_port_) +
           "/deal"},
      {"/to-ftp", 302, site_.url("/to-ftp"),
       "redirect to a URL that is not http or https refused: ftp://127.0.0.1/deal"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.path);
    const HttpResponse response = get(site_.url(row.path));
    EXPECT_EQ(response.status, row.status);
    EXPECT_EQ(response.url, row.final_url);
    EXPECT_EQ(response.error, row.error);
    EXPECT_EQ(response.body, row.error.empty() ? kPage : "");
  }
  // localhost is this very server, and fine when asked for: it was refused as another site,
  // not because it could not be reached.
  const HttpResponse direct = get("http://localhost:" + port + "/deal");
  EXPECT_EQ(direct.error, "");
  EXPECT_EQ(direct.status, 200);
}

TEST_F(HttpClientTest, RefusesPrivateAddressesTheStartUrlDidNotName) {
  // A second server on another loopback address, same port: "www.deals.example" resolves to
  // it, "deals.example" to the first. Both are the same site by name, so only the address
  // rule stands between a redirect and 127.0.0.2.
  LoopbackServer www("127.0.0.2", site_.port());
  if (www.port() < 0) {
    GTEST_SKIP() << "cannot listen on 127.0.0.2:" << site_.port();
  }
  www.server().Get("/deal", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(kPage, "text/html");
  });
  www.start();
  const std::string port = std::to_string(site_.port());
  HttpOptions split = options();
  split.resolve = {"deals.example:" + port + ":127.0.0.1",
                   "www.deals.example:" + port + ":127.0.0.2"};
  HttpOptions together = options();
  together.resolve = {"deals.example:" + port + ":127.0.0.1",
                      "www.deals.example:" + port + ":127.0.0.1"};

  struct Row {
    std::string name, url;
    HttpOptions options;
    int status;
    std::string error;
  };
  const Row rows[] = {
      {"a redirect to a name for an address the start URL did not name",
       "http://deals.example:" + port + "/to-www", split, 0,  // no response from www
       "address refused: 127.0.0.2 (loopback)"},
      {"a redirect to a name for the address the start URL named",
       "http://deals.example:" + port + "/to-www", together, 200, ""},
      {"the start URL naming that address itself", "http://www.deals.example:" + port + "/deal",
       split, 200, ""},
      {"the start URL naming it by number", "http://127.0.0.2:" + port + "/deal", options(), 200,
       ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const HttpResponse response = get(row.url, row.options);
    EXPECT_EQ(response.error, row.error);
    EXPECT_EQ(response.status, row.status);
    EXPECT_EQ(response.body, row.error.empty() ? kPage : "");
  }
}

TEST_F(HttpClientTest, CapsTheDecodedBody) {
  struct Row {
    std::string path, error;
    size_t body_size;
  };
  const Row rows[] = {
      {"/big-text", "larger than 1 MB", 0},
      {"/big-binary", "larger than 1 MB", 0},
      {"/gzip-bomb", "larger than 1 MB", 0},
      {"/exactly-the-cap", "", size_t{1} << 20},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.path);
    const HttpResponse response = get(site_.url(row.path));
    EXPECT_EQ(response.error, row.error);
    EXPECT_EQ(response.body.size(), row.body_size);
  }
}

TEST_F(HttpClientTest, DecodesGzip) {
  const HttpResponse response = get(site_.url("/gzipped"));
  ASSERT_EQ(response.error, "");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, kPage);
}

TEST_F(HttpClientTest, CutsAPageThatStalls) {
  HttpOptions quick = options();
  quick.timeout_ms = 1500;
  const HttpResponse response = get(site_.url("/stall"), quick);
  EXPECT_EQ(response.error, "timed out after 1.5 s");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(stall_requests_, 1);  // a whole attempt's time-out is not retried
}

TEST_F(HttpClientTest, RetriesServerErrorsAndTooManyRequests) {
  const HttpResponse flaky = get(site_.url("/flaky"));
  EXPECT_EQ(flaky.error, "");
  EXPECT_EQ(flaky.status, 200);
  EXPECT_EQ(flaky.body, kPage);
  EXPECT_EQ(flaky_requests_, 2);

  const HttpResponse down = get(site_.url("/down"));
  EXPECT_EQ(down.error, "");
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(down_requests_, 3);  // the first and two retries

  const HttpResponse busy = get(site_.url("/busy"));
  EXPECT_EQ(busy.status, 200);
  EXPECT_EQ(busy_requests_, 2);

  const HttpResponse tomorrow = get(site_.url("/come-back-tomorrow"));
  EXPECT_EQ(tomorrow.status, 503);
  EXPECT_EQ(tomorrow_requests_, 1);  // Retry-After past the cap: not waited for
}

TEST_F(HttpClientTest, ReportsWhatWentWrong) {
  HttpOptions once = options();
  once.retries = 0;
  once.timeout_ms = 5000;  // a liveness bound for the TLS handshake with a plain HTTP server
  struct Row {
    std::string url;
    int status;
    std::string error_starts_with;
  };
  const Row rows[] = {
      {site_.url("/missing"), 404, ""},
      {"https://127.0.0.1:" + std::to_string(site_.port()) + "/deal", 0, "TLS: "},
      {"http://127.0.0.1:" + std::to_string(other_port_) + "/deal", 0, "could not connect: "},
      {"ftp://127.0.0.1/deal", 0, "not an http or https URL: ftp://127.0.0.1/deal"},
      {"127.0.0.1/deal", 0, "not an http or https URL: 127.0.0.1/deal"},
      {"http://name.invalid/deal", 0, "could not resolve host: "},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.url);
    const HttpResponse response = get(row.url, once);
    EXPECT_EQ(response.status, row.status);
    EXPECT_TRUE(response.error.starts_with(row.error_starts_with)) << response.error;
    if (row.error_starts_with.empty()) {
      EXPECT_EQ(response.error, "");
      EXPECT_EQ(response.body, "niet gevonden");
    } else {
      EXPECT_EQ(response.body, "");
    }
  }
}

TEST_F(HttpClientTest, ServesSeveralThreadsAtOnce) {
  const HttpClient client(options());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        const HttpResponse response = client.get(HttpRequest{site_.url("/moved"), "", ""});
        ok += response.status == 200 && response.body == kPage;
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(ok, 20);
}

}  // namespace
}  // namespace dealsearch::indexer
