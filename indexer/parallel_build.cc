// build_in_order: one batch built by all builders while the previous one is consumed;
// build_into_parts: each thread its turn at the records, then its part of the index.
#include "indexer/parallel_build.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>

#include "indexer/fan_out.h"

namespace dealsearch::indexer {
namespace {

// Large enough to keep every thread busy, small enough to bound memory (a batch of built
// documents of 1,000-word deals is a few tens of megabytes).
constexpr size_t kBatchSize = 256;

// A thread's turn at the records in build_into_parts: small, so that a thread that drew
// long deals holds the others back little.
constexpr size_t kTurnSize = 8;

std::vector<BuiltDeal> build_batch(const std::vector<DealRecord>& records,
                                   std::vector<std::unique_ptr<DealBuilder>>& builders) {
  std::vector<BuiltDeal> batch(records.size());
  fan_out(builders.size(), [&](size_t t) {
    for (size_t i = t; i < records.size(); i += builders.size()) {
      batch[i] = builders[t]->build(records[i]);
    }
  });
  return batch;
}

// Hands out the records a batch at a time to threads 0, 1, ..., n-1, 0, 1, ... in turn.
class Turns {
 public:
  Turns(const NextRecords& next, size_t threads) : next_(next), threads_(threads) {}

  // Thread `t`'s next batch: empty at the end, or once stop() was called.
  std::vector<DealRecord> take(size_t t) {
    std::unique_lock lock(mutex_);
    turn_changed_.wait(lock, [&] { return turn_ == t || stopped_; });
    std::vector<DealRecord> batch;
    if (!stopped_) {
      try {
        batch = next_(kTurnSize);
      } catch (...) {
        stop_locked();
        throw;
      }
    }
    turn_ = (turn_ + 1) % threads_;
    turn_changed_.notify_all();
    return batch;
  }

  // The others find no more records (a thread that failed, or ran out, says so).
  void stop() {
    const std::lock_guard lock(mutex_);
    stop_locked();
  }

 private:
  void stop_locked() {
    stopped_ = true;
    turn_changed_.notify_all();
  }

  const NextRecords& next_;
  const size_t threads_;
  std::mutex mutex_;
  std::condition_variable turn_changed_;
  size_t turn_ = 0;
  bool stopped_ = false;
};

}  // namespace

void build_in_order(const NextRecords& next, std::vector<std::unique_ptr<DealBuilder>>& builders,
                    const std::function<void(const BuiltDeal&)>& consume) {
  if (builders.empty()) {
    return;
  }
  const auto start = [&](std::vector<DealRecord> records) {
    return std::async(
        std::launch::async,
        [&builders](const std::vector<DealRecord>& batch) { return build_batch(batch, builders); },
        std::move(records));
  };
  std::vector<DealRecord> records = next(kBatchSize);
  if (records.empty()) {
    return;
  }
  std::future<std::vector<BuiltDeal>> building = start(std::move(records));
  while (true) {
    const std::vector<BuiltDeal> batch = building.get();
    records = next(kBatchSize);
    const bool more = !records.empty();
    if (more) {
      building = start(std::move(records));
    }
    for (const BuiltDeal& built : batch) {
      consume(built);
    }
    if (!more) {
      return;
    }
  }
}

void build_into_parts(const NextRecords& next, std::vector<std::unique_ptr<DealBuilder>>& builders,
                      IndexWriter& writer, const std::function<void(size_t done)>& progress) {
  std::atomic<size_t> done{0};
  Turns turns(next, builders.size());
  FanOut threads(builders.size(), [&](size_t t) {
    try {
      for (std::vector<DealRecord> batch = turns.take(t); !batch.empty(); batch = turns.take(t)) {
        for (const DealRecord& record : batch) {
          writer.add(builders[t]->build(record), t);
          ++done;
        }
      }
    } catch (...) {
      turns.stop();  // the other threads stop at their next turn
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
