// index_records: the last of each id, built on every builder, written as a rebuild or an update.
#include "indexer/index_run.h"

#include <cassert>

#include "indexer/deal_ids.h"
#include "indexer/parallel_build.h"

namespace dealsearch::indexer {

IndexRunResult index_records(const std::vector<DealRecord>& records, const IndexChange& change,
                             std::vector<std::unique_ptr<DealBuilder>>& builders,
                             IndexWriter& writer, const IndexListener& listener) {
  assert(!builders.empty());
  std::vector<Diagnostic> duplicates;
  const analyzers::Folder& folder = builders.front()->analyzer().data().folder();
  const std::vector<const DealRecord*> last = last_of_each_id(records, folder, duplicates);
  if (listener.duplicate_id) {
    for (const Diagnostic& duplicate : duplicates) {
      listener.duplicate_id(duplicate);
    }
  }
  // Begun first: an update learns the index's shards from the index itself.
  change.update ? writer.begin_update() : writer.begin_rebuild(builders.size());
  std::vector<const DealRecord*> unique;
  for (const DealRecord* record : last) {
    if (writer.holds(deal_id(*record, folder))) {
      unique.push_back(record);
    }
  }
  const auto progress = [&](size_t done) {
    if (listener.progress) {
      listener.progress(done, unique.size());
    }
  };
  if (change.update) {
    // Updates are small and keep input order in one transaction.
    size_t done = 0;
    build_in_order(unique, builders, [&](const BuiltDeal& built) {
      writer.add(built);
      progress(++done);
    });
  } else {
    // A rebuild writes one part per thread, merged and compacted at the end.
    build_into_parts(unique, builders, writer, progress);
  }
  for (const std::string& id : change.delete_ids) {
    // Another shard's deal is its machine's to delete, with the same --delete.
    if (writer.holds(id) && !writer.remove(id) && listener.nothing_to_delete) {
      listener.nothing_to_delete(id);
    }
  }
  return {unique.size(), last.size() - unique.size(), writer.commit()};
}

}  // namespace dealsearch::indexer
