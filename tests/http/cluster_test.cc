// scripts/cluster, as a user tries it: the whole layout on loopback (an index node, two shards
// with a replica each behind xapian-tcpsrv, two servers, haproxy) comes up, its page and API
// answer at haproxy's address, an update reaches search and spelling, and stop ends it all.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/support/run_command.h"
#include "tests/support/test_files.h"
#include "tests/support/xapian_tcpsrv.h"

namespace dealsearch {
namespace {

// Ports below the kernel's ephemeral range, so that no other test's port is among them.
constexpr int kPort = 18480;

class ClusterScript : public ::testing::Test {
 protected:
  testing::RunResult cluster(const std::string& arguments) const {
    return testing::run_command("DEALSEARCH_BINARY=" DEALSEARCH_BINARY " " DEALSEARCH_SOURCE_DIR
                                "/scripts/cluster " +
                                arguments + " --dir " + directory_.path().string() +
                                "/cluster --port " + std::to_string(kPort));
  }
  void TearDown() override { (void)cluster("stop"); }

  std::pair<int, std::string> get(const std::string& path) const {
    httplib::Client client("127.0.0.1", kPort);
    client.set_read_timeout(std::chrono::seconds(30));
    const httplib::Result result = client.Get(path);
    return result ? std::pair(result->status, result->body) : std::pair(0, std::string());
  }

  testing::TemporaryDirectory directory_;
};

TEST_F(ClusterScript, StartsTheLayoutWhosePageAndApiAnswerAtHaproxyAndStopsIt) {
  const testing::RunResult started = cluster("start");
  ASSERT_EQ(started.exit_code, 0) << started.output;

  const auto [page_status, page] = get("/");
  EXPECT_EQ(page_status, 200);
  EXPECT_NE(page.find("<form"), std::string::npos) << page.substr(0, 300);
  const auto [status, body] = get("/api/search?q=armoede");
  ASSERT_EQ(status, 200) << body;
  const nlohmann::json found = nlohmann::json::parse(body);
  EXPECT_GE(found["total"].get<int>(), 1);
  EXPECT_EQ(found["partial"], false);
  EXPECT_EQ(found["index"]["shards"], nlohmann::json({{"total", 2}, {"answered", 2}}));
  EXPECT_EQ(cluster("status").exit_code, 0);

  // An update on the index node reaches the replicas, the servers and their spelling.
  const std::string deal = directory_.path().string() + "/new.jsonl";
  testing::write_text_file(deal,
                           "{\"id\": \"zeep\", \"title\": \"De Zeepbellenblazer\", \"body\": "
                           "\"Een deal over de zeepbellenblazer in Zwolle.\"}\n");
  const testing::RunResult updated = cluster("update " + deal);
  ASSERT_EQ(updated.exit_code, 0) << updated.output;
  nlohmann::json corrected;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline) {
    const auto [code, text] = get("/api/search?q=zeepbelenblazer");
    corrected = nlohmann::json::parse(text, nullptr, false);
    if (code == 200 && corrected["suggestion"] == "zeepbellenblazer") {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(corrected["total"], 1) << corrected.dump();
  EXPECT_EQ(corrected["suggestion"], "zeepbellenblazer") << corrected.dump();

  const testing::RunResult stopped = cluster("stop");
  EXPECT_EQ(stopped.exit_code, 0) << stopped.output;
  for (int port = kPort; port <= kPort + 5; ++port) {
    EXPECT_FALSE(testing::accepts_connections(port)) << "port " << port << " still answers";
  }
  EXPECT_NE(cluster("status").exit_code, 0);
}

TEST_F(ClusterScript, RefusesADirectoryThatIsNotACluster) {
  std::filesystem::create_directories(directory_.path() / "cluster");
  testing::write_text_file(directory_.path() / "cluster" / "notes.txt", "mine\n");
  const testing::RunResult refused = cluster("start");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.output.find("has other files"), std::string::npos) << refused.output;
  EXPECT_TRUE(std::filesystem::exists(directory_.path() / "cluster" / "notes.txt"));
}

}  // namespace
}  // namespace dealsearch
