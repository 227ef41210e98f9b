// Query-string parameters of /api/search -> SearchRequest, or a 400's explanation.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "searcher/search.h"

namespace dealsearch::http {

// Why a request is refused: which parameter, and what a person should change.
struct ParameterError {
  std::string parameter;
  std::string message;
};

// The request's parameters: every value of every name, in order (a filter may repeat).
using Parameters = std::multimap<std::string, std::string>;

// Validates and converts: known names only (q, page, size, sort and the facets), q at most
// searcher::kMaxQueryBytes bytes, size 1 to kMaxPageSize (default kDefaultPageSize), page
// within the first kMaxResultWindow results, at most kMaxFilterValues values a facet,
// everything valid UTF-8 (searcher/limits.h).
[[nodiscard]] std::variant<searcher::SearchRequest, ParameterError> parse_search_parameters(
    const Parameters& parameters);

}  // namespace dealsearch::http
