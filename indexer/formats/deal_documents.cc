// html_deal, pdf_deal: what an HTML page or a PDF says, as a deal record.
#include "indexer/formats/deal_documents.h"

#include <algorithm>
#include <map>
#include <optional>

#include "indexer/citydeal_page.h"
#include "indexer/deal_ids.h"
#include "indexer/paragraphs.h"
#include "indexer/urls.h"

namespace dealsearch::indexer {
namespace {

namespace fs = std::filesystem;

bool is_pdf_name(std::string_view path) {
  if (path.size() < 4) {
    return false;
  }
  std::string extension(path.substr(path.size() - 4));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".pdf";
}

// The link's path without query and fragment: "deal.pdf?ver=2#page=3" -> "deal.pdf".
std::string_view link_path(std::string_view href) {
  return href.substr(0, std::min(href.find('?'), href.find('#')));
}

}  // namespace

std::string linked_document_title(std::string_view link_text, const analyzers::Folder& folder) {
  const std::string folded = folder.fold(trim(link_text));
  for (std::string_view bare : {"", "pdf", "download", "downloaden", "hier", "klik hier", "link",
                                "bekijk", "open", "lees meer", "bijlage"}) {
    if (folded == bare) {
      return "";
    }
  }
  return std::string(trim(link_text));
}

namespace {

// The PDFs `page`'s content links to by relative links, each once.
std::vector<LinkedPdf> linked_pdfs(const HtmlPage& page, const fs::path& file,
                                   const analyzers::Folder& folder) {
  std::vector<LinkedPdf> pdfs;
  for (const HtmlLink& link : page.links) {
    const std::string_view path = link_path(link.href);
    if (!is_relative_reference(link.href) || path.starts_with('/') || !is_pdf_name(path)) {
      continue;  // a root-relative link needs the site's root, which a saved file does not know
    }
    const fs::path target = (file.parent_path() / percent_decode(path)).lexically_normal();
    const bool seen = std::any_of(pdfs.begin(), pdfs.end(),
                                  [&](const LinkedPdf& pdf) { return pdf.file == target; });
    if (!seen) {
      pdfs.push_back({target, page.url.empty() ? "" : resolve_url(page.url, path),
                      linked_document_title(link.text, folder)});
    }
  }
  return pdfs;
}

// The id a page's URL gives: the slug of its last path segment, with `extra` segments before
// it; "" when the URL has too few ("https://agendastad.nl/").
std::string url_id(const std::string& url, size_t extra, const analyzers::Folder& folder) {
  std::vector<std::string> segments = path_segments(url);
  if (!segments.empty()) {
    std::string& last = segments.back();
    for (std::string_view suffix : {".html", ".htm", ".php", ".aspx"}) {
      if (last.ends_with(suffix)) {
        last.resize(last.size() - suffix.size());
      }
    }
    if (last == "index") {
      segments.pop_back();
    }
  }
  if (segments.size() <= extra) {
    return "";
  }
  std::string joined;
  for (size_t i = segments.size() - extra - 1; i < segments.size(); ++i) {
    joined += (joined.empty() ? "" : " ") + segments[i];
  }
  return slug(joined, folder);
}

}  // namespace

HtmlDeal html_deal(const HtmlPage& page, const fs::path& file, const analyzers::Folder& folder) {
  HtmlDeal deal;
  DealRecord& record = deal.record;
  record.title = page.title;
  record.url = page.url;
  record.source = {file.string(), 1};
  bool status_found = false;
  for (const std::string& paragraph : page.paragraphs) {
    if (const std::optional<std::string_view> status = status_line_value(paragraph);
        status && !status_found) {
      record.status = std::string(*status);
      status_found = true;
    } else {
      record.paragraphs.push_back(paragraph);
    }
  }
  if (!page.url.empty()) {
    record.id = url_id(page.url, 0, folder);
  }
  record.documents.push_back({page.url, page.title, std::string(kDocumentHtml), std::nullopt, 0});
  deal.pdfs = linked_pdfs(page, file, folder);
  return deal;
}

void make_page_ids_distinct(const std::vector<DealRecord*>& pages,
                            const analyzers::Folder& folder) {
  std::map<std::string, std::vector<DealRecord*>> by_id;
  for (DealRecord* page : pages) {
    if (!page->url.empty() && !page->id.empty()) {
      by_id[page->id].push_back(page);
    }
  }
  for (auto& [id, sharing] : by_id) {
    if (sharing.size() < 2) {
      continue;
    }
    for (DealRecord* page : sharing) {
      if (std::string longer = url_id(page->url, 1, folder); !longer.empty()) {
        page->id = std::move(longer);
      }
    }
  }
}

void add_pdf_document(DealRecord& record, const PdfText& pdf, SourceDocument document) {
  if (record.paragraph_pages.empty()) {
    record.paragraph_pages.assign(record.paragraphs.size(), 0);
  }
  document.type = kDocumentPdf;
  document.pages = pdf.page_count;
  document.first_paragraph = record.paragraphs.size();
  record.documents.push_back(std::move(document));
  for (schema::PageBreak page_break : pdf.page_breaks) {
    page_break.paragraph += record.paragraphs.size();
    record.page_breaks.push_back(page_break);
  }
  record.paragraphs.insert(record.paragraphs.end(), pdf.paragraphs.begin(), pdf.paragraphs.end());
  record.paragraph_pages.insert(record.paragraph_pages.end(), pdf.paragraph_pages.begin(),
                                pdf.paragraph_pages.end());
}

std::string linked_pdf_title(std::string link_title, const PdfText& pdf, std::string fallback) {
  if (!link_title.empty()) {
    return link_title;
  }
  return pdf.title.empty() ? fallback : pdf.title;
}

DealRecord pdf_deal(const PdfText& pdf, const fs::path& file) {
  DealRecord record;
  record.title = pdf.title.empty() ? file.stem().string() : pdf.title;
  record.source = {file.string(), 1};
  add_pdf_document(record, pdf, {.url = "", .title = record.title});
  return record;
}

}  // namespace dealsearch::indexer
