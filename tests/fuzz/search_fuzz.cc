// Fuzzes a whole search as /api/search and / run it: a URL's query string -> parameters ->
// Searcher::search over the seed corpus, indexed once -> the JSON and the HTML page.
#include <httplib.h>
#include <unistd.h>
#include <xapian.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>

#include "searcher/http/page.h"
#include "searcher/http/request_params.h"
#include "searcher/index_reader.h"
#include "searcher/result_json.h"
#include "searcher/search.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/fuzz/fuzz_check.h"
#include "tests/support/corpus_index.h"

namespace dealsearch::fuzz {
namespace {

// Indexes corpus/ into a fresh temporary directory and opens it. The directory is removed at
// once: the open database keeps its files, and a crashing run leaves nothing behind.
std::unique_ptr<searcher::Searcher> open_corpus_searcher() {
  std::string pattern = (std::filesystem::temp_directory_path() / "dealsearch-fuzz-XXXXXX");
  check(::mkdtemp(pattern.data()) != nullptr, "a temporary directory");
  const std::filesystem::path directory(pattern);
  testing::build_corpus_index(directory / "index");
  const analyzers::Analyzer analyzer(testing::shared_analyzer_data());
  searcher::Shards db = searcher::open_index(directory / "index", analyzer.fingerprint());
  auto searcher =
      std::make_unique<searcher::Searcher>(std::move(db), testing::shared_analyzer_data());
  // Reads every table once while the files still have names.
  searcher::SearchRequest request;
  request.query = "fiets";
  check(!searcher->search(request).hits.empty(), "the corpus index finds 'fiets'");
  std::filesystem::remove_all(directory);
  return searcher;
}

void search(searcher::Searcher& searcher, const searcher::SearchRequest& request) {
  const searcher::SearchResult result = searcher.search(request);
  check(result.hits.size() <= request.size, "a page holds at most its size");
  check(result.hits.size() <= result.total, "no more hits than matches");
  // dump() throws on invalid UTF-8: a snippet cut inside a character would fail the request.
  (void)searcher::to_json(request, result, 0).dump();
  (void)http::render_search_page(request, result);
  (void)searcher.suggest(request.query);
}

}  // namespace
}  // namespace dealsearch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace http = dealsearch::http;
  static const std::unique_ptr<dealsearch::searcher::Searcher> searcher =
      dealsearch::fuzz::open_corpus_searcher();
  httplib::Params params;
  httplib::detail::parse_query_text(std::string(reinterpret_cast<const char*>(data), size), params);
  // As the pages read them: the most URLs reach the searcher.
  const auto parsed = http::parse_search_parameters(http::Parameters(params.begin(), params.end()),
                                                    http::UnknownParameters::kIgnore);
  if (const auto* request = std::get_if<dealsearch::searcher::SearchRequest>(&parsed)) {
    try {
      dealsearch::fuzz::search(*searcher, *request);
    } catch (const Xapian::Error& e) {
      dealsearch::fuzz::check(false, "Xapian::Error: " + e.get_description());
    }
  }
  return 0;
}
