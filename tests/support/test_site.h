// A programme's web site on a loopback port, for the crawl's tests: the saved site of
// tests/support/make_site.py served with a sitemap index, robots.txt, ETags and 304s, and the
// ways real and hostile sites misbehave (404, redirect, a page that stalls, a gzip bomb, a
// sitemap with an external entity). It counts what it is asked, so tests can tell a 304 from a
// fetch.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/run_command.h"
#include "tests/support/test_files.h"

namespace dealsearch::testing {

class TestSite {
 public:
  // Serves `root` (make_site.py's agendastad.nl folder): /citydeals/<slug>/ and
  // /wp-content/uploads/<slug>.pdf.
  explicit TestSite(std::filesystem::path root) : root_(std::move(root)) {
    for (const auto& entry : std::filesystem::directory_iterator(root_ / "citydeals")) {
      deal_pages_.insert("/citydeals/" + entry.path().filename().string() + "/");
    }
    server_.set_keep_alive_max_count(100);
#if defined(__SANITIZE_THREAD__)
    // Debian's cpp-httplib is not built for ThreadSanitizer, which then sees its thread pool's
    // start-up race with itself; one worker serves the crawl tests well enough there.
    server_.new_task_queue = [] { return new httplib::ThreadPool(1); };
#endif
    server_.Get(".*", [this](const httplib::Request& request, httplib::Response& response) {
      serve(request, response);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  ~TestSite() {
    stalled_.store(false);
    server_.stop();
    thread_.join();
  }
  TestSite(const TestSite&) = delete;
  TestSite& operator=(const TestSite&) = delete;

  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string url(const std::string& path) const { return origin() + path; }

  // The deal pages the sitemap lists (paths), besides the extra ones below.
  const std::set<std::string>& deal_pages() const { return deal_pages_; }
  void unlist(const std::string& path) {
    std::lock_guard lock(mutex_);
    deal_pages_.erase(path);
  }
  // Extra paths for the sitemap: a page that answers 404, a redirect, robots-disallowed...
  void list(const std::string& path) {
    std::lock_guard lock(mutex_);
    deal_pages_.insert(path);
  }
  // What the sitemap index names besides the deals' sitemap ("/sitemap-bomb.xml.gz").
  void add_child_sitemap(const std::string& path) {
    std::lock_guard lock(mutex_);
    child_sitemaps_.push_back(path);
  }

  // Requests for `path` so far, and how many of them were answered 304.
  size_t requests(const std::string& path) const {
    std::lock_guard lock(mutex_);
    const auto found = requests_.find(path);
    return found == requests_.end() ? 0 : found->second;
  }
  size_t answered_200() const { return answered_200_; }
  size_t answered_304() const { return answered_304_; }
  void reset_counts() {
    std::lock_guard lock(mutex_);
    requests_.clear();
    answered_200_ = 0;
    answered_304_ = 0;
  }
  std::vector<std::string> user_agents() const {
    std::lock_guard lock(mutex_);
    return user_agents_;
  }

 private:
  void serve(const httplib::Request& request, httplib::Response& response) {
    {
      std::lock_guard lock(mutex_);
      ++requests_[request.path];
      user_agents_.push_back(request.get_header_value("User-Agent"));
    }
    const std::string& path = request.path;
    if (path == "/robots.txt") {
      return reply(request, response, "User-agent: *\nDisallow: /prive/\n", "text/plain");
    }
    if (path == "/sitemap.xml") {
      std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">)";
      xml += "<sitemap><loc>" + url("/sitemap-deals.xml") + "</loc></sitemap>";
      std::lock_guard lock(mutex_);
      for (const std::string& child : child_sitemaps_) {
        xml += "<sitemap><loc>" + url(child) + "</loc></sitemap>";
      }
      xml += "</sitemapindex>\n";
      response.set_content(xml, "application/xml");
      return;
    }
    if (path == "/sitemap-deals.xml") {
      std::string xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">)";
      std::lock_guard lock(mutex_);
      for (const std::string& page : deal_pages_) {
        xml += "<url><loc>" + url(page) + "</loc></url>";
      }
      xml += "</urlset>\n";
      response.set_content(xml, "application/xml");
      return;
    }
    if (path == "/sitemap-xxe.xml") {
      response.set_content(R"(<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&geheim;</loc></url></urlset>
)",
                           "application/xml");
      return;
    }
    if (path == "/sitemap-bomb.xml.gz") {
      response.set_content(gzip_bomb(), "application/gzip");
      return;
    }
    if (path == "/oud/slim-maatwerk/") {
      response.status = 301;
      response.set_header("Location", url("/citydeals/slim-maatwerk/"));
      return;
    }
    if (path == "/citydeals/traag/") {
      // Headers, a little of the page, then nothing: a page that never ends.
      response.set_chunked_content_provider(
          "text/html", [this](size_t offset, httplib::DataSink& sink) {
            if (offset == 0) {
              sink.write("<html><body><main><h1>Traag</h1><p>", 36);
              return true;
            }
            for (int i = 0; i < 600 && stalled_.load(); ++i) {
              std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            return false;
          });
      return;
    }
    std::filesystem::path file = root_ / std::filesystem::path(path.substr(1));
    if (path.ends_with('/')) {
      file /= "index.html";
    }
    std::error_code error;
    if (path.find("..") != std::string::npos || !std::filesystem::is_regular_file(file, error)) {
      response.status = 404;
      response.set_content("<html><body><h1>Niet gevonden</h1></body></html>", "text/html");
      return;
    }
    reply(request, response, read_text_file(file),
          path.ends_with(".pdf") ? "application/pdf" : "text/html; charset=utf-8");
  }

  // 200 with an ETag and Last-Modified, or 304 when the request's validators match.
  void reply(const httplib::Request& request, httplib::Response& response, const std::string& body,
             const char* type) {
    const std::string etag = "\"" + std::to_string(std::hash<std::string>{}(body)) + "\"";
    const std::string modified = "Mon, 02 Nov 2026 10:00:00 GMT";
    response.set_header("ETag", etag);
    response.set_header("Last-Modified", modified);
    if (request.get_header_value("If-None-Match") == etag ||
        (!request.has_header("If-None-Match") &&
         request.get_header_value("If-Modified-Since") == modified)) {
      response.status = 304;
      ++answered_304_;
      return;
    }
    ++answered_200_;
    response.set_content(body, type);
  }

  // 200 MB of spaces, gzipped to some 200 kB.
  static std::string gzip_bomb() {
    z_stream stream{};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    const std::string block(1 << 20, ' ');
    std::string out;
    char buffer[1 << 16];
    for (int i = 0; i < 200; ++i) {
      stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(block.data()));
      stream.avail_in = static_cast<uInt>(block.size());
      const int flush = i == 199 ? Z_FINISH : Z_NO_FLUSH;
      do {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        deflate(&stream, flush);
        out.append(buffer, sizeof buffer - stream.avail_out);
      } while (stream.avail_out == 0);
    }
    deflateEnd(&stream);
    return out;
  }

  std::filesystem::path root_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
  std::atomic<bool> stalled_ = true;
  mutable std::mutex mutex_;  // guards what follows
  std::set<std::string> deal_pages_;
  std::vector<std::string> child_sitemaps_;
  std::map<std::string, size_t> requests_;
  std::vector<std::string> user_agents_;
  std::atomic<size_t> answered_200_ = 0;
  std::atomic<size_t> answered_304_ = 0;
};

// corpus/'s deals written as a saved site into `dir`/saved (tests/support/make_site.py, with
// ReportLab's python) and served. Fails the test when the site cannot be written.
inline std::unique_ptr<TestSite> serve_corpus_site(const std::filesystem::path& dir) {
  const RunResult made =
      run_command(DEALSEARCH_REPORTLAB_PYTHON " " DEALSEARCH_SOURCE_DIR
                                              "/tests/support/make_site.py " DEALSEARCH_SOURCE_DIR
                                              "/corpus/agendastad-citydeals.txt " +
                  (dir / "saved").string());
  EXPECT_EQ(made.exit_code, 0) << made.output;
  return std::make_unique<TestSite>(dir / "saved" / "agendastad.nl");
}

}  // namespace dealsearch::testing
