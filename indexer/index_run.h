// One indexing run, the way `dealsearch index` makes it: records in, the index changed.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "indexer/deal_builder.h"
#include "indexer/deal_record.h"
#include "indexer/diagnostic.h"
#include "indexer/index_writer.h"
#include "indexer/record_spool.h"

namespace dealsearch::indexer {

// What a run changes.
struct IndexChange {
  // false (the default): a full rebuild; the index then holds the records' deals alone.
  // true: an update; the records' deals are added or replace the deals with their ids, and
  // the other deals stay.
  bool update = false;
  // Ids of deals to delete once the records are written (default: none).
  std::vector<std::string> delete_ids = {};
};

// What a run reports while it runs, on the calling thread. Each may be left empty.
struct IndexListener {
  // Deals written, `done` of `total`: after each deal in an update; a few times a second and
  // at the end in a rebuild.
  ProgressCallback progress;
  // A record left out because a later one has its id (see last_of_each_id), before anything
  // is written.
  std::function<void(const Diagnostic& warning)> duplicate_id;
  // An id of IndexChange::delete_ids that no deal has, before the change is committed.
  std::function<void(const std::string& id)> nothing_to_delete;
};

struct IndexRunResult {
  size_t deals = 0;         // records written: the last of each id, of this index's shards
  size_t other_shards = 0;  // records left out: their deals live in shards of other machines
  IndexStats stats;         // of the index after the change
};

// Indexes the records of `spool` into `writer`'s index. The last record of each id is kept
// (RecordSpool::last_of_each_id), and only those whose deals belong in the writer's shards
// (IndexWriter::holds(): with --shard K/N, the deals of shard K); deletions too. The records
// are read back a few at a time and built on all `builders` at once (one thread each; at
// least one builder), so that memory holds a few records a thread, however many there are. A
// rebuild writes one part per builder and shard, merged when committed; an update writes in
// input order in one transaction a shard. Then the deletions, then commit().
//
// Throws what DealBuilder, IndexWriter and RecordSpool throw (dealsearch::Error); the index
// then stays as it was. `builders` are the caller's; a builder is used by one thread at a time.
IndexRunResult index_records(RecordSpool& spool, const IndexChange& change,
                             std::vector<std::unique_ptr<DealBuilder>>& builders,
                             IndexWriter& writer, const IndexListener& listener = {});

// The same for records in memory (tests, the seed corpus): they go through a spool in the
// writer's directory of builds.
IndexRunResult index_records(const std::vector<DealRecord>& records, const IndexChange& change,
                             std::vector<std::unique_ptr<DealBuilder>>& builders,
                             IndexWriter& writer, const IndexListener& listener = {});

}  // namespace dealsearch::indexer
