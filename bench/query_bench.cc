// Query latency in-process, per query type: what Searcher::search costs (ranking, exact total,
// exact disjunctive facet counts over every match, snippets for the top 10), without HTTP.
//
//   build/bench/query_bench [--index=data/index] [Google Benchmark flags]
//
// Without --index it indexes the seed corpus into a temporary directory (the smoke test).
// The queries are drawn from the index itself (deterministically: every n-th deal's own
// words), so that any index, the seed corpus or 100,000 generated deals, gets queries that
// find something. Each benchmark cycles through its class's queries and reports, besides
// Google Benchmark's mean, the median and 99th percentile of the single searches.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "analyzers/analyzer_data.h"
#include "analyzers/error.h"
#include "analyzers/stored_deal.h"
#include "indexer/deal_builder.h"
#include "indexer/gazetteer.h"
#include "indexer/index_run.h"
#include "indexer/index_writer.h"
#include "indexer/input_files.h"
#include "searcher/index_reader.h"
#include "searcher/search.h"

namespace {

using dealsearch::searcher::Searcher;
using dealsearch::searcher::SearchRequest;

std::filesystem::path index_path;  // --index, or the seed corpus indexed into a temporary dir

const std::shared_ptr<const dealsearch::analyzers::AnalyzerData>& data() {
  static const auto loaded =
      dealsearch::analyzers::AnalyzerData::load({DEALSEARCH_SOURCE_DIR "/analyzers/data"});
  return loaded;
}

// Indexes corpus/ into `stub`, as `dealsearch index corpus/` would.
void index_seed_corpus(const std::filesystem::path& stub) {
  using namespace dealsearch::indexer;
  const auto gazetteer = Gazetteer::load(DEALSEARCH_SOURCE_DIR "/indexer/data", data()->folder());
  std::vector<std::unique_ptr<DealBuilder>> builders;
  builders.push_back(std::make_unique<DealBuilder>(
      data(), gazetteer, DEALSEARCH_SOURCE_DIR "/indexer/data/themes-nl.tsv"));
  IndexWriter writer(stub, *builders.front());
  index_records(read_inputs({DEALSEARCH_SOURCE_DIR "/corpus"}).records, {}, builders, writer);
}

Searcher& searcher() {
  static Searcher opened(dealsearch::searcher::open_index(
                             index_path, dealsearch::analyzers::Analyzer(data()).fingerprint()),
                         data());
  return opened;
}

// The plain words of a text (letters only, five or more), lower-cased.
std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (const char c : text + " ") {
    if (std::isalpha(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      if (word.size() >= 5) {
        words.push_back(word);
      }
      word.clear();
    }
  }
  return words;
}

struct QueryMix {
  std::vector<SearchRequest> single_word, several_words, phrase, prefix, filtered, filters_only;
};

SearchRequest request_for(std::string query) {
  SearchRequest request;
  request.query = std::move(query);
  return request;
}

// Up to 50 queries of each class from every n-th deal of the index.
QueryMix draw_queries() {
  QueryMix mix;
  Xapian::Database db = dealsearch::searcher::open_index(
                            index_path, dealsearch::analyzers::Analyzer(data()).fingerprint())
                            .database();
  const Xapian::docid last = db.get_lastdocid();
  const Xapian::docid stride = std::max<Xapian::docid>(1, last / 50);
  for (Xapian::docid id = 1; id <= last; id += stride) {
    std::optional<dealsearch::schema::StoredDeal> deal;
    try {
      deal = dealsearch::schema::decode_stored_deal(db.get_document(id).get_data());
    } catch (const Xapian::DocNotFoundError&) {
      continue;
    }
    if (!deal) {
      continue;
    }
    std::string text;
    for (const std::string& paragraph : deal->paragraphs) {
      text += paragraph + " ";
    }
    const std::vector<std::string> words = words_of(text);
    if (words.size() < 40) {
      continue;
    }
    // Different places in the deal for different classes, so the classes do not share words.
    mix.single_word.push_back(request_for(words[words.size() / 2]));
    mix.several_words.push_back(request_for(words[5] + " " + words[25]));
    mix.several_words.push_back(request_for(words[7] + " " + words[17] + " " + words[37]));
    mix.prefix.push_back(request_for(words[11].substr(0, 4) + "*"));
    // Two neighbouring words of the text as it is written.
    const size_t at = text.find(words[30]);
    const size_t end = text.find(' ', text.find(' ', at) + 1);
    if (at != std::string::npos && end != std::string::npos) {
      std::string quoted = "\"";
      quoted.append(text, at, end - at).append("\"");
      mix.phrase.push_back(request_for(quoted));
    }
    SearchRequest filtered = request_for(words[words.size() / 3]);
    if (!deal->ministries.empty()) {
      filtered.filters["ministry"] = {deal->ministries.front().code};
    }
    filtered.filters["status"] = {deal->status};
    mix.filtered.push_back(filtered);
    SearchRequest listing = filtered;
    listing.query.clear();
    mix.filters_only.push_back(listing);
  }
  return mix;
}

const QueryMix& queries() {
  static const QueryMix mix = draw_queries();
  return mix;
}

// Runs the class's queries round-robin, timing each search; reports p50 and p99 in ms.
void run_queries(benchmark::State& state, const std::vector<SearchRequest>& requests) {
  if (requests.empty()) {
    state.SkipWithError("the index has no deal long enough to draw queries from");
    return;
  }
  std::vector<double> milliseconds;
  size_t next = 0;
  size_t found = 0;
  for (auto _ : state) {
    const auto started = std::chrono::steady_clock::now();
    const auto result = searcher().search(requests[next]);
    milliseconds.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count());
    found += result.total;
    benchmark::DoNotOptimize(result);
    next = (next + 1) % requests.size();
  }
  std::sort(milliseconds.begin(), milliseconds.end());
  const auto percentile = [&](double p) {
    return milliseconds[std::min(
        milliseconds.size() - 1,
        static_cast<size_t>(p * static_cast<double>(milliseconds.size())))];
  };
  state.counters["p50_ms"] = percentile(0.50);
  state.counters["p99_ms"] = percentile(0.99);
  state.counters["matches"] = static_cast<double>(found) / static_cast<double>(milliseconds.size());
  state.counters["queries"] = static_cast<double>(requests.size());
}

void BM_SingleWord(benchmark::State& state) { run_queries(state, queries().single_word); }
void BM_SeveralWords(benchmark::State& state) { run_queries(state, queries().several_words); }
void BM_Phrase(benchmark::State& state) { run_queries(state, queries().phrase); }
void BM_Prefix(benchmark::State& state) { run_queries(state, queries().prefix); }
void BM_WordWithFilters(benchmark::State& state) { run_queries(state, queries().filtered); }
void BM_FiltersOnly(benchmark::State& state) { run_queries(state, queries().filters_only); }

BENCHMARK(BM_SingleWord)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SeveralWords)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Phrase)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Prefix)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WordWithFilters)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FiltersOnly)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  // Our own flag first; Google Benchmark refuses flags it does not know.
  std::vector<char*> rest;
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], "--index=", 8) == 0) {
      index_path = argv[i] + 8;
    } else {
      rest.push_back(argv[i]);
    }
  }
  int rest_count = static_cast<int>(rest.size());
  benchmark::Initialize(&rest_count, rest.data());
  if (benchmark::ReportUnrecognizedArguments(rest_count, rest.data())) {
    return 2;
  }
  std::filesystem::path temporary;
  try {
    if (index_path.empty()) {
      temporary = std::filesystem::temp_directory_path() /
                  ("dealsearch-query-bench-" + std::to_string(::getpid()));
      std::filesystem::create_directories(temporary);
      index_path = temporary / "index";
      index_seed_corpus(index_path);
    }
    searcher();  // opens the index now, so that a bad one is reported before any benchmark
    benchmark::RunSpecifiedBenchmarks();
  } catch (const std::exception& error) {
    std::cerr << "query_bench: " << error.what() << "\n";
    return 1;
  }
  benchmark::Shutdown();
  if (!temporary.empty()) {
    std::filesystem::remove_all(temporary);
  }
  return 0;
}
