// FacetTable counts each facet value over a set of matches, exactly as the postings say.
#include "searcher/facet_table.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <future>
#include <latch>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "tests/support/test_files.h"

namespace dealsearch::searcher {
namespace {

// Each value of `table` with its count over `matches`, by term.
std::map<std::string, uint32_t> counted(const FacetTable& table,
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

// What a filter asks of a document: whether it has any of the values the filter allows.
TEST_F(FacetTableTest, TellsWhetherADocumentHasAnyOfSomeValues) {
  const FacetTable ministries(db_, "XMIN");
  const uint32_t bzk = ministries.id_of("XMINBZK").value();
  const uint32_t ocw = ministries.id_of("XMINOCW").value();
  const uint32_t vws = ministries.id_of("XMINVWS").value();
  EXPECT_EQ(ministries.term(bzk), "XMINBZK");
  EXPECT_EQ(ministries.id_of("XMINEZK"), std::nullopt) << "no document has it";
  EXPECT_EQ(ministries.id_of("XMIN"), std::nullopt);

  EXPECT_TRUE(ministries.has_any(1, {bzk}));
  EXPECT_TRUE(ministries.has_any(1, {vws}));
  EXPECT_FALSE(ministries.has_any(1, {ocw}));
  EXPECT_TRUE(ministries.has_any(4, {ocw, vws}));
  EXPECT_FALSE(ministries.has_any(3, {bzk, ocw, vws})) << "no ministry at all";
  EXPECT_FALSE(ministries.has_any(2, {bzk})) << "deleted";
  EXPECT_FALSE(ministries.has_any(1, {})) << "a filter no value can satisfy";
  add({"XMINBZK"});  // docid 5, after the table was built
  EXPECT_FALSE(ministries.has_any(5, {bzk}));
}

// The cache, as a server's workers use it: each thread with a database of its own (Xapian's
// are not thread-safe), all asking at once.
class FacetTableCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Xapian::WritableDatabase db(path(), Xapian::DB_CREATE);
    for (const char* ministry : {"XMINBZK", "XMINVWS", "XMINBZK"}) {
      Xapian::Document document;
      document.add_boolean_term(ministry);
      document.add_boolean_term("XSTATUSafgerond");
      db.add_document(document);
    }
    db.commit();
  }

  std::string path() const { return (directory_.path() / "db").string(); }

  static IndexInfo revision(std::string name, std::string built_at, uint64_t commit) {
    IndexInfo info;
    info.revision = std::move(name);
    info.built_at = std::move(built_at);
    info.built_at += "#" + std::to_string(commit);  // (the helper branch removes this table)
    return info;
  }

  // The builder the cache uses: FacetTable's, counting the builds of each prefix.
  FacetTableCache::Builder counting_builder() {
    return [this](const Xapian::Database& db, std::string_view prefix) {
      {
        const std::lock_guard lock(mutex_);
        ++builds_[std::string(prefix)];
      }
      return std::make_shared<const FacetTable>(db, prefix);
    };
  }

  int builds(const std::string& prefix) {
    const std::lock_guard lock(mutex_);
    return builds_[prefix];
  }

  testing::TemporaryDirectory directory_;
  std::mutex mutex_;
  std::map<std::string, int> builds_;
};

TEST_F(FacetTableCacheTest, BuildsEachTableOncePerRevisionForAllItsSearchers) {
  FacetTableCache cache(counting_builder());
  const IndexInfo r1 = revision("build-a:1", "2026-11-30T10:00:00Z", 1);
  constexpr int kThreads = 8;
  std::latch start(kThreads);
  std::vector<std::shared_ptr<const FacetTable>> tables(kThreads);
  std::vector<std::thread> workers;
  for (int i = 0; i < kThreads; ++i) {
    workers.emplace_back([&, i] {
      const Xapian::Database db(path());
      start.arrive_and_wait();
      tables[i] = cache.table(db, r1, "XMIN");
    });
  }
  for (std::thread& worker : workers) {
    worker.join();
  }
  EXPECT_EQ(builds("XMIN"), 1);
  for (const auto& table : tables) {
    EXPECT_EQ(table, tables.front());
  }
  EXPECT_EQ(counted(*tables.front(), {1, 2, 3}),
            (std::map<std::string, uint32_t>{{"XMINBZK", 2}, {"XMINVWS", 1}}));
}

TEST_F(FacetTableCacheTest, ATableBeingBuiltHoldsUpOnlyThoseWhoWaitForIt) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> building;
  std::atomic<bool> first = true;
  FacetTableCache cache([&](const Xapian::Database& db, std::string_view prefix) {
    if (prefix == "XMIN" && first.exchange(false)) {
      building.set_value();
      released.wait();  // the first ministries' table takes as long as the test says
    }
    return std::make_shared<const FacetTable>(db, prefix);
  });
  const IndexInfo r1 = revision("build-a:1", "2026-11-30T10:00:00Z", 1);
  const IndexInfo r2 = revision("build-a:2", "2026-11-30T10:00:05Z", 2);
  std::thread slow([&] {
    const Xapian::Database db(path());
    (void)cache.table(db, r1, "XMIN");
  });
  building.get_future().wait();
  // While it builds, other tables of its revision and of another are served.
  auto others = std::async(std::launch::async, [&] {
    const Xapian::Database db(path());
    return cache.table(db, r1, "XSTATUS") != nullptr && cache.table(db, r2, "XMIN") != nullptr;
  });
  // A liveness bound, not a speed check: with the build under the cache's lock this never ends.
  const bool served = others.wait_for(std::chrono::seconds(60)) == std::future_status::ready;
  release.set_value();
  slow.join();
  ASSERT_TRUE(served);
  EXPECT_TRUE(others.get());
}

TEST_F(FacetTableCacheTest, KeepsTheNewestRevisionsWhateverOrderTheyAreAskedIn) {
  FacetTableCache cache(counting_builder());
  const Xapian::Database db(path());
  const IndexInfo r1 = revision("build-a:1", "2026-11-30T10:00:00Z", 1);
  const IndexInfo r2 = revision("build-a:2", "2026-11-30T10:00:00Z", 2);  // the same second
  const IndexInfo r3 = revision("build-b:1", "2026-11-30T10:01:00Z", 1);  // a rebuild
  const auto first = cache.table(db, r2, "XMIN");
  const auto second = cache.table(db, r3, "XMIN");
  // A lagging searcher, still on r1, gets a table, but pushes out neither newer revision.
  const auto lagging = cache.table(db, r1, "XMIN");
  EXPECT_NE(lagging, nullptr);
  EXPECT_NE(cache.table(db, r1, "XMIN"), lagging);  // not kept
  EXPECT_EQ(cache.table(db, r2, "XMIN"), first);
  EXPECT_EQ(cache.table(db, r3, "XMIN"), second);
  // A newer revision pushes out the oldest kept one.
  const IndexInfo r4 = revision("build-b:2", "2026-11-30T10:02:00Z", 2);
  const auto fourth = cache.table(db, r4, "XMIN");
  EXPECT_EQ(cache.table(db, r3, "XMIN"), second);
  EXPECT_EQ(cache.table(db, r4, "XMIN"), fourth);
  const int before = builds("XMIN");
  (void)cache.table(db, r2, "XMIN");
  EXPECT_EQ(builds("XMIN"), before + 1);  // built anew, for that searcher alone
  // A searcher still holding a table that was pushed out keeps it whole.
  EXPECT_EQ(counted(*first, {1, 2, 3}),
            (std::map<std::string, uint32_t>{{"XMINBZK", 2}, {"XMINVWS", 1}}));
}

TEST_F(FacetTableCacheTest, OfTwoRebuildsInOneSecondKeepsTheOneAskedForLast) {
  FacetTableCache cache(counting_builder());
  const Xapian::Database db(path());
  // Two builds committed in the same second, each at its first commit: the same age. The
  // later one's name sorts first, so an age-only choice would have evicted it on arrival.
  const IndexInfo earlier = revision("build-m:1", "2026-11-30T10:00:00Z", 1);
  const IndexInfo newest = revision("build-n:1", "2026-11-30T10:00:07Z", 1);
  const IndexInfo rebuilt = revision("build-a:1", "2026-11-30T10:00:00Z", 1);
  (void)cache.table(db, earlier, "XMIN");
  const auto kept = cache.table(db, newest, "XMIN");
  const auto table = cache.table(db, rebuilt, "XMIN");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(cache.table(db, rebuilt, "XMIN"), table);
  EXPECT_EQ(cache.table(db, newest, "XMIN"), kept);
  EXPECT_EQ(builds("XMIN"), 3);
  EXPECT_EQ(counted(*table, {1, 2, 3}),
            (std::map<std::string, uint32_t>{{"XMINBZK", 2}, {"XMINVWS", 1}}));
}

TEST_F(FacetTableCacheTest, AFailedBuildIsNotKept) {
  bool fail = true;
  FacetTableCache cache([&](const Xapian::Database& db, std::string_view prefix) {
    if (fail) {
      fail = false;
      throw Xapian::DatabaseModifiedError("the index changed under the first builder");
    }
    return std::make_shared<const FacetTable>(db, prefix);
  });
  const Xapian::Database db(path());
  const IndexInfo r1 = revision("build-a:1", "2026-11-30T10:00:00Z", 1);
  EXPECT_THROW((void)cache.table(db, r1, "XMIN"), Xapian::DatabaseModifiedError);
  const auto table = cache.table(db, r1, "XMIN");
  ASSERT_NE(table, nullptr);
  EXPECT_EQ(cache.table(db, r1, "XMIN"), table);
}

}  // namespace
}  // namespace dealsearch::searcher
