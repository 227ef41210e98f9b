// Query-string parameters -> what a route reads from them (a SearchRequest, the text typed for
// a suggestion), or a 400's explanation. An API route and its page read a resource the same
// way; they differ only in what they do with a parameter they do not know.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>

#include "searcher/search.h"

namespace dealsearch::http {

// Why a request is refused: which parameter, and what a person should change.
struct ParameterError {
  std::string parameter;
  std::string message;
};

// The request's parameters: every value of every name, in order (a filter may repeat).
using Parameters = std::multimap<std::string, std::string>;

// What a route does with a parameter it does not know.
enum class UnknownParameters {
  // The API's way: a 400 naming it, so that a client's typo ("qery=fiets") shows at once
  // instead of quietly searching for nothing.
  kRefuse,
  // The pages' way: links from newsletters and social sites add their own (utm_source,
  // fbclid, gclid, ...), and a person following one should see the page, not an error.
  kIgnore,
};

// /api/search and /: q, page, size, sort and the facets (schema::kFacets). Validates and
// converts: q at most searcher::kMaxQueryBytes bytes, size 1 to kMaxPageSize (default
// kDefaultPageSize), page within the first kMaxResultWindow results, at most kMaxFilterValues
// values a facet, everything valid UTF-8 (searcher/limits.h).
[[nodiscard]] std::variant<searcher::SearchRequest, ParameterError> parse_search_parameters(
    const Parameters& parameters, UnknownParameters unknown);

// /api/suggest: q, the text being typed ("" when absent), under the same rule as a search's q.
[[nodiscard]] std::variant<std::string, ParameterError> parse_suggest_parameters(
    const Parameters& parameters, UnknownParameters unknown);

// The routes that read nothing from the query string (/api/deals/{id}, /deals/{id},
// /api/facets): nullopt when they may answer, else why not.
[[nodiscard]] std::optional<ParameterError> check_no_parameters(const Parameters& parameters,
                                                                UnknownParameters unknown);

}  // namespace dealsearch::http
