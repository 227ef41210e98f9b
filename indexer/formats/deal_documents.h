// Deal records from the documents a programme publishes: a deal's HTML page with the PDFs it
// links to, and a PDF given on its own.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "analyzers/folding.h"
#include "indexer/deal_record.h"
#include "indexer/formats/html_page.h"
#include "indexer/formats/pdf_text.h"

namespace dealsearch::indexer {

// A PDF that a deal page's content links to by a relative link (as a saved or mirrored site
// has them).
struct LinkedPdf {
  std::filesystem::path file;  // the link resolved against the page's file
  std::string url;             // the link resolved against the page's URL; "" without one
  std::string title;           // the link's text; "" when it says no more than "PDF"
};

struct HtmlDeal {
  DealRecord record;            // the page's deal, without its PDFs' text
  std::vector<LinkedPdf> pdfs;  // each once, in the order of the links
};

// The deal of `page`, read from `file`: its title and URL, its status from a line "Status
// citydeal: ..." of the content (which leaves the text), its id the slug of the URL's last
// path segment when it has a URL (else, as for any record, of its title), and the PDFs its
// content links to. Thread-safe (no state).
[[nodiscard]] HtmlDeal html_deal(const HtmlPage& page, const std::filesystem::path& file,
                                 const analyzers::Folder& folder);

// Pages whose URLs end in the same segment ("…/2016/energie/" and "…/2019/energie/") would
// share an id: each such id gets its URL's parent segment before it ("2016-energie").
void make_page_ids_distinct(const std::vector<DealRecord*>& pages, const analyzers::Folder& folder);

// Appends `pdf`'s text to `record` as a document of its own, its paragraphs with their pages;
// `document` gives its url, title and validators (its type, pages and first paragraph are
// set here).
void add_pdf_document(DealRecord& record, const PdfText& pdf, SourceDocument document);

// A link's text as the title of the document it links to, or "" when it says no more than
// what the link does ("PDF", "Download", "hier").
[[nodiscard]] std::string linked_document_title(std::string_view link_text,
                                                const analyzers::Folder& folder);

// The title of a PDF a page links to: the link's text (linked_document_title), else the PDF's
// own title, else `fallback` (its file name, say).
[[nodiscard]] std::string linked_pdf_title(std::string link_title, const PdfText& pdf,
                                           std::string fallback);

// A PDF given on its own, as a deal: its title (pdf_text.h chose it), else the file's name.
[[nodiscard]] DealRecord pdf_deal(const PdfText& pdf, const std::filesystem::path& file);

}  // namespace dealsearch::indexer
