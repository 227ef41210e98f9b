// The server-rendered pages: plain HTML strings, every value escaped where it is inserted.
#include "searcher/http/page.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <iterator>
#include <string_view>
#include <vector>

#include "analyzers/schema.h"
#include "searcher/html.h"
#include "searcher/limits.h"

namespace dealsearch::http {
namespace {

using searcher::html_escape;
using searcher::percent_encode;
using searcher::SearchRequest;
using searcher::SortOrder;

// The facets the page shows, with their Dutch headings; partner_type stays an API facet.
struct FacetHeading {
  std::string_view facet;
  std::string_view heading;
};
constexpr std::array<FacetHeading, 5> kPageFacets = {{{"status", "Status"},
                                                      {"ministry", "Ministerie"},
                                                      {"partner", "Partner"},
                                                      {"theme", "Thema"},
                                                      {"year", "Jaar"}}};
// Values a facet shows before "Meer tonen".
constexpr size_t kFacetValuesShown = 8;

constexpr std::array<std::string_view, 12> kMonths = {
    "januari", "februari", "maart",     "april",   "mei",      "juni",
    "juli",    "augustus", "september", "oktober", "november", "december"};

// "2023-10-09" -> "9 oktober 2023"; anything else as it is.
std::string dutch_date(const std::string& iso) {
  int year = 0, month = 0, day = 0;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3 ||
      month < 1 || month > 12) {
    return iso;
  }
  return std::to_string(day) + " " + std::string(kMonths[month - 1]) + " " + std::to_string(year);
}

// Appends `item` to a list, after `separator` unless it is the first.
void append_to_list(std::string& list, std::string_view separator, std::string_view item) {
  if (!list.empty()) {
    list += separator;
  }
  list += item;
}

std::string_view sort_name(SortOrder sort) {
  switch (sort) {
    case SortOrder::kDate:
      return "date";
    case SortOrder::kTitle:
      return "title";
    case SortOrder::kRelevance:
      break;
  }
  return "relevance";
}

// The page URL of `request`: /?q=…&ministry=…&page=…, defaults left out.
std::string url_of(const SearchRequest& request) {
  std::string query;
  const auto add = [&](std::string_view name, std::string_view value) {
    query += query.empty() ? "?" : "&";
    query.append(name).append("=").append(percent_encode(value));
  };
  if (!request.query.empty()) {
    add("q", request.query);
  }
  for (const schema::Facet& facet : schema::kFacets) {
    const auto values = request.filters.find(std::string(facet.name));
    if (values != request.filters.end()) {
      for (const std::string& value : values->second) {
        add(facet.name, value);
      }
    }
  }
  if (request.sort != SortOrder::kRelevance) {
    add("sort", sort_name(request.sort));
  }
  if (request.size != searcher::kDefaultPageSize) {
    add("size", std::to_string(request.size));
  }
  if (request.page != 1) {
    add("page", std::to_string(request.page));
  }
  return "/" + query;
}

bool is_selected(const SearchRequest& request, const std::string& facet, const std::string& value) {
  const auto values = request.filters.find(facet);
  return values != request.filters.end() &&
         std::find(values->second.begin(), values->second.end(), value) != values->second.end();
}

// Where the search form sits. On the search page it is the main content: the form holds the
// box, the filters and the results (so that a ticked box submits with the query without
// JavaScript), inside <main>, and the box's label is the page's <h1>, as GOV.UK's "label as page
// heading". On the other pages the form is the box alone, a search landmark before <main>, whose
// <h1> is the deal's title or the error.
enum class SearchForm { kMainContent, kBeforeMain };

// The head, the site header and the opening of the form, shared by every page.
std::string page_start(const std::string& title, const std::string& query, SearchForm form) {
  const bool main_content = form == SearchForm::kMainContent;
  std::string html =
      "<!doctype html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>";
  html += html_escape(title);
  html +=
      "</title>\n<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n"
      "<link rel=\"stylesheet\" href=\"/static/page.css\">\n"
      "<script src=\"/static/page.js\" defer></script>\n</head>\n<body>\n"
      "<a class=\"skip\" href=\"#results\">Naar de resultaten</a>\n"
      "<header class=\"site\"><a class=\"brand\" href=\"/\">City Deals zoeken</a>"
      "<span class=\"tagline\">Afspraken tussen steden, ministeries en partners "
      "(Agenda Stad)</span></header>\n";
  // Only one of the form and the search bar is the search landmark: landmarks may not hold
  // <main>, and the form holds the results on the search page.
  html += main_content ? "<main>\n<form id=\"search\" action=\"/\" method=\"get\">\n"
                         "<div class=\"searchbar\" role=\"search\">\n<h1 class=\"label\">"
                       : "<form id=\"search\" class=\"search\" role=\"search\" action=\"/\" "
                         "method=\"get\">\n<div class=\"searchbar\">\n";
  html += "<label for=\"q\">Zoek in alle City Deals</label>";
  html += main_content ? "</h1>\n" : "\n";
  html += "<div class=\"combo\"><input id=\"q\" name=\"q\" type=\"search\" value=\"";
  html += html_escape(query);
  html += "\" autocomplete=\"off\" spellcheck=\"false\" maxlength=\"";
  html += std::to_string(searcher::kMaxQueryBytes);
  html +=
      "\" placeholder=\"bijvoorbeeld energiearmoede, fietsen of BZK\" role=\"combobox\" "
      "aria-autocomplete=\"list\" aria-expanded=\"false\" aria-controls=\"suggestions\">"
      "<ul id=\"suggestions\" role=\"listbox\" aria-label=\"Suggesties\" hidden></ul></div>\n"
      "<button type=\"submit\">Zoeken</button>\n</div>\n";
  return html;
}

constexpr std::string_view kPageEnd = "</body>\n</html>\n";

void append_facet(std::string& html, const SearchRequest& request, const FacetHeading& heading,
                  const std::vector<searcher::FacetValue>& values) {
  const std::string facet(heading.facet);
  // Selected values stay visible (and can be unticked) even when nothing has them.
  std::vector<searcher::FacetValue> shown = values;
  const auto selected = request.filters.find(facet);
  if (selected != request.filters.end()) {
    for (const std::string& value : selected->second) {
      if (std::none_of(shown.begin(), shown.end(),
                       [&](const searcher::FacetValue& v) { return v.value == value; })) {
        searcher::FacetValue missing;
        missing.value = value;
        shown.insert(shown.begin(), missing);
      }
    }
  }
  if (shown.empty()) {
    return;
  }
  html += "<fieldset class=\"facet\" data-facet=\"" + facet + "\">\n<legend>";
  html += heading.heading;
  html += "</legend>\n<ul>\n";
  for (size_t i = 0; i < shown.size(); ++i) {
    if (i == kFacetValuesShown) {
      // Open when a ticked value is among the rest, so that it can be seen and unticked.
      const bool selected_below = std::any_of(shown.begin() + i, shown.end(), [&](const auto& v) {
        return is_selected(request, facet, v.value);
      });
      html += selected_below ? "</ul>\n<details class=\"more\" open>"
                             : "</ul>\n<details class=\"more\">";
      html += "<summary>Meer tonen (" + std::to_string(shown.size() - kFacetValuesShown) +
              ")</summary>\n<ul>\n";
    }
    const searcher::FacetValue& value = shown[i];
    const std::string id = "f-" + facet + "-" + std::to_string(i);
    html += "<li><input type=\"checkbox\" id=\"" + id + "\" name=\"" + facet + "\" value=\"" +
            html_escape(value.value) + "\"";
    if (is_selected(request, facet, value.value)) {
      html += " checked";
    }
    // A ministry's full name beside its code; other facets' labels are their values.
    const bool has_label = !value.label.empty() && value.label != value.value;
    html += "><label for=\"" + id + "\"";
    if (has_label) {
      html += " title=\"" + html_escape(value.label) + "\"";
    }
    html += "><span class=\"value\">" + html_escape(value.value) + "</span>";
    if (has_label) {
      html += " <span class=\"label\">" + html_escape(value.label) + "</span>";
    }
    html += " <span class=\"count\">" + std::to_string(value.count) + "</span></label></li>\n";
  }
  html += shown.size() > kFacetValuesShown ? "</ul>\n</details>\n" : "</ul>\n";
  html += "</fieldset>\n";
}

void append_facets(std::string& html, const SearchRequest& request,
                   const searcher::SearchResult& result) {
  // A named section, not an <aside>: a complementary landmark may not sit inside <main>.
  html +=
      "<section id=\"facets\" class=\"facets\" aria-labelledby=\"facets-title\">\n"
      "<h2 id=\"facets-title\">Filters</h2>\n";
  for (const FacetHeading& heading : kPageFacets) {
    const auto values = result.facets.find(std::string(heading.facet));
    append_facet(
        html, request, heading,
        values == result.facets.end() ? std::vector<searcher::FacetValue>{} : values->second);
  }
  // Without JavaScript a ticked box needs a submit; page.js hides this button and searches
  // as soon as a box changes.
  html += "<button type=\"submit\" class=\"apply\">Filters toepassen</button>\n";
  if (!request.filters.empty()) {
    SearchRequest cleared = request;
    cleared.filters.clear();
    cleared.page = 1;
    html += "<a class=\"clear nav\" href=\"" + html_escape(url_of(cleared)) +
            "\">Alle filters wissen</a>\n";
  }
  html += "</section>\n";
}

std::string count_line(size_t total) {
  if (total == 0) {
    return "Geen City Deals gevonden";
  }
  return std::to_string(total) + (total == 1 ? " City Deal gevonden" : " City Deals gevonden");
}

void append_notes(std::string& html, const SearchRequest& request,
                  const searcher::SearchResult& result) {
  if (result.corrected && result.suggestion) {
    html += "<p class=\"note\">Niets gevonden voor <q>" + html_escape(request.query) +
            "</q>; dit zijn de resultaten voor <q>" + html_escape(*result.suggestion) +
            "</q>.</p>\n";
  } else if (result.suggestion) {
    SearchRequest suggested = request;
    suggested.query = *result.suggestion;
    suggested.page = 1;
    html += "<p class=\"note suggestion\">Bedoelde u <a class=\"nav\" href=\"" +
            html_escape(url_of(suggested)) + "\">" + html_escape(*result.suggestion) +
            "</a>?</p>\n";
  }
  if (result.relaxed) {
    html +=
        "<p class=\"note\">Geen City Deal bevat al deze woorden; dit zijn de deals die er het "
        "dichtst bij komen.</p>\n";
  }
  if (result.drop_filter_hint) {
    const std::string& hint = *result.drop_filter_hint;  // "facet=value"
    const size_t equals = hint.find('=');
    SearchRequest dropped = request;
    dropped.page = 1;
    dropped.filters.erase(hint.substr(0, equals));
    html += "<p class=\"note\">Geen City Deal past bij alle filters. Zonder het filter <q>" +
            html_escape(hint.substr(equals + 1)) + "</q> wel: <a class=\"nav\" href=\"" +
            html_escape(url_of(dropped)) + "\">filter weghalen</a>.</p>\n";
  }
}

void append_sort(std::string& html, const SearchRequest& request) {
  html +=
      "<div class=\"sort\"><label for=\"sort\">Sorteren op</label> "
      "<select id=\"sort\" name=\"sort\">";
  for (const auto& [value, text] : std::array<std::pair<std::string_view, std::string_view>, 3>{
           {{"relevance", "relevantie"}, {"date", "datum (nieuwste eerst)"}, {"title", "titel"}}}) {
    html += "<option value=\"";
    html += value;
    html += "\"";
    if (sort_name(request.sort) == value) {
      html += " selected";
    }
    html += ">";
    html += text;
    html += "</option>";
  }
  html += "</select></div>\n";
}

bool is_web_url(const std::string& url) {
  return url.starts_with("https://") || url.starts_with("http://");
}

// "Staatscourant-tekst, p. 4" (or "p. 4" without a title), a link that opens the PDF at that
// page when the document has a URL to open.
std::string document_link_html(const std::string& url, const std::string& title,
                               std::optional<uint32_t> page) {
  std::string text = title;
  std::string target = url.substr(0, url.find('#'));
  if (page) {
    text += (text.empty() ? "p. " : ", p. ") + std::to_string(*page);
    target += "#page=" + std::to_string(*page);
  }
  if (!is_web_url(url)) {
    return "<span class=\"document\">" + html_escape(text) + "</span>";
  }
  return "<a class=\"document\" href=\"" + html_escape(target) + "\" rel=\"noopener\">" +
         html_escape(text) + "</a>";
}

void append_hit(std::string& html, const searcher::Hit& hit) {
  const schema::StoredDeal& deal = hit.deal;
  html += "<li class=\"hit\">\n<h2><a class=\"title\" href=\"/deals/" +
          html_escape(percent_encode(deal.id)) + "\">" + html_escape(deal.title) +
          "</a></h2>\n<p class=\"meta\">";
  html += "<span class=\"status\">" + html_escape(deal.status) + "</span>";
  std::string ministries;
  for (const schema::StoredMinistry& ministry : deal.ministries) {
    append_to_list(ministries, ", ", html_escape(ministry.code));
  }
  if (!ministries.empty()) {
    html += " <span class=\"ministries\">" + ministries + "</span>";
  }
  if (deal.signed_on) {
    html += " <span class=\"date\">getekend <time datetime=\"" + html_escape(*deal.signed_on) +
            "\">" + html_escape(dutch_date(*deal.signed_on)) + "</time></span>";
  }
  html += "</p>\n<p class=\"snippet\">" + searcher::snippet_html(hit.snippet) + "</p>\n";
  // Only a document with pages (a PDF) is named: the page itself needs no "from".
  if (hit.snippet_source && hit.snippet_source->page) {
    html += "<p class=\"source\">Uit: " +
            document_link_html(hit.snippet_source->url, hit.snippet_source->title,
                               hit.snippet_source->page) +
            "</p>\n";
  }
  html += "</li>\n";
}

void append_pages(std::string& html, const SearchRequest& request, size_t total) {
  // No link leads beyond the deepest page a request may reach.
  const size_t pages = std::min((total + request.size - 1) / request.size,
                                std::max<size_t>(1, searcher::kMaxResultWindow / request.size));
  if (pages <= 1) {
    return;
  }
  html += "<nav class=\"pages\" aria-label=\"Pagina's\">";
  SearchRequest other = request;
  if (request.page > 1) {
    other.page = request.page - 1;
    html += "<a class=\"nav\" rel=\"prev\" href=\"" + html_escape(url_of(other)) + "\">Vorige</a>";
  }
  html += " <span>pagina " + std::to_string(request.page) + " van " + std::to_string(pages) +
          "</span> ";
  if (request.page < pages) {
    other.page = request.page + 1;
    html +=
        "<a class=\"nav\" rel=\"next\" href=\"" + html_escape(url_of(other)) + "\">Volgende</a>";
  }
  html += "</nav>\n";
}

}  // namespace

std::string render_search_page(const SearchRequest& request, const searcher::SearchResult& result) {
  const std::string title =
      request.query.empty() ? "City Deals zoeken" : request.query + " – City Deals zoeken";
  std::string html = page_start(title, request.query, SearchForm::kMainContent);
  if (request.size != searcher::kDefaultPageSize) {
    html +=
        "<input type=\"hidden\" name=\"size\" value=\"" + std::to_string(request.size) + "\">\n";
  }
  html += "<div class=\"layout\">\n";
  append_facets(html, request, result);
  html += "<div id=\"results\" class=\"results\" tabindex=\"-1\">\n<div class=\"summary\">";
  html += "<p id=\"count\" class=\"count\" role=\"status\">" + count_line(result.total) + "</p>\n";
  append_sort(html, request);
  html += "</div>\n";
  append_notes(html, request, result);
  if (!result.hits.empty()) {
    html += "<ol class=\"hits\" start=\"" + std::to_string((request.page - 1) * request.size + 1) +
            "\">\n";
    for (const searcher::Hit& hit : result.hits) {
      append_hit(html, hit);
    }
    html += "</ol>\n";
  }
  append_pages(html, request, result.total);
  html += "</div>\n</div>\n</form>\n</main>\n";
  html += kPageEnd;
  return html;
}

std::string render_bad_request_page(const std::string& message) {
  std::string html =
      page_start("Ongeldige zoekopdracht – City Deals zoeken", "", SearchForm::kBeforeMain);
  html +=
      "</form>\n<main id=\"results\" class=\"results\" tabindex=\"-1\">\n"
      "<h1>Deze zoekopdracht klopt niet</h1>\n<p class=\"error\">";
  html += html_escape(message);
  html += "</p>\n<p><a href=\"/\">Opnieuw beginnen</a></p>\n</main>\n";
  html += kPageEnd;
  return html;
}

std::string render_not_found_page(const std::string& message) {
  std::string html = page_start("Niet gevonden – City Deals zoeken", "", SearchForm::kBeforeMain);
  html +=
      "</form>\n<main id=\"results\" class=\"results\" tabindex=\"-1\">\n<h1>Niet "
      "gevonden</h1>\n<p>";
  html += html_escape(message);
  html += "</p>\n<p><a href=\"/\">Naar het zoeken</a></p>\n</main>\n";
  html += kPageEnd;
  return html;
}

std::string render_failure_page(int status) {
  const bool unavailable = status == 503;
  std::string html =
      page_start("Even niet beschikbaar – City Deals zoeken", "", SearchForm::kBeforeMain);
  html +=
      "</form>\n<main id=\"results\" class=\"results\" tabindex=\"-1\">\n<h1>"
      "Zoeken lukt nu even niet</h1>\n<p>";
  html += unavailable ? "De City Deals worden op dit moment opnieuw ingelezen. Probeer het over "
                        "een ogenblik nog eens."
                      : "Er ging iets mis bij het zoeken. De beheerder is op de hoogte; probeer "
                        "het later nog eens.";
  html += "</p>\n<p><a href=\"/\">Opnieuw proberen</a></p>\n</main>\n";
  html += kPageEnd;
  return html;
}

// The list of a deal's documents when it has more than its own page: "Staatscourant-tekst (PDF,
// 12 pagina's)".
std::string documents_html(const std::vector<schema::StoredDocument>& documents) {
  if (documents.size() < 2 && (documents.empty() || documents.front().type != "pdf")) {
    return "";
  }
  std::string html;
  for (const schema::StoredDocument& document : documents) {
    std::string item = document_link_html(document.url, document.title, std::nullopt);
    if (document.type == "pdf") {
      item += " (PDF";
      if (document.pages) {
        item += ", " + std::to_string(*document.pages) +
                (*document.pages == 1 ? " pagina" : " pagina's");
      }
      item += ")";
    }
    append_to_list(html, "<br>", item);
  }
  return html;
}

// "p. 4" that opens `document` at page 4, where a page of a PDF begins.
std::string page_mark_html(const schema::StoredDocument& document, uint32_t page) {
  return "<span class=\"page\">" + document_link_html(document.url, "", page) + "</span>";
}

// A paragraph of the text, with the pages that begin inside it marked where they begin.
std::string paragraph_html(const schema::StoredDeal& deal, size_t index,
                           const schema::StoredDocument* document) {
  const std::string& paragraph = deal.paragraphs[index];
  std::string html = "<p>";
  size_t at = 0;
  for (const schema::PageBreak& page_break : deal.page_breaks) {
    if (page_break.paragraph != index || page_break.offset < at ||
        page_break.offset > paragraph.size() || !document) {
      continue;
    }
    html += html_escape(paragraph.substr(at, page_break.offset - at));
    html += page_mark_html(*document, page_break.page);
    at = page_break.offset;
  }
  html += html_escape(paragraph.substr(at)) + "</p>\n";
  return html;
}

// The text, each document after the first under its title, and each PDF page's start marked
// with a link to that page.
void append_deal_text(std::string& html, const schema::StoredDeal& deal) {
  uint32_t page = 0;
  const schema::StoredDocument* document = nullptr;
  for (size_t i = 0; i < deal.paragraphs.size(); ++i) {
    const schema::DocumentPlace place = schema::document_place(deal, i);
    if (place.document != document) {
      if (document) {
        html += "<h2 class=\"document\">" + html_escape(place.document->title) + "</h2>\n";
      }
      document = place.document;
      page = 0;
    }
    if (place.page != 0 && place.page != page && document) {
      html += "<p class=\"page\">" + document_link_html(document->url, "", place.page) + "</p>\n";
    }
    html += paragraph_html(deal, i, document);
    page = schema::document_place(deal, i, deal.paragraphs[i].size()).page;
  }
}

std::string render_deal_page(const schema::StoredDeal& deal) {
  std::string html = page_start(deal.title + " – City Deals zoeken", "", SearchForm::kBeforeMain);
  html += "</form>\n<main id=\"results\" class=\"deal\" tabindex=\"-1\">\n";
  html += "<p><a class=\"back\" href=\"/\">Terug naar zoeken</a></p>\n";
  html += "<h1>" + html_escape(deal.title) + "</h1>\n<dl class=\"facts\">\n";
  const auto fact = [&](std::string_view name, const std::string& value_html) {
    if (!value_html.empty()) {
      html += "<dt>";
      html += name;
      html += "</dt><dd>" + value_html + "</dd>\n";
    }
  };
  fact("Status", html_escape(deal.status));
  for (const auto& [date, name] :
       std::array<std::pair<const std::optional<std::string>*, std::string_view>, 3>{
           {{&deal.signed_on, "Getekend"},
            {&deal.started_on, "Gestart"},
            {&deal.ended_on, "Afgerond"}}}) {
    if (*date) {
      fact(name, html_escape(dutch_date(**date)));
    }
  }
  std::string ministries;
  for (const schema::StoredMinistry& ministry : deal.ministries) {
    append_to_list(ministries, "<br>", html_escape(ministry.name + " (" + ministry.code + ")"));
  }
  fact("Ministeries", ministries);
  std::string themes;
  for (const std::string& theme : deal.themes) {
    append_to_list(themes, ", ", html_escape(theme));
  }
  fact("Thema's", themes);
  // Partners grouped by type, in the order the deal lists them.
  std::vector<std::pair<std::string, std::string>> by_type;
  for (const schema::StoredPartner& partner : deal.partners) {
    auto group = std::find_if(by_type.begin(), by_type.end(),
                              [&](const auto& entry) { return entry.first == partner.type; });
    if (group == by_type.end()) {
      by_type.emplace_back(partner.type, "");
      group = std::prev(by_type.end());
    }
    append_to_list(group->second, ", ", html_escape(partner.name));
  }
  for (const auto& [type, names] : by_type) {
    fact("Partners (" + html_escape(type) + ")", names);
  }
  if (is_web_url(deal.url)) {
    fact("Bron", "<a href=\"" + html_escape(deal.url) + "\" rel=\"noopener\">" +
                     html_escape(deal.url) + "</a>");
  }
  fact("Documenten", documents_html(deal.documents));
  html += "</dl>\n<div class=\"text\">\n";
  append_deal_text(html, deal);
  html += "</div>\n</main>\n";
  html += kPageEnd;
  return html;
}

}  // namespace dealsearch::http
