// The inputs every engine in bench/run.sh gets, derived from one dealsearch index:
//
//   build/bench/bench_inputs --index build/bench-data/index-10000
//                            --docs docs.jsonl --queries queries.jsonl [--seed 42]
//
// docs.jsonl: each deal as {"id", "title", "body", "status", "year", "ministries": [codes],
// "partners": [names], "themes"}, with the facet values our indexer extracted, so that the
// peers (PostgreSQL, Sphinx, raw Xapian) filter and count the very same values.
//
// urls.txt: the same queries as paths of the HTTP API (/api/search?q=...), for wrk.
//
// queries.jsonl: a deterministic mix of {"id", "class", "q", "filters"}: single words (rare,
// medium, frequent), two and three words, phrases, compounds and their parts, prefixes and
// typos, each class with and without facet filters. Words come from the index's own
// statistics, so every query means something for the collection it is run on.
#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "analyzers/schema.h"
#include "analyzers/stored_deal.h"
#include "bench/engines.h"
#include "searcher/html.h"
#include "searcher/index_reader.h"

namespace {

namespace schema = dealsearch::schema;

constexpr size_t kQueriesPerClass = 12;  // each with and without filters: 12 x 2 x 10 = 240

struct Options {
  std::string index, docs, queries, urls;
  unsigned seed = 42;
};

bool is_plain_word(const std::string& term) {
  return term.size() >= 5 && std::all_of(term.begin(), term.end(), [](char c) {
           return std::islower(static_cast<unsigned char>(c));
         });
}

void write_docs(const Xapian::Database& db, const std::string& path) {
  std::ofstream out(path);
  for (auto id = db.postlist_begin(""); id != db.postlist_end(""); ++id) {
    const std::optional<dealsearch::schema::StoredDeal> deal =
        dealsearch::schema::decode_stored_deal(db.get_document(*id).get_data());
    if (!deal) {
      continue;
    }
    nlohmann::json doc = {{"id", deal->id},
                          {"title", deal->title},
                          {"status", deal->status},
                          {"year", deal->year},
                          {"ministries", nlohmann::json::array()},
                          {"partners", nlohmann::json::array()},
                          {"themes", deal->themes}};
    std::string body;
    for (const std::string& paragraph : deal->paragraphs) {
      body += (body.empty() ? "" : "\n\n") + paragraph;
    }
    doc["body"] = body;
    for (const auto& ministry : deal->ministries) {
      doc["ministries"].push_back(ministry.code);
    }
    for (const auto& partner : deal->partners) {
      doc["partners"].push_back(partner.name);
    }
    out << doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
  }
}

class QueryMaker {
 public:
  QueryMaker(const Xapian::Database& db, unsigned seed) : db_(db), random_(seed) {
    const double n = db.get_doccount();
    for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) {
      const std::string word = *term;
      if (!is_plain_word(word)) {
        continue;
      }
      const double df = term.get_termfreq();
      if (df >= 3 && df <= 10) {
        rare_.push_back(word);
      } else if (df >= n / 1000 && df <= n / 50 && df >= 3) {
        medium_.push_back(word);
      } else if (df >= n / 10) {
        frequent_.push_back(word);
      }
    }
    // Compounds: words of medium frequency that end in a compound part the index holds.
    std::unordered_set<std::string> parts;
    for (auto term = db.allterms_begin(std::string(schema::kPart));
         term != db.allterms_end(std::string(schema::kPart)); ++term) {
      parts.insert((*term).substr(schema::kPart.size()));
    }
    for (const std::string& word : medium_) {
      for (size_t length = word.size() - 4; length >= 5; --length) {
        const std::string part = word.substr(word.size() - length);
        if (parts.contains(part) && db.term_exists(part)) {
          compounds_.emplace_back(word, part);
          break;
        }
      }
    }
  }

  std::string pick(const std::vector<std::string>& words) {
    if (words.empty()) {
      return "beleid";
    }
    return words[std::uniform_int_distribution<size_t>(0, words.size() - 1)(random_)];
  }

  Xapian::docid random_doc() {
    return std::uniform_int_distribution<Xapian::docid>(1, db_.get_lastdocid())(random_);
  }

  // The deal stored as `id`; an empty one when there is none.
  dealsearch::schema::StoredDeal deal(Xapian::docid id) {
    try {
      return dealsearch::schema::decode_stored_deal(db_.get_document(id).get_data())
          .value_or(dealsearch::schema::StoredDeal());
    } catch (const Xapian::DocNotFoundError&) {
      return {};
    }
  }

  // The words of one deal, in order, lower-cased (letters only).
  std::vector<std::string> words_of(const dealsearch::schema::StoredDeal& deal) {
    std::vector<std::string> words;
    std::string word;
    for (const std::string& paragraph : deal.paragraphs) {
      for (const char c : paragraph + " ") {
        if (std::isalpha(static_cast<unsigned char>(c))) {
          word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else {
          if (!word.empty()) {
            words.push_back(word);
          }
          word.clear();
        }
      }
    }
    return words;
  }

  // Words of one deal with a medium document frequency, so that they meet in some deals.
  std::vector<std::string> medium_words_of_a_deal(size_t count) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::vector<std::string> found;
      for (const std::string& word : words_of(deal(random_doc()))) {
        if (std::binary_search(medium_.begin(), medium_.end(), word) &&
            std::find(found.begin(), found.end(), word) == found.end()) {
          found.push_back(word);
        }
      }
      if (found.size() >= count) {
        std::shuffle(found.begin(), found.end(), random_);
        found.resize(count);
        return found;
      }
    }
    return {pick(medium_), pick(medium_), pick(medium_)};
  }

  std::string phrase() {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const std::vector<std::string> words = words_of(deal(random_doc()));
      if (words.size() < 10) {
        continue;
      }
      const size_t at = std::uniform_int_distribution<size_t>(0, words.size() - 2)(random_);
      if (words[at].size() >= 4 && words[at + 1].size() >= 4) {
        return "\"" + words[at] + " " + words[at + 1] + "\"";
      }
    }
    return "\"" + pick(frequent_) + " " + pick(frequent_) + "\"";
  }

  // A compound of the collection and its last part ("woningbouwopgave", "opgave").
  std::pair<std::string, std::string> compound() {
    if (compounds_.empty()) {
      return {pick(medium_), pick(medium_)};
    }
    return compounds_[std::uniform_int_distribution<size_t>(0, compounds_.size() - 1)(random_)];
  }

  std::string typo() {
    // A word of 7 bytes or more: a small index may have none, so the tries are bounded.
    std::string word = pick(medium_);
    for (int attempt = 0; attempt < 1000 && word.size() < 7; ++attempt) {
      word = pick(medium_);
    }
    if (word.size() < 7) {
      word = "samenwerking";
    }
    const size_t at = word.size() / 2;
    std::swap(word[at], word[at + 1]);
    return word;
  }

  // Filters from one deal's own values: its first ministry, or its status and year.
  nlohmann::json filters(size_t n) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const dealsearch::schema::StoredDeal d = deal(random_doc());
      if (n % 2 == 0 && !d.ministries.empty()) {
        return {{"ministry", {d.ministries[0].code}}};
      }
      if (n % 2 == 1 && !d.id.empty()) {
        return {{"status", {d.status}}, {"year", {d.year}}};
      }
    }
    return nlohmann::json::object();
  }

  std::vector<std::string> medium_;  // sorted (allterms order)
  std::vector<std::string> rare_, frequent_;
  std::vector<std::pair<std::string, std::string>> compounds_;

 private:
  const Xapian::Database& db_;
  std::mt19937 random_;
};

// The query as a path of the HTTP API, for wrk.
std::string api_path(const nlohmann::json& query) {
  std::string path =
      "/api/search?q=" + dealsearch::searcher::percent_encode(query["q"].get<std::string>());
  for (const auto& [facet, values] : query["filters"].items()) {
    for (const auto& value : values) {
      path.append("&").append(facet).append("=").append(
          dealsearch::searcher::percent_encode(value.get<std::string>()));
    }
  }
  return path;
}

void write_queries(const Xapian::Database& db, const std::string& path, const std::string& urls,
                   unsigned seed) {
  QueryMaker maker(db, seed);
  std::ofstream out(path);
  std::ofstream url_out;
  if (!urls.empty()) {
    url_out.open(urls);
  }
  size_t id = 0;
  const auto emit = [&](const std::string& query_class, const std::string& q, size_t n) {
    for (const bool filtered : {false, true}) {
      nlohmann::json query = {{"id", ++id},
                              {"class", query_class},
                              {"q", q},
                              {"filters", filtered ? maker.filters(n) : nlohmann::json::object()}};
      out << query.dump() << '\n';
      if (url_out.is_open()) {
        url_out << api_path(query) << '\n';
      }
    }
  };
  for (size_t n = 0; n < kQueriesPerClass; ++n) {
    emit("single-rare", maker.pick(maker.rare_), n);
    emit("single-medium", maker.pick(maker.medium_), n);
    emit("single-frequent", maker.pick(maker.frequent_), n);
    const std::vector<std::string> two = maker.medium_words_of_a_deal(2);
    emit("two-words", two[0] + " " + two[1], n);
    const std::vector<std::string> three = maker.medium_words_of_a_deal(3);
    emit("three-words", three[0] + " " + three[1] + " " + three[2], n);
    emit("phrase", maker.phrase(), n);
    const auto [whole, part] = maker.compound();
    emit("compound", whole, n);
    emit("compound-part", part, n);
    emit("prefix", maker.pick(maker.medium_).substr(0, 4) + "*", n);
    emit("typo", maker.typo(), n);
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const auto value = [&](const char* name) -> const char* {
      return std::strcmp(argv[i], name) == 0 && i + 1 < argc ? argv[++i] : nullptr;
    };
    if (const char* index = value("--index")) {
      options.index = index;
    } else if (const char* docs = value("--docs")) {
      options.docs = docs;
    } else if (const char* queries = value("--queries")) {
      options.queries = queries;
    } else if (const char* urls = value("--urls")) {
      options.urls = urls;
    } else if (const char* seed = value("--seed")) {
      options.seed = static_cast<unsigned>(std::stoul(seed));
    } else {
      std::cerr << "usage: bench_inputs --index INDEX [--docs OUT.jsonl] [--queries OUT.jsonl]"
                   " [--urls OUT.txt] [--seed N]\n";
      return 2;
    }
  }
  if (options.index.empty()) {
    std::cerr << "bench_inputs: --index is required (a dealsearch index)\n";
    return 2;
  }
  return dealsearch::bench::guarded_main("bench_inputs", [&] {
    // A stub file ("auto <dir>", as `dealsearch index` writes) or a database directory.
    const Xapian::Database db(options.index);
    if (!options.docs.empty()) {
      write_docs(db, options.docs);
    }
    if (!options.queries.empty()) {
      write_queries(db, options.queries, options.urls, options.seed);
    }
    return 0;
  });
}
