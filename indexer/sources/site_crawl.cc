// crawl(): sitemaps to page URLs, pages to deals with their PDFs, on a few threads, each host
// throttled and its robots.txt obeyed.
#include "indexer/sources/site_crawl.h"

#include <stdlib.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <set>
#include <variant>

#include "analyzers/error.h"
#include "analyzers/stored_deal.h"
#include "indexer/fan_out.h"
#include "indexer/formats/deal_documents.h"
#include "indexer/formats/html_encoding.h"
#include "indexer/formats/html_page.h"
#include "indexer/formats/sitemap.h"
#include "indexer/paragraphs.h"
#include "indexer/sources/gzip.h"
#include "indexer/sources/host_throttle.h"
#include "indexer/sources/robots.h"
#include "indexer/urls.h"

namespace dealsearch::indexer {
namespace {

namespace fs = std::filesystem;

constexpr const char* kRobotsRefusal = "robots.txt disallows it for dealsearch";

// The longest robots.txt Crawl-delay obeyed, in seconds.
constexpr double kMaxRobotsCrawlDelaySeconds = 30;

// Requests at a time to one host: polite, and what the issue asks.
constexpr int kRequestsAtATimePerHost = 2;

std::chrono::milliseconds milliseconds(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

// A sitemap index may name sitemap indexes; real ones go one level deep.
constexpr int kMaxSitemapDepth = 3;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_pdf_url(std::string_view url) {
  const std::string path =
      lower(url_path_and_query(url).substr(0, url_path_and_query(url).find('?')));
  return path.ends_with(".pdf");
}

// "www.agendastad.nl" and "agendastad.nl" are one site.
std::string site_of(std::string_view host) {
  return std::string(host.starts_with("www.") ? host.substr(4) : host);
}

// Whether the bytes are a sitemap rather than a page: XML whose root is urlset or
// sitemapindex, or plain text of URLs from a URL named like a sitemap.
bool looks_like_sitemap(std::string_view body, std::string_view url) {
  const size_t start = body.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  const std::string_view head = body.substr(std::min(start, body.size()), 2048);
  if (head.find("<urlset") != std::string_view::npos ||
      head.find("<sitemapindex") != std::string_view::npos) {
    return true;
  }
  const std::string path = lower(url_path_and_query(url));
  return (path.find("sitemap") != std::string::npos) && !head.starts_with("<");
}

bool chosen(const std::string& url, const CrawlOptions& options) {
  const auto found = [&](const std::regex& pattern) { return std::regex_search(url, pattern); };
  if (!options.include.empty() &&
      std::none_of(options.include.begin(), options.include.end(), found)) {
    return false;
  }
  return std::none_of(options.exclude.begin(), options.exclude.end(), found);
}

// A temporary directory for the PDFs being parsed, removed with this object.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    std::string pattern = (fs::temp_directory_path() / "dealsearch-crawl-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw Error(ErrorKind::kLibrary, "cannot create a temporary directory",
                  fs::temp_directory_path().string(), "check that it is writable");
    }
    path_ = pattern;
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

class Crawler {
 public:
  Crawler(const CrawlOptions& options, const CrawlProgress& progress, CrawlResult& result)
      : options_(options),
        progress_(progress),
        result_(result),
        client_(options.http),
        throttle_({.max_per_host = kRequestsAtATimePerHost,
                   .delay = milliseconds(options.crawl_delay_seconds)}) {}

  void run(const std::vector<std::string>& urls);

 private:
  // One page to fetch: its URL and whether a sitemap listed it (else a source named it).
  struct PageJob {
    std::string url;
    bool listed;
    std::optional<HttpResponse> fetched = std::nullopt;  // a source page's answer, kept
  };

  HttpResponse fetch(const std::string& url, const HttpRequest& request);
  HttpRequest conditional_request(const std::string& url) const;
  const Robots& robots_for(const std::string& url);
  void read_source(const std::string& url, std::vector<PageJob>& pages);
  void read_sitemap_at(const std::string& url, const HttpResponse& response, int depth,
                       std::vector<PageJob>& pages);
  void fetch_pages(const std::vector<PageJob>& pages);
  void fetch_page(const std::string& url, const std::optional<HttpResponse>& fetched);
  void record_outcome(const std::string& url, const HttpResponse& response, const KnownPage* known);
  void add_deal(const std::string& url, const HttpResponse& response);
  void add_pdfs(const HtmlPage& page, const std::string& page_url, DealRecord& record);
  std::optional<PdfText> fetch_pdf(const std::string& url, SourceDocument& document);
  void delete_vanished(const std::set<std::string>& listed_hosts,
                       const std::set<std::string>& listed);
  void problem(const std::string& url, const std::string& message);
  void report();

  const CrawlOptions& options_;
  const CrawlProgress& progress_;
  CrawlResult& result_;  // guarded by mutex_ while pages are fetched
  HttpClient client_;
  HostThrottle throttle_;
  ScratchDirectory scratch_;
  std::atomic<size_t> next_scratch_ = 0;
  std::mutex mutex_;                                       // guards result_ and robots_
  std::map<std::string, std::unique_ptr<Robots>> robots_;  // by origin
  std::mutex robots_fetch_;  // one robots.txt fetch at a time: each origin's once
};

void Crawler::problem(const std::string& url, const std::string& message) {
  result_.diagnostics.push_back({url, 0, message});
  ++result_.counts.errors;
}

void Crawler::report() {
  if (progress_) {
    progress_(result_.counts);
  }
}

const Robots& Crawler::robots_for(const std::string& url) {
  const std::string origin = url_origin(url);
  std::lock_guard fetching(robots_fetch_);
  {
    std::lock_guard lock(mutex_);
    if (const auto found = robots_.find(origin); found != robots_.end()) {
      return *found->second;
    }
  }
  HttpResponse response;
  {
    HostThrottle::Lease lease = throttle_.acquire(site_of(url_host(url)));
    response = client_.get({origin + "/robots.txt", "", ""});
  }
  auto robots = std::make_unique<Robots>(robots_from_response(response));
  if (std::optional<double> delay = robots->crawl_delay_seconds()) {
    // A site asking for a day between requests would never be read: it gets a long wait.
    delay = std::min(*delay, kMaxRobotsCrawlDelaySeconds);
    throttle_.set_delay(site_of(url_host(url)),
                        milliseconds(std::max(options_.crawl_delay_seconds, *delay)));
  }
  std::lock_guard lock(mutex_);
  return *(robots_[origin] = std::move(robots));
}

HttpResponse Crawler::fetch(const std::string& url, const HttpRequest& request) {
  if (!robots_for(url).allows(url_path_and_query(url))) {
    HttpResponse refused;
    refused.url = url;
    refused.error = kRobotsRefusal;
    std::lock_guard lock(mutex_);
    ++result_.counts.robots_refused;
    return refused;
  }
  HostThrottle::Lease lease = throttle_.acquire(site_of(url_host(url)));
  return client_.get(request);
}

void Crawler::read_sitemap_at(const std::string& url, const HttpResponse& response, int depth,
                              std::vector<PageJob>& pages) {
  std::string body = response.body;
  if (looks_gzipped(body)) {
    std::string error;
    std::optional<std::string> inflated = gunzip_capped(body, options_.http.max_bytes, &error);
    if (!inflated) {
      problem(url, "the sitemap cannot be read: " + error);
      result_.complete = false;
      return;
    }
    body = std::move(*inflated);
  }
  Sitemap sitemap;
  try {
    sitemap = read_sitemap(body);
  } catch (const Error& error) {
    problem(url, std::string("the sitemap cannot be read: ") + error.what());
    result_.complete = false;
    return;
  }
  ++result_.counts.sitemaps;
  for (const SitemapEntry& entry : sitemap.entries) {
    if (sitemap.kind == Sitemap::Kind::kUrlSet) {
      if (chosen(entry.loc, options_)) {
        pages.push_back({entry.loc, true});
      }
      continue;
    }
    if (depth >= kMaxSitemapDepth) {
      problem(entry.loc, "a sitemap index nested deeper than " + std::to_string(kMaxSitemapDepth) +
                             " levels is not read");
      result_.complete = false;
      continue;
    }
    const HttpResponse child = fetch(entry.loc, {entry.loc, "", ""});
    if (child.status != 200) {
      problem(entry.loc,
              "the sitemap cannot be fetched: " +
                  (child.error.empty() ? "HTTP " + std::to_string(child.status) : child.error));
      result_.complete = false;
      continue;
    }
    read_sitemap_at(entry.loc, child, depth + 1, pages);
  }
  report();
}

// A GET of `url` that asks whether it changed since the index's copy, when there is one.
HttpRequest Crawler::conditional_request(const std::string& url) const {
  HttpRequest request{url, "", ""};
  if (const auto known = options_.known.find(url); known != options_.known.end()) {
    request.if_none_match = known->second.etag;
    request.if_modified_since = known->second.last_modified;
  }
  return request;
}

void Crawler::read_source(const std::string& url, std::vector<PageJob>& pages) {
  const HttpResponse response = fetch(url, conditional_request(url));
  if (response.status == 200 &&
      (looks_gzipped(response.body) || looks_like_sitemap(response.body, response.url))) {
    read_sitemap_at(url, response, 1, pages);
    return;
  }
  if (response.status == 200 || response.status == 304 || response.status == 404 ||
      response.status == 410) {
    pages.push_back({url, false, response});  // a page: read with the others, not fetched again
    return;
  }
  problem(url, "cannot be fetched: " + (response.error.empty()
                                            ? "HTTP " + std::to_string(response.status)
                                            : response.error));
  result_.complete = false;
}

void Crawler::run(const std::vector<std::string>& urls) {
  std::vector<PageJob> pages;
  for (const std::string& url : urls) {
    read_source(url, pages);
  }
  // Each page once, the first listing winning.
  std::set<std::string> listed;
  std::vector<PageJob> unique;
  std::set<std::string> listed_hosts;
  for (const PageJob& page : pages) {
    if (listed.insert(page.url).second) {
      unique.push_back(page);
    }
    if (page.listed) {
      listed_hosts.insert(site_of(url_host(page.url)));
    }
  }
  fetch_pages(unique);
  if (result_.complete) {
    delete_vanished(listed_hosts, listed);
  }
  report();
}

void Crawler::fetch_pages(const std::vector<PageJob>& pages) {
  for_each_on_threads(pages.size(), options_.workers,
                      [&](size_t i) { fetch_page(pages[i].url, pages[i].fetched); });
}

void Crawler::fetch_page(const std::string& url, const std::optional<HttpResponse>& fetched) {
  const auto known = options_.known.find(url);
  const HttpResponse response = fetched ? *fetched : fetch(url, conditional_request(url));
  if (response.error.empty() && response.status == 200) {
    add_deal(url, response);  // parses and fetches its PDFs unlocked
  } else {
    std::lock_guard lock(mutex_);
    record_outcome(url, response, known != options_.known.end() ? &known->second : nullptr);
  }
  std::lock_guard lock(mutex_);
  report();
}

// What a page that brought no content means: unchanged, gone, refused or failed.
void Crawler::record_outcome(const std::string& url, const HttpResponse& response,
                             const KnownPage* known) {
  if (response.error == kRobotsRefusal) {
    return;  // counted: the site asks not to, which is no error
  }
  if (!response.error.empty()) {
    problem(url, "cannot be fetched: " + response.error);
  } else if (response.status == 304 && known) {
    result_.unchanged_ids.push_back(known->id);
    ++result_.counts.not_modified;
  } else if (response.status == 404 || response.status == 410) {
    if (known) {
      result_.delete_ids.push_back(known->id);
    }
    ++result_.counts.gone;
  } else {
    problem(url, "cannot be fetched: HTTP " + std::to_string(response.status));
  }
}

void Crawler::add_deal(const std::string& url, const HttpResponse& response) {
  const std::optional<std::string> text = html_as_utf8(response.body);
  if (!text) {
    std::lock_guard lock(mutex_);
    problem(url, "invalid UTF-8 in a page that declares UTF-8; the page was not read");
    return;
  }
  HtmlPage page = read_html_page(*text);
  page.url = response.url;  // the page is where it was fetched, whatever it says
  HtmlDeal deal = html_deal(page, "", options_.analyzer_data->folder());
  DealRecord& record = deal.record;
  record.source = {url, 0};
  if (const auto known = options_.known.find(url); known != options_.known.end()) {
    record.id = known->second.id;  // ids stay as they were
  }
  record.documents.front().etag = response.etag;
  record.documents.front().last_modified = response.last_modified;
  if (trim(record.title).empty()) {
    std::lock_guard lock(mutex_);
    problem(url, "no title: the page has no <h1> in its content, no og:title and no <title>");
    return;
  }
  add_pdfs(page, response.url, record);
  std::lock_guard lock(mutex_);
  if (record.paragraphs.empty()) {
    problem(url, "no text: the page's main content is empty (--exclude it?)");
    return;
  }
  ++result_.counts.pages;
  // Known ids are kept as they are; new ones are made distinct where two would share one.
  result_.records.push_back(std::move(record));
}

void Crawler::add_pdfs(const HtmlPage& page, const std::string& page_url, DealRecord& record) {
  const std::string page_site = site_of(url_host(page_url));
  std::set<std::string> seen;
  for (const HtmlLink& link : page.links) {
    const std::string url(without_fragment(resolve_url(page_url, link.href)));
    if (url.empty() || !is_pdf_url(url) || !seen.insert(url).second) {
      continue;
    }
    const std::string host = url_host(url);
    const bool allowed = site_of(host) == page_site ||
                         std::find(options_.allow_hosts.begin(), options_.allow_hosts.end(),
                                   host) != options_.allow_hosts.end();
    if (!allowed) {
      continue;  // another site's document: --allow-host names the ones to read
    }
    SourceDocument document{
        .url = url, .title = linked_document_title(link.text, options_.analyzer_data->folder())};
    if (std::optional<PdfText> text = fetch_pdf(url, document)) {
      document.title =
          linked_pdf_title(std::move(document.title), *text, path_segments(url).back());
      add_pdf_document(record, *text, std::move(document));
    }
  }
}

std::optional<PdfText> Crawler::fetch_pdf(const std::string& url, SourceDocument& document) {
  const HttpResponse response = fetch(url, {url, "", ""});
  if (!response.error.empty() || response.status != 200) {
    std::lock_guard lock(mutex_);
    problem(url, "the PDF cannot be fetched: " + (response.error.empty()
                                                      ? "HTTP " + std::to_string(response.status)
                                                      : response.error));
    return std::nullopt;
  }
  const fs::path file = scratch_.path() / (std::to_string(next_scratch_++) + ".pdf");
  std::ofstream(file, std::ios::binary) << response.body;
  std::variant<PdfText, std::string> text = read_pdf(file, options_.pdf, *options_.analyzer_data);
  std::error_code ignored;
  fs::remove(file, ignored);
  std::lock_guard lock(mutex_);
  if (const auto* why = std::get_if<std::string>(&text)) {
    problem(url, "cannot read this PDF: " + *why);
    return std::nullopt;
  }
  ++result_.counts.pdfs;
  document.etag = response.etag;
  document.last_modified = response.last_modified;
  return std::get<PdfText>(std::move(text));
}

void Crawler::delete_vanished(const std::set<std::string>& listed_hosts,
                              const std::set<std::string>& listed) {
  for (const auto& [url, page] : options_.known) {
    if (listed_hosts.contains(site_of(url_host(url))) && !listed.contains(url)) {
      result_.delete_ids.push_back(page.id);
      ++result_.counts.gone;
    }
  }
}

}  // namespace

bool is_url_source(std::string_view input) {
  const std::string head = lower(input.substr(0, 8));
  return head.starts_with("http://") || head.starts_with("https://");
}

CrawlResult crawl(const std::vector<std::string>& urls, const CrawlOptions& options,
                  const CrawlProgress& progress) {
  CrawlResult result;
  Crawler crawler(options, progress, result);
  crawler.run(urls);
  // New pages whose URLs end alike get their parent segment (known ones keep their ids).
  std::vector<DealRecord*> fresh;
  for (DealRecord& record : result.records) {
    if (!options.known.contains(record.source.file)) {
      fresh.push_back(&record);
    }
  }
  make_page_ids_distinct(fresh, options.analyzer_data->folder());
  return result;
}

std::map<std::string, KnownPage> known_pages(const std::filesystem::path& index) {
  std::map<std::string, KnownPage> known;
  std::error_code error;
  if (!fs::exists(index, error)) {
    return known;
  }
  try {
    const Xapian::Database db(index.string());
    for (Xapian::PostingIterator it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
      const std::optional<schema::StoredDeal> deal =
          schema::decode_stored_deal(db.get_document(*it).get_data(), schema::StoredText::kSkip);
      if (!deal || deal->documents.empty() || !is_url_source(deal->source)) {
        continue;  // read from a file, not fetched
      }
      const schema::StoredDocument& page = deal->documents.front();
      known[deal->source] = {deal->id, page.etag, page.last_modified};
    }
  } catch (const Xapian::Error& failure) {
    throw Error(ErrorKind::kIndex, "cannot read the index: " + failure.get_description(),
                index.string(), "check the path, or rebuild it without --update");
  }
  return known;
}

}  // namespace dealsearch::indexer
