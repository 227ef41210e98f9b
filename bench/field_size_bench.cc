// What one oversized field costs to index (issue #11): DealBuilder::build on a deal whose one
// field is 100 kB, 1 MB or 10 MB. The cost must grow in proportion to the size: the
// bytes_per_second column stays about the same down each case's three rows.
//
//   build/bench/field_size_bench [Google Benchmark flags]
//
// DealBuilder alone, as the indexer's threads run it: read_inputs() refuses a title over
// kMaxTitleBytes before it gets here, but the title case shows the analyzer's cost of one long
// word, which a body may hold as well.
#include <benchmark/benchmark.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "analyzers/analyzer_data.h"
#include "indexer/deal_builder.h"
#include "indexer/deal_record.h"
#include "indexer/gazetteer.h"

namespace {

using dealsearch::analyzers::AnalyzerData;
using dealsearch::indexer::DealBuilder;
using dealsearch::indexer::DealRecord;
using dealsearch::indexer::Gazetteer;

constexpr char kIndexerData[] = DEALSEARCH_SOURCE_DIR "/indexer/data";

DealBuilder& builder() {
  static const std::shared_ptr<const AnalyzerData> data =
      AnalyzerData::load({DEALSEARCH_SOURCE_DIR "/analyzers/data"});
  static const Gazetteer gazetteer = Gazetteer::load(kIndexerData, data->folder());
  static DealBuilder built(data, gazetteer, std::string(kIndexerData) + "/themes-nl.tsv");
  return built;
}

// `unit` repeated (numbered where it holds "#") until `bytes` long.
std::string repeated(std::string_view unit, size_t bytes) {
  std::string text;
  text.reserve(bytes + unit.size() + 16);
  for (size_t n = 0; text.size() < bytes; ++n) {
    for (const char c : unit) {
      if (c == '#') {
        text.append(std::to_string(n));
      } else {
        text.push_back(c);
      }
    }
  }
  text.resize(bytes);
  return text;
}

DealRecord record_with_body(std::string body) {
  DealRecord record;
  record.title = "Een deal";
  record.paragraphs = {std::move(body)};
  return record;
}

void build_each_iteration(benchmark::State& state, const DealRecord& record, size_t bytes) {
  DealBuilder& deals = builder();
  for (auto _ : state) {
    benchmark::DoNotOptimize(deals.build(record));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}

// The case of issue #11: a title of one pasted "word" took 91 s at 1 MB.
void BM_TitleOfOneWord(benchmark::State& state) {
  const auto bytes = static_cast<size_t>(state.range(0));
  DealRecord record = record_with_body("Korte tekst.");
  record.title = std::string(bytes, 'a');
  build_each_iteration(state, record, bytes);
}

void BM_BodyOfWords(benchmark::State& state) {
  const auto bytes = static_cast<size_t>(state.range(0));
  build_each_iteration(
      state, record_with_body(repeated("fietsen voor iedereen in de gemeente Zwolle ", bytes)),
      bytes);
}

void BM_BodyOfOneWord(benchmark::State& state) {
  const auto bytes = static_cast<size_t>(state.range(0));
  build_each_iteration(state, record_with_body(std::string(bytes, 'a')), bytes);
}

void BM_WordFreeLine(benchmark::State& state) {
  const auto bytes = static_cast<size_t>(state.range(0));
  build_each_iteration(state, record_with_body(repeated("-- .. ,, ;; () ", bytes)), bytes);
}

// One sentence of dates: each date looks at its sentence for "ondertekend".
void BM_LineOfDates(benchmark::State& state) {
  const auto bytes = static_cast<size_t>(state.range(0));
  build_each_iteration(state, record_with_body(repeated("op 9 oktober 2023 ondertekend, ", bytes)),
                       bytes);
}

// A participant list in the text: every item an organisation of its own.
void BM_ParticipantList(benchmark::State& state) {
  const auto bytes = static_cast<size_t>(state.range(0));
  build_each_iteration(
      state, record_with_body("Deelnemende partijen: " + repeated("Stichting Nummer#, ", bytes)),
      bytes);
}

// Unclosed brackets after a trigger word: each list start looks for a ")".
void BM_UnclosedBrackets(benchmark::State& state) {
  const auto bytes = static_cast<size_t>(state.range(0));
  build_each_iteration(state, record_with_body(repeated("gemeente ( ", bytes)), bytes);
}

// Partners given in a JSON Lines record, classified one by one.
void BM_GivenPartners(benchmark::State& state) {
  const auto bytes = static_cast<size_t>(state.range(0));
  DealRecord record = record_with_body("Korte tekst.");
  for (size_t size = 0, n = 0; size < bytes; ++n) {
    record.partners.push_back("Stichting Nummer " + std::to_string(n));
    size += record.partners.back().size();
  }
  build_each_iteration(state, record, bytes);
}

void sizes(benchmark::internal::Benchmark* benchmark) {
  benchmark->Arg(100 << 10)->Arg(1 << 20)->Arg(10 << 20)->Unit(benchmark::kMillisecond);
}

BENCHMARK(BM_TitleOfOneWord)->Apply(sizes);
BENCHMARK(BM_BodyOfWords)->Apply(sizes);
BENCHMARK(BM_BodyOfOneWord)->Apply(sizes);
BENCHMARK(BM_WordFreeLine)->Apply(sizes);
BENCHMARK(BM_LineOfDates)->Apply(sizes);
BENCHMARK(BM_ParticipantList)->Apply(sizes);
BENCHMARK(BM_UnclosedBrackets)->Apply(sizes);
BENCHMARK(BM_GivenPartners)->Apply(sizes);

}  // namespace

BENCHMARK_MAIN();
