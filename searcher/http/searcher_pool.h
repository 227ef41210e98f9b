// SearcherPool: one Searcher per concurrent request, each with its own Xapian::Database,
// reopened when the index changes, and the read side's retry when it changes mid-request.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "analyzers/error.h"
#include "searcher/http/spelling_keeper.h"
#include "searcher/search.h"

namespace dealsearch::http {

// Xapian databases are not thread-safe, so searchers are lent out one request at a time, and
// at most `max_searchers` at once (further callers wait for one to come back): that bounds the
// CPU and the open files that searches take, whatever the number of connections.
//
// A lent searcher is checked against the index on every lease: after a rebuild (the stub file
// names another build) it is replaced, after an update its database is reopened, so new
// results appear with the next request.
//
// A remote shard that a searcher finds dead is left out by every searcher (ShardHealth), and
// a thread of the pool's own, the prober, connects to it once a second until it answers
// again; then the searchers take it back at their next lease. No request waits for that.
// Every five seconds the prober also asks each remote shard which build it serves new
// connections: after a rebuild on the shard's machine, the searchers connect afresh.
//
// Thread-safe: any number of threads may call read(), lease() and shard_health() at once
// (keep_spelling_current() is called once, before).
// What they share is the idle searchers (under mutex_), the facet tables (FacetTableCache,
// thread-safe) and the ShardHealth (thread-safe), which the prober shares too; a Searcher
// itself is only ever used by the one thread that holds its lease.
class SearcherPool {
 public:
  SearcherPool(std::filesystem::path index, std::shared_ptr<const analyzers::AnalyzerData> data,
               size_t max_searchers, searcher::ShardOptions shard_options = {});
  // Stops the prober (waits for a probe under way, at most the remote time-out).
  ~SearcherPool();
  SearcherPool(const SearcherPool&) = delete;
  SearcherPool& operator=(const SearcherPool&) = delete;

  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<searcher::Searcher> searcher, std::string stub)
        : pool_(pool), searcher_(std::move(searcher)), stub_(std::move(stub)) {}
    ~Lease() { pool_.give_back(std::move(searcher_), std::move(stub_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    searcher::Searcher& operator*() { return *searcher_; }
    searcher::Searcher* operator->() { return searcher_.get(); }
    // The searcher is not to be used again (its database failed): the pool drops it.
    void discard() { searcher_.reset(); }

   private:
    SearcherPool& pool_;
    std::unique_ptr<searcher::Searcher> searcher_;
    std::string stub_;  // the stub file's contents the searcher was opened with
  };

  // A searcher of the index as it is now, until the Lease is gone. Waits while
  // `max_searchers` are lent. Throws dealsearch::Error when the index cannot be opened.
  [[nodiscard]] Lease lease();

  // Runs `read(searcher)` on a lent searcher and returns its result. What a rebuild or an
  // update does to a reader meanwhile is absorbed, never shown: when the index changed under
  // it (Xapian's DatabaseModifiedError), its build directory was removed, or it cannot be
  // opened for a moment, `read` runs once more on a searcher opened afresh from the stub
  // file. Throws dealsearch::Error when that fails too: kIndexChanging (changing too fast),
  // kIndex (cannot be opened), kIndexDamaged (corrupt files), kSchemaMismatch.
  template <typename Read>
  auto read(Read&& read) -> std::invoke_result_t<Read&, searcher::Searcher&>;

  // For an index with remote shards: gathers their spelling into the spelling database beside
  // the stub when there is none yet or it is of other revisions (spelling_database.h), so
  // that a misspelt word finds its correction in every shard, and from then on keeps it as
  // current as the shards (SpellingKeeper). Says what it did on stderr; when a shard does not
  // answer, says that suggestions miss its words, and goes on. Throws dealsearch::Error when
  // the index cannot be opened.
  void keep_spelling_current();

  const std::filesystem::path& index() const { return index_; }
  // Which remote shards do not answer now.
  const searcher::ShardHealth& shard_health() const { return *health_; }

 private:
  struct Idle {
    std::unique_ptr<searcher::Searcher> searcher;
    std::string stub;
  };
  std::unique_ptr<searcher::Searcher> open() const;
  // `idle` reopened when it was opened with `stub`, else a searcher opened anew.
  std::unique_ptr<searcher::Searcher> reopened_or_new(Idle idle, const std::string& stub) const;
  void give_back(std::unique_ptr<searcher::Searcher> searcher, std::string stub);
  static bool worth_retrying(const Error& error);
  // The prober's loop: each shard reported down is tried once a second until it answers,
  // and every few seconds each remote shard is asked which build it serves now.
  void probe_down_shards();
  // Reports to health_ the build each remote shard of the stub serves new connections.
  void check_remote_builds();

  std::filesystem::path index_;
  std::shared_ptr<const analyzers::AnalyzerData> data_;
  std::string fingerprint_;
  size_t max_searchers_;
  // One set of facet tables for all the pool's searchers (per index revision).
  std::shared_ptr<searcher::FacetTableCache> facet_cache_ =
      std::make_shared<searcher::FacetTableCache>();
  std::mutex mutex_;  // guards idle_ and lent_
  std::condition_variable returned_;
  std::vector<Idle> idle_;
  size_t lent_ = 0;
  searcher::ShardOptions shard_options_;
  std::shared_ptr<searcher::ShardHealth> health_ = std::make_shared<searcher::ShardHealth>();
  std::mutex prober_mutex_;  // guards stopping_
  std::condition_variable prober_wake_;
  bool stopping_ = false;
  std::thread prober_;                               // started when everything it reads is there
  std::unique_ptr<SpellingKeeper> spelling_keeper_;  // once keep_spelling_current() started it
};

template <typename Read>
auto SearcherPool::read(Read&& read) -> std::invoke_result_t<Read&, searcher::Searcher&> {
  constexpr int kAttempts = 2;
  for (int attempt = 1;; ++attempt) {
    try {
      Lease lease = this->lease();
      try {
        return read(*lease);
      } catch (const Xapian::Error& error) {
        lease.discard();
        if (attempt == kAttempts) {
          searcher::throw_read_error(error, index_.string());
        }
      }
    } catch (const Error& error) {
      if (attempt == kAttempts || !worth_retrying(error)) {
        throw;
      }
    }
  }
}

}  // namespace dealsearch::http
