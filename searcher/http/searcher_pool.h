// SearcherPool: one Searcher per concurrent request, each with its own Xapian::Database,
// reopened when the index changes.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "searcher/search.h"

namespace dealsearch::http {

// Xapian databases are not thread-safe, so searchers are lent out one request at a time.
// A lent searcher is checked against the index on every lease: after a rebuild (the stub
// file names another build) it is replaced, after an update its database is reopened, so
// new results appear with the next request and no request fails during a re-index.
// Thread-safe.
class SearcherPool {
 public:
  SearcherPool(std::filesystem::path index, std::shared_ptr<const analyzers::AnalyzerData> data);

  class Lease {
   public:
    Lease(SearcherPool& pool, std::unique_ptr<searcher::Searcher> searcher, std::string stub)
        : pool_(pool), searcher_(std::move(searcher)), stub_(std::move(stub)) {}
    ~Lease() { pool_.give_back(std::move(searcher_), std::move(stub_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    searcher::Searcher& operator*() { return *searcher_; }
    searcher::Searcher* operator->() { return searcher_.get(); }

   private:
    SearcherPool& pool_;
    std::unique_ptr<searcher::Searcher> searcher_;
    std::string stub_;  // the stub file's contents the searcher was opened with
  };

  // Throws dealsearch::Error when the index cannot be opened.
  [[nodiscard]] Lease lease();

 private:
  struct Idle {
    std::unique_ptr<searcher::Searcher> searcher;
    std::string stub;
  };
  std::string read_stub() const;
  std::unique_ptr<searcher::Searcher> open() const;
  void give_back(std::unique_ptr<searcher::Searcher> searcher, std::string stub);

  std::filesystem::path index_;
  std::shared_ptr<const analyzers::AnalyzerData> data_;
  std::string fingerprint_;
  // One set of facet tables for all the pool's searchers (per index revision).
  std::shared_ptr<searcher::FacetTableCache> facet_cache_ =
      std::make_shared<searcher::FacetTableCache>();
  std::mutex mutex_;
  std::vector<Idle> idle_;
};

}  // namespace dealsearch::http
