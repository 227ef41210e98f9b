// Facet counts from the value slots equal counting the deals' facet terms by hand, over one
// database and over two combined in one Xapian::Database, as shards are.
#include "searcher/facets.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "analyzers/analyzer.h"
#include "analyzers/schema.h"
#include "searcher/match_weigher.h"
#include "searcher/matches.h"
#include "searcher/search.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/corpus_index.h"
#include "tests/support/search_hits.h"
#include "tests/support/test_files.h"

namespace dealsearch::searcher {
namespace {

// Value -> count, one facet's.
using Counted = std::map<std::string, size_t>;

// Deals with up to twelve partners each out of thirty (so that partners share slots), a
// status, a signing year, a theme or two, and a text that names a few of four topics:
// deal i is a pure function of i.
std::vector<indexer::DealRecord> generated_deals(size_t count) {
  const std::vector<std::string> partners = {
      "Gemeente Zwolle",
      "Gemeente Utrecht",
      "Gemeente Amsterdam",
      "Gemeente Groningen",
      "Gemeente Deventer",
      "Gemeente Kampen",
      "Gemeente Eindhoven",
      "Gemeente Tilburg",
      "Gemeente Leeuwarden",
      "Gemeente Maastricht",
      "Gemeente Almere",
      "Gemeente Arnhem",
      "Provincie Drenthe",
      "Provincie Overijssel",
      "Provincie Utrecht",
      "Fietsersbond",
      "TNO",
      "Rabobank",
      "Rijkswaterstaat",
      "Saxion",
      "Enexis",
      "Kamer van Koophandel",
      "GGD IJsselland",
      "Woonbond",
      "Universiteit Utrecht",
      "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
      "Ministerie van Infrastructuur en Waterstaat",
      "Ministerie van Economische Zaken en Klimaat",
      "Ministerie van Volksgezondheid, Welzijn en Sport",
      "Ministerie van Onderwijs, Cultuur en Wetenschap"};
  const std::vector<std::string> statuses = {"In uitvoering", "Afgerond", "In voorbereiding"};
  const std::vector<std::string> themes = {"mobiliteit", "energie", "wonen en bouwen",
                                           "zorg en welzijn"};
  const std::vector<std::string> topics = {"fietsen", "energie", "woningen", "armoede"};
  std::vector<indexer::DealRecord> deals;
  for (size_t i = 0; i < count; ++i) {
    indexer::DealRecord deal;
    deal.id = "deal-" + std::to_string(i);
    deal.title = "Deal nummer " + std::to_string(i);
    deal.status = statuses[i % statuses.size()];
    deal.signed_on = std::to_string(2016 + i % 7) + "-03-01";
    for (size_t k = 0; k < 1 + i * 7 % 12; ++k) {
      deal.partners.push_back(partners[(i * 11 + k * 7) % partners.size()]);
    }
    deal.themes = {themes[i % themes.size()]};
    if (i % 5 == 0) {
      deal.themes.push_back(themes[(i / 5) % themes.size()]);
    }
    std::string text = "De partners werken samen aan";
    for (size_t t = 0; t < topics.size(); ++t) {
      if ((i >> t) % 2 == 1 || (i + t) % 3 == 0) {
        text += " " + topics[t];
      }
    }
    deal.paragraphs = {text + "."};
    deal.source = {"generated", i + 1};
    deals.push_back(std::move(deal));
  }
  return deals;
}

class FacetCounting : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new testing::TemporaryDirectory();
    const std::vector<indexer::DealRecord> deals = generated_deals(kDeals);
    testing::CorpusIndexer(deals).rebuild(directory_->path() / "all");
    // The same deals in two shards, the odd ones and the even ones.
    std::vector<indexer::DealRecord> shards[2];
    for (size_t i = 0; i < deals.size(); ++i) {
      shards[i % 2].push_back(deals[i]);
    }
    testing::CorpusIndexer(shards[0]).rebuild(directory_->path() / "even");
    testing::CorpusIndexer(shards[1]).rebuild(directory_->path() / "odd");
  }
  static void TearDownTestSuite() { delete directory_; }

  static std::filesystem::path index(const std::string& name) { return directory_->path() / name; }

  // The counts of `facet` as a search lists them, by value as its terms spell it (a partner's
  // listed value is its name as the deals write it, its term's the folded name).
  static Counted listed(const FacetCounts& counts, const std::string& facet) {
    Counted values;
    for (const FacetValue& value : counts.at(facet)) {
      const std::string key = facet == "partner"
                                  ? testing::shared_analyzer_data()->folder().fold(value.value)
                                  : value.value;
      values[key] = value.count;
    }
    return values;
  }

  // By hand: each of the deals (ids) adds one to every value of its terms of `facet`.
  static Counted counted_by_terms(const Xapian::Database& db, const schema::Facet& facet,
                                  const std::vector<std::string>& deal_ids) {
    Counted values;
    for (const std::string& id : deal_ids) {
      const std::string id_term = std::string(schema::kId) + id;
      const Xapian::Document doc = db.get_document(*db.postlist_begin(id_term));
      for (auto term = doc.termlist_begin(); term != doc.termlist_end(); ++term) {
        if ((*term).starts_with(facet.prefix)) {
          ++values[(*term).substr(facet.prefix.size())];
        }
      }
    }
    return values;
  }

  // A stub over "even" and "odd": the deals of "all" in two shards.
  static std::filesystem::path two_shards() {
    const std::filesystem::path stub = directory_->path() / "two-shards";
    std::ofstream(stub) << "auto even\nauto odd\n";
    return stub;
  }

  void each_count_is_the_number_of_matches_with_that_value(Searcher& searcher);
  void the_whole_index_counts_every_deal(Searcher& searcher);

  static constexpr size_t kDeals = 150;
  static testing::TemporaryDirectory* directory_;
};

testing::TemporaryDirectory* FacetCounting::directory_ = nullptr;

struct Request {
  std::string query;
  Filters filters;
};

// Searches with one facet filtered or several, so that each kind of count is checked: a facet
// without a filter counted on the ranked run, one with its own filter on a run of its own.
const Request kRequests[] = {
    {"", {}},
    // The status facet over every deal (its own filter aside): its terms' frequencies.
    {"", {{"status", {"afgerond"}}}},
    {"fietsen", {}},
    {"energie", {{"status", {"afgerond"}}}},
    {"", {{"partner", {"Gemeente Zwolle", "TNO"}}, {"year", {"2018", "2019"}}}},
    {"armoede", {{"ministry", {"BZK"}}, {"theme", {"mobiliteit", "energie"}}}},
    {"woningen", {{"partner_type", {"gemeente"}}, {"status", {"in uitvoering"}}}},
    {"fietsen energie",
     {{"partner", {"Fietsersbond", "Provincie Drenthe"}},
      {"status", {"afgerond", "in uitvoering"}}}},
};

// Each test counts in the two ways (FacetSpies): by facet tables over one local database, by
// value slots over shards (here two local ones, "even" and "odd", behind a stub).
TEST_F(FacetCounting, EachCountIsTheNumberOfMatchesWithThatValueWhateverTheFacetsOwnFilter) {
  for (const std::string way : {"by tables", "by slots"}) {
    SCOPED_TRACE(way);
    const auto searcher = testing::open_searcher(way == "by tables" ? index("all") : two_shards());
    each_count_is_the_number_of_matches_with_that_value(*searcher);
  }
}

void FacetCounting::each_count_is_the_number_of_matches_with_that_value(Searcher& searcher) {
  const Xapian::Database db(index("all").string());
  for (const Request& request : kRequests) {
    SCOPED_TRACE("query '" + request.query + "', " + std::to_string(request.filters.size()) +
                 " filtered facets");
    const SearchResult result = searcher.search({request.query, request.filters});
    ASSERT_GT(result.total, 0u);
    ASSERT_FALSE(result.relaxed || result.corrected) << "the same text for every count";
    for (const schema::Facet& facet : schema::kFacets) {
      SCOPED_TRACE(facet.name);
      // The deals a facet counts: the query's with the other facets' filters, every one.
      Filters others = request.filters;
      others.erase(std::string(facet.name));
      const SearchResult matches = searcher.search({request.query, others, 1, kDeals});
      ASSERT_EQ(matches.hits.size(), matches.total);
      std::vector<std::string> ids;
      for (const Hit& hit : matches.hits) {
        ids.push_back(hit.deal.id);
      }
      EXPECT_EQ(listed(result.facets, std::string(facet.name)), counted_by_terms(db, facet, ids));
    }
  }
}

TEST_F(FacetCounting, TheWholeIndexCountsEveryDeal) {
  for (const std::string way : {"by tables", "by slots"}) {
    SCOPED_TRACE(way);
    const auto searcher = testing::open_searcher(way == "by tables" ? index("all") : two_shards());
    the_whole_index_counts_every_deal(*searcher);
  }
}

void FacetCounting::the_whole_index_counts_every_deal(Searcher& searcher) {
  const Xapian::Database db(index("all").string());
  std::vector<std::string> every_id;
  for (size_t i = 0; i < kDeals; ++i) {
    every_id.push_back("deal-" + std::to_string(i));
  }
  const FacetCounts all = searcher.all_facets();
  for (const schema::Facet& facet : schema::kFacets) {
    SCOPED_TRACE(facet.name);
    EXPECT_EQ(listed(all, std::string(facet.name)), counted_by_terms(db, facet, every_id));
  }
  // Partners share slots here: some deal has more partners than there are slots to spare.
  EXPECT_GT(listed(all, "partner").size(), schema::kPartnerSlots);
}

// Over one local database a filtered search is ranked and counted in one run of the text with
// what every facet counts over (Facets::run_ranked()); over shards, a run with every filter
// and one more for each filtered facet. Both rank as the unfiltered search does, the deals
// the filters leave out taken away, page by page, with the same scores.
TEST_F(FacetCounting, AFilteredSearchRanksItsDealsAsTheUnfilteredSearchDoes) {
  for (const std::string way : {"by tables", "by slots"}) {
    SCOPED_TRACE(way);
    const auto searcher = testing::open_searcher(way == "by tables" ? index("all") : two_shards());
    for (const Request& request : kRequests) {
      if (request.query.empty() || request.filters.empty()) {
        continue;
      }
      SCOPED_TRACE("query '" + request.query + "'");
      // The deals the filters allow, listed by date: no ranking involved.
      std::set<std::string> allowed;
      for (const Hit& hit : searcher->search({"", request.filters, 1, kDeals}).hits) {
        allowed.insert(hit.deal.id);
      }
      std::vector<const Hit*> expected;
      const SearchResult unfiltered = searcher->search({request.query, {}, 1, kDeals});
      ASSERT_EQ(unfiltered.hits.size(), unfiltered.total) << "every match on one page";
      for (const Hit& hit : unfiltered.hits) {
        if (allowed.contains(hit.deal.id)) {
          expected.push_back(&hit);
        }
      }
      ASSERT_GT(expected.size(), 3u) << "a second page to check";
      constexpr size_t kPageSize = 3;
      for (size_t page = 1; (page - 1) * kPageSize < expected.size(); ++page) {
        SCOPED_TRACE("page " + std::to_string(page));
        const SearchResult filtered =
            searcher->search({request.query, request.filters, page, kPageSize});
        EXPECT_EQ(filtered.total, expected.size());
        const size_t from = (page - 1) * kPageSize;
        ASSERT_EQ(filtered.hits.size(), std::min(kPageSize, expected.size() - from));
        for (size_t i = 0; i < filtered.hits.size(); ++i) {
          EXPECT_EQ(filtered.hits[i].deal.id, expected[from + i]->deal.id) << "hit " << i;
          EXPECT_NEAR(filtered.hits[i].score, expected[from + i]->score, 1e-9) << "hit " << i;
        }
      }
    }
  }
}

// A filtered search that finds nothing names the filter whose removal finds the most, from
// the one run's counts over one database as from a run a filter over shards.
TEST_F(FacetCounting, AFilteredSearchThatFindsNothingNamesTheFilterToDrop) {
  const Filters nothing_left = {
      {"partner", {"Gemeente Zwolle"}}, {"status", {"afgerond"}}, {"year", {"1999"}}};
  std::optional<std::string> hints[2];
  for (const std::string way : {"by tables", "by slots"}) {
    SCOPED_TRACE(way);
    const auto searcher = testing::open_searcher(way == "by tables" ? index("all") : two_shards());
    const SearchResult result = searcher->search({"fietsen", nothing_left});
    EXPECT_EQ(result.total, 0u);
    hints[way == "by slots"] = result.drop_filter_hint;
  }
  EXPECT_EQ(hints[0], "year=1999") << "no deal is of 1999: dropping it finds the most";
  EXPECT_EQ(hints[1], hints[0]);
}

// A search whose matching runs over two threads (the docids in two halves, MatchWeigher)
// finds, ranks and counts exactly as one thread does, on every page and whatever the filters.
TEST_F(FacetCounting, ASearchSplitOverTwoThreadsFindsRanksAndCountsAsOneThreadDoes) {
  if (std::thread::hardware_concurrency() < 2) {
    GTEST_SKIP() << "one core: a search is never split";
  }
  const auto data = testing::shared_analyzer_data();
  const std::string fingerprint = analyzers::Analyzer(data).fingerprint();
  Searcher whole(open_index(index("all"), fingerprint), data, nullptr,
                 std::numeric_limits<size_t>::max());
  Searcher split(open_index(index("all"), fingerprint), data, nullptr, 1);
  std::vector<Request> requests(std::begin(kRequests), std::end(kRequests));
  requests.push_back({"\"energie\" fietsen", {{"status", {"in uitvoering"}}}});
  requests.push_back({"woningen", {{"year", {"1999"}}}});  // nothing: the hint
  for (const Request& request : requests) {
    for (const size_t page : {1, 2, 3}) {
      SCOPED_TRACE("query '" + request.query + "', page " + std::to_string(page));
      const SearchResult one = whole.search({request.query, request.filters, page, 4});
      const SearchResult two = split.search({request.query, request.filters, page, 4});
      EXPECT_EQ(two.total, one.total);
      ASSERT_EQ(two.hits.size(), one.hits.size());
      for (size_t i = 0; i < one.hits.size(); ++i) {
        EXPECT_EQ(two.hits[i].deal.id, one.hits[i].deal.id) << "hit " << i;
        EXPECT_EQ(two.hits[i].score, one.hits[i].score) << "hit " << i;
      }
      EXPECT_EQ(two.facets, one.facets);
      EXPECT_EQ(two.drop_filter_hint, one.drop_filter_hint);
    }
  }
  EXPECT_EQ(whole.split_runs(), 0u);
  EXPECT_GT(split.split_runs(), 0u) << "the searches ran over two threads";
}

// The filter that keeps a run to a range of docids matches the documents in it, and under it a
// NEAR finds in the range what it finds over the whole database.
TEST_F(FacetCounting, ADocidRangeKeepsARunToItsDocuments) {
  const Xapian::Database db(index("all").string());
  const std::vector<Xapian::Query> words = {Xapian::Query("energie"), Xapian::Query("fietsen")};
  const Xapian::Query near(Xapian::Query::OP_NEAR, words.begin(), words.end(), 8);
  const Xapian::Query either(Xapian::Query::OP_OR, Xapian::Query("energie"),
                             Xapian::Query("fietsen"));
  for (const Xapian::Query& query : {near, either}) {
    SCOPED_TRACE(query.get_description());
    const std::vector<Xapian::docid> all = matching_docids(db, query);
    ASSERT_GT(all.size(), 2u);
    const Xapian::docid middle = all[all.size() / 2];
    for (const auto& [first, last] : {std::pair<Xapian::docid, Xapian::docid>{1, middle},
                                      {middle + 1, db.get_lastdocid()},
                                      {middle, middle},
                                      {db.get_lastdocid() + 1, db.get_lastdocid() + 9}}) {
      std::vector<Xapian::docid> expected;
      std::copy_if(all.begin(), all.end(), std::back_inserter(expected),
                   [&](Xapian::docid docid) { return docid >= first && docid <= last; });
      const Xapian::Query range((new DocidRange(first, last))->release());
      EXPECT_EQ(matching_docids(db, filtered(query, range)), expected)
          << "docids " << first << " to " << last;
    }
  }
}

// Shards: Xapian merges the spies' counts of each database, as it will a remote shard's.
TEST_F(FacetCounting, TwoDatabasesCombinedCountAsOneHoldingTheSameDeals) {
  const Xapian::Database one(index("all").string());
  Xapian::Database combined(index("even").string());
  combined.add_database(Xapian::Database(index("odd").string()));
  ASSERT_EQ(combined.get_doccount(), one.get_doccount());

  // The facets read only ministry names from the index's metadata, which every shard has;
  // one local database is counted by tables, two by slots.
  const analyzers::Folder& folder = testing::shared_analyzer_data()->folder();
  const auto data = testing::shared_analyzer_data();
  const IndexInfo info =
      index_info(open_index(index("all"), analyzers::Analyzer(data).fingerprint()));
  IndexInfo two = info;
  two.shards.push_back(two.shards.front());
  Facets of_one(one, folder, std::make_shared<FacetTableCache>());
  of_one.use_revision(info);
  Facets of_combined(combined, folder, std::make_shared<FacetTableCache>());
  of_combined.use_revision(two);
  const std::vector<std::pair<Xapian::Query, Filters>> counts = {
      {every_document(), {}},
      {Xapian::Query("fietsen"), {}},
      {Xapian::Query("energie"), {{"partner", {"Gemeente Zwolle", "Saxion"}}}},
      {every_document(), {{"ministry", {"IenW"}}, {"year", {"2020"}}, {"status", {"afgerond"}}}},
  };
  for (const auto& [text, filters] : counts) {
    SCOPED_TRACE(text.get_description());
    const FacetCounts expected = of_one.count(text, filters, std::nullopt);
    EXPECT_EQ(of_combined.count(text, filters, std::nullopt), expected);
    EXPECT_FALSE(expected.at("partner").empty());
  }
  const Filters nothing_left = {{"partner", {"Gemeente Zwolle"}}, {"year", {"1999"}}};
  EXPECT_EQ(of_one.filter_to_drop(Xapian::Query("fietsen"), nothing_left), "year=1999");
  EXPECT_EQ(of_combined.filter_to_drop(Xapian::Query("fietsen"), nothing_left), "year=1999");
}

}  // namespace
}  // namespace dealsearch::searcher
