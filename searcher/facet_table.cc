// FacetTable: postings turned around, from value -> documents into document -> values.
#include "searcher/facet_table.h"

#include <algorithm>
#include <utility>

namespace dealsearch::searcher {

FacetTable::FacetTable(const Xapian::Database& db, std::string_view prefix) {
  const std::string start(prefix);
  std::vector<std::pair<Xapian::docid, uint32_t>> postings;  // (document, value id)
  for (auto term = db.allterms_begin(start); term != db.allterms_end(start); ++term) {
    const auto id = static_cast<uint32_t>(terms_.size());
    terms_.push_back(*term);
    for (auto posting = db.postlist_begin(*term); posting != db.postlist_end(*term); ++posting) {
      postings.emplace_back(*posting, id);
    }
  }
  // A counting sort by document: rows in docid order, each row's ids in term order.
  const Xapian::docid last = db.get_lastdocid();
  first_.assign(static_cast<size_t>(last) + 2, 0);
  for (const auto& [docid, id] : postings) {
    ++first_[docid + 1];
  }
  for (size_t d = 1; d < first_.size(); ++d) {
    first_[d] += first_[d - 1];
  }
  ids_.resize(postings.size());
  std::vector<uint32_t> next(first_.begin(), first_.end() - 1);
  for (const auto& [docid, id] : postings) {
    ids_[next[docid]++] = id;
  }
}

std::vector<uint32_t> FacetTable::count(const std::vector<Xapian::docid>& matches) const {
  std::vector<uint32_t> counts(terms_.size(), 0);
  for (const Xapian::docid docid : matches) {
    if (docid + 1 >= first_.size()) {
      continue;  // added after this table was built; the searcher reopens and rebuilds
    }
    for (uint32_t k = first_[docid]; k < first_[docid + 1]; ++k) {
      ++counts[ids_[k]];
    }
  }
  return counts;
}

std::shared_ptr<const FacetTable> FacetTableCache::table(const Xapian::Database& db,
                                                         const std::string& revision,
                                                         std::string_view prefix) {
  // Built under the lock: a searcher that finds a table missing would otherwise build
  // another copy while the first is being built.
  const std::lock_guard lock(mutex_);
  auto key = std::make_pair(revision, std::string(prefix));
  if (const auto found = tables_.find(key); found != tables_.end()) {
    return found->second;
  }
  if (std::find(revisions_.begin(), revisions_.end(), revision) == revisions_.end()) {
    revisions_.push_back(revision);
    while (revisions_.size() > kRevisionsKept) {
      const std::string oldest = revisions_.front();
      revisions_.pop_front();
      std::erase_if(tables_, [&](const auto& entry) { return entry.first.first == oldest; });
    }
  }
  auto table = std::make_shared<const FacetTable>(db, prefix);
  tables_.emplace(std::move(key), table);
  return table;
}

}  // namespace dealsearch::searcher
