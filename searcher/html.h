// HTML escaping and URL encoding, for snippets and the server-rendered pages.
#pragma once

#include <string>
#include <string_view>

#include "searcher/snippets.h"

namespace dealsearch::searcher {

// Appends `text` with & < > " ' escaped: safe as element content and as a quoted attribute.
void html_escape_into(std::string_view text, std::string& out);

[[nodiscard]] inline std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  html_escape_into(text, out);
  return out;
}

// A snippet as HTML: its text escaped, each match in <mark>.
[[nodiscard]] inline std::string snippet_html(const Snippet& snippet) {
  return marked(snippet, "<mark>", "</mark>", html_escape_into);
}

// `text` for a URL's query string: every byte but letters, digits and -_.~ as %XX.
[[nodiscard]] std::string percent_encode(std::string_view text);

}  // namespace dealsearch::searcher
