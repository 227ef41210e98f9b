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

std::optional<uint32_t> FacetTable::id_of(std::string_view term) const {
  // terms_ is in term order: the database lists them so.
  const auto found = std::lower_bound(terms_.begin(), terms_.end(), term);
  if (found == terms_.end() || *found != term) {
    return std::nullopt;
  }
  return static_cast<uint32_t>(found - terms_.begin());
}

bool FacetTable::has_any(Xapian::docid docid, const std::vector<uint32_t>& ids) const {
  if (docid + 1 >= first_.size()) {
    return false;  // added after this table was built
  }
  // A row's ids are ascending, as `ids` are: one merge.
  auto row = ids_.begin() + first_[docid];
  const auto row_end = ids_.begin() + first_[docid + 1];
  auto wanted = ids.begin();
  while (row != row_end && wanted != ids.end()) {
    if (*row == *wanted) {
      return true;
    }
    *row < *wanted ? ++row : ++wanted;
  }
  return false;
}

FacetTableCache::FacetTableCache(Builder builder) : builder_(std::move(builder)) {
  if (!builder_) {
    builder_ = [](const Xapian::Database& db, std::string_view prefix) {
      return std::make_shared<const FacetTable>(db, prefix);
    };
  }
}

std::shared_ptr<const FacetTable> FacetTableCache::table(const Xapian::Database& db,
                                                         const IndexInfo& revision,
                                                         std::string_view prefix) {
  const Age age(revision.built_at, 0);
  std::promise<std::shared_ptr<const FacetTable>> promise;
  Future built;
  bool keep = true;
  {
    const std::lock_guard lock(mutex_);
    auto found = revisions_.find(revision.revision);
    if (found == revisions_.end()) {
      keep = make_room_for(age);
      if (keep) {
        found = revisions_.emplace(revision.revision, Revision{age, {}}).first;
      }
    }
    if (keep) {
      auto& tables = found->second.tables;
      if (const auto table = tables.find(prefix); table != tables.end()) {
        built = table->second;
      } else {
        tables.emplace(std::string(prefix), promise.get_future().share());
      }
    }
  }
  if (!keep) {
    return builder_(db, prefix);
  }
  if (!built.valid()) {
    return build(db, revision.revision, prefix, std::move(promise));
  }
  try {
    return built.get();
  } catch (...) {
    // The build failed with its searcher's database (changed under it, say); this searcher's
    // own may do, and if not, it says why.
    return builder_(db, prefix);
  }
}

std::shared_ptr<const FacetTable> FacetTableCache::build(
    const Xapian::Database& db, const std::string& revision, std::string_view prefix,
    std::promise<std::shared_ptr<const FacetTable>> promise) {
  try {
    std::shared_ptr<const FacetTable> table = builder_(db, prefix);
    promise.set_value(table);
    return table;
  } catch (...) {
    promise.set_exception(std::current_exception());
    // Not kept: the next searcher that asks builds it again.
    const std::lock_guard lock(mutex_);
    if (const auto found = revisions_.find(revision); found != revisions_.end()) {
      found->second.tables.erase(std::string(prefix));
    }
    throw;
  }
}

bool FacetTableCache::make_room_for(const Age& age) {
  while (revisions_.size() >= kRevisionsKept) {
    const auto oldest =
        std::min_element(revisions_.begin(), revisions_.end(),
                         [](const auto& a, const auto& b) { return a.second.age < b.second.age; });
    // A lagging searcher's revision is not worth keeping, nor evicting a newer one for. Of
    // two of the same age (two rebuilds within a second), the one asked for last is kept:
    // it is the likelier to be the index now.
    if (age < oldest->second.age) {
      return false;
    }
    revisions_.erase(oldest);
  }
  return true;
}

}  // namespace dealsearch::searcher
