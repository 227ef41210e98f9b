// index_records: the last of each id, built on every builder, written as a rebuild or an update.
#include "indexer/index_run.h"

#include <algorithm>
#include <cassert>

#include "indexer/parallel_build.h"

namespace dealsearch::indexer {

IndexRunResult index_records(RecordSpool& spool, const IndexChange& change,
                             std::vector<std::unique_ptr<DealBuilder>>& builders,
                             IndexWriter& writer, const IndexListener& listener) {
  assert(!builders.empty());
  std::vector<Diagnostic> duplicates;
  std::vector<bool> wanted = spool.last_of_each_id(duplicates);
  if (listener.duplicate_id) {
    for (const Diagnostic& duplicate : duplicates) {
      listener.duplicate_id(duplicate);
    }
  }
  const auto last_count = static_cast<size_t>(std::count(wanted.begin(), wanted.end(), true));
  // Begun first: an update learns the index's shards from the index itself.
  change.update ? writer.begin_update() : writer.begin_rebuild(builders.size());
  for (size_t i = 0; i < wanted.size(); ++i) {
    wanted[i] = wanted[i] && writer.holds(spool.id(i));
  }
  const auto unique = static_cast<size_t>(std::count(wanted.begin(), wanted.end(), true));
  RecordSpool::Reader reader = spool.read(std::move(wanted));
  const NextRecords next = [&reader](size_t max) { return reader.next(max); };
  const auto progress = [&](size_t done) {
    if (listener.progress) {
      listener.progress(done, unique);
    }
  };
  if (change.update) {
    // Updates are small and keep input order in one transaction.
    size_t done = 0;
    build_in_order(next, builders, [&](const BuiltDeal& built) {
      writer.add(built);
      progress(++done);
    });
  } else {
    // A rebuild writes one part per thread, merged and compacted at the end.
    build_into_parts(next, builders, writer, progress);
  }
  for (const std::string& id : change.delete_ids) {
    // Another shard's deal is its machine's to delete, with the same --delete.
    if (writer.holds(id) && !writer.remove(id) && listener.nothing_to_delete) {
      listener.nothing_to_delete(id);
    }
  }
  return {unique, last_count - unique, writer.commit()};
}

IndexRunResult index_records(const std::vector<DealRecord>& records, const IndexChange& change,
                             std::vector<std::unique_ptr<DealBuilder>>& builders,
                             IndexWriter& writer, const IndexListener& listener) {
  assert(!builders.empty());
  RecordSpool spool(writer.builds_directory(), builders.front()->analyzer().data().folder());
  for (const DealRecord& record : records) {
    spool.append(record);
  }
  return index_records(spool, change, builders, writer, listener);
}

}  // namespace dealsearch::indexer
