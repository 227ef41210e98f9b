// Searcher: a search and its fallbacks, over the query builder, the facets and the snippets.
#include "searcher/search.h"

#include "analyzers/error.h"
#include "analyzers/schema.h"
#include "searcher/matches.h"
#include "searcher/suggest.h"
#include "searcher/word_forms.h"

namespace dealsearch::searcher {

struct Searcher::Match {
  size_t total = 0;
  std::vector<Hit> hits;
  size_t unreadable = 0;  // hits left out: their stored data could not be read
  // The facets counted on this run (Facets::count()'s `counted`): those without a filter of
  // their own, or every one (Facets::run_ranked()); nullopt when they are counted on a run
  // of their own (see run()).
  std::optional<ValueCounts> counted_facets;
  // Each filtered facet -> the matches of the other filters, when this run counted them.
  std::optional<std::map<std::string, size_t, std::less<>>> totals_without;

  // A hit of `data` (a document's stored data) and `weight`, unless its data is unreadable.
  void add_hit(const std::string& data, double weight);
};

void Searcher::Match::add_hit(const std::string& data, double weight) {
  std::optional<schema::StoredDeal> deal = schema::decode_stored_deal(data);
  if (!deal) {
    ++unreadable;  // one damaged document must not fail the search
    return;
  }
  hits.push_back(Hit{std::move(*deal), weight, {}, std::nullopt});
}

struct Searcher::Attempt {
  Match match;
  Xapian::Query text;
  bool relaxed = false;
};

template <typename Read>
auto Searcher::over_shards(Read&& read) {
  bool shards_changed = false;
  for (size_t attempt = 0;; ++attempt) {
    try {
      if (shards_changed) {
        db_ = shards_.database();
        use_revision(index_info(shards_));
      }
      return read();
    } catch (const Xapian::NetworkError& error) {
      // Each attempt leaves out at least one shard, or connects afresh to every one; a shard
      // that fails every attempt after that is not worth more.
      if (!shards_.drop_failed_shard(error) || attempt > shards_.states().size()) {
        throw;
      }
      shards_changed = true;
    }
  }
}

Searcher::Searcher(Shards shards, std::shared_ptr<const analyzers::AnalyzerData> analyzer_data,
                   std::shared_ptr<FacetTableCache> facet_cache, size_t min_postings_to_split)
    : shards_(std::move(shards)),
      db_(shards_.database()),
      analyzer_(std::move(analyzer_data)),
      builder_(
          analyzer_, [this](const analyzers::Token& word) { return forms_of(word); },
          [this](const std::string& prefix, size_t limit) {
            return words_beginning(prefix, limit);
          }),
      facets_(db_, analyzer_.data().folder(),
              facet_cache ? std::move(facet_cache) : std::make_shared<FacetTableCache>()),
      weigher_(min_postings_to_split) {
  over_shards([&] {
    use_revision(index_info(shards_));
    return 0;
  });
}

void Searcher::use_revision(IndexInfo info) {
  info_ = std::move(info);
  forms_.clear();
  prefixes_.clear();
  facets_.use_revision(info_);
  weigher_.use_database(shards_.local_directory());
  // The builder recognises the ministries by their codes and full names.
  builder_.set_ministries(info_.ministry_names, info_.ministry_aliases);
  builder_.set_themes(info_.theme_keywords);
}

const std::vector<std::string>& Searcher::forms_of(const analyzers::Token& word) {
  const auto cached = forms_.find(word.term);
  if (cached != forms_.end()) {
    return cached->second;
  }
  if (forms_.size() >= kMaxCachedForms) {
    forms_.clear();
  }
  return forms_.emplace(word.term, indexed_forms(db_, analyzer_, word)).first->second;
}

const std::vector<std::string>& Searcher::words_beginning(const std::string& prefix, size_t limit) {
  const std::string key = std::to_string(limit) + " " + prefix;
  const auto cached = prefixes_.find(key);
  if (cached != prefixes_.end()) {
    return cached->second;
  }
  if (prefixes_.size() >= kMaxCachedForms) {
    prefixes_.clear();
  }
  return prefixes_.emplace(key, prefix_terms(db_, prefix, limit)).first->second;
}

Searcher::Match Searcher::run(const Xapian::Query& text, const SearchRequest& request) {
  const Xapian::doccount first = static_cast<Xapian::doccount>((request.page - 1) * request.size);
  if (request.sort == SortOrder::kRelevance) {
    if (std::optional<RankedRun> run =
            facets_.run_ranked(text, request.filters, first, request.size, weigher_)) {
      Match match;
      match.total = run->total;
      for (const WeightCollector::Match& hit : run->ranked) {
        match.add_hit(db_.get_document(hit.docid).get_data(), hit.weight);
      }
      match.counted_facets = std::move(run->counts);
      match.totals_without = std::move(run->totals_without);
      return match;
    }
  }
  const Xapian::Query query = filtered(text, facets_.filter_query(request.filters));
  // A run of every deal (no text, no filter) needs no spies: Facets::count() reads the facet
  // terms' frequencies instead. (Over remote shards its spies would also count a few deals
  // twice: Xapian 1.4.22, found by tests/http/shards_test.cc.) The spies are declared before
  // the Enquire, which refers to them.
  std::optional<FacetSpies> spies;
  if (query.get_type() != Xapian::Query::LEAF_MATCH_ALL) {
    spies.emplace(facets_.spies_for(request.filters));
  }
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  const bool list_by_date = request.sort == SortOrder::kDate;
  if (list_by_date) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
  } else if (request.sort == SortOrder::kTitle) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotTitle, false);
  }
  // The exact total: check every match, not an estimate; the facets without a filter of their
  // own count the same matches.
  if (spies) {
    spies->add_to(enquire);
  }
  const Xapian::MSet mset =
      enquire.get_mset(first, static_cast<Xapian::doccount>(request.size), db_.get_doccount());
  Match match;
  match.total = mset.get_matches_estimated();
  if (spies) {
    match.counted_facets = spies->counts();
  }
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    match.add_hit(it.get_document().get_data(), it.get_weight());
  }
  return match;
}

// The query as typed with only its misspelt words corrected, operators kept.
std::optional<std::string> Searcher::spelling_suggestion(const BuiltQuery& query) const {
  return corrected_text(query, [this](const std::string& word) {
    // A word the deals contain is no typo (as Xapian's QueryParser decides), and asking
    // the spelling table is the dearest step of a search. Nor is a word of the Dutch word
    // list that no deal holds: "wandelen" is not "bundelen", "eten" not "weten".
    if (db_.term_exists(word) || analyzer_.data().is_word(word)) {
      return std::string();
    }
    return shards_.spelling().get_spelling_suggestion(word);
  });
}

namespace {

// Where `snippet` of `deal` comes from.
std::optional<SnippetSource> snippet_source(const schema::StoredDeal& deal,
                                            const Snippet& snippet) {
  const schema::DocumentPlace place =
      schema::document_place(deal, snippet.paragraph, snippet.paragraph_offset);
  if (!place.document) {
    return std::nullopt;
  }
  SnippetSource source{place.document->url, place.document->title, std::nullopt};
  if (place.page > 0) {
    source.page = place.page;
  }
  return source;
}

}  // namespace

// `built`'s strict query, or, when that finds nothing, its compounds' parts anywhere in a deal
// (relaxed).
Searcher::Attempt Searcher::attempt(const BuiltQuery& built, const SearchRequest& request) {
  Attempt attempt{run(built.strict, request), built.strict, false};
  if (attempt.match.total == 0 && !built.scattered.empty()) {
    Match scattered = run(built.scattered, request);
    if (scattered.total > 0) {
      attempt = {std::move(scattered), built.scattered, true};
    }
  }
  return attempt;
}

SearchResult Searcher::search(const SearchRequest& request) {
  return over_shards([&] { return search_once(request); });
}

SearchResult Searcher::search_once(const SearchRequest& request) {
  SearchResult result;
  BuiltQuery built = builder_.build(request.query);
  SearchRequest effective = request;
  if (built.match_all && effective.sort == SortOrder::kRelevance) {
    effective.sort = SortOrder::kDate;  // an empty query lists deals newest first
  }
  Attempt found = attempt(built, effective);
  if (!built.match_all) {
    result.suggestion = spelling_suggestion(built);
  }
  if (found.match.total == 0 && result.suggestion) {
    BuiltQuery suggested = builder_.build(*result.suggestion);
    Attempt corrected = attempt(suggested, effective);
    if (corrected.match.total > 0) {
      found = std::move(corrected);
      built = std::move(suggested);
      result.corrected = true;
    }
  }
  if (found.match.total == 0 && !built.related.empty()) {
    Match related = run(built.related, effective);
    if (related.total > 0) {
      found = {std::move(related), built.related, true};
    }
  }
  if (found.match.total == 0 && !built.relaxed.empty()) {
    Match relaxed = run(built.relaxed, effective);
    if (relaxed.total > 0) {
      found = {std::move(relaxed), built.relaxed, true};
    }
  }
  result.relaxed = found.relaxed;
  Match& match = found.match;
  const Xapian::Query& text = found.text;
  result.total = match.total;
  result.unreadable = match.unreadable;
  result.hits = std::move(match.hits);
  const SnippetTerms snippet_terms(analyzer_, built.words);
  for (Hit& hit : result.hits) {
    hit.snippet = make_snippet(analyzer_, hit.deal.paragraphs, snippet_terms);
    hit.snippet_source = snippet_source(hit.deal, hit.snippet);
  }
  result.facets = facets_.count(text, effective.filters, std::move(match.counted_facets));
  if (result.total == 0 && !request.filters.empty()) {
    result.drop_filter_hint = match.totals_without
                                  ? Facets::filter_to_drop(effective.filters, *match.totals_without)
                                  : facets_.filter_to_drop(text, effective.filters);
  }
  result.index = info_;
  return result;
}

bool Searcher::reopen() {
  return over_shards([&] {
    // Xapian's reopen() may say "maybe changed" when nothing was committed; the revision
    // tells, and the caches below are worth keeping across the requests of one revision.
    if (!shards_.reopen()) {
      return false;
    }
    db_ = shards_.database();
    IndexInfo info = index_info(shards_);
    if (info.revision == info_.revision) {
      return false;
    }
    use_revision(std::move(info));
    return true;
  });
}

std::optional<schema::StoredDeal> Searcher::deal(const std::string& id) {
  return over_shards([&] { return deal_once(id); });
}

std::optional<schema::StoredDeal> Searcher::deal_once(const std::string& id) {
  const std::string term = std::string(schema::kId) + id;
  const auto posting = db_.postlist_begin(term);
  if (posting == db_.postlist_end(term)) {
    return std::nullopt;
  }
  std::optional<schema::StoredDeal> deal =
      schema::decode_stored_deal(db_.get_document(*posting).get_data());
  if (!deal) {
    throw Error(ErrorKind::kIndexDamaged, "the stored data of deal '" + id + "' cannot be read",
                "index revision " + info_.revision, "rebuild the index with 'dealsearch index'");
  }
  return deal;
}

std::vector<std::string> Searcher::suggest(std::string_view typed, size_t limit) {
  return over_shards([&] { return completions(db_, analyzer_.data().folder(), typed, limit); });
}

FacetCounts Searcher::all_facets() {
  return over_shards([&] { return facets_.count(every_document(), {}, std::nullopt); });
}

}  // namespace dealsearch::searcher
