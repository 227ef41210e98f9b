// What a search found, as its hits' deal ids: for tests that compare results.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "searcher/search.h"

namespace dealsearch::testing {

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
