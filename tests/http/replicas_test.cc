// Replicas kept by Xapian's own programs, with the real processes on loopback: the index node
// serves its index with xapian-replicate-server, a search node keeps a replica with
// xapian-replicate and serves it. An update travels as a changeset and a rebuild as a full
// copy, and the search node's server answers from the new index without a failed request.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "indexer/index_stub.h"
#include "tests/http/server_thread.h"
#include "tests/support/child_process.h"
#include "tests/support/corpus_index.h"
#include "tests/support/run_command.h"
#include "tests/support/test_files.h"
#include "tests/support/xapian_tcpsrv.h"

namespace dealsearch::http {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kCorpus = DEALSEARCH_SOURCE_DIR "/corpus";

// One index node and one search node, on this machine.
class Replicas : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(master_dir());
    fs::create_directories(replica().parent_path());
    index_master(kCorpus);
    const int port = testing::free_loopback_port();
    replicate_server_ = std::make_unique<testing::ChildProcess>(
        std::vector<std::string>{"xapian-replicate-server", "--interface", "127.0.0.1", "--port",
                                 std::to_string(port), master_dir().string()},
        directory_.path() / "replicate-server.log");
    replicate_server_->start();
    testing::wait_until_listening(*replicate_server_, port);
    // Asks every second; waits a second for readers before it applies changesets again.
    replicate_ = std::make_unique<testing::ChildProcess>(
        std::vector<std::string>{"xapian-replicate", "--host", "127.0.0.1", "--port",
                                 std::to_string(port), "--master", "index", "--interval", "1",
                                 "--reader-time", "1", "--verbose", replica().string()},
        replicate_log());
    replicate_->start();
    const auto deadline = Clock::now() + std::chrono::seconds(30);
    while (!fs::exists(replica() / "XAPIANDB")) {
      ASSERT_FALSE(replicate_->exited()) << testing::read_text_file(replicate_log());
      ASSERT_LT(Clock::now(), deadline)
          << "no replica: " << testing::read_text_file(replicate_log());
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }

    ServerOptions options;
    options.index = replica();
    options.threads = 4;
    server_.emplace(options);
  }

  fs::path master_dir() const { return directory_.path() / "index-node"; }
  fs::path master() const { return master_dir() / "index"; }
  fs::path replica() const { return directory_.path() / "search-node" / "index"; }
  fs::path replicate_log() const { return directory_.path() / "replicate.log"; }

  // `dealsearch index OPTIONS --db <the master> INPUTS`, which must succeed.
  void index_master(const std::string& inputs, const std::string& options = "") {
    const testing::RunResult result = testing::run_dealsearch(
        "index --quiet " + options + " --db " + master().string() + " " + inputs);
    ASSERT_EQ(result.exit_code, 0) << result.output;
  }

  // A JSON Lines file of one deal about a word no other deal has.
  std::string new_deal(const std::string& id, const std::string& word) {
    const fs::path file = directory_.path() / (id + ".jsonl");
    testing::write_text_file(file, "{\"id\": \"" + id + "\", \"title\": \"De " + word +
                                       "\", \"status\": \"in uitvoering\", \"body\": \"Een deal "
                                       "over de " +
                                       word + " in Zwolle.\"}\n");
    return file.string();
  }

  // How many deals have `word` on the search node: as soon as that is `expected`, else what
  // it was after `seconds`.
  size_t found_within(const std::string& word, size_t expected, int seconds) const {
    const auto deadline = Clock::now() + std::chrono::seconds(seconds);
    size_t found = 0;
    while (Clock::now() < deadline) {
      const auto [status, body] = server_->get("/api/search?q=" + word);
      // Only deals with the word itself: not a correction, nor those with some of its parts.
      found = status == 200 && body["corrected"] == false && body["relaxed"] == false
                  ? body["total"].get<size_t>()
                  : 0;
      if (found == expected) {
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return found;
  }

  testing::TemporaryDirectory directory_;
  std::unique_ptr<testing::ChildProcess> replicate_server_;
  std::unique_ptr<testing::ChildProcess> replicate_;
  std::optional<ServerThread> server_;
};

TEST_F(Replicas, AnUpdateTravelsAsAChangesetAndTheSearchNodeAnswersFromIt) {
  const std::string copy_served = testing::read_text_file(replica() / "XAPIANDB");
  index_master(new_deal("zeep", "zeepbellenfabriek"), "--update");
  const std::vector<fs::path> builds = indexer::stub_databases(master());
  ASSERT_EQ(builds.size(), 1u);
  EXPECT_TRUE(fs::exists(builds[0] / "changes1")) << "the update left no changeset";

  EXPECT_EQ(found_within("zeepbellenfabriek", 1, 30), 1u)
      << testing::read_text_file(replicate_log());
  EXPECT_EQ(testing::read_text_file(replica() / "XAPIANDB"), copy_served)
      << "the update was copied whole, not applied as a changeset";

  // A deletion travels the same way.
  index_master("", "--delete zeep");
  EXPECT_EQ(found_within("zeepbellenfabriek", 0, 30), 0u)
      << testing::read_text_file(replicate_log());
}

TEST_F(Replicas, ARebuildTravelsWholeAndNoRequestFailsMeanwhile) {
  const std::string copy_served = testing::read_text_file(replica() / "XAPIANDB");
  std::atomic<bool> stop{false};
  std::atomic<size_t> answered{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  std::vector<std::thread> clients;
  const std::vector<std::string> paths = {"/api/search?q=fietsen", "/api/facets",
                                          "/api/search?q=energiarmoede&sort=date",
                                          "/api/suggest?q=ener", "/health"};
  for (size_t c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      for (size_t i = c; !stop; ++i) {
        const std::string& path = paths[i % paths.size()];
        httplib::Client client("127.0.0.1", server_->port());
        client.set_read_timeout(std::chrono::seconds(30));
        const httplib::Result result = client.Get(path);
        ++answered;
        if (!result || result->status != 200) {
          const std::lock_guard lock(failures_mutex);
          failures.push_back(path + ": " +
                             (result ? std::to_string(result->status) + " " + result->body
                                     : std::string("no answer")));
        }
      }
    });
  }
  // Two rebuilds, so that the replica also removes a copy the server has read.
  index_master(std::string(kCorpus) + " " + new_deal("zeep", "zeepbellenfabriek"));
  EXPECT_EQ(found_within("zeepbellenfabriek", 1, 60), 1u)
      << testing::read_text_file(replicate_log());
  EXPECT_NE(testing::read_text_file(replica() / "XAPIANDB"), copy_served);
  index_master(std::string(kCorpus) + " " + new_deal("spons", "sponsenfabriek"));
  EXPECT_EQ(found_within("sponsenfabriek", 1, 60), 1u) << testing::read_text_file(replicate_log());
  EXPECT_EQ(found_within("zeepbellenfabriek", 0, 5), 0u);
  stop = true;
  for (std::thread& client : clients) {
    client.join();
  }
  EXPECT_GT(answered.load(), 0u);
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << answered
                                << " failed; the first: " << failures.front();
}

}  // namespace
}  // namespace dealsearch::http
