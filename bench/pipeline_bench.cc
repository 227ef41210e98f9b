// The pipeline's costs in-process (issue #6), besides analyzer_bench's MB/s and query_bench's
// latencies: indexing documents/s (DealBuilder::build alone, and with the IndexWriter), exact
// facet counting (the value count spies on a run over every match, against the same run without
// them), and the snippets of a top 10.
//
//   build/bench/pipeline_bench [--deals=FILE.jsonl] [--deals-limit=2000] [--index=PATH]
//                              [Google Benchmark flags]
//
// The indexing benchmarks read the ten seed deals of corpus/, or the first --deals-limit
// records of --deals (what bench/generate_corpus writes). The facet, snippet and search
// benchmarks read --index, or else those same deals indexed into a temporary directory (the
// smoke test indexes the seed deals). Their match sets come from the index itself, by share of
// the deals, so that any index gets comparable sets: every deal (an empty query), the deals
// with a word that about a quarter of them have, and with a word that about one in a hundred
// has.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "analyzers/analyzer.h"
#include "analyzers/analyzer_data.h"
#include "analyzers/error.h"
#include "analyzers/schema.h"
#include "indexer/deal_builder.h"
#include "indexer/deal_ids.h"
#include "indexer/gazetteer.h"
#include "indexer/index_run.h"
#include "indexer/index_writer.h"
#include "indexer/input_files.h"
#include "indexer/record_spool.h"
#include "searcher/facets.h"
#include "searcher/index_reader.h"
#include "searcher/matches.h"
#include "searcher/query_builder.h"
#include "searcher/search.h"

namespace {

namespace fs = std::filesystem;
using dealsearch::analyzers::Analyzer;
using dealsearch::analyzers::AnalyzerData;
using dealsearch::indexer::DealBuilder;
using dealsearch::indexer::DealRecord;
using dealsearch::indexer::Gazetteer;
using dealsearch::searcher::FacetSpies;
using dealsearch::searcher::run_every_match;
using dealsearch::searcher::Searcher;

constexpr std::string_view kIndexerData = DEALSEARCH_SOURCE_DIR "/indexer/data";

struct Flags {
  std::string deals;          // --deals=FILE.jsonl; empty: the seed deals of corpus/
  size_t deals_limit = 2000;  // --deals-limit=: how many records of --deals
  fs::path index;             // --index=; empty: the deals indexed into a temporary directory
};

const std::shared_ptr<const AnalyzerData>& analyzer_data() {
  static const auto loaded = AnalyzerData::load({DEALSEARCH_SOURCE_DIR "/analyzers/data"});
  return loaded;
}

// A directory of our own under /tmp, removed with everything in it when the program ends,
// also after an error.
class TemporaryDirectory {
 public:
  TemporaryDirectory()
      : path_(fs::temp_directory_path() /
              ("dealsearch-pipeline-bench-" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  ~TemporaryDirectory() {
    std::error_code ignored;  // nothing to do about a leftover in /tmp at exit
    fs::remove_all(path_, ignored);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// --- Indexing ------------------------------------------------------------------------------

// The deals the indexing benchmarks build, each id once (a rebuild wants each id once).
struct Deals {
  std::vector<DealRecord> records;
  std::vector<const DealRecord*> unique;
  size_t text_bytes = 0;  // of the titles and paragraphs: the "input text" of MB/s
};

Deals read_deals(const Flags& flags) {
  const bool seed = flags.deals.empty();
  dealsearch::indexer::InputRecords input =
      dealsearch::indexer::read_inputs({seed ? DEALSEARCH_SOURCE_DIR "/corpus" : flags.deals});
  if (input.records.empty()) {
    throw dealsearch::Error(dealsearch::ErrorKind::kBadInput, "no deal found",
                            seed ? "corpus/" : flags.deals, "pass a file of generate_corpus");
  }
  if (!input.diagnostics.empty()) {
    std::cerr << "pipeline_bench: skipped " << input.diagnostics.size()
              << " bad record(s), the first: " << input.diagnostics.front().to_string() << "\n";
  }
  Deals deals;
  deals.records = std::move(input.records);
  if (!seed && deals.records.size() > flags.deals_limit) {
    deals.records.resize(flags.deals_limit);
  }
  // The deals index_records() writes: the last record of each id.
  dealsearch::indexer::RecordSpool spool(fs::temp_directory_path(), analyzer_data()->folder());
  for (const DealRecord& record : deals.records) {
    spool.append(record);
  }
  std::vector<dealsearch::indexer::Diagnostic> duplicates;
  const std::vector<bool> last = spool.last_of_each_id(duplicates);
  for (size_t i = 0; i < deals.records.size(); ++i) {
    if (last[i]) {
      deals.unique.push_back(&deals.records[i]);
    }
  }
  for (const DealRecord* record : deals.unique) {
    deals.text_bytes += record->title.size();
    for (const std::string& paragraph : record->paragraphs) {
      deals.text_bytes += paragraph.size();
    }
  }
  return deals;
}

// A new builder: an empty word cache, as at the start of `dealsearch index`.
std::unique_ptr<DealBuilder> new_builder(const Gazetteer& gazetteer) {
  return std::make_unique<DealBuilder>(analyzer_data(), gazetteer,
                                       fs::path(kIndexerData) / "themes-nl.tsv");
}

std::vector<std::unique_ptr<DealBuilder>> new_builders(const Gazetteer& gazetteer, size_t count) {
  std::vector<std::unique_ptr<DealBuilder>> builders;
  for (size_t i = 0; i < count; ++i) {
    builders.push_back(new_builder(gazetteer));
  }
  return builders;
}

// Rebuilds the index at `stub` through `dealsearch index`'s own path: a thread and a part per
// builder, the parts merged at commit.
void write_index(const Deals& deals, const Gazetteer& gazetteer,
                 std::vector<std::unique_ptr<DealBuilder>>& builders, const fs::path& stub) {
  dealsearch::indexer::IndexWriter writer(stub, *builders.front());
  dealsearch::indexer::index_records(deals.records, {}, builders, writer);
}

// Both figures of issue #6: documents/s and MB/s of input text.
void report_throughput(benchmark::State& state, const Deals& deals) {
  const auto documents = static_cast<double>(deals.unique.size());
  state.counters["documents/s"] = benchmark::Counter(
      static_cast<double>(state.iterations()) * documents, benchmark::Counter::kIsRate);
  state.counters["documents"] = documents;
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(deals.text_bytes));
}

// --- Searching -----------------------------------------------------------------------------

// A set of matches the facet, snippet and search benchmarks compare, by size.
struct MatchSpec {
  const char* name;
  double share;  // of the deals that the word has; 1 stands for every deal (no word)
};
constexpr MatchSpec kEveryDeal{"every_deal", 1.0};
constexpr MatchSpec kFrequentWord{"frequent_word", 0.25};
constexpr MatchSpec kRareWord{"rare_word", 0.01};

struct MatchSet {
  std::string word;    // what is searched; empty for every deal
  size_t matches = 0;  // how many deals match it
};

size_t difference(size_t a, size_t b) { return a > b ? a - b : b - a; }

// Every facet, for spies on all their slots.
std::vector<const dealsearch::schema::Facet*> all_facets() {
  std::vector<const dealsearch::schema::Facet*> facets;
  for (const dealsearch::schema::Facet& facet : dealsearch::schema::kFacets) {
    facets.push_back(&facet);
  }
  return facets;
}

// Up to `count` plain words (five letters or more, not stopwords), those that the number of
// deals nearest to `target` have first (ties in term order). Words only: a prefixed term is
// nothing a person types.
std::vector<std::string> words_near_frequency(const Xapian::Database& db, Xapian::doccount target,
                                              size_t count) {
  std::vector<std::pair<size_t, std::string>> words;  // distance to target, word
  for (char initial = 'a'; initial <= 'z'; ++initial) {
    const std::string prefix(1, initial);
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
      std::string word = *term;
      const bool plain = word.size() >= 5 && std::all_of(word.begin(), word.end(), [](char c) {
                           return c >= 'a' && c <= 'z';
                         });
      if (plain && !analyzer_data()->is_stopword(word)) {
        words.emplace_back(difference(term.get_termfreq(), target), std::move(word));
      }
    }
  }
  const size_t kept = std::min(count, words.size());
  std::partial_sort(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(kept), words.end());
  std::vector<std::string> nearest;
  for (size_t i = 0; i < kept; ++i) {
    nearest.push_back(std::move(words[i].second));
  }
  return nearest;
}

dealsearch::searcher::SearchRequest request_for(const std::string& word) {
  dealsearch::searcher::SearchRequest request;
  request.query = word;
  return request;
}

// --- What the benchmarks share, made when a benchmark first needs it -----------------------

class Pipeline {
 public:
  explicit Pipeline(Flags flags) : flags_(std::move(flags)), analyzer_(analyzer_data()) {}

  const Gazetteer& gazetteer() {
    if (!gazetteer_) {
      gazetteer_ = Gazetteer::load(fs::path(kIndexerData), analyzer_data()->folder());
    }
    return *gazetteer_;
  }

  const Deals& deals() {
    if (!deals_) {
      deals_ = read_deals(flags_);
    }
    return *deals_;
  }

  const fs::path& scratch() const { return scratch_.path(); }

  Xapian::Database& database() {
    if (!database_) {
      database_ =
          dealsearch::searcher::open_index(index_path(), analyzer_.fingerprint()).database();
    }
    return *database_;
  }

  Searcher& searcher() {
    if (!searcher_) {
      searcher_ = std::make_unique<Searcher>(
          dealsearch::searcher::open_index(index_path(), analyzer_.fingerprint()), analyzer_data());
    }
    return *searcher_;
  }

  Analyzer& analyzer() { return analyzer_; }

  const MatchSet& match_set(const MatchSpec& spec) {
    auto found = match_sets_.find(spec.name);
    if (found == match_sets_.end()) {
      found = match_sets_.emplace(spec.name, find_match_set(spec)).first;
    }
    return found->second;
  }

 private:
  // --index, or else the deals indexed here, once.
  const fs::path& index_path() {
    if (flags_.index.empty()) {
      flags_.index = scratch() / "index";
      auto builders = new_builders(gazetteer(), std::max(1u, std::thread::hardware_concurrency()));
      write_index(deals(), gazetteer(), builders, flags_.index);
    }
    return flags_.index;
  }

  MatchSet find_match_set(const MatchSpec& spec) {
    if (spec.share >= 1.0) {
      return {"", run_every_match(database(), dealsearch::searcher::every_document())};
    }
    const auto target = static_cast<Xapian::doccount>(
        std::max(1.0, std::round(spec.share * database().get_doccount())));
    // A word's query also finds its stem and the longer words it is a part of ("water" in
    // "waterbeheer"): a word that a hundred deals have may match a thousand. So of the words
    // nearest by frequency, the one whose query's matches come nearest.
    dealsearch::searcher::QueryBuilder builder(analyzer_);
    MatchSet best;
    for (const std::string& word : words_near_frequency(database(), target, 50)) {
      const size_t matches = run_every_match(database(), builder.build(word).strict);
      if (best.word.empty() || difference(matches, target) < difference(best.matches, target)) {
        best = {word, matches};
      }
    }
    if (best.word.empty()) {
      throw dealsearch::Error(dealsearch::ErrorKind::kIndex, "no plain word to search for",
                              index_path().string(), "index more deals");
    }
    return best;
  }

  Flags flags_;
  TemporaryDirectory scratch_;
  Analyzer analyzer_;  // for the query builder and the snippets
  std::optional<Gazetteer> gazetteer_;
  std::optional<Deals> deals_;
  std::optional<Xapian::Database> database_;
  std::unique_ptr<Searcher> searcher_;
  std::map<std::string, MatchSet> match_sets_;
};

// --- The benchmarks --------------------------------------------------------------------------

// DealBuilder::build alone (analysis, metadata extraction, the Xapian document), one thread.
// Each pass gets a new builder, so that it is one indexing run from a cold word cache, not the
// same ten deals from a warm one.
void BM_BuildDeals(benchmark::State& state, Pipeline& pipeline) {
  const Deals& deals = pipeline.deals();
  std::unique_ptr<DealBuilder> builder;
  for (auto _ : state) {
    state.PauseTiming();
    builder = new_builder(pipeline.gazetteer());  // and the previous one freed, untimed
    state.ResumeTiming();
    for (const DealRecord* record : deals.unique) {
      dealsearch::indexer::BuiltDeal built = builder->build(*record);
      benchmark::DoNotOptimize(built);
    }
  }
  report_throughput(state, deals);
}

// A whole rebuild into a new directory, committed: building and Xapian's writing on
// state.range(0) threads, as `dealsearch index` runs them.
void BM_BuildAndWriteIndex(benchmark::State& state, Pipeline& pipeline) {
  const Deals& deals = pipeline.deals();
  const fs::path run = pipeline.scratch() / "rebuild";
  for (auto _ : state) {
    state.PauseTiming();
    fs::remove_all(run);  // each pass a first build: nothing old to keep or remove
    auto builders = new_builders(pipeline.gazetteer(), static_cast<size_t>(state.range(0)));
    state.ResumeTiming();
    write_index(deals, pipeline.gazetteer(), builders, run / "index");
  }
  fs::remove_all(run);
  report_throughput(state, deals);
}

// The query of a match set: the word's strict query, or every deal.
Xapian::Query query_for(Pipeline& pipeline, const MatchSet& set) {
  if (set.word.empty()) {
    return dealsearch::searcher::every_document();
  }
  return dealsearch::searcher::QueryBuilder(pipeline.analyzer()).build(set.word).strict;
}

// One run over every match of a query with value count spies on all the facets' slots, and
// their counts read: what counting the facets over one match set costs (a search adds its
// spies to its ranked run; a facet with a filter of its own runs the text once more). Set it
// against BM_MatchEveryMatch, the same run without spies.
void BM_CountFacets(benchmark::State& state, Pipeline& pipeline, MatchSpec spec) {
  const MatchSet& set = pipeline.match_set(spec);
  const Xapian::Query query = query_for(pipeline, set);
  const Xapian::Database& db = pipeline.database();
  size_t distinct = 0;
  for (auto _ : state) {
    FacetSpies spies(all_facets());
    benchmark::DoNotOptimize(run_every_match(db, query, &spies));
    const dealsearch::searcher::ValueCounts counts = spies.counts();
    distinct = 0;
    for (const auto& [facet, values] : counts) {
      distinct += values.size();
    }
  }
  state.counters["matches"] = static_cast<double>(set.matches);
  state.counters["values"] = static_cast<double>(distinct);
  state.SetLabel(set.word);
}

// The unranked run over every match of a query, without spies: what BM_CountFacets adds to.
void BM_MatchEveryMatch(benchmark::State& state, Pipeline& pipeline, MatchSpec spec) {
  const MatchSet& set = pipeline.match_set(spec);
  const Xapian::Query query = query_for(pipeline, set);
  const Xapian::Database& db = pipeline.database();
  for (auto _ : state) {
    benchmark::DoNotOptimize(run_every_match(db, query));
  }
  state.counters["matches"] = static_cast<double>(set.matches);
  state.SetLabel(set.word);
}

// Snippets for the top 10 of a search for the word, as Searcher::search makes them: the query's
// terms analysed once, then each hit's text.
void BM_Snippets(benchmark::State& state, Pipeline& pipeline, MatchSpec spec) {
  const MatchSet& set = pipeline.match_set(spec);
  std::vector<std::vector<std::string>> hits;
  size_t bytes = 0;
  for (const auto& hit : pipeline.searcher().search(request_for(set.word)).hits) {
    hits.push_back(hit.deal.paragraphs);
    for (const std::string& paragraph : hits.back()) {
      bytes += paragraph.size();
    }
  }
  Analyzer& analyzer = pipeline.analyzer();
  for (auto _ : state) {
    const dealsearch::searcher::SnippetTerms terms(analyzer, {set.word});
    for (const std::vector<std::string>& paragraphs : hits) {
      dealsearch::searcher::Snippet snippet =
          dealsearch::searcher::make_snippet(analyzer, paragraphs, terms);
      benchmark::DoNotOptimize(snippet);
    }
  }
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
  state.counters["hits"] = static_cast<double>(hits.size());
  state.SetLabel(set.word);
}

// The whole Searcher::search for the word (for every deal: the empty query, a listing by
// date), to set the parts above against: ranking, exact total, facets, snippets, spelling.
void BM_Search(benchmark::State& state, Pipeline& pipeline, MatchSpec spec) {
  const dealsearch::searcher::SearchRequest request = request_for(pipeline.match_set(spec).word);
  Searcher& searcher = pipeline.searcher();
  size_t total = 0;
  for (auto _ : state) {
    const dealsearch::searcher::SearchResult result = searcher.search(request);
    total = result.total;
    benchmark::DoNotOptimize(result);
  }
  state.counters["matches"] = static_cast<double>(total);
  state.SetLabel(request.query);
}

std::string name_for(std::string_view benchmark, const MatchSpec& spec) {
  return std::string(benchmark) + "/" + spec.name;
}

void register_benchmarks(Pipeline& pipeline) {
  const auto threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  benchmark::RegisterBenchmark("BM_BuildDeals", BM_BuildDeals, std::ref(pipeline))
      ->Unit(benchmark::kMillisecond)
      ->UseRealTime();
  auto* write = benchmark::RegisterBenchmark("BM_BuildAndWriteIndex", BM_BuildAndWriteIndex,
                                             std::ref(pipeline));
  write->ArgName("threads")->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();
  if (threads > 1) {
    write->Arg(threads);
  }
  for (const MatchSpec& spec : {kEveryDeal, kFrequentWord, kRareWord}) {
    benchmark::RegisterBenchmark(name_for("BM_CountFacets", spec).c_str(), BM_CountFacets,
                                 std::ref(pipeline), spec)
        ->Unit(benchmark::kMicrosecond);
    benchmark::RegisterBenchmark(name_for("BM_MatchEveryMatch", spec).c_str(), BM_MatchEveryMatch,
                                 std::ref(pipeline), spec)
        ->Unit(benchmark::kMicrosecond);
  }
  // No snippets for every deal: an empty query marks nothing, and its snippets are the texts'
  // beginnings.
  for (const MatchSpec& spec : {kFrequentWord, kRareWord}) {
    benchmark::RegisterBenchmark(name_for("BM_Snippets", spec).c_str(), BM_Snippets,
                                 std::ref(pipeline), spec)
        ->Unit(benchmark::kMicrosecond);
  }
  for (const MatchSpec& spec : {kEveryDeal, kFrequentWord, kRareWord}) {
    benchmark::RegisterBenchmark(name_for("BM_Search", spec).c_str(), BM_Search, std::ref(pipeline),
                                 spec)
        ->Unit(benchmark::kMicrosecond);
  }
}

// Takes our flags out of argv; nullopt (after a message) when one is malformed.
std::optional<Flags> parse_flags(std::vector<char*>& args) {
  Flags flags;
  std::vector<char*> rest;
  for (char* arg : args) {
    const std::string_view flag = arg;
    if (flag.starts_with("--deals=")) {
      flags.deals = flag.substr(8);
    } else if (flag.starts_with("--deals-limit=")) {
      const std::string_view limit = flag.substr(14);
      const auto [end, error] =
          std::from_chars(limit.data(), limit.data() + limit.size(), flags.deals_limit);
      if (error != std::errc() || end != limit.data() + limit.size() || flags.deals_limit == 0) {
        std::cerr << "pipeline_bench: --deals-limit takes a number above 0, not '" << limit
                  << "'\n";
        return std::nullopt;
      }
    } else if (flag.starts_with("--index=")) {
      flags.index = flag.substr(8);
    } else {
      rest.push_back(arg);
    }
  }
  args = std::move(rest);
  return flags;
}

}  // namespace

int main(int argc, char** argv) {
  // Our own flags first; Google Benchmark refuses flags it does not know.
  std::vector<char*> args(argv, argv + argc);
  const std::optional<Flags> flags = parse_flags(args);
  if (!flags) {
    return 2;
  }
  int arg_count = static_cast<int>(args.size());
  benchmark::Initialize(&arg_count, args.data());
  if (benchmark::ReportUnrecognizedArguments(arg_count, args.data())) {
    return 2;
  }
  try {
    Pipeline pipeline(*flags);  // its temporary directory goes when it does, also on an error
    register_benchmarks(pipeline);
    benchmark::RunSpecifiedBenchmarks();
  } catch (const std::exception& error) {
    std::cerr << "pipeline_bench: " << error.what() << "\n";
    return 1;
  }
  benchmark::Shutdown();
  return 0;
}
