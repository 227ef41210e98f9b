// FacetTable: which values of one facet each document has, as integer ids, so that counting
// the facet over a search's matches is one pass over the matches, not a walk over every
// value's posting list (which costs in proportion to the whole collection).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/index_reader.h"

namespace dealsearch::searcher {

// Immutable once built: one table may be read by any number of threads at once (the server's
// workers share them through FacetTableCache).
class FacetTable {
 public:
  // Reads every term with `prefix` ("XMIN") and its postings from `db`, as it is now: build
  // one again after the database is reopened.
  FacetTable(const Xapian::Database& db, std::string_view prefix);

  // How many of `matches` (docids) have each value: counts[id], ids as term(id).
  [[nodiscard]] std::vector<uint32_t> count(const std::vector<Xapian::docid>& matches) const;

  // The whole term of value `id` ("XMINBZK").
  [[nodiscard]] const std::string& term(uint32_t id) const { return terms_[id]; }
  // The id of the value whose whole term is `term`, or nullopt when no document has it.
  [[nodiscard]] std::optional<uint32_t> id_of(std::string_view term) const;
  // Whether document `docid` has any of the values `ids` (ascending).
  [[nodiscard]] bool has_any(Xapian::docid docid, const std::vector<uint32_t>& ids) const;
  [[nodiscard]] size_t values() const { return terms_.size(); }

 private:
  std::vector<std::string> terms_;
  // Document d's value ids are ids_[first_[d]] up to ids_[first_[d + 1]] (compressed rows).
  std::vector<uint32_t> first_;
  std::vector<uint32_t> ids_;
};

// The facet tables of the index revisions in use, shared by the searchers of a process (a
// table never changes once built): each is built once per revision and facet, not once per
// server worker, which at 100,000 deals saves each worker about 90 ms after every commit and
// its own copy in memory.
//
// A table is built outside the cache's lock, by the first searcher that asks for it; others
// that ask for the same one meanwhile wait for that build, and those that ask for another
// table are served at once. The tables of the `kRevisionsKept` newest revisions are kept,
// newest by the time of their commit (IndexInfo::built_at, then the commit number): a
// searcher that still reads an older revision gets a table built for it alone, and never
// pushes out a newer one. (A searcher holds on to its tables, so an evicted one lives on
// while it is used.)
//
// Thread-safe: any number of threads may call table() at once.
class FacetTableCache {
 public:
  // How a table is made; by default FacetTable's constructor. Tests give one that waits.
  using Builder = std::function<std::shared_ptr<const FacetTable>(const Xapian::Database& db,
                                                                  std::string_view prefix)>;
  explicit FacetTableCache(Builder builder = nullptr);

  // The table of the terms with `prefix` in `db`, which is at `revision` (its IndexInfo).
  // Throws what reading `db` throws (Xapian::Error).
  [[nodiscard]] std::shared_ptr<const FacetTable> table(const Xapian::Database& db,
                                                        const IndexInfo& revision,
                                                        std::string_view prefix);

  static constexpr size_t kRevisionsKept = 2;

 private:
  using Future = std::shared_future<std::shared_ptr<const FacetTable>>;
  // Orders revisions by age: the time of the commit, then the commit's number (two commits
  // to one build in the same second).
  using Age = std::pair<std::string, uint64_t>;
  struct Revision {
    Age age;
    std::map<std::string, Future, std::less<>> tables;  // by prefix
  };
  // Builds a table for `revision` (under construction in `slot`), shares it with those that
  // wait for it, and returns it.
  std::shared_ptr<const FacetTable> build(const Xapian::Database& db, const std::string& revision,
                                          std::string_view prefix,
                                          std::promise<std::shared_ptr<const FacetTable>> promise);
  // With mutex_ held, for a revision of `age` not kept yet: drops the oldest kept revision if
  // there are kRevisionsKept already and it is not newer than `age`; returns whether there is
  // room now. (Evicting before inserting: the revision asked for is never the one evicted.)
  bool make_room_for(const Age& age);

  Builder builder_;
  std::mutex mutex_;
  std::map<std::string, Revision> revisions_;  // by IndexInfo::revision
};

}  // namespace dealsearch::searcher
