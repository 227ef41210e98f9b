// URLs as deal pages use them: a link resolved against the page's address, and the parts of a
// URL's path that name a deal.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dealsearch::indexer {

// `reference` (a link as a page writes it) resolved against the absolute URL `base`, as RFC
// 3986 section 5 says: "../pdf/deal.pdf" against "https://agendastad.nl/citydeals/zwolle/" is
// "https://agendastad.nl/citydeals/pdf/deal.pdf". An absolute reference stays as it is. A
// `base` without a scheme resolves nothing: the result is "".
[[nodiscard]] std::string resolve_url(std::string_view base, std::string_view reference);

// Whether `reference` is relative to the page that holds it: no scheme ("https:", "mailto:"),
// not "//host/..." and not "#fragment" alone. "/wp-content/x.pdf" counts as relative (to the
// site's root).
[[nodiscard]] bool is_relative_reference(std::string_view reference);

// `text` with its %XX escapes decoded ("Deal%20Zwolle.pdf" -> "Deal Zwolle.pdf"); a '%' not
// followed by two hex digits stays as it is.
[[nodiscard]] std::string percent_decode(std::string_view text);

// The non-empty segments of a URL's path, decoded, without query and fragment:
// "https://x.nl/citydeals/zwolle/?p=1" -> {"citydeals", "zwolle"}.
[[nodiscard]] std::vector<std::string> path_segments(std::string_view url);

// The host of an absolute URL, lower case, without port or user: "https://www.X.nl:8080/a" ->
// "www.x.nl"; "" when it has none.
[[nodiscard]] std::string url_host(std::string_view url);

// "scheme://host[:port]" of an absolute URL: where its robots.txt lives.
[[nodiscard]] std::string url_origin(std::string_view url);

// The path and query of a URL ("/citydeals/zwolle/?p=1"; "/" for none), as robots.txt
// rules match them.
[[nodiscard]] std::string url_path_and_query(std::string_view url);

// `url` without its fragment.
[[nodiscard]] std::string_view without_fragment(std::string_view url);

}  // namespace dealsearch::indexer
