// Searcher: SearchRequest -> SearchResult, the search and its fallbacks (strict, then a
// compound's parts anywhere, then the spelling's correction, then any of the words). Facets
// are counted in facets.h, snippets made in snippets.h, completions found in suggest.h, the
// query's text read in query_builder.h. Plain structs in and out; the HTTP layer and the CLI
// turn them into JSON, HTML or text.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzers/analyzer.h"
#include "analyzers/stored_deal.h"
#include "searcher/facets.h"
#include "searcher/index_reader.h"
#include "searcher/limits.h"
#include "searcher/query_builder.h"
#include "searcher/shards.h"
#include "searcher/snippets.h"

namespace dealsearch::searcher {

enum class SortOrder { kRelevance, kDate, kTitle };

struct SearchRequest {
  std::string query;  // the search box's text; empty lists all (filtered) deals by date
  Filters filters;
  size_t page = 1;                 // 1-based
  size_t size = kDefaultPageSize;  // hits a page
  SortOrder sort = SortOrder::kRelevance;
};

// The document a hit's snippet comes from: the deal's page or a PDF it links to.
struct SnippetSource {
  std::string url;               // "" for a document read from a file without one
  std::string title;             // "Staatscourant-tekst"
  std::optional<uint32_t> page;  // the PDF page of the snippet's text (1-based); nullopt
                                 // for a document without pages
};

struct Hit {
  schema::StoredDeal deal;  // with its text
  double score = 0;
  Snippet snippet;
  // nullopt when the deal records no documents (an index built before they were recorded).
  std::optional<SnippetSource> snippet_source;
};

struct SearchResult {
  size_t total = 0;  // exact number of matching deals
  // No deal had every word (or a compound, or its parts close together): these have some
  // of the words (or the compound's parts apart).
  bool relaxed = false;
  bool corrected = false;                 // nothing matched: these are the suggestion's results
  std::optional<std::string> suggestion;  // "did you mean"
  std::vector<Hit> hits;
  // Exact counts over all matches; a facet's counts ignore its own filter (Facets::count).
  FacetCounts facets;
  // When filters made the result empty: a filter "facet=value" whose removal finds deals.
  std::optional<std::string> drop_filter_hint;
  // Hits left out because their stored data could not be read (a damaged index): the caller
  // logs them. `total` still counts them.
  size_t unreadable = 0;
  // The index as the search found it: its revision, and which shards answered (a search over
  // some of them is partial: IndexInfo::partial()).
  IndexInfo index;
};

// Answers searches over one index, one database or shards (searcher/shards.h). Nothing in a request
// is an error here (the HTTP layer validates parameters).
//
// A remote shard that fails (Xapian::NetworkError: it is gone, or did not answer within the
// time-out) is left out and the request answered by the others, never an error until none
// answers (then Error kIndex); SearchResult::index and info() say which shards answered.
//
// Errors: Xapian's other exceptions (Xapian::Error, no std::exception) pass through, so that
// the caller can tell an index that changed under it (DatabaseModifiedError: reopen() and
// retry) from one that is damaged; SearcherPool::read() and the CLI convert them with
// with_read_errors() (index_reader.h). deal() throws dealsearch::Error kIndexDamaged for a deal
// whose stored data cannot be read; search() leaves such hits out and counts them.
//
// Not thread-safe: one Searcher per thread. It owns its Shards (with their databases), Analyzer
// (with its word cache), QueryBuilder, Facets (with its label caches) and every query it builds;
// none of them is shared, and the last two refer to the first two, so a Searcher stays where it is
// built (no copy, no move). What it shares with other Searchers is immutable (AnalyzerData,
// FacetTables) or thread-safe (FacetTableCache, ShardHealth).
class Searcher {
 public:
  // `facet_cache`: shared by the searchers of one index (a server's workers); by default
  // this searcher's own.
  // `min_postings_to_split`: the fewest postings for which a search's matching is split over
  // two threads when a core is free (MatchWeigher).
  Searcher(Shards shards, std::shared_ptr<const analyzers::AnalyzerData> analyzer_data,
           std::shared_ptr<FacetTableCache> facet_cache = nullptr,
           size_t min_postings_to_split = MatchWeigher::kMinPostingsToSplit);
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  [[nodiscard]] SearchResult search(const SearchRequest& request);
  // The whole deal, or nullopt when there is no deal with this id.
  [[nodiscard]] std::optional<schema::StoredDeal> deal(const std::string& id);
  // Up to `limit` completions of what is being typed (completions() in suggest.h).
  [[nodiscard]] std::vector<std::string> suggest(std::string_view typed,
                                                 size_t limit = kMaxSuggestions);
  // Every facet value with its count over the whole index.
  [[nodiscard]] FacetCounts all_facets();

  const IndexInfo& info() const { return info_; }
  // How many searches' matching ran over two threads so far (MatchWeigher).
  [[nodiscard]] size_t split_runs() const { return weigher_.splits(); }
  // Sees the latest commit to the index (an update), and which shards answer now; returns
  // whether anything changed.
  bool reopen();

 private:
  struct Match;
  // A query's matches and the query that found them, `relaxed` when that is a fallback.
  struct Attempt;
  // `read()`, again without a remote shard that failed it, until it succeeds.
  template <typename Read>
  auto over_shards(Read&& read);
  SearchResult search_once(const SearchRequest& request);
  std::optional<schema::StoredDeal> deal_once(const std::string& id);
  Match run(const Xapian::Query& text, const SearchRequest& request);
  Attempt attempt(const BuiltQuery& built, const SearchRequest& request);
  std::optional<std::string> spelling_suggestion(const BuiltQuery& query) const;
  // After the database was opened or reopened at a new revision.
  void use_revision(IndexInfo info);
  // The index's forms of a compound part (indexed_forms()), looked up once a revision.
  const std::vector<std::string>& forms_of(const analyzers::Token& word);
  // What a prefix ("energ*") expands to (prefix_terms()), looked up once a revision.
  const std::vector<std::string>& words_beginning(const std::string& prefix, size_t limit);

  Shards shards_;
  Xapian::Database db_;  // shards_.database(), taken again whenever it changes
  analyzers::Analyzer analyzer_;
  QueryBuilder builder_;
  IndexInfo info_;
  Facets facets_;
  MatchWeigher weigher_;
  // Term -> its forms in the revision open; cleared with each revision, and when it grows past
  // kMaxCachedForms, so that a stream of distinct queries cannot grow it without bound.
  std::unordered_map<std::string, std::vector<std::string>> forms_;
  // The same for prefixes: "<limit> <prefix>" -> its words.
  std::unordered_map<std::string, std::vector<std::string>> prefixes_;
  static constexpr size_t kMaxCachedForms = 10000;
};

}  // namespace dealsearch::searcher
