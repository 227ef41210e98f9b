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
  const std::vector<const DealRecord*> unique =
      last_of_each_id(records, builders.front()->analyzer().data().folder(), duplicates);
  if (listener.duplicate_id) {
    for (const Diagnostic& duplicate : duplicates) {
      listener.duplicate_id(duplicate);
    }
  }
  const auto progress = [&](size_t done) {
    if (listener.progress) {
      listener.progress(done, unique.size());
    }
  };
  if (change.update) {
    // Updates are small and keep input order in one transaction.
    writer.begin_update();
    size_t done = 0;
    build_in_order(unique, builders, [&](const BuiltDeal& built) {
      writer.add(built);
      progress(++done);
    });
  } else {
    // A rebuild writes one part per thread, merged and compacted at the end.
    writer.begin_rebuild(builders.size());
    build_into_parts(unique, builders, writer, progress);
  }
  for (const std::string& id : change.delete_ids) {
    if (!writer.remove(id) && listener.nothing_to_delete) {
      listener.nothing_to_delete(id);
    }
  }
  return {unique.size(), writer.commit()};
}

}  // namespace dealsearch::indexer
