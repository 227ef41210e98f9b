// Facets: filter terms from the schema's facet table, counts from Xapian's value count spies on
// the facets' slots, labels from the index's ministry names and the deals' own spelling of a
// partner.
#include "searcher/facets.h"

#include <algorithm>
#include <iterator>

#include "analyzers/stored_deal.h"

namespace dealsearch::searcher {

namespace {

// `text` filtered, the filter pushed into each branch of an OR and into the left of an
// AND_NOT: Xapian 1.4 checks a phrase's or a NEAR's positions before a FILTER above an OR
// above it, in every deal of the OR, but after a FILTER right above it, only in the deals the
// filter allows. "armoede stress" (the phrase, or the word "armoedestress") with two filters
// over 100,000 deals: 18 ms filtered above the OR, 3.3 ms in each branch. The same matches
// and weights: a filter adds no weight.
Xapian::Query filtered_down(const Xapian::Query& text, const Xapian::Query& filter) {
  const Xapian::Query::op op = text.get_type();
  if (op == Xapian::Query::OP_OR) {
    std::vector<Xapian::Query> branches;
    for (size_t i = 0; i < text.get_num_subqueries(); ++i) {
      branches.push_back(filtered_down(text.get_subquery(i), filter));
    }
    return Xapian::Query(Xapian::Query::OP_OR, branches.begin(), branches.end());
  }
  if (op == Xapian::Query::OP_AND_NOT && text.get_num_subqueries() > 1) {
    std::vector<Xapian::Query> parts = {filtered_down(text.get_subquery(0), filter)};
    for (size_t i = 1; i < text.get_num_subqueries(); ++i) {
      parts.push_back(text.get_subquery(i));
    }
    return Xapian::Query(Xapian::Query::OP_AND_NOT, parts.begin(), parts.end());
  }
  return Xapian::Query(Xapian::Query::OP_FILTER, text, filter);
}

}  // namespace

Xapian::Query filtered(const Xapian::Query& text, const std::optional<Xapian::Query>& filters) {
  return filters ? filtered_down(text, *filters) : text;
}

FacetSpies::FacetSpies(const std::vector<const schema::Facet*>& facets) : facets_(facets) {
  for (const schema::Facet* facet : facets) {
    for (Xapian::valueno i = 0; i < facet->slot_count; ++i) {
      spies_.push_back(
          {facet, std::make_unique<Xapian::ValueCountMatchSpy>(facet->first_slot + i)});
    }
  }
}

FacetSpies::FacetSpies(const std::vector<const schema::Facet*>& facets, Facets& tables)
    : facets_(facets), tables_(&tables), collector_(std::make_unique<DocidCollector>()) {}

void FacetSpies::add_to(Xapian::Enquire& enquire) {
  if (collector_) {
    enquire.add_matchspy(collector_.get());
  }
  for (Spy& spy : spies_) {
    enquire.add_matchspy(spy.spy.get());
  }
}

ValueCounts FacetSpies::counts() {
  if (collector_) {
    return tables_->counted_in_tables(facets_, collector_->sorted());
  }
  ValueCounts counts;
  for (const schema::Facet* facet : facets_) {
    counts[std::string(facet->name)];
  }
  for (const Spy& spy : spies_) {
    std::map<std::string, size_t>& values = counts[std::string(spy.facet->name)];
    // A slot's string is each value of a deal that landed in it: "BZK\x1fIenW" counts once
    // for BZK and once for IenW. A deal's values of one facet are distinct, so no deal is
    // counted twice for a value.
    for (auto it = spy.spy->values_begin(); it != spy.spy->values_end(); ++it) {
      const std::string slot = *it;
      for (const std::string_view value : schema::facet_slot_values(slot)) {
        values[std::string(value)] += it.get_termfreq();
      }
    }
  }
  return counts;
}

size_t run_every_match(const Xapian::Database& db, const Xapian::Query& query, FacetSpies* spies) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  if (spies != nullptr) {
    spies->add_to(enquire);
  }
  // No hits, but every match checked: an exact total, and the spies see every match.
  return enquire.get_mset(0, 0, db.get_doccount()).get_matches_estimated();
}

Facets::Facets(const Xapian::Database& db, const analyzers::Folder& folder,
               std::shared_ptr<FacetTableCache> cache)
    : db_(db), folder_(folder), cache_(std::move(cache)) {}

void Facets::use_revision(const IndexInfo& revision) {
  revision_ = revision;
  by_tables_ = revision.shards.size() == 1 && !revision.shards.front().remote;
  tables_.clear();
  partner_labels_.clear();
  // A filter names a ministry by its code or its full name, with or without "ministerie van",
  // or by another name or a former code ("IenM" is IenW today); folded once a revision, not
  // once a request. The first ministry in code order wins a clash, and a name before an alias.
  ministry_codes_.clear();
  for (const auto& [code, name] : revision_.ministry_names) {
    const std::string folded_name = folder_.fold(name);
    ministry_codes_.emplace(folder_.fold(code), code);
    ministry_codes_.emplace(folded_name, code);
    constexpr std::string_view kMinistryOf = "ministerie van ";
    if (folded_name.starts_with(kMinistryOf)) {
      ministry_codes_.emplace(folded_name.substr(kMinistryOf.size()), code);
    }
  }
  for (const auto& [alias, code] : revision_.ministry_aliases) {
    if (revision_.ministry_names.contains(code)) {
      ministry_codes_.emplace(folder_.fold(alias), code);
    }
  }
}

std::optional<std::string> Facets::filter_term(const std::string& facet_name,
                                               const std::string& value) const {
  const schema::Facet* facet = schema::find_facet(facet_name);
  if (facet == nullptr) {
    return std::nullopt;
  }
  const std::string folded = folder_.fold(value);
  switch (facet->values) {
    case schema::FacetValues::kFolded:
      return std::string(facet->prefix) + folded;
    case schema::FacetValues::kMinistryCode:
      if (const auto code = ministry_codes_.find(folded); code != ministry_codes_.end()) {
        return std::string(facet->prefix) + code->second;
      }
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<Xapian::Query> Facets::filter_query(const Filters& filters,
                                                  std::string_view except) const {
  std::vector<Xapian::Query> facets;
  for (const auto& [facet, values] : filters) {
    if (facet == except || values.empty()) {
      continue;
    }
    std::vector<Xapian::Query> any_value;
    for (const std::string& value : values) {
      if (const std::optional<std::string> term = filter_term(facet, value)) {
        any_value.emplace_back(*term);
      }
    }
    facets.push_back(any_value.empty()
                         ? Xapian::Query::MatchNothing
                         : Xapian::Query(Xapian::Query::OP_OR, any_value.begin(), any_value.end()));
  }
  if (facets.empty()) {
    return std::nullopt;
  }
  // (An empty Xapian::Query is MatchNothing, which is why "no filter" is nullopt.)
  return Xapian::Query(Xapian::Query::OP_AND, facets.begin(), facets.end());
}

FacetSpies Facets::spies_on(const std::vector<const schema::Facet*>& facets) {
  return by_tables_ ? FacetSpies(facets, *this) : FacetSpies(facets);
}

ValueCounts Facets::counted_in_tables(const std::vector<const schema::Facet*>& facets,
                                      const std::vector<Xapian::docid>& matches) {
  ValueCounts counts;
  for (const schema::Facet* facet : facets) {
    std::map<std::string, size_t>& values = counts[std::string(facet->name)];
    if (matches.empty()) {
      continue;
    }
    const FacetTable& facet_table = table(*facet);
    const std::vector<uint32_t> per_value = facet_table.count(matches);
    std::vector<uint32_t> counted;  // the ids of the values some match has
    for (uint32_t id = 0; id < per_value.size(); ++id) {
      if (per_value[id] > 0) {
        counted.push_back(id);
      }
    }
    // Only the most frequent are listed (listed(): ties in value order, which is the ids'
    // order), so only they become strings: a broad search matches thousands of partners.
    const size_t kept = std::min(counted.size(), kMaxFacetValues);
    std::partial_sort(counted.begin(), counted.begin() + static_cast<std::ptrdiff_t>(kept),
                      counted.end(), [&](uint32_t a, uint32_t b) {
                        return per_value[a] != per_value[b] ? per_value[a] > per_value[b] : a < b;
                      });
    for (size_t i = 0; i < kept; ++i) {
      values.emplace(facet_table.term(counted[i]).substr(facet->prefix.size()),
                     per_value[counted[i]]);
    }
  }
  return counts;
}

const FacetTable& Facets::table(const schema::Facet& facet) {
  auto table = tables_.find(facet.name);
  if (table == tables_.end()) {
    table = tables_.emplace(facet.name, cache_->table(db_, revision_, facet.prefix)).first;
  }
  return *table->second;
}

namespace {

// The facets without a filter of their own.
std::vector<const schema::Facet*> unfiltered_facets(const Filters& filters) {
  std::vector<const schema::Facet*> unfiltered;
  for (const schema::Facet& facet : schema::kFacets) {
    const auto own = filters.find(std::string(facet.name));
    if (own == filters.end() || own->second.empty()) {
      unfiltered.push_back(&facet);
    }
  }
  return unfiltered;
}

bool matches_every_deal(const Xapian::Query& query) {
  return query.get_type() == Xapian::Query::LEAF_MATCH_ALL;
}

}  // namespace

FacetSpies Facets::spies_for(const Filters& filters) {
  return spies_on(unfiltered_facets(filters));
}

ValueCounts Facets::counts_over(const Xapian::Query& query,
                                const std::vector<const schema::Facet*>& facets) {
  if (!matches_every_deal(query)) {
    FacetSpies spies = spies_on(facets);
    run_every_match(db_, query, &spies);
    return spies.counts();
  }
  // Every deal: a value's count is its term's frequency (a deal holds a value's term once),
  // which Xapian sums over the shards. No run, no spy: at 100,000 deals over shards the spies
  // took 0.2 s (bench/RESULTS.md, "Shards"); the terms take a few milliseconds.
  ValueCounts counts;
  for (const schema::Facet* facet : facets) {
    std::map<std::string, size_t>& values = counts[std::string(facet->name)];
    const std::string prefix(facet->prefix);
    for (auto term = db_.allterms_begin(prefix); term != db_.allterms_end(prefix); ++term) {
      values.emplace((*term).substr(prefix.size()), term.get_termfreq());
    }
  }
  return counts;
}

FacetCounts Facets::count(const Xapian::Query& text, const Filters& filters,
                          std::optional<ValueCounts> counted) {
  if (!counted) {
    counted = counts_over(filtered(text, filter_query(filters)), unfiltered_facets(filters));
  }
  FacetCounts counts;
  for (const schema::Facet& facet : schema::kFacets) {
    const std::string name(facet.name);
    if (const auto found = counted->find(name); found != counted->end()) {
      counts[name] = listed(facet, found->second);
      continue;
    }
    // The text once more with the other facets' filters: one run a filtered facet, which
    // a remote shard answers as it does a search.
    counts[name] =
        listed(facet, counts_over(filtered(text, filter_query(filters, name)), {&facet})[name]);
  }
  return counts;
}

std::optional<RankedRun> Facets::run_ranked(const Xapian::Query& text, const Filters& filters,
                                            size_t first, size_t size, MatchWeigher& weigher) {
  if (!by_tables_ || matches_every_deal(text)) {
    return std::nullopt;
  }
  // The filtered facets, each with the values its filter allows as table ids (none when no
  // deal has any of them).
  struct FilteredFacet {
    const schema::Facet* facet;
    const FacetTable* table;
    std::vector<uint32_t> allowed;
  };
  std::vector<FilteredFacet> filtered_facets;
  for (const auto& [name, values] : filters) {
    if (values.empty()) {
      continue;
    }
    const schema::Facet* facet = schema::find_facet(name);
    if (facet == nullptr) {
      return std::nullopt;  // filter_query() makes it match nothing; the search as ever
    }
    FilteredFacet filtered_facet{facet, &table(*facet), {}};
    for (const std::string& value : values) {
      if (const std::optional<std::string> term = filter_term(name, value)) {
        if (const std::optional<uint32_t> id = filtered_facet.table->id_of(*term)) {
          filtered_facet.allowed.push_back(*id);
        }
      }
    }
    std::sort(filtered_facet.allowed.begin(), filtered_facet.allowed.end());
    filtered_facets.push_back(std::move(filtered_facet));
  }

  // What the counts need: the text with every filter but one facet's, for each filtered facet
  // (the text alone when one facet is filtered).
  std::vector<Xapian::Query> needed;
  for (const FilteredFacet& filtered_facet : filtered_facets) {
    const std::optional<Xapian::Query> others = filter_query(filters, filtered_facet.facet->name);
    if (!others) {
      needed.clear();
      break;
    }
    needed.push_back(*others);
  }
  const Xapian::Query query =
      needed.empty()
          ? text
          : filtered(text, Xapian::Query(Xapian::Query::OP_OR, needed.begin(), needed.end()));
  // Every match weighed as a ranked run weighs it (a filter adds no weight), on two threads
  // when the weigher splits the run.
  const std::vector<WeightCollector::Match> matches = weigher.weigh(
      db_, query, MatchWeigher::postings_of(db_, text),
      [](const Xapian::Query& part, const Xapian::Query& range) { return filtered(part, range); });

  // Each match sorted out by the filters it fails: none (a hit, which every facet counts), or
  // one (which only that facet counts).
  RankedRun run;
  std::vector<WeightCollector::Match> hits;
  std::vector<Xapian::docid> with_every_filter;
  std::vector<std::vector<Xapian::docid>> without(filtered_facets.size());
  for (const WeightCollector::Match& match : matches) {
    size_t failed = 0;
    size_t failed_facet = 0;
    for (size_t i = 0; i < filtered_facets.size() && failed < 2; ++i) {
      const FilteredFacet& filtered_facet = filtered_facets[i];
      if (!filtered_facet.table->has_any(match.docid, filtered_facet.allowed)) {
        ++failed;
        failed_facet = i;
      }
    }
    if (failed == 0) {
      hits.push_back(match);
      with_every_filter.push_back(match.docid);
      for (std::vector<Xapian::docid>& matches : without) {
        matches.push_back(match.docid);
      }
    } else if (failed == 1) {
      without[failed_facet].push_back(match.docid);
    }
  }

  run.total = hits.size();
  const size_t end = std::min(hits.size(), first + size);
  if (first < end) {
    const auto better = [](const WeightCollector::Match& a, const WeightCollector::Match& b) {
      return a.weight != b.weight ? a.weight > b.weight : a.docid < b.docid;
    };
    std::partial_sort(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(end), hits.end(),
                      better);
    run.ranked.assign(hits.begin() + static_cast<std::ptrdiff_t>(first),
                      hits.begin() + static_cast<std::ptrdiff_t>(end));
  }
  run.counts = counted_in_tables(unfiltered_facets(filters), with_every_filter);
  for (size_t i = 0; i < filtered_facets.size(); ++i) {
    const schema::Facet& facet = *filtered_facets[i].facet;
    ValueCounts counts = counted_in_tables({&facet}, without[i]);
    run.counts[std::string(facet.name)] = std::move(counts[std::string(facet.name)]);
    run.totals_without[std::string(facet.name)] = without[i].size();
  }
  return run;
}

std::vector<FacetValue> Facets::listed(const schema::Facet& facet,
                                       const std::map<std::string, size_t>& counts) {
  // The most frequent values first (ties in value order, as the map has them); only those get
  // labels.
  std::vector<const std::pair<const std::string, size_t>*> order;
  for (const auto& counted : counts) {
    order.push_back(&counted);
  }
  const size_t kept = std::min(order.size(), kMaxFacetValues);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(kept), order.end(),
                    [](const auto* a, const auto* b) {
                      return a->second != b->second ? a->second > b->second : a->first < b->first;
                    });
  order.resize(kept);
  std::vector<FacetValue> values;
  for (const auto* counted : order) {
    const std::string term = std::string(facet.prefix) + counted->first;
    FacetValue value{counted->first, "", counted->second};
    value.label = label(facet.name, term, value.value);
    if (facet.name == "partner") {
      value.value = value.label;  // a filter takes the name as the deals write it
    }
    values.push_back(std::move(value));
  }
  return values;
}

std::string Facets::label(std::string_view facet, const std::string& term,
                          const std::string& value) {
  if (facet == "ministry") {
    const auto name = revision_.ministry_names.find(value);
    return name == revision_.ministry_names.end() ? value : name->second;
  }
  if (facet == "partner") {
    return partner_label(term, value);
  }
  return value;
}

// A partner's name as the deals write it ("Gemeente Zwolle"), from the first deal naming it.
std::string Facets::partner_label(const std::string& term, const std::string& folded_name) {
  if (const auto cached = partner_labels_.find(term); cached != partner_labels_.end()) {
    return cached->second;
  }
  std::string label = folded_name;
  const auto posting = db_.postlist_begin(term);
  if (posting != db_.postlist_end(term)) {
    const std::optional<schema::StoredDeal> deal = schema::decode_stored_deal(
        db_.get_document(*posting).get_data(), schema::StoredText::kSkip);
    if (deal) {
      for (const schema::StoredPartner& partner : deal->partners) {
        if (folder_.fold(partner.name) == folded_name) {
          label = partner.name;
          break;
        }
      }
    }
  }
  partner_labels_.emplace(term, label);
  return label;
}

std::optional<std::string> Facets::filter_to_drop(const Xapian::Query& text,
                                                  const Filters& filters) {
  std::map<std::string, size_t, std::less<>> totals_without;
  for (const auto& [facet, values] : filters) {
    if (!values.empty()) {
      totals_without[facet] = run_every_match(db_, filtered(text, filter_query(filters, facet)));
    }
  }
  return filter_to_drop(filters, totals_without);
}

std::optional<std::string> Facets::filter_to_drop(
    const Filters& filters, const std::map<std::string, size_t, std::less<>>& totals_without) {
  std::optional<std::string> best;
  size_t best_count = 0;
  for (const auto& [facet, values] : filters) {
    const auto total = totals_without.find(facet);
    if (values.empty() || total == totals_without.end()) {
      continue;
    }
    if (total->second > best_count) {
      best_count = total->second;
      best = facet + "=" + values.front();
    }
  }
  return best;
}

}  // namespace dealsearch::searcher
