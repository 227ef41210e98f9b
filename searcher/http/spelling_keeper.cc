// SpellingKeeper: a round every few seconds; a gathering when the shards' revision moved.
#include "searcher/http/spelling_keeper.h"

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "analyzers/error.h"
#include "searcher/index_reader.h"
#include "searcher/spelling_database.h"

namespace dealsearch::http {

SpellingKeeper::SpellingKeeper(std::filesystem::path index,
                               std::shared_ptr<const analyzers::AnalyzerData> data,
                               std::string analyzer_fingerprint,
                               searcher::ShardOptions shard_options,
                               std::shared_ptr<searcher::ShardHealth> health,
                               std::chrono::milliseconds interval)
    : index_(std::move(index)),
      data_(std::move(data)),
      fingerprint_(std::move(analyzer_fingerprint)),
      shard_options_(shard_options),
      health_(std::move(health)),
      interval_(interval) {}

SpellingKeeper::~SpellingKeeper() {
  {
    const std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) {
    thread_.join();
  }
}

void SpellingKeeper::start() {
  round();  // its errors are the caller's: an index that cannot be opened at all
  thread_ = std::thread([this] { keep_up_to_date(); });
}

void SpellingKeeper::keep_up_to_date() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [&] { return stopping_; })) {
    lock.unlock();
    try {
      round();
    } catch (const Error& error) {
      shards_.reset();  // opened afresh next round
      say(std::string("cannot read the shards for their spelling: ") + error.what());
    }
    lock.lock();
  }
}

void SpellingKeeper::round() {
  const std::string stub = searcher::stub_text(index_);
  if (shards_ && stub == stub_) {
    searcher::with_read_errors(index_.string(), [&] { return shards_->reopen(); });
  } else {
    shards_.reset();  // a rebuild switched the stub: its shards afresh
    stub_ = stub;
    const std::vector<searcher::ShardAddress> addresses = searcher::read_shard_addresses(index_);
    if (std::none_of(addresses.begin(), addresses.end(),
                     [](const searcher::ShardAddress& shard) { return shard.remote(); })) {
      return;  // Xapian reads the spelling of local shards itself
    }
    shards_.emplace(searcher::open_index(index_, fingerprint_, shard_options_, health_));
  }
  bring_up_to_date();
}

void SpellingKeeper::bring_up_to_date() {
  const searcher::SpellingUpdate update = searcher::with_read_errors(index_.string(), [&] {
    return searcher::bring_spelling_up_to_date(index_, *shards_, *data_);
  });
  if (update.outcome == searcher::SpellingUpdate::Outcome::kFailed) {
    shards_.reset();  // afresh next round
  }
  if (update.outcome == searcher::SpellingUpdate::Outcome::kCurrent) {
    said_.clear();  // the next gathering is said again, even in the same words
  } else {
    say(update.message);
  }
}

void SpellingKeeper::say(const std::string& what) {
  if (what != said_) {
    std::fprintf(stderr, "dealsearch serve: %s\n", what.c_str());
    said_ = what;
  }
}

}  // namespace dealsearch::http
