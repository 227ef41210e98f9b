// The docids of every match of a query: what exact totals and facet counts are made of.
#pragma once

#include <xapian.h>

#include <vector>

namespace dealsearch::searcher {

// Records the docid of every match the matcher examines (all of them, when get_mset is told
// to check every document), without the cost of an MSet entry for each. Add it to a ranked
// Enquire to get the matches from the same run as the top hits.
class DocidCollector : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double weight) override;
  // The docids recorded, ascending; the collector is empty afterwards.
  [[nodiscard]] std::vector<Xapian::docid> sorted();

 private:
  std::vector<Xapian::docid> docids_;
};

// Every match of `query` in `db`, ascending, unranked (BoolWeight): the pass a facet with its
// own filter needs, since its counts ignore that filter.
[[nodiscard]] std::vector<Xapian::docid> matching_docids(const Xapian::Database& db,
                                                         const Xapian::Query& query);

}  // namespace dealsearch::searcher
