// html_escape_into: the five characters that matter in content and quoted attributes.
#include "searcher/html.h"

namespace dealsearch::searcher {

void html_escape_into(std::string_view text, std::string& out) {
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

}  // namespace dealsearch::searcher
