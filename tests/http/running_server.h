// A real dealsearch server on an ephemeral loopback port over the indexed seed corpus (with
// one deal's later paragraphs from a PDF: corpus_with_a_pdf()), and a client for it: the
// fixture of the HTTP tests.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "searcher/http/server.h"
#include "tests/support/corpus_index.h"
#include "tests/support/test_files.h"

namespace dealsearch::http {

class HttpApi : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::CorpusIndexer(testing::corpus_with_a_pdf()).rebuild(index());
    ServerOptions options;
    options.index = index();
    options.port = 0;
    options.quiet = true;
    server_ = std::make_unique<Server>(options, testing::shared_analyzer_data());
    port_ = server_->bind();
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_->serve(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    // One connection, so one worker thread handles (and logs) each request before the next.
    client_->set_keep_alive(true);
  }

  void TearDown() override {
    client_.reset();  // closes the kept-alive connection, so its worker need not time out
    server_->stop();
    thread_.join();
  }

  std::filesystem::path index() const { return temporary_.path() / "index"; }

  // GET `path`; returns the status and the parsed JSON body.
  std::pair<int, nlohmann::json> get(const std::string& path) {
    const httplib::Result result = client_->Get(path);
    if (!result) {
      ADD_FAILURE() << "no response for " << path;
      return {0, {}};
    }
    return {result->status, nlohmann::json::parse(result->body, nullptr, false)};
  }

  static std::vector<std::string> ids(const nlohmann::json& body) {
    std::vector<std::string> out;
    for (const auto& hit : body["hits"]) {
      out.push_back(hit["id"]);
    }
    return out;
  }

  testing::TemporaryDirectory temporary_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

}  // namespace dealsearch::http
