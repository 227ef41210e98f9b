// FacetTable: which values of one facet each document has, as integer ids, so that counting
// the facet over a search's matches is one pass over the matches, not a walk over every
// value's posting list (which costs in proportion to the whole collection).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace dealsearch::searcher {

class FacetTable {
 public:
  // Reads every term with `prefix` ("XMIN") and its postings from `db`, as it is now: build
  // one again after the database is reopened.
  FacetTable(const Xapian::Database& db, std::string_view prefix);

  // How many of `matches` (docids) have each value: counts[id], ids as term(id).
  [[nodiscard]] std::vector<uint32_t> count(const std::vector<Xapian::docid>& matches) const;

  // The whole term of value `id` ("XMINBZK").
  [[nodiscard]] const std::string& term(uint32_t id) const { return terms_[id]; }
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
// its own copy in memory. Keeps the tables of the two newest revisions (a searcher that
// holds an older one keeps it alive). Thread-safe.
class FacetTableCache {
 public:
  // The table of the terms with `prefix` in `db`, whose revision is `revision` (its
  // IndexInfo::revision: build directory and commit).
  [[nodiscard]] std::shared_ptr<const FacetTable> table(const Xapian::Database& db,
                                                        const std::string& revision,
                                                        std::string_view prefix);

 private:
  static constexpr size_t kRevisionsKept = 2;

  std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<const FacetTable>> tables_;
  std::deque<std::string> revisions_;  // newest last
};

}  // namespace dealsearch::searcher
