// The engines the benchmark programs query in-process: dealsearch (Searcher::search as the HTTP
// API calls it) and raw Xapian as its documentation teaches it (TermGenerator and QueryParser
// with the Dutch Snowball stemmer). Used by query_mix (latency), precision (totals) and
// raw_search (the judged set's raw Xapian column); and their main's error boundary.
//
// A query is a JSON object {"q": "energiearmoede", "filters": {"ministry": ["BZK"]}}
// ("filters" may be left out). The engines throw std::runtime_error or Xapian::Error on a
// missing or unreadable index. None of them may be shared between threads.
#pragma once

#include <xapian.h>

#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzers/analyzer_data.h"
#include "searcher/search.h"

namespace dealsearch::bench {

// One engine: answers a query (top 10, exact total, facets), returns the total.
class Engine {
 public:
  virtual ~Engine() = default;
  virtual size_t run(const nlohmann::json& query) = 0;
  // The same without facet counting, where the engine can leave it out; else -1.
  virtual long run_without_facets(const nlohmann::json&) { return -1; }
  // Why the last answer is not a plain match of every word: "relaxed", "corrected" or "".
  virtual std::string last_fallback() const { return ""; }
};

// dealsearch's Searcher over an index `dealsearch index` wrote, with the installed analyzer
// data (the index's analyzer fingerprint must match it).
class Dealsearch : public Engine {
 public:
  // `one_thread_a_search`: never split a search's matching over two threads (MatchWeigher),
  // to measure what a search costs a core.
  explicit Dealsearch(const std::string& index, bool one_thread_a_search = false);

  size_t run(const nlohmann::json& query) override;
  std::string last_fallback() const override { return fallback_; }

 private:
  std::shared_ptr<const analyzers::AnalyzerData> data_;
  searcher::Searcher searcher_;
  std::string fallback_;
};

// Raw Xapian over documents in JSON Lines: {"title", "body"} and, where present, the facet
// fields bench_inputs writes ("status", "year", "ministries", "partners", "themes") and an
// "id" (kept in a value, for top_ids). Facet counts by match spies that see every match
// (checkatleast = all documents), MSet::snippet for the top 10.
class RawXapian : public Engine {
 public:
  // Facet -> (boolean term prefix, value slot).
  inline static const std::map<std::string, std::pair<std::string, Xapian::valueno>> kFacets = {
      {"status", {"XS", 0}},
      {"year", {"XY", 1}},
      {"ministry", {"XM", 2}},
      {"partner", {"XP", 3}},
      {"theme", {"XT", 4}}};
  static constexpr Xapian::valueno kIdSlot = 5;  // the document's "id", when it has one

  // Indexes `docs` into the directory `work` (replacing what is there), timed, then opens it.
  RawXapian(const std::string& docs, const std::string& work);
  // Opens an index an earlier RawXapian wrote into `work`.
  explicit RawXapian(const std::string& work);

  size_t documents() const { return documents_; }
  double build_seconds() const { return build_seconds_; }

  size_t run(const nlohmann::json& query) override { return search(query, true); }
  long run_without_facets(const nlohmann::json& query) override {
    return static_cast<long>(search(query, false));
  }
  // The exact total and the "id"s of the best `size` matches, best first.
  std::pair<size_t, std::vector<std::string>> top_ids(const nlohmann::json& query, size_t size);

 private:
  void open(const std::string& work);
  Xapian::Query parse(const nlohmann::json& query);
  size_t search(const nlohmann::json& query, bool with_facets);

  Xapian::Database db_;
  Xapian::QueryParser parser_;
  size_t documents_ = 0;
  double build_seconds_ = 0;
  size_t snippets_ = 0;
};

// The one catch-all boundary of a benchmark program's main: returns what `body` returns, or,
// when it throws a std::exception or a Xapian::Error, prints "program: what went wrong" to
// standard error and returns 1.
int guarded_main(std::string_view program, const std::function<int()>& body);

}  // namespace dealsearch::bench
