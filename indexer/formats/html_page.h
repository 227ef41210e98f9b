// Reading a deal's HTML page: its title, its address and the text of its main content, without
// the site around it (menu, breadcrumbs, sidebar, cookie notice, comments, footer).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dealsearch::indexer {

// A link in the main content.
struct HtmlLink {
  std::string href;  // as written in the page, entities decoded, trimmed: "../pdf/deal.pdf#page=2"
  std::string text;  // the link's visible text, whitespace collapsed: "Staatscourant-tekst"
  bool operator==(const HtmlLink&) const = default;
};

// What a deal's page says. Every string is valid UTF-8 (bytes that are not become U+FFFD).
struct HtmlPage {
  // The content's <h1>, else og:title, else <title> minus a site-name suffix
  // ("Energiearmoede | Agenda Stad" -> "Energiearmoede"; also " - ", " – ", " — ", and an
  // og:site_name suffix), whitespace collapsed; "" if none. og:title only loses a suffix that
  // is og:site_name (Yoast writes "Energiearmoede - Agenda Stad" there too).
  std::string title;
  // <link rel="canonical" href> else <meta property="og:url" content>, trimmed; "" if neither.
  std::string url;
  // The main content's text, a paragraph per heading, paragraph, list item, table row,
  // blockquote, pre, dt/dd, or run of loose text, without the <h1> that became the title.
  // Entities are decoded; white space (with no-break spaces) is collapsed to one space, soft
  // hyphens and zero-width spaces are removed; paragraphs without a letter or digit ("",
  // "»", "* * *") are dropped.
  //   <br>       a '\n' inside the paragraph: "Gemeente Zwolle\nPostbus 10007". Two <br> in a
  //              row (an empty line) end the paragraph, as a blank line does in a text page.
  //   <pre>      its line breaks stay '\n'; it is one paragraph.
  //   table row  one paragraph, its cells joined with " | ": "Gemeente Zwolle | penvoerder".
  //              A cell holding blocks (<p>, <ul>) gives their paragraphs instead.
  std::vector<std::string> paragraphs;
  // Every <a href> inside the main content (not in its dropped parts, nor in the <h1> that
  // became the title), in document order, including "#top" and "mailto:" ones: what a link is
  // for is the caller's business.
  std::vector<HtmlLink> links;
};

// Parses `html` (UTF-8; any bytes are accepted, as browsers do) with gumbo and keeps the page's
// main content. The main content is, in order of preference:
//   1. the first <main> (or [role=main]) that holds any text;
//   2. an <article>: of several, the one holding the page's <h1>, else the one with the most
//      text;
//   3. an element whose id or class says content (#content, #main, .entry-content,
//      .post-content, .page-content, ...), chosen the same way;
//   4. <body>.
// The page's <h1> (its title, and a sign of where the content is) is the first <h1> with text
// that is not dropped (see below); else the first whose text is the page's <title> or og:title,
// wherever it is; else one in the site's header.
//
// Inside the main content, these are dropped: nav, footer, aside, form (not one holding a
// <main>, <article> or <h1>: an ASP.NET page is one <form>), script, style, noscript, template,
// iframe, svg, button, select and the like; a <header> that is the site's banner (not inside an
// article, section, main, aside or nav); [hidden], aria-hidden="true" and display:none; and
// elements whose id, class, role or aria-label mark boilerplate: cookie and consent banners,
// breadcrumbs, menus, sidebars and widgets, share buttons, comments, related or other posts
// ("gerelateerd", "andere-deals"), skip links (.screen-reader-text). Layout names are not
// boilerplate (.content-with-sidebar, .has-sidebar). The elements holding the title's <h1> are
// never dropped (unless hidden), nor are those holding the <main>.
//
// Never throws for what the page holds; a page without any content gives empty fields (only
// std::bad_alloc can escape). Thread-safe (no state). Beware of what gumbo 0.10 costs: a page
// of n nested block elements (<div><div>...) takes time in n^2 (100,000 take seconds).
[[nodiscard]] HtmlPage read_html_page(std::string_view html);

}  // namespace dealsearch::indexer
