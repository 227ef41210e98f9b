// Runs bench_inputs' query mix in-process against one engine and prints, as one JSON object,
// what bench/run.sh tabulates beside PostgreSQL and Sphinx (the same shape as
// bench/peers/*.sh print):
//
//   build/bench/query_mix --engine dealsearch --index INDEX --queries Q.jsonl [--repeat 3]
//                         [--one-thread-a-search]
//   build/bench/query_mix --engine xapian --docs DOCS.jsonl --work DIR --queries Q.jsonl
//
// dealsearch: Searcher::search as the HTTP API calls it (top 10 with snippets, exact total,
// exact disjunctive counts of all facets).
// xapian: raw Xapian as its documentation teaches: TermGenerator and QueryParser with the
// Dutch Snowball stemmer, filters as boolean terms, facet counts by match spies that see every
// match (checkatleast = all documents), MSet::snippet for the top 10. It first indexes DOCS
// into DIR (timed). Each query is also timed without the spies: the engine's floor.
#include <xapian.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "bench/engines.h"

namespace {

using dealsearch::bench::Dealsearch;
using dealsearch::bench::Engine;
using dealsearch::bench::RawXapian;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Options {
  std::string engine, index, docs, work, queries;
  int repeat = 3;
  bool one_thread_a_search = false;
};

std::vector<nlohmann::json> read_lines(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot read " + path);
  }
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) {
      lines.push_back(nlohmann::json::parse(line));
    }
  }
  return lines;
}

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const auto value = [&](const char* name) -> const char* {
      return std::strcmp(argv[i], name) == 0 && i + 1 < argc ? argv[++i] : nullptr;
    };
    if (const char* engine = value("--engine")) {
      options.engine = engine;
    } else if (const char* index = value("--index")) {
      options.index = index;
    } else if (const char* docs = value("--docs")) {
      options.docs = docs;
    } else if (const char* work = value("--work")) {
      options.work = work;
    } else if (const char* queries = value("--queries")) {
      options.queries = queries;
    } else if (const char* repeat = value("--repeat")) {
      options.repeat = std::stoi(repeat);
    } else if (std::strcmp(argv[i], "--one-thread-a-search") == 0) {
      options.one_thread_a_search = true;
    } else {
      throw std::runtime_error(std::string("unknown argument '") + argv[i] + "'");
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  return dealsearch::bench::guarded_main("query_mix", [&] {
    const Options options = parse(argc, argv);
    nlohmann::json out;
    std::unique_ptr<Engine> engine;
    if (options.engine == "dealsearch" && !options.index.empty()) {
      engine = std::make_unique<Dealsearch>(options.index, options.one_thread_a_search);
      out = {{"peer", "dealsearch"},
             {"version", std::string(dealsearch::analyzers::Analyzer::kVersion)}};
    } else if (options.engine == "xapian" && !options.docs.empty() && !options.work.empty()) {
      auto xapian = std::make_unique<RawXapian>(options.docs, options.work);
      out = {{"peer", "xapian"},
             {"version", Xapian::version_string()},
             {"documents", xapian->documents()},
             {"build_seconds", xapian->build_seconds()}};
      uint64_t bytes = 0;
      for (const auto& file : std::filesystem::recursive_directory_iterator(options.work)) {
        bytes += file.is_regular_file() ? file.file_size() : 0;
      }
      out["index_bytes"] = bytes;
      engine = std::move(xapian);
    } else {
      std::cerr << "usage: query_mix --engine dealsearch --index INDEX --queries Q.jsonl\n"
                   "       query_mix --engine xapian --docs DOCS.jsonl --work DIR --queries "
                   "Q.jsonl\n"
                   "       [--repeat N] [--one-thread-a-search (dealsearch: never split a search "
                   "over two "
                   "threads)]\n";
      return 2;
    }
    const std::vector<nlohmann::json> queries = read_lines(options.queries);
    for (const auto& query : queries) {
      engine->run(query);  // warm-up, untimed
    }
    nlohmann::json results = nlohmann::json::array();
    for (const auto& query : queries) {
      results.push_back({{"id", query["id"]},
                         {"class", query["class"]},
                         {"ms", nlohmann::json::array()},
                         {"ms_no_facets", nlohmann::json::array()}});
    }
    for (int round = 0; round < options.repeat; ++round) {
      for (size_t i = 0; i < queries.size(); ++i) {
        auto started = Clock::now();
        results[i]["total"] = engine->run(queries[i]);
        results[i]["ms"].push_back(ms_since(started));
        if (!engine->last_fallback().empty()) {
          results[i]["fallback"] = engine->last_fallback();
        }
        started = Clock::now();
        if (engine->run_without_facets(queries[i]) >= 0) {
          results[i]["ms_no_facets"].push_back(ms_since(started));
        }
      }
    }
    out["repeat"] = options.repeat;
    out["queries"] = results;
    std::cout << out.dump() << "\n";
    return 0;
  });
}
