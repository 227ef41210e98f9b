// SearcherPool: lend (at most so many at once), check against the stub file, give back.
#include "searcher/http/searcher_pool.h"

#include <malloc.h>

#include <chrono>

namespace dealsearch::http {

SearcherPool::SearcherPool(std::filesystem::path index,
                           std::shared_ptr<const analyzers::AnalyzerData> data,
                           size_t max_searchers, searcher::ShardOptions shard_options)
    : index_(std::move(index)),
      data_(std::move(data)),
      fingerprint_(analyzers::Analyzer(data_).fingerprint()),
      max_searchers_(std::max<size_t>(1, max_searchers)),
      shard_options_(shard_options),
      prober_([this] { probe_down_shards(); }) {}

SearcherPool::~SearcherPool() {
  {
    const std::lock_guard lock(prober_mutex_);
    stopping_ = true;
  }
  prober_wake_.notify_all();
  prober_.join();
}

void SearcherPool::probe_down_shards() {
  constexpr auto kProbeInterval = std::chrono::seconds(1);
  // Which build each remote shard serves is asked less often: a connection each time, and a
  // rebuild is rare.
  constexpr int kBuildCheckEvery = 5;  // probe intervals
  std::unique_lock lock(prober_mutex_);
  for (int round = 1; !prober_wake_.wait_for(lock, kProbeInterval, [&] { return stopping_; });
       ++round) {
    lock.unlock();
    for (const auto& [shard, why] : health_->down()) {
      if (const searcher::ShardProbe probe = searcher::probe_shard(shard, shard_options_);
          probe.answers()) {
        health_->report_build(shard, probe.build);
        health_->report_up(shard);
      }
    }
    if (round % kBuildCheckEvery == 0) {
      check_remote_builds();
    }
    lock.lock();
  }
}

void SearcherPool::check_remote_builds() {
  std::vector<searcher::ShardAddress> shards;
  try {
    shards = searcher::read_shard_addresses(index_);
  } catch (const Error&) {
    return;  // no index, or a bad stub: the searchers say so
  }
  for (const searcher::ShardAddress& shard : shards) {
    if (shard.remote() && !health_->trouble(shard)) {
      if (const searcher::ShardProbe probe = searcher::probe_shard(shard, shard_options_);
          probe.answers()) {
        health_->report_build(shard, probe.build);
      }
    }
  }
}

std::unique_ptr<searcher::Searcher> SearcherPool::open() const {
  return searcher::with_read_errors(index_.string(), [&] {
    return std::make_unique<searcher::Searcher>(
        searcher::open_index(index_, fingerprint_, shard_options_, health_), data_, facet_cache_);
  });
}

void SearcherPool::keep_spelling_current() {
  spelling_keeper_ =
      std::make_unique<SpellingKeeper>(index_, data_, fingerprint_, shard_options_, health_);
  spelling_keeper_->start();
}

bool SearcherPool::worth_retrying(const Error& error) {
  // A rebuild switches the stub and then removes old build directories: a reader that read
  // the stub just before may find its build gone, and the stub names the new one.
  return error.kind() == ErrorKind::kIndexChanging || error.kind() == ErrorKind::kIndex;
}

SearcherPool::Lease SearcherPool::lease() {
  Idle idle;
  {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [&] { return lent_ < max_searchers_; });
    ++lent_;
    if (!idle_.empty()) {
      idle = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  std::string stub;
  std::unique_ptr<searcher::Searcher> searcher;
  bool replaced = false;
  try {
    stub = searcher::stub_text(index_);
    replaced = idle.searcher && idle.stub != stub;
    searcher = reopened_or_new(std::move(idle), stub);
  } catch (...) {
    give_back(nullptr, {});  // the place, not the searcher
    throw;
  }
  if (replaced) {
    // A rebuild: the old searcher's caches and database are freed. glibc keeps freed memory in
    // its per-thread arenas, where the connection threads' requests fragment it; without
    // handing it back, the server's RSS grew by a third over a 30-minute soak (in use: flat).
    ::malloc_trim(0);
  }
  return Lease(*this, std::move(searcher), std::move(stub));
}

std::unique_ptr<searcher::Searcher> SearcherPool::reopened_or_new(Idle idle,
                                                                  const std::string& stub) const {
  if (idle.searcher && idle.stub == stub) {
    try {
      idle.searcher->reopen();  // picks up updates committed to the same build
      return std::move(idle.searcher);
    } catch (const Xapian::Error&) {
      // Its build directory is gone or damaged: open the index afresh below.
    }
  }
  // A rebuild switched the stub (or there was no idle searcher): open the new index.
  return open();
}

void SearcherPool::give_back(std::unique_ptr<searcher::Searcher> searcher, std::string stub) {
  {
    const std::lock_guard lock(mutex_);
    --lent_;
    if (searcher) {
      idle_.push_back({std::move(searcher), std::move(stub)});
    }
  }
  returned_.notify_one();
}

}  // namespace dealsearch::http
