// A searcher of an index, and what a search found as its hits' deal ids: for tests that
// compare results.
#pragma once

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "searcher/index_reader.h"
#include "searcher/search.h"
#include "tests/analyzers/shared_analyzer_data.h"

namespace dealsearch::testing {

// A Searcher of the index at `index` (a database, or a stub over shards), as a server opens it.
inline std::unique_ptr<searcher::Searcher> open_searcher(const std::filesystem::path& index) {
  const auto data = shared_analyzer_data();
  return std::make_unique<searcher::Searcher>(
      searcher::open_index(index, analyzers::Analyzer(data).fingerprint()), data);
}

// The ids of the hits, in rank order.
inline std::vector<std::string> hit_ids(const searcher::SearchResult& result) {
  std::vector<std::string> ids;
  for (const searcher::Hit& hit : result.hits) {
    ids.push_back(hit.deal.id);
  }
  return ids;
}

// The same, in no order.
inline std::set<std::string> hit_id_set(const searcher::SearchResult& result) {
  const std::vector<std::string> ids = hit_ids(result);
  return {ids.begin(), ids.end()};
}

}  // namespace dealsearch::testing
