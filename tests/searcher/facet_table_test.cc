// FacetTable counts each facet value over a set of matches, exactly as the postings say.
#include "searcher/facet_table.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>

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

}  // namespace
}  // namespace dealsearch::searcher
