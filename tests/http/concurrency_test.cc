// Many clients at once over every route while the index is rebuilt and updated: the server
// answers every request correctly (each JSON body valid against the OpenAPI description) and
// is alive at the end. Bounded in time and requests; no timing is asserted.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include "searcher/http/server.h"
#include "tests/http/openapi_description.h"
#include "tests/support/corpus_index.h"
#include "tests/support/test_files.h"

namespace dealsearch::http {
namespace {

using Clock = std::chrono::steady_clock;

enum class Body { kJson, kHtml, kJavaScript, kPrometheus };

struct Route {
  std::string template_path;  // as the OpenAPI description names it
  std::string request;
  int status;
  Body body;
};

// Every route, with and without a query, filters, and pages 1 to 50.
std::vector<Route> every_route() {
  std::vector<Route> routes = {
      {"/api/search", "/api/search", 200, Body::kJson},
      {"/api/search", "/api/search?q=", 200, Body::kJson},
      {"/api/search", "/api/search?q=energiearmoede", 200, Body::kJson},
      {"/api/search", "/api/search?q=fietsen+OR+cybercrime", 200, Body::kJson},
      {"/api/search", "/api/search?q=energiarmoede", 200, Body::kJson},  // a typo
      {"/api/search", "/api/search?q=wonen&ministry=BZK&ministry=IenW&sort=date", 200, Body::kJson},
      {"/api/search", "/api/search?status=afgerond&sort=title", 200, Body::kJson},
      {"/api/search", "/api/search?q=fietsen&status=afgerond", 200, Body::kJson},  // a hint
      {"/api/search", "/api/search?q=energ*&year=2016", 200, Body::kJson},
      {"/api/search", "/api/search?size=101", 400, Body::kJson},
      {"/api/facets", "/api/facets", 200, Body::kJson},
      {"/api/suggest", "/api/suggest?q=energ", 200, Body::kJson},
      {"/api/suggest", "/api/suggest?q=wo", 200, Body::kJson},
      {"/api/deals/{id}", "/api/deals/fietsen-voor-iedereen", 200, Body::kJson},
      {"/api/deals/{id}", "/api/deals/no-such-deal", 404, Body::kJson},
      {"/health", "/health", 200, Body::kJson},
      {"/openapi.json", "/openapi.json", 200, Body::kJson},
      {"/", "/", 200, Body::kHtml},
      {"/", "/?q=fiets&ministry=BZK", 200, Body::kHtml},
      {"/deals/{id}", "/deals/fietsen-voor-iedereen", 200, Body::kHtml},
      {"/widget.js", "/widget.js", 200, Body::kJavaScript},
      {"/metrics", "/metrics", 200, Body::kPrometheus},
  };
  // The page's first view, paged: every deal newest first, and all facets.
  for (int page = 1; page <= 50; ++page) {
    routes.push_back(
        {"/api/search", "/api/search?size=2&page=" + std::to_string(page), 200, Body::kJson});
    routes.push_back({"/api/facets", "/api/facets", 200, Body::kJson});
  }
  return routes;
}

// `body` without its "took_ms" (which differs every time), to recognise a body seen before.
std::string without_timing(const std::string& body) {
  const size_t at = body.find("\"took_ms\":");
  if (at == std::string::npos) {
    return body;
  }
  const size_t end = body.find_first_of(",}", at);
  return body.substr(0, at) + body.substr(end == std::string::npos ? body.size() : end);
}

// A client's checks. Each distinct JSON body is validated once: the schema check costs more
// than a search, and clients that spend the CPU on it leave the server's workers idle, which
// is not the load a server gets.
class ResponseChecker {
 public:
  explicit ResponseChecker(const nlohmann::json& description) : description_(description) {}

  // What is wrong with `result` for `route` ("" when nothing is).
  std::string check(const Route& route, const httplib::Result& result);

 private:
  std::string check_json(const Route& route, const std::string& body);

  OpenApiDescription description_;
  std::unordered_set<std::string> valid_bodies_;
};

std::string ResponseChecker::check_json(const Route& route, const std::string& text) {
  std::string key = route.template_path + "\n" + without_timing(text);
  if (valid_bodies_.contains(key)) {
    return "";
  }
  const nlohmann::json body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded()) {
    return "not JSON: " + text.substr(0, 300);
  }
  std::string violations =
      description_.response_violations(route.template_path, route.status, body);
  if (violations.empty()) {
    valid_bodies_.insert(std::move(key));
  }
  return violations;
}

std::string ResponseChecker::check(const Route& route, const httplib::Result& result) {
  if (!result) {
    return "no response: " + httplib::to_string(result.error());
  }
  if (result->status != route.status) {
    return "status " + std::to_string(result->status) + ": " + result->body.substr(0, 300);
  }
  const std::string type = result->get_header_value("Content-Type");
  switch (route.body) {
    case Body::kJson:
      return check_json(route, result->body);
    case Body::kHtml:
      return type.starts_with("text/html") && result->body.find("</html>") != std::string::npos
                 ? ""
                 : "not a whole HTML page (" + type + ")";
    case Body::kJavaScript:
      return type.starts_with("text/javascript") && result->body.size() > 1000
                 ? ""
                 : "not the widget (" + type + ")";
    case Body::kPrometheus:
      return result->body.find("dealsearch_index_documents") != std::string::npos
                 ? ""
                 : "no document gauge in the metrics";
  }
  return "";
}

class ConcurrentClients : public ::testing::Test {
 protected:
  static constexpr int kClients = 16;
  static constexpr int kRebuilds = 4;
  static constexpr int kUpdatesPerRebuild = 2;
  static constexpr auto kMaxDuration = std::chrono::seconds(90);
  static constexpr int kMaxRequestsPerClient = 20'000;

  void SetUp() override {
    corpus_.rebuild(index());
    ServerOptions options;
    options.index = index();
    options.port = 0;
    options.quiet = true;
    options.threads = 8;  // fewer workers than clients: requests queue
    server_ = std::make_unique<Server>(options, testing::shared_analyzer_data());
    port_ = server_->bind();
    ASSERT_GT(port_, 0);
    serving_ = std::thread([this] { server_->serve(); });
    httplib::Client client("127.0.0.1", port_);
    const httplib::Result description = client.Get("/openapi.json");
    ASSERT_TRUE(description && description->status == 200);
    description_ = nlohmann::json::parse(description->body);
  }

  void TearDown() override {
    server_->stop();
    serving_.join();
  }

  std::filesystem::path index() const { return temporary_.path() / "index"; }

  // One client: its own keep-alive connection, the routes in turn from its own offset, until
  // `stop` (or its bounds). Returns how many requests it made.
  int run_client(int number, const std::atomic<bool>& stop) {
    ResponseChecker checker(description_);
    const std::vector<Route> routes = every_route();
    httplib::Client client("127.0.0.1", port_);
    client.set_keep_alive(number % 2 == 0);  // half reuse a connection, half connect anew
    client.set_read_timeout(std::chrono::seconds(60));
    int made = 0;
    for (size_t next = static_cast<size_t>(number) * 7;
         !stop.load() && made < kMaxRequestsPerClient; ++next, ++made) {
      const Route& route = routes[next % routes.size()];
      const std::string problem = checker.check(route, client.Get(route.request));
      if (!problem.empty()) {
        record_failure(route.request + ": " + problem);
      }
    }
    return made;
  }

  void record_failure(std::string failure) {
    const std::lock_guard lock(failures_mutex_);
    ++failure_count_;
    if (failures_.size() < 20) {
      failures_.push_back(std::move(failure));
    }
  }

  testing::TemporaryDirectory temporary_;
  testing::CorpusIndexer corpus_;
  std::unique_ptr<Server> server_;
  std::thread serving_;
  int port_ = 0;
  nlohmann::json description_;
  std::mutex failures_mutex_;
  std::vector<std::string> failures_;
  size_t failure_count_ = 0;
};

TEST_F(ConcurrentClients, EveryRequestSucceedsWhileTheIndexIsRebuiltAndUpdated) {
  std::atomic<bool> stop = false;
  std::atomic<int> requests = 0;
  std::vector<std::thread> clients;
  for (int number = 0; number < kClients; ++number) {
    clients.emplace_back([&, number] { requests += run_client(number, stop); });
  }
  const auto started = Clock::now();
  int changes = 0;
  for (int rebuild = 0; rebuild < kRebuilds && Clock::now() - started < kMaxDuration; ++rebuild) {
    corpus_.rebuild(index());
    ++changes;
    for (int update = 0; update < kUpdatesPerRebuild; ++update) {
      std::this_thread::sleep_for(std::chrono::milliseconds(150));
      corpus_.update(index(), static_cast<size_t>(update) % corpus_.records().size(),
                     " (bijgewerkt " + std::to_string(changes) + ")");
      ++changes;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
  }
  // The clients go on a little after the last change, over the index as it is now.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stop = true;
  for (std::thread& client : clients) {
    client.join();
  }

  EXPECT_EQ(changes, kRebuilds * (1 + kUpdatesPerRebuild));
  EXPECT_GT(requests.load(), kClients * 10);
  std::cerr << requests.load() << " requests\n";
  EXPECT_EQ(failure_count_, 0u) << "of " << requests.load() << " requests; the first:\n"
                                << ::testing::PrintToString(failures_);
  ASSERT_TRUE(server_->is_running());
  httplib::Client client("127.0.0.1", port_);
  const httplib::Result health = client.Get("/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  // The last update is what a search sees now.
  const httplib::Result updated = client.Get("/api/search?q=bijgewerkt");
  ASSERT_TRUE(updated);
  EXPECT_NE(updated->body.find("bijgewerkt " + std::to_string(changes - 1)), std::string::npos)
      << updated->body.substr(0, 500);
}

}  // namespace
}  // namespace dealsearch::http
