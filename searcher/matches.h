// The docids of every match of a query: what exact totals and facet counts are made of.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

namespace dealsearch::searcher {

// A query that every document matches. Not Xapian::Query::MatchAll: that is one static object
// whose reference count is not atomic, so copying it on two threads at once corrupts the count
// and the server crashes (Xapian's query.h says as much).
[[nodiscard]] inline Xapian::Query every_document() { return Xapian::Query(std::string()); }

// Records the docid of every match the matcher examines (all of them, when get_mset is told
// to check every document), without the cost of an MSet entry for each. Add it to a ranked
// Enquire to get the matches from the same run as the top hits. Not thread-safe: one per
// search, like the Enquire it is added to.
class DocidCollector : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  // The docids recorded, ascending; the collector is empty afterwards.
  [[nodiscard]] std::vector<Xapian::docid> sorted();

 private:
  std::vector<Xapian::docid> docids_;
};

// Records the docid and the weight of every match the matcher examines: a run whose matches
// are ranked and counted afterwards, in ways one Enquire cannot (Facets::run_filtered()). Not
// thread-safe: one per search.
class WeightCollector : public Xapian::MatchSpy {
 public:
  struct Match {
    Xapian::docid docid;
    double weight;
  };
  void operator()(const Xapian::Document& doc, double weight) override;
  // The matches recorded, by ascending docid; the collector is empty afterwards.
  [[nodiscard]] std::vector<Match> sorted();

 private:
  std::vector<Match> matches_;
};

// Every match of `query` in `db`, ascending, unranked (BoolWeight): the pass a facet with its
// own filter needs, since its counts ignore that filter.
[[nodiscard]] std::vector<Xapian::docid> matching_docids(const Xapian::Database& db,
                                                         const Xapian::Query& query);

}  // namespace dealsearch::searcher
