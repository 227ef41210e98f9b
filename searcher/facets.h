// Facets: filters as Xapian queries, and the exact counts of each facet's values over a
// search's matches (Xapian's ValueCountMatchSpy on the facets' value slots, so that remote
// shards count too), with the labels a reader sees.
#pragma once

#include <xapian.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/folding.h"
#include "analyzers/schema.h"
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

// Facet name -> value -> how many matches have it, before sorting and labels.
using ValueCounts = std::map<std::string, std::map<std::string, size_t>, std::less<>>;

// Xapian::ValueCountMatchSpy on every value slot of some facets (schema.h, "Facet value
// slots"): add them to an Enquire, run it checking every match (check_at_least = doccount),
// then read each facet's values and counts. Built into Xapian, these spies count on remote
// shards as well, and Xapian merges the shards' counts.
//
// Not thread-safe: one per Enquire run. The Enquire refers to the spies (each on the heap, so
// a move keeps them where they are): they must outlive its get_mset(), so declare them first.
class FacetSpies {
 public:
  explicit FacetSpies(const std::vector<const schema::Facet*>& facets);

  void add_to(Xapian::Enquire& enquire);
  // After the run: each facet's values with the number of matches that have them, every
  // facet asked for present (no values when nothing matched).
  [[nodiscard]] ValueCounts counts() const;

 private:
  struct Spy {
    const schema::Facet* facet;
    std::unique_ptr<Xapian::ValueCountMatchSpy> spy;  // of one of its slots
  };
  std::vector<Spy> spies_;
};

// Runs `query` over `db` unranked (BoolWeight), checking every match, with `spies` if given:
// returns the exact number of matches. What each count of the facets costs.
size_t run_every_match(const Xapian::Database& db, const Xapian::Query& query,
                       FacetSpies* spies = nullptr);

// The facets of one Searcher's database: its filters, counts and labels.
//
// A search counts the facets without a filter of their own on its ranked run (spies_for()),
// and count() then runs the text once more for each facet with a filter of its own, without
// that filter (disjunctive facets), with spies on that facet's slots alone.
//
// Not thread-safe: it belongs to one Searcher, reads that Searcher's database (which must
// outlive it) and caches labels for the revision open.
class Facets {
 public:
  Facets(const Xapian::Database& db, const analyzers::Folder& folder);

  // The database is at `revision` (at first, and after a reopen that changed it): forgets
  // what was cached for another revision.
  void use_revision(const IndexInfo& revision);

  // The filters but `except`'s, AND-ed; nullopt when no filter applies. A filter no deal can
  // satisfy matches nothing rather than being ignored.
  [[nodiscard]] std::optional<Xapian::Query> filter_query(const Filters& filters,
                                                          std::string_view except = {}) const;

  // Spies for the facets that `filters` leaves unfiltered: what a search adds to its ranked
  // run of the text with every filter, to give count() as `unfiltered`.
  [[nodiscard]] static FacetSpies spies_for(const Filters& filters);

  // Every facet's values over the matches of `text` with the filters. A facet's counts ignore
  // that facet's own filter, so its other values stay visible (disjunctive facets).
  // `unfiltered`: the counts of spies_for(filters)'s spies over the matches of `text` with
  // every filter, when the caller has them (a search's ranked run); else counted here.
  [[nodiscard]] FacetCounts count(const Xapian::Query& text, const Filters& filters,
                                  std::optional<ValueCounts> unfiltered);

  // When `text` with `filters` matches nothing: the filter "facet=value" whose removal finds
  // the most deals, or nullopt when none would.
  [[nodiscard]] std::optional<std::string> filter_to_drop(const Xapian::Query& text,
                                                          const Filters& filters);

 private:
  // The term a filter's value stands for, or nullopt when no deal can have it.
  std::optional<std::string> filter_term(const std::string& facet, const std::string& value) const;
  std::vector<FacetValue> listed(const schema::Facet& facet,
                                 const std::map<std::string, size_t>& counts);
  std::string label(std::string_view facet, const std::string& term, const std::string& value);
  std::string partner_label(const std::string& term, const std::string& folded_name);

  const Xapian::Database& db_;
  const analyzers::Folder& folder_;
  IndexInfo revision_;
  std::map<std::string, std::string> partner_labels_;  // partner term -> display name
  // What a ministry filter may say, folded (its code, its full name, the name without
  // "ministerie van") -> the code.
  std::map<std::string, std::string> ministry_codes_;
};

}  // namespace dealsearch::searcher
