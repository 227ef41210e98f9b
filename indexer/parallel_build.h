// Building deals on every core while the index writer takes them.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "indexer/deal_builder.h"
#include "indexer/index_writer.h"

namespace dealsearch::indexer {

// The records to build, in input order, a batch at a time: the next up to `max`, and none at
// the end (RecordSpool::Reader::next). Called by one thread at a time.
using NextRecords = std::function<std::vector<DealRecord>(size_t max)>;

// Builds the records `next` gives with `builders` (one per thread; a DealBuilder is not
// thread-safe) in batches, and hands each BuiltDeal to `consume` on the calling thread, in
// input order, while the next batch is being built: analysis runs on all cores, Xapian's
// writer on this one. Memory holds two batches at most. An exception from a builder is
// rethrown here, after the running batch has stopped.
void build_in_order(const NextRecords& next, std::vector<std::unique_ptr<DealBuilder>>& builders,
                    const std::function<void(const BuiltDeal&)>& consume);

// Builds the records `next` gives with one thread per builder, thread k adding its deals to
// part k of `writer` (begun with as many parts; of each deal's shard), so that analysis and
// Xapian's writing both run on every core. The threads take small batches in turn, so that
// which deal goes to which part depends on the input alone, and memory holds one batch a
// thread. `progress` is called on the calling thread a few times a second and at the end with
// the number of deals done. Ids must be unique (RecordSpool::last_of_each_id). An exception
// from a builder or the writer is rethrown here after all threads have stopped.
void build_into_parts(const NextRecords& next, std::vector<std::unique_ptr<DealBuilder>>& builders,
                      IndexWriter& writer, const std::function<void(size_t done)>& progress);

}  // namespace dealsearch::indexer
