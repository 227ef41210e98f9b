// The bounds of a search request, one place each: what the server accepts, what the page
// offers, and what the OpenAPI description (searcher/web/openapi.json) states.
#pragma once

#include <cstddef>

namespace dealsearch::searcher {

// The longest query, in bytes of UTF-8. The search box's maxlength counts characters, not
// bytes: a box filled with accented letters ("één" is 5 bytes) can still be refused.
inline constexpr size_t kMaxQueryBytes = 1000;

// Hits a page when a request does not say.
inline constexpr size_t kDefaultPageSize = 10;

// The most hits a page may ask for.
inline constexpr size_t kMaxPageSize = 100;

// The deepest hit a request may reach (page * size): paging further costs the searcher more
// than it is worth, and a person narrows the search instead.
inline constexpr size_t kMaxResultWindow = 10'000;

// The most values one facet may be filtered on at once ("ministry=BZK&ministry=IenW&...").
inline constexpr size_t kMaxFilterValues = 20;

// The most completions /api/suggest returns for what is being typed.
inline constexpr size_t kMaxSuggestions = 10;

}  // namespace dealsearch::searcher
