// Analyzer throughput in MB/s of Dutch text, with and without decompounding.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"

namespace {

using dealsearch::analyzers::Analyzer;
using dealsearch::analyzers::AnalyzerData;
using dealsearch::analyzers::AnalyzerOptions;

const std::shared_ptr<const AnalyzerData>& data() {
  static const auto loaded = AnalyzerData::load({DEALSEARCH_SOURCE_DIR "/analyzers/data"});
  return loaded;
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The ten seed deals: real policy prose.
const std::string& corpus_text() {
  static const std::string text = read(DEALSEARCH_SOURCE_DIR "/corpus/agendastad-citydeals.txt");
  return text;
}

// About 4 MB of words drawn from Debian's Dutch word list with Zipfian frequencies (s = 1.0,
// fixed seed), shorter words more frequent as in real text (Zipf's law of abbreviation): a
// vocabulary of 400,000 forms, far larger than the seed deals', so that the analyzer's word
// cache misses as often as on hundreds of thousands of documents.
const std::string& zipfian_text() {
  static const std::string text = [] {
    std::vector<std::string> words;
    std::istringstream list(read("/usr/share/dict/dutch"));
    for (std::string word; std::getline(list, word);) {
      words.push_back(word);
    }
    std::mt19937_64 random(42);
    std::shuffle(words.begin(), words.end(), random);
    std::stable_sort(words.begin(), words.end(), [](const std::string& a, const std::string& b) {
      return a.size() < b.size();
    });
    std::vector<double> weights(words.size());
    for (size_t rank = 0; rank < weights.size(); ++rank) {
      weights[rank] = 1.0 / static_cast<double>(rank + 1);
    }
    std::discrete_distribution<size_t> pick(weights.begin(), weights.end());
    std::string out;
    while (out.size() < 4'000'000) {
      out += words[pick(random)];
      out += (out.size() % 97 == 0) ? ". " : " ";
    }
    return out;
  }();
  return text;
}

void analyze_repeatedly(benchmark::State& state, const std::string& text, bool decompound) {
  AnalyzerOptions options;
  options.decompound = decompound;
  Analyzer analyzer(data(), options);
  size_t tokens = 0;
  for (auto _ : state) {
    auto result = analyzer.analyze(text);
    tokens += result.size();
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}

void BM_AnalyzeSeedDeals(benchmark::State& state) {
  analyze_repeatedly(state, corpus_text(), state.range(0) != 0);
}
BENCHMARK(BM_AnalyzeSeedDeals)
    ->ArgName("decompound")
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond);

void BM_AnalyzeZipfianText(benchmark::State& state) {
  analyze_repeatedly(state, zipfian_text(), state.range(0) != 0);
}
BENCHMARK(BM_AnalyzeZipfianText)
    ->ArgName("decompound")
    ->Arg(1)
    ->Arg(0)
    ->Unit(benchmark::kMillisecond);

// A fresh Analyzer for every document: the cost of the word cache starting empty.
void BM_AnalyzeSeedDealsColdCache(benchmark::State& state) {
  const std::string& text = corpus_text();
  for (auto _ : state) {
    Analyzer analyzer(data());
    benchmark::DoNotOptimize(analyzer.analyze(text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_AnalyzeSeedDealsColdCache)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
