// What the server does when the index fails under it, and under clients that never finish:
// it answers 503 or 500 with a JSON error (a Dutch page for the pages), logs, keeps serving,
// and recovers without a restart once the index is back.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "analyzers/error.h"
#include "analyzers/stored_deal.h"
#include "searcher/http/searcher_pool.h"
#include "tests/http/openapi_description.h"
#include "tests/http/running_server.h"

namespace dealsearch::http {
namespace {

namespace fs = std::filesystem;

class ServerFailures : public HttpApi {
 protected:
  // The build directory the stub file names ("auto index.builds/...").
  fs::path current_build() const {
    std::ifstream stub(index());
    std::string backend, build;
    stub >> backend >> build;
    return index().parent_path() / build;
  }

  // Overwrites `file` of the current build in place with bytes that are no Xapian table.
  void damage(const std::string& file) const {
    const fs::path path = current_build() / file;
    const auto size = fs::file_size(path);
    std::fstream out(path, std::ios::in | std::ios::out | std::ios::binary);
    for (std::uintmax_t i = 0; i < size; ++i) {
      out.put(static_cast<char>((i * 7 + 3) % 256));
    }
  }

  // GET `path`: status, Retry-After and the body as text.
  std::tuple<int, std::string, std::string> get_raw(const std::string& path) {
    const httplib::Result result = client_->Get(path);
    if (!result) {
      ADD_FAILURE() << "no response for " << path;
      return {0, "", ""};
    }
    return {result->status, result->get_header_value("Retry-After"), result->body};
  }

  // `body`, answered with `status` to `template_path`, is what the OpenAPI description says.
  void expect_documented(const std::string& template_path, int status, const nlohmann::json& body) {
    if (!description_) {
      const auto [description_status, description] = get("/openapi.json");
      ASSERT_EQ(description_status, 200);
      description_ = std::make_unique<OpenApiDescription>(description);
    }
    EXPECT_EQ(description_->response_violations(template_path, status, body), "") << body.dump();
  }

  void expect_still_serving() {
    const auto [status, body] = get("/openapi.json");
    EXPECT_EQ(status, 200);
    EXPECT_TRUE(server_->is_running());
  }

  std::unique_ptr<OpenApiDescription> description_;
};

TEST_F(ServerFailures, AMissingBuildDirectoryIsAFiveOhThreeUntilTheIndexIsRebuilt) {
  ASSERT_EQ(get("/api/search?q=fietsen").first, 200);
  fs::remove_all(current_build());

  const auto [status, body] = get("/api/search?q=fietsen");
  EXPECT_EQ(status, 503);
  EXPECT_EQ(body["error"]["code"], "index_unavailable") << body.dump();
  expect_documented("/api/search", 503, body);
  EXPECT_EQ(std::get<1>(get_raw("/api/facets")), "30");  // Retry-After
  EXPECT_EQ(get("/health").first, 503);                  // out of a load balancer's rotation
  const auto [page_status, retry_after, page] = get_raw("/?q=fietsen");
  EXPECT_EQ(page_status, 503);
  EXPECT_NE(page.find("Zoeken lukt nu even niet"), std::string::npos);
  expect_still_serving();

  testing::build_corpus_index(index());  // recovers without a restart
  EXPECT_EQ(get("/api/search?q=fietsen").first, 200);
  EXPECT_EQ(get("/health").first, 200);
}

TEST_F(ServerFailures, ADamagedIndexIsAFiveHundredAndTheServerGoesOn) {
  ASSERT_EQ(get("/api/search?q=fietsen").first, 200);
  damage("docdata.glass");
  damage("postlist.glass");

  for (const char* path : {"/api/search?q=fietsen", "/api/deals/fietsen-voor-iedereen",
                           "/api/facets", "/api/suggest?q=fiets"}) {
    SCOPED_TRACE(path);
    const auto [status, body] = get(path);
    EXPECT_EQ(status, 500);
    EXPECT_EQ(body["error"]["code"], "index_damaged") << body.dump();
    expect_documented("/api/search", 500, body);
  }
  const auto [page_status, retry_after, page] = get_raw("/deals/fietsen-voor-iedereen");
  EXPECT_EQ(page_status, 500);
  EXPECT_NE(page.find("Er ging iets mis"), std::string::npos);
  expect_still_serving();

  testing::build_corpus_index(index());
  EXPECT_EQ(get("/api/search?q=fietsen").first, 200);
}

TEST_F(ServerFailures, AnUnreadableStoredDealIsLeftOutOfTheHitsNotSentAsGarbage) {
  std::string damaged_id;
  {
    Xapian::WritableDatabase db(current_build().string());
    Xapian::Document document = db.get_document(1);
    damaged_id = schema::decode_stored_deal(document.get_data()).value().id;
    document.set_data("not a deal's stored data");
    db.replace_document(1, document);
    db.commit();
  }
  const auto [status, body] = get("/api/search?size=100");
  ASSERT_EQ(status, 200);
  expect_documented("/api/search", 200, body);
  EXPECT_EQ(body["total"], 10);  // it is still there: counted, not shown
  EXPECT_EQ(body["hits"].size(), 9u);
  for (const auto& hit : body["hits"]) {
    EXPECT_NE(hit["id"], damaged_id);
  }
  const auto [deal_status, deal] = get("/api/deals/" + damaged_id);
  EXPECT_EQ(deal_status, 500);
  EXPECT_EQ(deal["error"]["code"], "index_damaged");
  expect_documented("/api/deals/{id}", 500, deal);
  EXPECT_EQ(deal.dump().find("discarded"), std::string::npos);
  EXPECT_EQ(get("/api/facets").first, 200);
  EXPECT_EQ(get("/api/suggest?q=fiets").first, 200);
}

TEST_F(ServerFailures, ARequestThatKeepsMeetingAChangedIndexIsTriedTwiceThenReported) {
  SearcherPool pool(index(), testing::shared_analyzer_data(), 2);
  int calls = 0;
  try {
    (void)pool.read([&](searcher::Searcher&) -> int {
      ++calls;
      throw Xapian::DatabaseModifiedError("the index changed under this search again");
    });
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kIndexChanging);
    EXPECT_NE(std::string(error.what()).find("try again"), std::string::npos) << error.what();
  }
  EXPECT_EQ(calls, 2);
  // Once is absorbed: the caller never sees it.
  calls = 0;
  const int answer = pool.read([&](searcher::Searcher&) {
    if (++calls == 1) {
      throw Xapian::DatabaseModifiedError("the index changed under this search once");
    }
    return 42;
  });
  EXPECT_EQ(answer, 42);
}

// A TCP connection to the server that sends what it is told, when it is told.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return connected_; }
  bool send(std::string_view bytes) {
    return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
           static_cast<ssize_t>(bytes.size());
  }

 private:
  int fd_;
  bool connected_ = false;
};

TEST_F(ServerFailures, IdleAndSlowClientsDoNotKeepOthersWaiting) {
  // Far more idle connections than search workers, and clients that send their request a
  // byte at a time. Before, each held one of a fixed few threads for its whole keep-alive
  // time-out: a normal request waited past a minute.
  std::vector<std::unique_ptr<RawConnection>> idle;
  for (int i = 0; i < 100; ++i) {
    idle.push_back(std::make_unique<RawConnection>(port_));
    ASSERT_TRUE(idle.back()->connected());
  }
  std::atomic<bool> stop = false;
  std::vector<std::thread> slow;
  for (int i = 0; i < 8; ++i) {
    slow.emplace_back([&] {
      RawConnection connection(port_);
      const std::string request = "GET /api/search?q=fietsen HTTP/1.1\r\nHost: x\r\n\r\n";
      for (size_t at = 0; at < request.size() && !stop; ++at) {
        connection.send(request.substr(at, 1));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // all of them connected
  // A liveness bound, not a speed check: generous against a request that takes milliseconds.
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(std::chrono::seconds(20));
  client.set_read_timeout(std::chrono::seconds(20));
  for (const char* path : {"/api/search?q=fietsen", "/api/facets", "/"}) {
    const httplib::Result result = client.Get(path);
    ASSERT_TRUE(result) << path << ": " << httplib::to_string(result.error());
    EXPECT_EQ(result->status, 200) << path;
  }
  stop = true;
  for (std::thread& thread : slow) {
    thread.join();
  }
}

}  // namespace
}  // namespace dealsearch::http
