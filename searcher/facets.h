// Facets: filters as Xapian queries, and the exact counts of each facet's values over a
// search's matches, with the labels a reader sees.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/folding.h"
#include "searcher/facet_table.h"
#include "searcher/index_reader.h"

namespace dealsearch::searcher {

// Facet name (schema::kFacets) -> values; several values of one facet are OR-ed, different
// facets AND-ed. Values match case- and diacritics-insensitively; "ministry" takes a code
// ("BZK") or a full name.
using Filters = std::map<std::string, std::vector<std::string>>;

struct FacetValue {
  std::string value;  // what a filter takes: "BZK", "in uitvoering", "Gemeente Zwolle"
  std::string label;  // for display: "Ministerie van Binnenlandse Zaken en ..."
  size_t count = 0;
  bool operator==(const FacetValue&) const = default;
};

// Facet name -> its most frequent values (at most kMaxFacetValues), most frequent first.
using FacetCounts = std::map<std::string, std::vector<FacetValue>>;

// Most values a facet lists, as Meilisearch's maxValuesPerFacet.
inline constexpr size_t kMaxFacetValues = 100;

// `text` restricted to the deals `filters` allow (nullopt: no filter), the filter pushed down
// through ORs so that Xapian checks positions only in the deals it allows (see facets.cc).
[[nodiscard]] Xapian::Query filtered(const Xapian::Query& text,
                                     const std::optional<Xapian::Query>& filters);

// The facets of one Searcher's database: its filters, counts and labels.
//
// Not thread-safe: it belongs to one Searcher, reads that Searcher's database (which must
// outlive it) and caches labels and the tables of the revision open. The tables themselves
// come from a FacetTableCache shared by the searchers of one index.
class Facets {
 public:
  Facets(const Xapian::Database& db, const analyzers::Folder& folder,
         std::shared_ptr<FacetTableCache> cache);

  // The database is at `revision` (at first, and after a reopen that changed it): forgets
  // what was cached for another revision.
  void use_revision(const IndexInfo& revision);

  // The filters but `except`'s, AND-ed; nullopt when no filter applies. A filter no deal can
  // satisfy matches nothing rather than being ignored.
  [[nodiscard]] std::optional<Xapian::Query> filter_query(const Filters& filters,
                                                          std::string_view except = {}) const;

  // Every facet's values over the matches of `text` with the filters. A facet's counts ignore
  // that facet's own filter, so its other values stay visible (disjunctive facets).
  // `all_filters`: the matches of `text` with every filter, ascending, when the caller has
  // them already (a search's DocidCollector).
  [[nodiscard]] FacetCounts count(const Xapian::Query& text, const Filters& filters,
                                  std::optional<std::vector<Xapian::docid>> all_filters);

  // When `text` with `filters` matches nothing: the filter "facet=value" whose removal finds
  // the most deals, or nullopt when none would.
  [[nodiscard]] std::optional<std::string> filter_to_drop(const Xapian::Query& text,
                                                          const Filters& filters);

 private:
  // The term a filter's value stands for, or nullopt when no deal can have it.
  std::optional<std::string> filter_term(const std::string& facet, const std::string& value) const;
  std::vector<Xapian::docid> allowed(std::vector<Xapian::docid> docs, const Filters& filters,
                                     std::string_view except) const;
  std::vector<FacetValue> count_facet(const std::string& facet,
                                      const std::vector<Xapian::docid>& matches);
  std::string label(std::string_view facet, const std::string& term, const std::string& value);
  std::string partner_label(const std::string& term, const std::string& folded_name);

  const Xapian::Database& db_;
  const analyzers::Folder& folder_;
  std::shared_ptr<FacetTableCache> cache_;
  IndexInfo revision_;
  // Facet name -> its table for the revision open, fetched from cache_ at its first count.
  std::map<std::string, std::shared_ptr<const FacetTable>, std::less<>> tables_;
  std::map<std::string, std::string> partner_labels_;  // partner term -> display name
  // What a ministry filter may say, folded (its code, its full name, the name without
  // "ministerie van") -> the code.
  std::map<std::string, std::string> ministry_codes_;
};

}  // namespace dealsearch::searcher
