// Search over shards with the real xapian-tcpsrv on loopback: results over three shards (one
// local, two remote) equal those over one database of the same deals, for the seed corpus and
// a generated one; a shard killed under load gives partial answers, never an error or a hang,
// and the server takes it back by itself when it answers again.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "analyzers/analyzer.h"
#include "analyzers/schema.h"
#include "indexer/deal_ids.h"
#include "indexer/index_stub.h"
#include "indexer/input_files.h"
#include "searcher/http/server.h"
#include "searcher/index_reader.h"
#include "searcher/search.h"
#include "searcher/spelling_database.h"
#include "tests/http/openapi_description.h"
#include "tests/http/server_thread.h"
#include "tests/support/corpus_index.h"
#include "tests/support/search_hits.h"
#include "tests/support/test_files.h"
#include "tests/support/xapian_tcpsrv.h"

namespace dealsearch::http {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using searcher::SearchRequest;
using searcher::SearchResult;
using searcher::SortOrder;

// 150 deals made of the seed text's paragraphs, each with partners of its own (up to 19, so
// that several share a value slot), themes, a status and a date; the same every run.
std::vector<indexer::DealRecord> generated_deals() {
  std::vector<std::string> paragraphs;
  for (const indexer::DealRecord& seed :
       indexer::read_inputs({DEALSEARCH_SOURCE_DIR "/corpus"}).records) {
    for (const std::string& paragraph : seed.paragraphs) {
      if (paragraph.size() > 80) {
        paragraphs.push_back(paragraph);
      }
    }
  }
  const std::vector<std::string> partners = {
      "Gemeente Zwolle",
      "Gemeente Utrecht",
      "Gemeente Breda",
      "Gemeente Tilburg",
      "Gemeente Almere",
      "Gemeente Eindhoven",
      "Gemeente Groningen",
      "Gemeente Leeuwarden",
      "Gemeente Venlo",
      "Provincie Gelderland",
      "Provincie Utrecht",
      "Waterschap Vechtstromen",
      "TNO",
      "Universiteit Utrecht",
      "VNG",
      "Fietsersbond",
      "Rabobank",
      "Woonbond",
      "Stichting Urgenda",
      "Alliander",
      "Vitens",
      "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
      "Ministerie van Infrastructuur en Waterstaat",
      "Ministerie van Economische Zaken en Klimaat"};
  const std::vector<std::string> themes = {"mobiliteit", "energie", "wonen en bouwen",
                                           "klimaatadaptatie", "circulaire economie"};
  std::mt19937 random(17);
  std::vector<indexer::DealRecord> deals;
  for (int i = 0; i < 150; ++i) {
    indexer::DealRecord deal;
    deal.title = "Deal " + std::to_string(i) + " " + themes[random() % themes.size()];
    for (int p = 0; p < 3; ++p) {
      deal.paragraphs.push_back(paragraphs[random() % paragraphs.size()]);
    }
    deal.status = i % 3 == 0 ? "afgerond" : "in uitvoering";
    deal.signed_on = std::to_string(2015 + i % 9) + "-0" + std::to_string(1 + i % 9) + "-15";
    std::vector<std::string> mine = partners;
    std::shuffle(mine.begin(), mine.end(), random);
    mine.resize(1 + static_cast<size_t>(i) % 18);
    // And one of its own: more partners than a facet lists (kMaxFacetValues), many of them
    // tied at one deal, so that both ways of counting must cut the list at the same place.
    mine.push_back("Stichting Buurtdeal " + std::to_string(i));
    deal.partners = mine;
    deal.themes = {themes[static_cast<size_t>(i) % themes.size()]};
    if (i % 4 == 0) {
      deal.themes.push_back(themes[(static_cast<size_t>(i) + 2) % themes.size()]);
    }
    deal.source = {"generated.jsonl", static_cast<size_t>(i) + 1};
    deals.push_back(std::move(deal));
  }
  return deals;
}

// The hits as runs of equal score, each run's ids as a set: equal runs are "the same hits in
// the same order up to ties in score" (a tie is broken by docid, which shards interleave).
std::vector<std::pair<std::string, std::set<std::string>>> score_runs(const SearchResult& result) {
  std::vector<std::pair<std::string, std::set<std::string>>> runs;
  for (const searcher::Hit& hit : result.hits) {
    char score[32];
    std::snprintf(score, sizeof score, "%.6g", hit.score);
    if (runs.empty() || runs.back().first != score) {
      runs.push_back({score, {}});
    }
    runs.back().second.insert(hit.deal.id);
  }
  return runs;
}

// The facets as text, one value a line, so that a difference reads as one.
std::string facets_text(const searcher::FacetCounts& facets) {
  std::string text;
  for (const auto& [facet, values] : facets) {
    for (const searcher::FacetValue& value : values) {
      text += facet + ": " + value.value + " (" + value.label + ") " + std::to_string(value.count) +
              "\n";
    }
  }
  return text;
}

// Three shards of the same deals (the first local, the others behind xapian-tcpsrv), and
// one database of them, to compare.
class ShardedIndex : public ::testing::Test {
 protected:
  void build(const std::vector<indexer::DealRecord>& deals) {
    testing::CorpusIndexer indexer(deals);
    indexer.rebuild(one_database());
    indexer.rebuild(directory_.path() / "three", indexer::ShardLayout{3, 0});
    const std::vector<fs::path> shards = indexer::stub_databases(directory_.path() / "three");
    ASSERT_EQ(shards.size(), 3u);
    second_ = std::make_unique<testing::XapianTcpServer>(shards[1]);
    third_ = std::make_unique<testing::XapianTcpServer>(shards[2]);
    testing::write_text_file(mixed(), "# one shard here, two served by xapian-tcpsrv\nauto " +
                                          fs::absolute(shards[0]).string() + "\nremote " +
                                          second_->address() + "\nremote " + third_->address() +
                                          "\n");
    // As `dealsearch serve` does at its start: Xapian ignores the remote shards' spelling.
    const auto data = testing::shared_analyzer_data();
    searcher::build_spelling_database(
        mixed(), searcher::open_index(mixed(), analyzers::Analyzer(data).fingerprint()), *data);
  }

  fs::path one_database() const { return directory_.path() / "one"; }
  fs::path mixed() const { return directory_.path() / "mixed"; }

  // Every search of `queries` with each of `filters` and each order gives the same results
  // over the shards as over one database.
  void expect_equal_results(const std::vector<std::string>& queries,
                            const std::vector<searcher::Filters>& filters) {
    const auto one = testing::open_searcher(one_database());
    const auto shards = testing::open_searcher(mixed());
    EXPECT_EQ(shards->info().documents, one->info().documents);
    EXPECT_EQ(shards->info().shards.size(), 3u);
    EXPECT_FALSE(shards->info().partial());
    for (const std::string& query : queries) {
      for (const searcher::Filters& filter : filters) {
        for (const SortOrder sort : {SortOrder::kRelevance, SortOrder::kDate, SortOrder::kTitle}) {
          SearchRequest request;
          request.query = query;
          request.filters = filter;
          request.sort = sort;
          request.size = 100;
          const SearchResult expected = one->search(request);
          const SearchResult got = shards->search(request);
          SCOPED_TRACE("query '" + query + "', " + std::to_string(filter.size()) +
                       " filter(s), sort " + std::to_string(static_cast<int>(sort)));
          EXPECT_EQ(got.total, expected.total);
          EXPECT_EQ(score_runs(got), score_runs(expected));
          EXPECT_EQ(facets_text(got.facets), facets_text(expected.facets));
          EXPECT_EQ(got.suggestion, expected.suggestion);
          EXPECT_EQ(got.corrected, expected.corrected);
          EXPECT_EQ(got.relaxed, expected.relaxed);
          EXPECT_EQ(got.drop_filter_hint, expected.drop_filter_hint);
          EXPECT_FALSE(got.index.partial());
        }
      }
    }
    EXPECT_EQ(facets_text(shards->all_facets()), facets_text(one->all_facets()));
    for (const std::string typed : {"energ", "fiet", "wo", "gemeente z"}) {
      EXPECT_EQ(shards->suggest(typed), one->suggest(typed)) << typed;
    }
  }

  testing::TemporaryDirectory directory_;
  std::unique_ptr<testing::XapianTcpServer> second_;
  std::unique_ptr<testing::XapianTcpServer> third_;
};

TEST_F(ShardedIndex, TheSeedCorpusOverLocalAndRemoteShardsSearchesAsOneDatabase) {
  build(indexer::read_inputs({DEALSEARCH_SOURCE_DIR "/corpus"}).records);
  expect_equal_results(
      {"", "energiearmoede", "armoede", "fiets", "fietsen OR cybercrime", "\"slimme stad\"",
       "energie*", "wonen -energie", "energiarmoede", "zzzqqqxxx"},
      {{},
       {{"ministry", {"BZK"}}},
       {{"status", {"afgerond"}}, {"ministry", {"IenW", "BZK"}}},
       {{"year", {"2016"}}, {"theme", {"wonen en bouwen"}}},
       {{"status", {"afgerond"}}, {"year", {"1999"}}}});
  // Every deal reads the same from its shard.
  const auto one = testing::open_searcher(one_database());
  const auto shards = testing::open_searcher(mixed());
  SearchRequest all;
  all.size = 100;
  for (const searcher::Hit& hit : one->search(all).hits) {
    const auto from_shard = shards->deal(hit.deal.id);
    ASSERT_TRUE(from_shard) << hit.deal.id;
    EXPECT_EQ(from_shard->paragraphs, hit.deal.paragraphs);
    EXPECT_EQ(from_shard->title, hit.deal.title);
  }
  EXPECT_FALSE(shards->deal("no-such-deal"));
}

TEST_F(ShardedIndex, GeneratedDealsWithManyPartnersOverShardsSearchAsOneDatabase) {
  build(generated_deals());
  expect_equal_results(
      {"", "gemeente", "energie", "wonen OR mobiliteit", "\"de gemeente\"", "stad*"},
      {{},
       {{"partner", {"Gemeente Zwolle"}}},
       {{"partner", {"TNO", "VNG"}}, {"status", {"afgerond"}}},
       {{"partner_type", {"gemeente"}}, {"theme", {"energie"}}, {"year", {"2019", "2020"}}},
       {{"ministry", {"IenW"}}}});
}

TEST_F(ShardedIndex, AShardThatIsDownAtTheStartIsLeftOutAndSaidSo) {
  build(indexer::read_inputs({DEALSEARCH_SOURCE_DIR "/corpus"}).records);
  third_->stop();
  const auto shards = testing::open_searcher(mixed());
  const SearchResult result = shards->search(SearchRequest{});
  EXPECT_TRUE(result.index.partial());
  EXPECT_EQ(result.index.shards_answering(), 2u);
  EXPECT_FALSE(result.index.shards[2].answering);
  EXPECT_EQ(result.index.shards[2].name, third_->address());
  EXPECT_FALSE(result.index.shards[2].error.empty());
  EXPECT_LT(result.total, testing::open_searcher(one_database())->search(SearchRequest{}).total);
  EXPECT_GT(result.total, 0u);
}

TEST_F(ShardedIndex, AnUpdateToARemoteShardIsSeenAfterAReopen) {
  const std::vector<indexer::DealRecord> deals = generated_deals();
  build(deals);
  const auto shards = testing::open_searcher(mixed());
  // The first generated deal that lives in a remote shard (2 or 3 of 3).
  size_t remote = 0;
  while (schema::shard_of(
             indexer::deal_id(deals[remote], testing::shared_analyzer_data()->folder()), 3) == 1) {
    ++remote;
  }
  testing::CorpusIndexer(deals).update(directory_.path() / "three", remote, " Zeepbellenfabriek");
  EXPECT_TRUE(shards->reopen());
  SearchRequest request;
  request.query = "zeepbellenfabriek";
  const SearchResult found = shards->search(request);
  ASSERT_EQ(found.total, 1u);
  EXPECT_EQ(found.hits[0].deal.title, deals[remote].title + " Zeepbellenfabriek");
  EXPECT_FALSE(found.index.partial());
}

TEST(ShardStub, ALineOfAnotherFormIsAClearError) {
  testing::TemporaryDirectory directory;
  const fs::path stub = directory.path() / "stub";
  testing::write_text_file(stub, "auto shard-1\nremote example.org 7301\n");
  try {
    (void)searcher::read_shard_addresses(stub);
    FAIL() << "a stub line 'remote HOST PORT' was accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
    EXPECT_NE(std::string(error.what()).find("stub:2"), std::string::npos) << error.what();
    EXPECT_NE(std::string(error.what()).find("remote HOST:PORT"), std::string::npos)
        << error.what();
  }
  testing::write_text_file(stub, "auto shard-1\nremote [::1]:7301\n# a comment\n\n");
  const std::vector<searcher::ShardAddress> shards = searcher::read_shard_addresses(stub);
  ASSERT_EQ(shards.size(), 2u);
  EXPECT_EQ(shards[0].path, directory.path() / "shard-1");
  EXPECT_EQ(shards[1].host, "::1");
  EXPECT_EQ(shards[1].port, 7301u);
  EXPECT_EQ(shards[1].name(), "[::1]:7301");
}

// A server over the shards, and clients.
class ShardedServer : public ShardedIndex {
 protected:
  void start_server() {
    ServerOptions options;
    options.index = mixed();
    options.threads = 4;
    options.shards.remote_timeout_ms = 2000;
    server_.emplace(options);
    port_ = server_->port();
  }

  std::pair<int, nlohmann::json> get(const std::string& path) const { return server_->get(path); }

  // Asks `path` until `done` says yes of the answer, for at most `seconds`.
  template <typename Done>
  bool eventually(const std::string& path, int seconds, Done&& done) const {
    const auto deadline = Clock::now() + std::chrono::seconds(seconds);
    while (Clock::now() < deadline) {
      const auto [status, body] = get(path);
      if (done(status, body)) {
        return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
  }

  std::optional<ServerThread> server_;
  int port_ = 0;
};

TEST_F(ShardedServer, AShardKilledUnderLoadGivesPartialAnswersAndComesBackWhenItAnswers) {
  build(generated_deals());
  start_server();
  const auto [status, everything] = get("/api/search?size=1");
  ASSERT_EQ(status, 200);
  const size_t all_deals = everything["total"];
  EXPECT_EQ(everything["partial"], false);
  EXPECT_EQ(everything["index"]["shards"], nlohmann::json({{"total", 3}, {"answered", 3}}));

  // Clients ask all the while; every answer must be a 200 that the description allows.
  const nlohmann::json description = get("/openapi.json").second;
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"/api/search", "/api/search?q=gemeente&partner=Gemeente+Zwolle"},
      {"/api/search", "/api/search?q=energiarmoede"},
      {"/api/search", "/api/search?size=5&page=3&sort=date"},
      {"/api/facets", "/api/facets"},
      {"/api/suggest", "/api/suggest?q=energ"},
      {"/health", "/health"}};
  std::atomic<bool> stop{false};
  std::atomic<size_t> answered{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  std::vector<std::thread> clients;
  for (int c = 0; c < 4; ++c) {
    clients.emplace_back([&, c] {
      OpenApiDescription checker(description);
      for (size_t i = static_cast<size_t>(c); !stop; ++i) {
        const auto& [template_path, path] = routes[i % routes.size()];
        httplib::Client client("127.0.0.1", port_);
        client.set_read_timeout(std::chrono::seconds(30));
        const httplib::Result result = client.Get(path);
        std::string failure;
        if (!result) {
          failure = path + ": no answer";
        } else if (result->status != 200) {
          failure = path + ": " + std::to_string(result->status) + " " + result->body;
        } else {
          failure = checker.response_violations(
              template_path, 200, nlohmann::json::parse(result->body, nullptr, false));
        }
        ++answered;
        if (!failure.empty()) {
          const std::lock_guard lock(failures_mutex);
          failures.push_back(failure);
        }
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  third_->stop();

  EXPECT_TRUE(eventually("/api/search?size=1", 20, [&](int code, const nlohmann::json& body) {
    return code == 200 && body["partial"] == true;
  })) << "no partial answer after the third shard was killed";
  const auto [partial_status, partial] = get("/api/search?size=1");
  EXPECT_EQ(partial_status, 200);
  EXPECT_EQ(partial["index"]["shards"], nlohmann::json({{"total", 3}, {"answered", 2}}));
  EXPECT_LT(partial["total"].get<size_t>(), all_deals);
  EXPECT_GT(partial["total"].get<size_t>(), 0u);
  const auto [health_status, health] = get("/health");
  EXPECT_EQ(health_status, 200);
  EXPECT_EQ(health["status"], "degraded");
  ASSERT_EQ(health["shards"].size(), 3u);
  EXPECT_EQ(health["shards"][2]["shard"], third_->address());
  EXPECT_EQ(health["shards"][2]["answering"], false);
  EXPECT_TRUE(health["shards"][2].contains("error"));
  EXPECT_EQ(health["shards"][1]["answering"], true);

  third_->start();
  EXPECT_TRUE(eventually("/api/search?size=1", 20, [&](int code, const nlohmann::json& body) {
    return code == 200 && body["partial"] == false && body["total"] == all_deals;
  })) << "the third shard was not taken back when it answered again";
  EXPECT_TRUE(eventually("/health", 5, [&](int code, const nlohmann::json& body) {
    return code == 200 && body["status"] == "ok";
  }));
  stop = true;
  for (std::thread& client : clients) {
    client.join();
  }
  EXPECT_GT(answered.load(), 0u);
  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << answered
                                << "; the first: " << failures.front();
}

TEST_F(ShardedServer, ARebuildOnAShardsMachineIsSeenWithoutARestart) {
  std::vector<indexer::DealRecord> deals = generated_deals();
  build(deals);
  // The third shard as its own machine has it: `--shard 3/3` into an index of its own, which
  // xapian-tcpsrv serves through its stub, so that a rebuild there switches what it serves.
  const fs::path own = directory_.path() / "third-own";
  testing::CorpusIndexer(deals).rebuild(own, indexer::ShardLayout{3, 3});
  third_ = std::make_unique<testing::XapianTcpServer>(own);
  const std::vector<fs::path> shards = indexer::stub_databases(directory_.path() / "three");
  testing::write_text_file(mixed(), "auto " + fs::absolute(shards[0]).string() + "\nremote " +
                                        second_->address() + "\nremote " + third_->address() +
                                        "\n");
  start_server();
  // (Nothing has the word yet: what comes back is the spelling's nearest, "corrected".)
  const auto [status, before] = get("/api/search?q=zeepbellenfabriek");
  ASSERT_EQ(status, 200);
  ASSERT_TRUE(before["total"] == 0 || before["corrected"] == true || before["relaxed"] == true)
      << before.dump();

  // A deal of the third shard gets a new word, in a rebuild on that machine (its id kept).
  const analyzers::Folder& folder = testing::shared_analyzer_data()->folder();
  size_t third = 0;
  while (schema::shard_of(indexer::deal_id(deals[third], folder), 3) != 3) {
    ++third;
  }
  deals[third].id = indexer::deal_id(deals[third], folder);
  deals[third].title += " Zeepbellenfabriek";
  testing::CorpusIndexer(deals).rebuild(own, indexer::ShardLayout{3, 3});

  EXPECT_TRUE(eventually("/api/search?q=zeepbellenfabriek", 30,
                         [&](int code, const nlohmann::json& body) {
                           return code == 200 && body["total"] == 1 && body["corrected"] == false &&
                                  body["relaxed"] == false && body["partial"] == false;
                         }))
      << "the searcher still reads the third shard's old build";
}

TEST_F(ShardedServer, AWordAnUpdateBringsToARemoteShardIsCorrectedToWithoutARestart) {
  const std::vector<indexer::DealRecord> deals = generated_deals();
  build(deals);
  start_server();
  const std::string misspelt = "/api/search?q=zeepbelenfabriek";
  const auto [status, before] = get(misspelt);
  ASSERT_EQ(status, 200);
  ASSERT_NE(before["suggestion"], "zeepbellenfabriek") << before.dump();

  // The word comes to a deal of a remote shard, committed there while the server runs (as
  // `dealsearch index --update` on the shard's machine does).
  size_t remote = 0;
  while (schema::shard_of(
             indexer::deal_id(deals[remote], testing::shared_analyzer_data()->folder()), 3) == 1) {
    ++remote;
  }
  testing::CorpusIndexer(deals).update(directory_.path() / "three", remote, " Zeepbellenfabriek");

  EXPECT_TRUE(eventually(misspelt, 30,
                         [&](int code, const nlohmann::json& body) {
                           return code == 200 && body["suggestion"] == "zeepbellenfabriek" &&
                                  body["total"] == 1;
                         }))
      << "the misspelt word is not corrected to the word the remote shard has now: "
      << get(misspelt).second.dump();
  // And a server started afresh finds the gathered spelling current.
  EXPECT_FALSE(searcher::spelling_database_outdated(
      mixed(), searcher::open_index(
                   mixed(), analyzers::Analyzer(testing::shared_analyzer_data()).fingerprint())));
}

TEST_F(ShardedServer, WithNoShardAnsweringTheServerSays503AndRecovers) {
  build(indexer::read_inputs({DEALSEARCH_SOURCE_DIR "/corpus"}).records);
  // Only the two remote shards.
  testing::write_text_file(mixed(),
                           "remote " + second_->address() + "\nremote " + third_->address() + "\n");
  start_server();
  EXPECT_EQ(get("/api/search?q=energie").first, 200);
  second_->stop();
  third_->stop();
  EXPECT_TRUE(eventually("/api/search?q=energie", 20, [&](int code, const nlohmann::json& body) {
    return code == 503 && body["error"]["code"] == "index_unavailable";
  }));
  EXPECT_EQ(get("/health").first, 503);
  second_->start();
  third_->start();
  EXPECT_TRUE(eventually("/api/search?q=energie", 20, [&](int code, const nlohmann::json& body) {
    return code == 200 && body["partial"] == false;
  }));
}

}  // namespace
}  // namespace dealsearch::http
