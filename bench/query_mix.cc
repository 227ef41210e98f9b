// Runs bench_inputs' query mix in-process against one engine and prints, as one JSON object,
// what bench/run.sh tabulates beside PostgreSQL and Sphinx (the same shape as
// bench/peers/*.sh print):
//
//   build/bench/query_mix --engine dealsearch --index INDEX --queries Q.jsonl [--repeat 3]
//   build/bench/query_mix --engine xapian --docs DOCS.jsonl --work DIR --queries Q.jsonl
//
// dealsearch: Searcher::search as the HTTP API calls it (top 10 with snippets, exact total,
// exact disjunctive counts of all facets).
// xapian: raw Xapian as its documentation teaches: TermGenerator and QueryParser with the
// Dutch Snowball stemmer, filters as boolean terms, facet counts by match spies that see every
// match (checkatleast = all documents), MSet::snippet for the top 10. It first indexes DOCS
// into DIR (timed). Each query is also timed without the spies: the engine's floor.
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "analyzers/analyzer_data.h"
#include "searcher/index_reader.h"
#include "searcher/search.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Options {
  std::string engine, index, docs, work, queries;
  int repeat = 3;
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

class Dealsearch : public Engine {
 public:
  explicit Dealsearch(const std::string& index)
      : data_(
            dealsearch::analyzers::AnalyzerData::load({dealsearch::analyzers::default_data_dir()})),
        searcher_(dealsearch::searcher::open_index(
                      index, dealsearch::analyzers::Analyzer(data_).fingerprint()),
                  data_) {}

  size_t run(const nlohmann::json& query) override {
    dealsearch::searcher::SearchRequest request;
    request.query = query["q"];
    for (const auto& [facet, values] : query["filters"].items()) {
      request.filters[facet] = values.get<std::vector<std::string>>();
    }
    const dealsearch::searcher::SearchResult result = searcher_.search(request);
    fallback_ = result.corrected ? "corrected" : result.relaxed ? "relaxed" : "";
    return result.total;
  }

  std::string last_fallback() const override { return fallback_; }

 private:
  std::shared_ptr<const dealsearch::analyzers::AnalyzerData> data_;
  dealsearch::searcher::Searcher searcher_;
  std::string fallback_;
};

// Counts every value of a multi-valued slot ("BZK\x1fIenW") over the matches it sees.
class ListCountSpy : public Xapian::MatchSpy {
 public:
  explicit ListCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override {
    const std::string list = doc.get_value(slot_);
    for (size_t start = 0; start < list.size();) {
      size_t end = list.find('\x1f', start);
      end = end == std::string::npos ? list.size() : end;
      ++counts_[list.substr(start, end - start)];
      start = end + 1;
    }
  }
  const std::map<std::string, size_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, size_t> counts_;
};

class RawXapian : public Engine {
 public:
  // Facet -> (boolean term prefix, value slot).
  inline static const std::map<std::string, std::pair<std::string, Xapian::valueno>> kFacets = {
      {"status", {"XS", 0}},
      {"year", {"XY", 1}},
      {"ministry", {"XM", 2}},
      {"partner", {"XP", 3}},
      {"theme", {"XT", 4}}};

  RawXapian(const std::string& docs, const std::string& work) {
    std::filesystem::remove_all(work);
    const auto started = Clock::now();
    {
      Xapian::WritableDatabase db(work, Xapian::DB_CREATE_OR_OVERWRITE);
      Xapian::TermGenerator generator;
      generator.set_stemmer(Xapian::Stem("dutch"));
      generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
      std::ifstream in(docs);
      for (std::string line; std::getline(in, line);) {
        const nlohmann::json deal = nlohmann::json::parse(line);
        Xapian::Document document;
        generator.set_document(document);
        generator.index_text(deal["title"].get<std::string>(), 1, "S");
        generator.index_text(deal["title"].get<std::string>());
        generator.increase_termpos();
        generator.index_text(deal["body"].get<std::string>());
        add_facet(document, "status", deal["status"]);
        add_facet(document, "year", deal["year"]);
        add_facet(document, "ministry", deal["ministries"]);
        add_facet(document, "partner", deal["partners"]);
        add_facet(document, "theme", deal["themes"]);
        document.set_data(deal["body"].get<std::string>());
        db.add_document(document);
        ++documents_;
      }
      db.commit();
    }
    build_seconds_ = ms_since(started) / 1000;
    db_ = Xapian::Database(work);
    parser_.set_database(db_);
    parser_.set_stemmer(Xapian::Stem("dutch"));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_AND);
  }

  size_t documents() const { return documents_; }
  double build_seconds() const { return build_seconds_; }

  size_t run(const nlohmann::json& query) override { return search(query, true); }
  long run_without_facets(const nlohmann::json& query) override {
    return static_cast<long>(search(query, false));
  }

 private:
  static void add_facet(Xapian::Document& document, const std::string& facet,
                        const nlohmann::json& values) {
    const auto& [prefix, slot] = kFacets.at(facet);
    std::string list;
    const auto add = [&](const std::string& value) {
      document.add_boolean_term(prefix + value);
      if (!list.empty()) {
        list += '\x1f';
      }
      list += value;
    };
    if (values.is_string()) {
      add(values);
    } else if (values.is_array()) {
      for (const auto& value : values) {
        add(value);
      }
    }
    document.add_value(slot, list);
  }

  size_t search(const nlohmann::json& query, bool with_facets) {
    const std::string text = query["q"];
    Xapian::Query parsed = text.empty()
                               ? Xapian::Query::MatchAll
                               : parser_.parse_query(text, Xapian::QueryParser::FLAG_DEFAULT |
                                                               Xapian::QueryParser::FLAG_WILDCARD);
    std::vector<Xapian::Query> facets;
    for (const auto& [facet, values] : query["filters"].items()) {
      std::vector<Xapian::Query> any;
      for (const auto& value : values) {
        any.emplace_back(kFacets.at(facet).first + value.get<std::string>());
      }
      facets.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
    }
    if (!facets.empty()) {
      parsed = Xapian::Query(Xapian::Query::OP_FILTER, parsed,
                             Xapian::Query(Xapian::Query::OP_AND, facets.begin(), facets.end()));
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(parsed);
    std::vector<std::unique_ptr<Xapian::MatchSpy>> spies;
    if (with_facets) {
      for (const auto& [facet, prefix_slot] : kFacets) {
        if (facet == "status" || facet == "year") {
          spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(prefix_slot.second));
        } else {
          spies.push_back(std::make_unique<ListCountSpy>(prefix_slot.second));
        }
        enquire.add_matchspy(spies.back().get());
      }
    }
    const Xapian::MSet mset = enquire.get_mset(0, 10, db_.get_doccount());
    if (with_facets) {
      for (auto hit = mset.begin(); hit != mset.end(); ++hit) {
        snippets_ += mset.snippet(hit.get_document().get_data(), 200, Xapian::Stem("dutch")).size();
      }
    }
    return mset.get_matches_estimated();
  }

  Xapian::Database db_;
  Xapian::QueryParser parser_;
  size_t documents_ = 0;
  double build_seconds_ = 0;
  size_t snippets_ = 0;
};

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
    } else {
      throw std::runtime_error(std::string("unknown argument '") + argv[i] + "'");
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parse(argc, argv);
    nlohmann::json out;
    std::unique_ptr<Engine> engine;
    if (options.engine == "dealsearch" && !options.index.empty()) {
      engine = std::make_unique<Dealsearch>(options.index);
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
                   "       [--repeat N]\n";
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
  } catch (const std::exception& error) {
    std::cerr << "query_mix: " << error.what() << "\n";
    return 1;
  } catch (const Xapian::Error& error) {
    std::cerr << "query_mix: " << error.get_description() << "\n";
    return 1;
  }
  return 0;
}
