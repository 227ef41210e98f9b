// Facets: filter terms from the schema's facet table, counts from the per-revision facet
// tables, labels from the index's ministry names and the deals' own spelling of a partner.
#include "searcher/facets.h"

#include <algorithm>
#include <iterator>

#include "analyzers/schema.h"
#include "analyzers/stored_deal.h"
#include "searcher/matches.h"

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

Facets::Facets(const Xapian::Database& db, const analyzers::Folder& folder,
               std::shared_ptr<FacetTableCache> cache)
    : db_(db), folder_(folder), cache_(std::move(cache)) {}

void Facets::use_revision(const IndexInfo& revision) {
  revision_ = revision;
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

// The deals of `docs` (ascending) that every filter but `except`'s allows: each filter's value
// terms' posting lists skipped to the deals, not read whole (a filter that most deals pass,
// "status=in uitvoering", would cost more than the text's run it saves).
std::vector<Xapian::docid> Facets::allowed(std::vector<Xapian::docid> docs, const Filters& filters,
                                           std::string_view except) const {
  for (const auto& [facet, values] : filters) {
    if (facet == except || values.empty()) {
      continue;
    }
    std::vector<std::pair<Xapian::PostingIterator, Xapian::PostingIterator>> lists;
    for (const std::string& value : values) {
      if (const std::optional<std::string> term = filter_term(facet, value)) {
        lists.emplace_back(db_.postlist_begin(*term), db_.postlist_end(*term));
      }
    }
    std::vector<Xapian::docid> kept;
    for (const Xapian::docid doc : docs) {
      bool any = false;
      for (auto& [it, end] : lists) {
        if (it != end) {
          it.skip_to(doc);
          any = any || (it != end && *it == doc);
        }
      }
      if (any) {
        kept.push_back(doc);
      }
    }
    docs = std::move(kept);
  }
  return docs;
}

FacetCounts Facets::count(const Xapian::Query& text, const Filters& filters,
                          std::optional<std::vector<Xapian::docid>> all_filters) {
  std::vector<std::string> filtered_facets;
  for (const auto& [name, values] : filters) {
    if (!values.empty()) {
      filtered_facets.push_back(name);
    }
  }
  // With filters on two facets or more, each of those facets counts `text` with the others'
  // filters. `text` is matched once, with the union of what they need, and each facet's
  // matches are that with its other filters (boolean terms only): matching `text` is the cost
  // (the positions of a phrase or of a compound's parts), matching filters is not. Not when
  // `text` is one term or every deal (only filters given): then it costs no more than a
  // filter, and the union would be one run more.
  const bool text_is_leaf = text.get_type() == Xapian::Query::LEAF_TERM ||
                            text.get_type() == Xapian::Query::LEAF_MATCH_ALL;
  std::optional<std::vector<Xapian::docid>> text_for_any;
  if (filtered_facets.size() > 1 && !text_is_leaf) {
    std::vector<Xapian::Query> others;
    for (const std::string& name : filtered_facets) {
      others.push_back(*filter_query(filters, name));
    }
    text_for_any = matching_docids(
        db_, filtered(text, Xapian::Query(Xapian::Query::OP_OR, others.begin(), others.end())));
  }
  FacetCounts counts;
  for (const schema::Facet& facet : schema::kFacets) {
    const std::string name(facet.name);
    const auto own = filters.find(name);
    const bool has_own_filter = own != filters.end() && !own->second.empty();
    if (!has_own_filter && all_filters) {
      counts[name] = count_facet(name, *all_filters);
      continue;
    }
    const std::optional<Xapian::Query> others = filter_query(filters, has_own_filter ? name : "");
    const std::vector<Xapian::docid> matches = has_own_filter && text_for_any
                                                   ? allowed(*text_for_any, filters, name)
                                                   : matching_docids(db_, filtered(text, others));
    counts[name] = count_facet(name, matches);
    if (!has_own_filter) {
      all_filters = matches;
    }
  }
  return counts;
}

std::vector<FacetValue> Facets::count_facet(const std::string& facet,
                                            const std::vector<Xapian::docid>& matches) {
  std::vector<FacetValue> values;
  if (matches.empty()) {
    return values;
  }
  const std::string_view prefix = schema::find_facet(facet)->prefix;
  auto table = tables_.find(facet);
  if (table == tables_.end()) {
    table = tables_.emplace(facet, cache_->table(db_, revision_, prefix)).first;
  }
  const std::vector<uint32_t> counts = table->second->count(matches);
  // The most frequent values first (ties in term order); only those get labels.
  std::vector<uint32_t> ids;
  for (uint32_t id = 0; id < counts.size(); ++id) {
    if (counts[id] > 0) {
      ids.push_back(id);
    }
  }
  const size_t kept = std::min(ids.size(), kMaxFacetValues);
  std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(kept), ids.end(),
                    [&](uint32_t a, uint32_t b) {
                      return counts[a] != counts[b] ? counts[a] > counts[b] : a < b;
                    });
  ids.resize(kept);
  for (const uint32_t id : ids) {
    const std::string& term = table->second->term(id);
    FacetValue value{term.substr(prefix.size()), "", counts[id]};
    value.label = label(facet, term, value.value);
    if (facet == "partner") {
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
  std::optional<std::string> best;
  size_t best_count = 0;
  for (const auto& [facet, values] : filters) {
    if (values.empty()) {
      continue;
    }
    const size_t count = matching_docids(db_, filtered(text, filter_query(filters, facet))).size();
    if (count > best_count) {
      best_count = count;
      best = facet + "=" + values.front();
    }
  }
  return best;
}

}  // namespace dealsearch::searcher
