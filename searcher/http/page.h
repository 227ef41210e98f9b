// The search page at / and the deal pages at /deals/{id}, rendered on the server in Dutch, so
// that they work without JavaScript; /static/page.js only makes them faster (it fetches the
// same URLs and swaps the results in) and adds suggestions as you type.
#pragma once

#include <string>

#include "searcher/search.h"

namespace dealsearch::http {

// The results page for `request`: the search form (query, facet checkboxes with counts, sort),
// the result count, "Bedoelde u …?", the hits with highlighted snippets, and page links. Every
// link and the form lead to URLs of the same shape (/?q=…&ministry=…), so the page state is the
// URL.
[[nodiscard]] std::string render_search_page(const searcher::SearchRequest& request,
                                             const searcher::SearchResult& result);

// The search form with an explanation of what was wrong in the URL (a 400's page).
[[nodiscard]] std::string render_bad_request_page(const std::string& message);

// One whole deal: title, status, dates, ministries, partners by type, themes and its text.
[[nodiscard]] std::string render_deal_page(const schema::StoredDeal& deal);

// "Niet gevonden", with the search form.
[[nodiscard]] std::string render_not_found_page(const std::string& message);

// What a person reads when the server cannot search (`status` 503: the index is being
// re-indexed or cannot be opened; otherwise an internal failure), with the search form.
[[nodiscard]] std::string render_failure_page(int status);

}  // namespace dealsearch::http
