// build_in_order: one batch built by all builders while the previous one is consumed.
#include "indexer/parallel_build.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>

#include "indexer/fan_out.h"

namespace dealsearch::indexer {
namespace {

// Large enough to keep every thread busy, small enough to bound memory (a batch of built
// documents of 1,000-word deals is a few tens of megabytes).
constexpr size_t kBatchSize = 256;

std::vector<BuiltDeal> build_batch(const std::vector<const DealRecord*>& records, size_t begin,
                                   size_t end,
                                   std::vector<std::unique_ptr<DealBuilder>>& builders) {
  std::vector<BuiltDeal> batch(end - begin);
  fan_out(builders.size(), [&](size_t t) {
    for (size_t i = begin + t; i < end; i += builders.size()) {
      batch[i - begin] = builders[t]->build(*records[i]);
    }
  });
  return batch;
}

}  // namespace

void build_in_order(const std::vector<const DealRecord*>& records,
                    std::vector<std::unique_ptr<DealBuilder>>& builders,
                    const std::function<void(const BuiltDeal&)>& consume) {
  if (records.empty() || builders.empty()) {
    return;
  }
  const auto start = [&](size_t begin) {
    return std::async(std::launch::async, build_batch, std::cref(records), begin,
                      std::min(begin + kBatchSize, records.size()), std::ref(builders));
  };
  std::future<std::vector<BuiltDeal>> next = start(0);
  for (size_t begin = 0; begin < records.size(); begin += kBatchSize) {
    const std::vector<BuiltDeal> batch = next.get();
    if (begin + kBatchSize < records.size()) {
      next = start(begin + kBatchSize);
    }
    for (const BuiltDeal& built : batch) {
      consume(built);
    }
  }
}

void build_into_parts(const std::vector<const DealRecord*>& records,
                      std::vector<std::unique_ptr<DealBuilder>>& builders, IndexWriter& writer,
                      const std::function<void(size_t done)>& progress) {
  std::atomic<size_t> done{0};
  std::atomic<bool> failed{false};
  FanOut threads(builders.size(), [&](size_t t) {
    try {
      for (size_t i = t; i < records.size() && !failed; i += builders.size()) {
        writer.add(builders[t]->build(*records[i]), t);
        ++done;
      }
    } catch (...) {
      failed = true;  // the other threads stop at their next deal
      throw;
    }
  });
  // The progress reports come every quarter second; the last thread to finish ends the wait
  // at once, so a small build does not idle for the rest of a quarter.
  do {
    progress(done);
  } while (!threads.wait_for(std::chrono::milliseconds(250)));
  threads.join();
  progress(done);
}

}  // namespace dealsearch::indexer
