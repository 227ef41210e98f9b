// A real dealsearch server on an ephemeral loopback port, serving in a thread of its own, and
// a client's GET: for the tests that start their server on an index they made.
#pragma once

#include <httplib.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>

#include "searcher/http/server.h"
#include "tests/support/corpus_index.h"

namespace dealsearch::http {

// Serves `options.index` (on a port of the kernel's choice, without an access log) from
// construction until destruction. Throws what Server's constructor throws (a bad index).
class ServerThread {
 public:
  explicit ServerThread(ServerOptions options) {
    options.port = 0;
    options.quiet = true;
    server_ = std::make_unique<Server>(options, testing::shared_analyzer_data());
    port_ = server_->bind();
    thread_ = std::thread([this] { server_->serve(); });
  }
  ~ServerThread() {
    server_->stop();
    thread_.join();
  }
  ServerThread(const ServerThread&) = delete;
  ServerThread& operator=(const ServerThread&) = delete;

  int port() const { return port_; }

  // GET `path` on a connection of its own: the status (0 when there was no answer within
  // 30 s) and the body as JSON.
  std::pair<int, nlohmann::json> get(const std::string& path) const {
    httplib::Client client("127.0.0.1", port_);
    client.set_read_timeout(std::chrono::seconds(30));
    const httplib::Result result = client.Get(path);
    if (!result) {
      return {0, {}};
    }
    return {result->status, nlohmann::json::parse(result->body, nullptr, false)};
  }

 private:
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace dealsearch::http
