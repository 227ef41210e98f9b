// FacetTable counts each facet value over a set of matches, exactly as the postings say.
#include "searcher/facet_table.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <memory>
#include <thread>

namespace dealsearch::searcher {
namespace {

class FacetTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    add({"XMINBZK", "XMINVWS", "XSTATUSafgerond"});  // 1
    add({"XMINBZK"});                                // 2
    add({"XSTATUSin uitvoering"});                   // 3
    add({"XMINOCW", "XMINBZK"});                     // 4
    db_.delete_document(2);                          // a gap in the docids
  }

  void add(const std::vector<std::string>& terms) {
    Xapian::Document document;
    for (const std::string& term : terms) {
      document.add_boolean_term(term);
    }
    db_.add_document(document);
  }

  static std::map<std::string, uint32_t> counted(const FacetTable& table,
                                                 const std::vector<Xapian::docid>& matches) {
    std::map<std::string, uint32_t> out;
    const std::vector<uint32_t> counts = table.count(matches);
    for (uint32_t id = 0; id < counts.size(); ++id) {
      if (counts[id] > 0) {
        out[table.term(id)] = counts[id];
      }
    }
    return out;
  }

  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
};

TEST_F(FacetTableTest, CountsOnlyTheValuesOfTheMatches) {
  const FacetTable ministries(db_, "XMIN");
  EXPECT_EQ(ministries.values(), 3u);
  EXPECT_EQ(counted(ministries, {1, 3, 4}),
            (std::map<std::string, uint32_t>{{"XMINBZK", 2}, {"XMINOCW", 1}, {"XMINVWS", 1}}));
  EXPECT_EQ(counted(ministries, {3}), (std::map<std::string, uint32_t>{}));
  EXPECT_EQ(counted(ministries, {}), (std::map<std::string, uint32_t>{}));
}

TEST_F(FacetTableTest, KeepsPrefixesApart) {
  const FacetTable statuses(db_, "XSTATUS");
  EXPECT_EQ(counted(statuses, {1, 3, 4}),
            (std::map<std::string, uint32_t>{{"XSTATUSafgerond", 1}, {"XSTATUSin uitvoering", 1}}));
}

TEST_F(FacetTableTest, IgnoresDocumentsAddedAfterItWasBuilt) {
  const FacetTable ministries(db_, "XMIN");
  add({"XMINBZK"});  // docid 5: the searcher reopens and builds a new table for it
  EXPECT_EQ(counted(ministries, {4, 5}),
            (std::map<std::string, uint32_t>{{"XMINBZK", 1}, {"XMINOCW", 1}}));
}

TEST_F(FacetTableTest, ACacheBuildsEachTableOncePerRevisionForAllItsSearchers) {
  FacetTableCache cache;
  const auto first = cache.table(db_, "build-a:1", "XMIN");
  std::shared_ptr<const FacetTable> from_other_threads[2];
  std::thread workers[2];
  for (int i = 0; i < 2; ++i) {
    workers[i] =
        std::thread([&, i] { from_other_threads[i] = cache.table(db_, "build-a:1", "XMIN"); });
  }
  for (std::thread& worker : workers) {
    worker.join();
  }
  EXPECT_EQ(from_other_threads[0], first);
  EXPECT_EQ(from_other_threads[1], first);
  EXPECT_NE(cache.table(db_, "build-a:1", "XSTATUS"), first);
  EXPECT_EQ(counted(*first, {1, 4}),
            (std::map<std::string, uint32_t>{{"XMINBZK", 2}, {"XMINOCW", 1}, {"XMINVWS", 1}}));
}

TEST_F(FacetTableTest, ACacheBuildsANewTableForANewRevisionAndForgetsOldOnes) {
  FacetTableCache cache;
  const auto before = cache.table(db_, "build-a:1", "XMIN");
  add({"XMINIenW"});  // docid 5, committed as revision 2
  const auto after = cache.table(db_, "build-a:2", "XMIN");
  EXPECT_NE(after, before);
  EXPECT_EQ(counted(*after, {5}), (std::map<std::string, uint32_t>{{"XMINIenW", 1}}));
  EXPECT_EQ(cache.table(db_, "build-a:2", "XMIN"), after);
  // A third revision pushes out the first: asked for again, it is built anew. A searcher
  // still holding the old table keeps it.
  (void)cache.table(db_, "build-a:3", "XMIN");
  EXPECT_NE(cache.table(db_, "build-a:1", "XMIN"), before);
  EXPECT_EQ(counted(*before, {1}),
            (std::map<std::string, uint32_t>{{"XMINBZK", 1}, {"XMINVWS", 1}}));
}

}  // namespace
}  // namespace dealsearch::searcher
