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
#include "searcher/facet_table.h"
#include "searcher/index_reader.h"
#include "searcher/match_weigher.h"
#include "searcher/matches.h"

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

class Facets;

// A search's matches ranked and counted in one run (Facets::run_ranked()).
struct RankedRun {
  size_t total = 0;  // the matches with every filter
  // Of those, from the `first` on, at most `size`, best first: by weight, then by docid, as
  // Xapian ranks.
  std::vector<WeightCollector::Match> ranked;
  ValueCounts counts;  // every facet's, each filtered one over the matches of the others' filters
  // Each filtered facet -> the matches of the other facets' filters (for filter_to_drop()).
  std::map<std::string, size_t, std::less<>> totals_without;
};

// What counts some facets' values over the matches of one Enquire run, in one of two ways
// that count the same values (a deal's facet terms), exactly:
//  - by value slots: Xapian::ValueCountMatchSpy on every value slot of the facets (schema.h,
//    "Facet value slots"). Built into Xapian, these spies count on remote shards as well, and
//    Xapian merges the shards' counts; the way over shards.
//  - by facet tables: a DocidCollector (a MatchSpy of ours, which a remote shard refuses) and
//    then one pass over the matches in the revision's FacetTables (facet_table.h). Over one
//    local database this is the way: at 100,000 deals the slots' spies made the query mix's
//    p50 3.7x and its p99 5x slower (bench/RESULTS.md, "Facets on value slots").
// Add it to an Enquire, run it checking every match (check_at_least = doccount), then read
// each facet's values and counts.
//
// Not thread-safe: one per Enquire run. The Enquire refers to the spies (each on the heap, so
// a move keeps them where they are): they must outlive its get_mset(), so declare them first.
class FacetSpies {
 public:
  // By value slots.
  explicit FacetSpies(const std::vector<const schema::Facet*>& facets);
  // By the facet tables of `tables`' database, which must outlive the spies.
  FacetSpies(const std::vector<const schema::Facet*>& facets, Facets& tables);

  void add_to(Xapian::Enquire& enquire);
  // After the run: each facet's values with the number of matches that have them, every
  // facet asked for present (no values when nothing matched). By facet tables only the
  // kMaxFacetValues most frequent (ties in value order), all that Facets lists. Once.
  [[nodiscard]] ValueCounts counts();

 private:
  struct Spy {
    const schema::Facet* facet;
    std::unique_ptr<Xapian::ValueCountMatchSpy> spy;  // of one of its slots
  };
  std::vector<const schema::Facet*> facets_;
  std::vector<Spy> spies_;                     // by value slots
  Facets* tables_ = nullptr;                   // by facet tables: their source
  std::unique_ptr<DocidCollector> collector_;  // and the matches
};

// Runs `query` over `db` unranked (BoolWeight), checking every match, with `spies` if given:
// returns the exact number of matches. What each count of the facets costs.
size_t run_every_match(const Xapian::Database& db, const Xapian::Query& query,
                       FacetSpies* spies = nullptr);

// The facets of one Searcher's database: its filters, counts and labels.
//
// A search counts the facets without a filter of their own on its ranked run (spies_for()),
// and count() then runs the text once more for each facet with a filter of its own, without
// that filter (disjunctive facets), with spies on that facet alone. The spies count by facet
// tables over one local database, by value slots over shards (FacetSpies). Over one local
// database a search ranked by relevance does all of it in one run instead (run_ranked()).
//
// Not thread-safe: it belongs to one Searcher, reads that Searcher's database (which must
// outlive it) and caches labels for the revision open.
class Facets {
 public:
  // `cache`: the facet tables, shared by the searchers of one index.
  Facets(const Xapian::Database& db, const analyzers::Folder& folder,
         std::shared_ptr<FacetTableCache> cache);

  // The database is at `revision` (at first, and after a reopen that changed it): forgets
  // what was cached for another revision.
  void use_revision(const IndexInfo& revision);

  // The filters but `except`'s, AND-ed; nullopt when no filter applies. A filter no deal can
  // satisfy matches nothing rather than being ignored.
  [[nodiscard]] std::optional<Xapian::Query> filter_query(const Filters& filters,
                                                          std::string_view except = {}) const;

  // Spies for the facets that `filters` leaves unfiltered: what a search adds to its ranked
  // run of the text with every filter, to give count() as `unfiltered`.
  [[nodiscard]] FacetSpies spies_for(const Filters& filters);
  // Spies on `facets`, the way that suits the database (see FacetSpies).
  [[nodiscard]] FacetSpies spies_on(const std::vector<const schema::Facet*>& facets);
  // The table of `facet` for the revision open (the tables' way of counting).
  [[nodiscard]] const FacetTable& table(const schema::Facet& facet);

  // Every facet's values over the matches of `text` with the filters. A facet's counts ignore
  // that facet's own filter, so its other values stay visible (disjunctive facets).
  // `counted`: the facets the caller has counted already (the unfiltered ones by
  // spies_for(filters)'s spies on a search's ranked run, or every one by run_ranked());
  // else the unfiltered ones are counted here. Each facet missing from it is counted on a run
  // of its own. Over every deal (no text, no filter), nothing is run: the counts are the facet
  // terms' frequencies, so a run of every deal needs no spies.
  [[nodiscard]] FacetCounts count(const Xapian::Query& text, const Filters& filters,
                                  std::optional<ValueCounts> counted);

  // A search of `text` with `filters` ranked by relevance, its hits `first` to
  // `first + size`, and every facet counted, in one run over one local database: the text
  // with what any filtered facet counts over (every filter but that facet's, for each; the
  // text alone without filters or with one facet filtered), every match weighed as a search
  // weighs it (by `weigher`, which may split the run over two threads), then sorted out by the
  // facet tables by the filters it satisfies. Searched and counted apart, a filtered search
  // costs one run of the text and one more for each filtered facet, most of them over deals
  // the filters leave out of the hits; a phrase's or a NEAR's positions were checked in each.
  // nullopt where it does not apply: over shards (no facet tables), over every deal, or with a
  // filter on a facet the schema does not have.
  [[nodiscard]] std::optional<RankedRun> run_ranked(const Xapian::Query& text,
                                                    const Filters& filters, size_t first,
                                                    size_t size, MatchWeigher& weigher);

  // When `text` with `filters` matches nothing: the filter "facet=value" whose removal finds
  // the most deals, or nullopt when none would.
  [[nodiscard]] std::optional<std::string> filter_to_drop(const Xapian::Query& text,
                                                          const Filters& filters);
  // The same from how many deals each filtered facet's removal finds (RankedRun).
  [[nodiscard]] static std::optional<std::string> filter_to_drop(
      const Filters& filters, const std::map<std::string, size_t, std::less<>>& totals_without);

 private:
  friend class FacetSpies;  // counts by counted_in_tables()

  // `facets`' values over `matches` (ascending docids), by the facet tables: only the
  // kMaxFacetValues most frequent of each (ties in value order), all that listed() shows.
  ValueCounts counted_in_tables(const std::vector<const schema::Facet*>& facets,
                                const std::vector<Xapian::docid>& matches);
  // `facets`' values over the matches of `query`: by spies on a run of it, or, when it
  // matches every deal, from the facet terms' frequencies.
  ValueCounts counts_over(const Xapian::Query& query,
                          const std::vector<const schema::Facet*>& facets);
  // The term a filter's value stands for, or nullopt when no deal can have it.
  std::optional<std::string> filter_term(const std::string& facet, const std::string& value) const;
  std::vector<FacetValue> listed(const schema::Facet& facet,
                                 const std::map<std::string, size_t>& counts);
  std::string label(std::string_view facet, const std::string& term, const std::string& value);
  std::string partner_label(const std::string& term, const std::string& folded_name);

  const Xapian::Database& db_;
  const analyzers::Folder& folder_;
  std::shared_ptr<FacetTableCache> cache_;
  IndexInfo revision_;
  bool by_tables_ = false;  // the revision is one local database: count by facet tables
  // Facet name -> its table for the revision open, fetched from cache_ at its first count.
  std::map<std::string, std::shared_ptr<const FacetTable>, std::less<>> tables_;
  std::map<std::string, std::string> partner_labels_;  // partner term -> display name
  // What a ministry filter may say, folded (its code, its full name, the name without
  // "ministerie van") -> the code.
  std::map<std::string, std::string> ministry_codes_;
};

}  // namespace dealsearch::searcher
