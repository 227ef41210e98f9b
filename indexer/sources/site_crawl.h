// A site's deals from its sitemap (or single page URLs): fetched politely, their PDFs with
// them, and on an update only what changed.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "analyzers/analyzer_data.h"
#include "indexer/deal_record.h"
#include "indexer/diagnostic.h"
#include "indexer/formats/pdf_reader.h"
#include "indexer/sources/http_client.h"

namespace dealsearch::indexer {

// A deal page the index holds from an earlier crawl, by its URL.
struct KnownPage {
  std::string id;
  std::string etag;  // as the page's server last gave them ("" if none)
  std::string last_modified;
};

// What crawl() fetches and how.
struct CrawlOptions {
  // Regular expressions searched for in a page's whole URL: a page a sitemap lists is fetched
  // only when it matches one of `include` (if any) and none of `exclude`. A URL given as a
  // source itself is always fetched.
  std::vector<std::regex> include;
  std::vector<std::regex> exclude;
  // Hosts besides a page's own whose PDFs it may link to ("zoek.officielebekendmakingen.nl").
  std::vector<std::string> allow_hosts;
  // Seconds between two requests to one host at least (robots.txt may ask for more).
  double crawl_delay_seconds = 0.5;
  HttpOptions http;
  // Parses the PDFs; with the lexicon for their hyphenation.
  PdfExtractor pdf;
  std::shared_ptr<const analyzers::AnalyzerData> analyzer_data;
  // The pages an update starts from (known_pages()): each is asked whether it changed since,
  // and is deleted when it is gone. Empty for a rebuild: everything is fetched.
  std::map<std::string, KnownPage> known;
  // Pages fetched at once (each host still gets at most two requests at a time).
  unsigned workers = 4;
};

// How a crawl went, for the progress line and the summary.
struct CrawlCounts {
  size_t sitemaps = 0;      // read
  size_t pages = 0;         // fetched with content
  size_t pdfs = 0;          // fetched and read
  size_t not_modified = 0;  // pages that answered 304
  size_t gone = 0;          // pages that answered 404 or 410, or left a complete sitemap
  size_t robots_refused = 0;
  size_t errors = 0;
};

struct CrawlResult {
  std::vector<DealRecord> records;         // new or changed deals, each with its PDFs
  std::vector<std::string> unchanged_ids;  // pages that answered 304
  std::vector<std::string> delete_ids;     // known pages that are gone
  std::vector<Diagnostic> diagnostics;     // every problem, with its URL
  // Whether every sitemap was read completely. When not, nothing is deleted for having left
  // a sitemap (a 404 still deletes its page), and the caller reports the run as failed.
  bool complete = true;
  CrawlCounts counts;
};

using CrawlProgress = std::function<void(const CrawlCounts& counts)>;

// Fetches `urls` (sitemaps, sitemap indexes, gzipped or not, or single pages: whatever each
// answers) and every page they list that `options` keeps, as an HTML page each (formats/
// html_page.h), with the PDFs its content links to on its own host or an allowed one. Obeys
// each host's robots.txt for the user agent "dealsearch". A page's deal has its URL (after
// redirects) as `url` and the slug of that URL's last segment as its id. `progress`, when
// given, is called after each sitemap and page, from the crawl's threads, one call at a time.
//
// Nothing here throws for what a site does: every failure is a diagnostic. Throws
// dealsearch::Error only when no PDF parser can be started (see read_pdf).
[[nodiscard]] CrawlResult crawl(const std::vector<std::string>& urls, const CrawlOptions& options,
                                const CrawlProgress& progress = nullptr);

// Whether `input` names a URL source ("http://..." or "https://...") rather than a file.
[[nodiscard]] bool is_url_source(std::string_view input);

// The deal pages `index` holds that were fetched from a URL, by URL. Throws dealsearch::Error
// when the index cannot be read; an index that does not exist yet holds none.
[[nodiscard]] std::map<std::string, KnownPage> known_pages(const std::filesystem::path& index);

}  // namespace dealsearch::indexer
