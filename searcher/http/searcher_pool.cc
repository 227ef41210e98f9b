// SearcherPool: lend, check against the stub file, give back.
#include "searcher/http/searcher_pool.h"

#include <fstream>
#include <sstream>

namespace dealsearch::http {

SearcherPool::SearcherPool(std::filesystem::path index,
                           std::shared_ptr<const analyzers::AnalyzerData> data)
    : index_(std::move(index)),
      data_(std::move(data)),
      fingerprint_(analyzers::Analyzer(data_).fingerprint()) {}

std::string SearcherPool::read_stub() const {
  std::ifstream in(index_);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

std::unique_ptr<searcher::Searcher> SearcherPool::open() const {
  return std::make_unique<searcher::Searcher>(searcher::open_index(index_, fingerprint_), data_,
                                              facet_cache_);
}

SearcherPool::Lease SearcherPool::lease() {
  const std::string stub = read_stub();
  Idle idle;
  {
    std::lock_guard lock(mutex_);
    if (!idle_.empty()) {
      idle = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (idle.searcher && idle.stub == stub) {
    idle.searcher->reopen();  // picks up updates committed to the same build
    return Lease(*this, std::move(idle.searcher), stub);
  }
  // A rebuild switched the stub (or there was no idle searcher): open the new index.
  return Lease(*this, open(), stub);
}

void SearcherPool::give_back(std::unique_ptr<searcher::Searcher> searcher, std::string stub) {
  if (!searcher) {
    return;
  }
  std::lock_guard lock(mutex_);
  idle_.push_back({std::move(searcher), std::move(stub)});
}

}  // namespace dealsearch::http
