// Searcher: SearchRequest -> SearchResult (ranked hits, exact facet counts, snippets). Plain
// structs in and out; the HTTP layer and the CLI turn them into JSON or text.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "analyzers/analyzer.h"
#include "searcher/facet_table.h"
#include "searcher/index_reader.h"
#include "searcher/query_builder.h"

namespace dealsearch::searcher {

enum class SortOrder { kRelevance, kDate, kTitle };

// The facets, in the order results list them.
inline const std::vector<std::string> kFacetNames = {"status",       "ministry", "partner",
                                                     "partner_type", "theme",    "year"};

struct SearchRequest {
  std::string query;  // the search box's text; empty lists all (filtered) deals by date
  // Facet name (one of kFacetNames) -> values; several values of one facet are OR-ed,
  // different facets AND-ed. Values match case- and diacritics-insensitively; "ministry"
  // takes a code ("BZK") or a full name.
  std::map<std::string, std::vector<std::string>> filters;
  size_t page = 1;   // 1-based
  size_t size = 10;  // hits a page
  SortOrder sort = SortOrder::kRelevance;
};

struct Hit {
  nlohmann::json deal;  // the display fields (see analyzers/schema.h), without the text
  std::vector<std::string> paragraphs;  // the text
  double score = 0;
  std::string snippet;  // HTML: escaped text, matches in <mark>
};

struct FacetValue {
  std::string value;  // what a filter takes: "BZK", "in uitvoering", "Gemeente Zwolle"
  std::string label;  // for display: "Ministerie van Binnenlandse Zaken en ..."
  size_t count = 0;
};

struct SearchResult {
  size_t total = 0;                       // exact number of matching deals
  bool relaxed = false;                   // no deal had every word: these have some
  bool corrected = false;                 // nothing matched: these are the suggestion's results
  std::optional<std::string> suggestion;  // "did you mean"
  std::vector<Hit> hits;
  // Facet name -> values with exact counts over all matches. A facet's counts ignore that
  // facet's own filter, so its other values stay visible (disjunctive facets).
  std::map<std::string, std::vector<FacetValue>> facets;
  // When filters made the result empty: a filter "facet=value" whose removal finds deals.
  std::optional<std::string> drop_filter_hint;
  // Hits left out because their stored data could not be read (a damaged index): the caller
  // logs them. `total` still counts them.
  size_t unreadable = 0;
};

// Answers searches over one index. Nothing in a request is an error here (the HTTP layer
// validates parameters).
//
// Errors: Xapian's exceptions (Xapian::Error, no std::exception) pass through, so that the
// caller can tell an index that changed under it (DatabaseModifiedError: reopen() and retry)
// from one that is damaged; SearcherPool::read() and the CLI convert them with
// with_read_errors() (index_reader.h). deal() throws dealsearch::Error kIndexDamaged for a deal
// whose stored data cannot be read; search() leaves such hits out and counts them.
//
// Not thread-safe: one Searcher per thread. It owns its Xapian::Database, Analyzer (with its
// word cache), QueryBuilder and label caches, and every query it builds; none of them is
// shared. What it shares with other Searchers is immutable (AnalyzerData, FacetTables) or
// thread-safe (FacetTableCache).
class Searcher {
 public:
  // `facet_cache`: shared by the searchers of one index (a server's workers); by default
  // this searcher's own.
  Searcher(Xapian::Database db, std::shared_ptr<const analyzers::AnalyzerData> analyzer_data,
           std::shared_ptr<FacetTableCache> facet_cache = nullptr);

  [[nodiscard]] SearchResult search(const SearchRequest& request);
  // The whole deal, or nullopt when there is no deal with this id.
  [[nodiscard]] std::optional<nlohmann::json> deal(const std::string& id);
  // Up to `limit` completions of what is being typed ("energ"): titles with a word that
  // starts with its last word first, then the most frequent words that do.
  [[nodiscard]] std::vector<std::string> suggest(std::string_view typed, size_t limit = 10);
  // Every facet value with its count over the whole index.
  [[nodiscard]] std::map<std::string, std::vector<FacetValue>> all_facets();

  const IndexInfo& info() const { return info_; }
  // Sees the latest commit to the index (an update); returns whether anything changed.
  bool reopen();

 private:
  struct Match;
  // The filters but `except`'s, AND-ed; nullopt when no filter applies.
  std::optional<Xapian::Query> filter_query(const SearchRequest& request,
                                            const std::string& except) const;
  std::optional<std::string> filter_term(const std::string& facet, const std::string& value) const;
  Match run(const Xapian::Query& text, const SearchRequest& request);
  // `all_filters`: the matches of `text` with every filter, when the search has them already.
  std::map<std::string, std::vector<FacetValue>> count_facets(
      const Xapian::Query& text, const SearchRequest& request,
      std::optional<std::vector<Xapian::docid>> all_filters);
  std::vector<FacetValue> count_facet(const std::string& facet,
                                      const std::vector<Xapian::docid>& matches);
  std::optional<std::string> spelling_suggestion(const BuiltQuery& query) const;
  std::optional<std::string> hint_filter_to_drop(const Xapian::Query& text,
                                                 const SearchRequest& request);
  std::string partner_label(const std::string& term, const std::string& folded_name);
  void set_ministry_synonyms();

  Xapian::Database db_;
  analyzers::Analyzer analyzer_;
  QueryBuilder builder_;
  IndexInfo info_;
  std::map<std::string, std::string> partner_labels_;  // partner term -> display name
  std::shared_ptr<FacetTableCache> facet_cache_;
  // Facet name -> its table for the revision open, fetched from facet_cache_ at the first
  // count after the index was (re)opened.
  std::map<std::string, std::shared_ptr<const FacetTable>> facet_tables_;
};

// What a snippet marks: the terms and stems of the query's words, and of their parts.
// Analysed once a search, not once a hit.
struct SnippetTerms {
  std::unordered_set<std::string> word_terms, word_stems;  // the words themselves
  std::unordered_set<std::string> part_terms, part_stems;  // the words and their parts
  // The first four bytes of each of those: a paragraph without any of them has no match.
  std::unordered_set<std::string> probes;
  SnippetTerms(analyzers::Analyzer& analyzer, const std::vector<std::string>& query_words);
};

// The snippet of `paragraphs`: HTML-escaped, about `length` bytes around the passage with the
// most matches, each match in <mark> (for a compound part only the part:
// "energie<mark>armoede</mark>").
[[nodiscard]] std::string make_snippet(analyzers::Analyzer& analyzer,
                                       const std::vector<std::string>& paragraphs,
                                       const SnippetTerms& terms, size_t length = 200);

// The same for query words not yet analysed.
[[nodiscard]] std::string make_snippet(analyzers::Analyzer& analyzer,
                                       const std::vector<std::string>& paragraphs,
                                       const std::vector<std::string>& query_words,
                                       size_t length = 200);

}  // namespace dealsearch::searcher
