// MatchWeigher: every match of a query over one local database with its weight, the matching
// of a large database split in two halves of its docids, one on a thread of its own, when a
// core is free for it.
#pragma once

#include <xapian.h>

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "searcher/matches.h"

namespace dealsearch::searcher {

// Matches the docids from `first` to `last` (whether a document has them or not), with no
// weight: a filter that keeps a run to one part of a database. Its estimate is what the range
// spans of the database, so that Xapian may lead an AND with it, and a phrase or a NEAR under
// that AND is tested only at the docids offered to it (Xapian's check()).
class DocidRange : public Xapian::PostingSource {
 public:
  DocidRange(Xapian::docid first, Xapian::docid last);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return span_; }
  Xapian::doccount get_termfreq_max() const override { return span_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool check(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return started_ && current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  DocidRange* clone() const override { return new DocidRange(first_, last_); }
  std::string name() const override { return "dealsearch::DocidRange"; }

 private:
  Xapian::docid first_;
  Xapian::docid last_;
  Xapian::docid current_ = 0;
  bool started_ = false;
  Xapian::doccount span_ = 0;
};

// The query `query` restricted to the documents `range` matches (facets.h's filtered()).
using Restrict =
    std::function<Xapian::Query(const Xapian::Query& query, const Xapian::Query& range)>;

// Weighs every match of a query over one local database, as a ranked search weighs it.
//
// A run that walks many postings (at least `min_postings_to_split`: the postings of the
// query's terms) is split in two halves of the docids when fewer threads of the process weigh
// at that moment than the machine has cores: the first half on the calling thread, the second
// on a thread of its own with a database handle of its own on the same revision (Xapian's
// databases are not thread-safe) and its own copy of the query (a Xapian::Query's reference
// count is not atomic). The halves' matches, each in docid order, are the whole run's. A
// phrase or a NEAR of frequent words checks positions in tens of thousands of deals at
// 100,000; the other core halves the wait for such a search, while a loaded server, its cores
// busy, runs each search whole, and a light search is never split (a thread and a second run
// cost it more than they save).
//
// Not thread-safe: one per Searcher, whose thread calls weigh() and waits for its helper
// thread before it returns; the helper thread reads only its own copies and the second handle,
// which no other thread touches meanwhile. Shared between threads: the count of threads
// weighing in the process (an atomic).
class MatchWeigher {
 public:
  // Over 100,000 generated deals a split saved 20 ms and more of a heavy query's 50 to 60, and
  // cost a query of a few thousand postings more than it saved (bench/RESULTS.md).
  static constexpr size_t kMinPostingsToSplit = 20000;

  explicit MatchWeigher(size_t min_postings_to_split = kMinPostingsToSplit);
  MatchWeigher(const MatchWeigher&) = delete;
  MatchWeigher& operator=(const MatchWeigher&) = delete;

  // The database to open a second handle on for a split: the one local database's directory,
  // or nullopt (several shards, or remote ones: no split).
  void use_database(std::optional<std::filesystem::path> directory);

  // Every match of `query` over `db` (the database of use_database()'s directory) with its
  // weight, by ascending docid. `postings`: how many the run walks, about (postings_of());
  // `restrict` narrows the query to a half for a split.
  std::vector<WeightCollector::Match> weigh(const Xapian::Database& db, const Xapian::Query& query,
                                            size_t postings, const Restrict& restrict);

  // The postings of `query`'s terms in `db`: what a run of it walks, at most.
  [[nodiscard]] static size_t postings_of(const Xapian::Database& db, const Xapian::Query& query);

  // How many runs were split so far (for tests).
  [[nodiscard]] size_t splits() const { return splits_; }

 private:
  // The second handle at `db`'s revision, or null when there is none (then no split).
  Xapian::Database* helper_at_revision_of(const Xapian::Database& db);

  size_t min_postings_to_split_;
  std::optional<std::filesystem::path> directory_;
  std::optional<Xapian::Database> helper_;
  size_t splits_ = 0;
};

}  // namespace dealsearch::searcher
