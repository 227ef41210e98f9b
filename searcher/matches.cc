#include "searcher/matches.h"

#include <algorithm>

namespace dealsearch::searcher {

void DocidCollector::operator()(const Xapian::Document& doc, double /*weight*/) {
  docids_.push_back(doc.get_docid());
}

std::vector<Xapian::docid> DocidCollector::sorted() {
  std::sort(docids_.begin(), docids_.end());
  return std::move(docids_);
}

void WeightCollector::operator()(const Xapian::Document& doc, double weight) {
  matches_.push_back({doc.get_docid(), weight});
}

std::vector<WeightCollector::Match> WeightCollector::sorted() {
  // One database's matcher examines its documents in docid order already: checked, not
  // assumed.
  if (!std::is_sorted(matches_.begin(), matches_.end(),
                      [](const Match& a, const Match& b) { return a.docid < b.docid; })) {
    std::sort(matches_.begin(), matches_.end(),
              [](const Match& a, const Match& b) { return a.docid < b.docid; });
  }
  return std::move(matches_);
}

std::vector<Xapian::docid> matching_docids(const Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  DocidCollector collector;
  enquire.add_matchspy(&collector);
  (void)enquire.get_mset(0, 0, db.get_doccount());
  return collector.sorted();
}

}  // namespace dealsearch::searcher
