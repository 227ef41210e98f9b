// Searcher: queries, exact disjunctive facet counts, spelling, snippets.
#include "searcher/search.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <unordered_set>

#include "analyzers/error.h"
#include "analyzers/schema.h"
#include "searcher/facet_table.h"
#include "searcher/html.h"
#include "searcher/matches.h"

namespace dealsearch::searcher {
namespace {

namespace schema = dealsearch::schema;

// Most values a facet lists (the most frequent), as Meilisearch's maxValuesPerFacet.
constexpr size_t kMaxFacetValues = 100;

std::string facet_prefix(const std::string& facet) {
  if (facet == "status")
    return std::string(schema::kStatus);
  if (facet == "ministry")
    return std::string(schema::kMinistry);
  if (facet == "partner")
    return std::string(schema::kPartner);
  if (facet == "partner_type")
    return std::string(schema::kPartnerType);
  if (facet == "theme")
    return std::string(schema::kTheme);
  if (facet == "year")
    return std::string(schema::kYear);
  return {};
}

// `text` restricted to the deals `filters` allow (nullopt: no filter).
Xapian::Query filtered(const Xapian::Query& text, const std::optional<Xapian::Query>& filters) {
  return filters ? Xapian::Query(Xapian::Query::OP_FILTER, text, *filters) : text;
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool is_blank(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

using ByteWindow = std::pair<size_t, size_t>;  // [begin, end) in a paragraph

// The stretches of `paragraph` a snippet needs analysed: `reach` bytes either side of each
// place where its folded text holds a probe, widened to whole words and merged. None when no
// probe occurs: such a paragraph has no match (but for irregular forms, "ging" for "gaan",
// which a snippet may miss). Analysis is the cost of a snippet, and a long paragraph with one
// match needs a few hundred bytes of it, not all.
std::vector<ByteWindow> match_windows(std::string_view paragraph, const analyzers::Folder& folder,
                                      const std::unordered_set<std::string>& probes, size_t reach) {
  std::string folded;
  std::vector<uint32_t> source;  // folded byte -> paragraph byte
  folder.fold(paragraph, folded, &source);
  std::vector<size_t> hits;
  for (const std::string& probe : probes) {
    for (size_t at = folded.find(probe); at != std::string::npos; at = folded.find(probe, at + 1)) {
      hits.push_back(source[at]);
    }
  }
  std::sort(hits.begin(), hits.end());
  std::vector<ByteWindow> windows;
  for (const size_t hit : hits) {
    size_t begin = hit > reach ? hit - reach : 0;
    size_t end = std::min(paragraph.size(), hit + reach);
    while (begin > 0 && !is_blank(paragraph[begin - 1])) {
      --begin;
    }
    while (end < paragraph.size() && !is_blank(paragraph[end])) {
      ++end;
    }
    if (!windows.empty() && begin <= windows.back().second) {
      windows.back().second = std::max(windows.back().second, end);
    } else {
      windows.emplace_back(begin, end);
    }
  }
  return windows;
}

}  // namespace

struct Searcher::Match {
  size_t total = 0;
  std::vector<Hit> hits;
  size_t unreadable = 0;           // hits left out: their stored data could not be read
  std::vector<Xapian::docid> all;  // every match, ascending: what the facets count
};

Searcher::Searcher(Xapian::Database db,
                   std::shared_ptr<const analyzers::AnalyzerData> analyzer_data,
                   std::shared_ptr<FacetTableCache> facet_cache)
    : db_(std::move(db)),
      analyzer_(std::move(analyzer_data)),
      builder_(analyzer_),
      info_(index_info(db_)),
      facet_cache_(facet_cache ? std::move(facet_cache) : std::make_shared<FacetTableCache>()) {
  set_ministry_synonyms();
}

// The builder recognises the ministries by their codes and full names.
void Searcher::set_ministry_synonyms() { builder_.set_ministries(info_.ministry_names); }

// The boolean term a filter value stands for, or nullopt when no deal can have it.
std::optional<std::string> Searcher::filter_term(const std::string& facet,
                                                 const std::string& value) const {
  const std::string prefix = facet_prefix(facet);
  if (prefix.empty()) {
    return std::nullopt;
  }
  const analyzers::Folder& folder = analyzer_.data().folder();
  const std::string folded = folder.fold(value);
  if (facet == "ministry") {
    for (const auto& [code, name] : info_.ministry_names) {
      if (folder.fold(code) == folded || folder.fold(name) == folded ||
          folder.fold(name) == "ministerie van " + folded) {
        return prefix + code;
      }
    }
    return std::nullopt;
  }
  return prefix + folded;
}

std::optional<Xapian::Query> Searcher::filter_query(const SearchRequest& request,
                                                    const std::string& except) const {
  std::vector<Xapian::Query> facets;
  for (const auto& [facet, values] : request.filters) {
    if (facet == except || values.empty()) {
      continue;
    }
    std::vector<Xapian::Query> any_value;
    for (const std::string& value : values) {
      if (const std::optional<std::string> term = filter_term(facet, value)) {
        any_value.emplace_back(*term);
      }
    }
    // A filter no deal can satisfy matches nothing, rather than being ignored.
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

Searcher::Match Searcher::run(const Xapian::Query& text, const SearchRequest& request) {
  const Xapian::Query query = filtered(text, filter_query(request, ""));
  Xapian::Enquire enquire(db_);
  enquire.set_query(query);
  const bool list_by_date = request.sort == SortOrder::kDate;
  if (list_by_date) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
  } else if (request.sort == SortOrder::kTitle) {
    enquire.set_sort_by_value_then_relevance(schema::kSlotTitle, false);
  }
  const Xapian::doccount first = static_cast<Xapian::doccount>((request.page - 1) * request.size);
  // The exact total: check every match, not an estimate; the facets count the same matches.
  DocidCollector collector;
  enquire.add_matchspy(&collector);
  const Xapian::MSet mset =
      enquire.get_mset(first, static_cast<Xapian::doccount>(request.size), db_.get_doccount());
  Match match;
  match.total = mset.get_matches_estimated();
  match.all = collector.sorted();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Hit hit;
    StoredDeal stored = read_stored_deal(it.get_document().get_data());
    if (!stored.fields.is_object()) {
      ++match.unreadable;  // one damaged document must not fail the search
      continue;
    }
    hit.deal = std::move(stored.fields);
    hit.paragraphs = std::move(stored.paragraphs);
    hit.score = it.get_weight();
    match.hits.push_back(std::move(hit));
  }
  return match;
}

std::vector<FacetValue> Searcher::count_facet(const std::string& facet,
                                              const std::vector<Xapian::docid>& matches) {
  std::vector<FacetValue> values;
  if (matches.empty()) {
    return values;
  }
  const std::string prefix = facet_prefix(facet);
  auto table = facet_tables_.find(facet);
  if (table == facet_tables_.end()) {
    table = facet_tables_.emplace(facet, facet_cache_->table(db_, info_, prefix)).first;
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
    if (facet == "ministry") {
      const auto name = info_.ministry_names.find(value.value);
      value.label = name == info_.ministry_names.end() ? value.value : name->second;
    } else if (facet == "partner") {
      value.label = partner_label(term, value.value);
      value.value = value.label;
    } else {
      value.label = value.value;
    }
    values.push_back(std::move(value));
  }
  return values;
}

// A partner's name as the deals write it ("Gemeente Zwolle"), from the first deal naming it.
std::string Searcher::partner_label(const std::string& term, const std::string& folded_name) {
  if (const auto cached = partner_labels_.find(term); cached != partner_labels_.end()) {
    return cached->second;
  }
  std::string label = folded_name;
  const auto posting = db_.postlist_begin(term);
  if (posting != db_.postlist_end(term)) {
    const nlohmann::json deal = stored_fields(db_.get_document(*posting).get_data());
    const nlohmann::json partners =
        deal.is_object() ? deal.value("partners", nlohmann::json::array()) : nlohmann::json();
    for (const auto& partner : partners) {
      const std::string name = partner.is_object() ? partner.value("name", "") : "";
      if (analyzer_.data().folder().fold(name) == folded_name) {
        label = name;
        break;
      }
    }
  }
  partner_labels_.emplace(term, label);
  return label;
}

std::map<std::string, std::vector<FacetValue>> Searcher::count_facets(
    const Xapian::Query& text, const SearchRequest& request,
    std::optional<std::vector<Xapian::docid>> all_filters) {
  std::map<std::string, std::vector<FacetValue>> facets;
  for (const std::string& facet : kFacetNames) {
    const bool has_own_filter =
        request.filters.contains(facet) && !request.filters.at(facet).empty();
    if (!has_own_filter && all_filters) {
      facets[facet] = count_facet(facet, *all_filters);
      continue;
    }
    const std::vector<Xapian::docid> matches =
        matching_docids(db_, filtered(text, filter_query(request, has_own_filter ? facet : "")));
    facets[facet] = count_facet(facet, matches);
    if (!has_own_filter) {
      all_filters = matches;
    }
  }
  return facets;
}

// The query as typed with only its misspelt words corrected, operators kept.
std::optional<std::string> Searcher::spelling_suggestion(const BuiltQuery& query) const {
  return corrected_text(query, [this](const std::string& word) {
    // A word the deals contain is no typo (as Xapian's QueryParser decides), and asking
    // the spelling table is the dearest step of a search.
    return db_.term_exists(word) ? std::string() : db_.get_spelling_suggestion(word);
  });
}

std::optional<std::string> Searcher::hint_filter_to_drop(const Xapian::Query& text,
                                                         const SearchRequest& request) {
  std::optional<std::string> best;
  size_t best_count = 0;
  for (const auto& [facet, values] : request.filters) {
    if (values.empty()) {
      continue;
    }
    const size_t count = matching_docids(db_, filtered(text, filter_query(request, facet))).size();
    if (count > best_count) {
      best_count = count;
      best = facet + "=" + values.front();
    }
  }
  return best;
}

SearchResult Searcher::search(const SearchRequest& request) {
  SearchResult result;
  BuiltQuery built = builder_.build(request.query);
  SearchRequest effective = request;
  if (built.match_all && effective.sort == SortOrder::kRelevance) {
    effective.sort = SortOrder::kDate;  // an empty query lists deals newest first
  }
  Xapian::Query text = built.strict;
  Match match = run(text, effective);
  if (!built.match_all) {
    result.suggestion = spelling_suggestion(built);
  }
  if (match.total == 0 && result.suggestion) {
    const BuiltQuery suggested = builder_.build(*result.suggestion);
    Match corrected = run(suggested.strict, effective);
    if (corrected.total > 0) {
      match = std::move(corrected);
      built = suggested;
      text = suggested.strict;
      result.corrected = true;
    }
  }
  if (match.total == 0 && built.words.size() > 1) {
    Match relaxed = run(built.relaxed, effective);
    if (relaxed.total > 0) {
      match = std::move(relaxed);
      text = built.relaxed;
      result.relaxed = true;
    }
  }
  result.total = match.total;
  result.unreadable = match.unreadable;
  result.hits = std::move(match.hits);
  const SnippetTerms snippet_terms(analyzer_, built.words);
  for (Hit& hit : result.hits) {
    hit.snippet = make_snippet(analyzer_, hit.paragraphs, snippet_terms);
  }
  result.facets = count_facets(text, effective, std::move(match.all));
  if (result.total == 0 && !request.filters.empty()) {
    result.drop_filter_hint = hint_filter_to_drop(text, effective);
  }
  return result;
}

bool Searcher::reopen() {
  // Xapian's reopen() may say "maybe changed" when nothing was committed; the revision
  // tells, and the caches below are worth keeping across the requests of one revision.
  if (!db_.reopen()) {
    return false;
  }
  IndexInfo info = index_info(db_);
  if (info.revision == info_.revision) {
    return false;
  }
  info_ = std::move(info);
  partner_labels_.clear();
  facet_tables_.clear();
  set_ministry_synonyms();
  return true;
}

std::optional<nlohmann::json> Searcher::deal(const std::string& id) {
  const std::string term = std::string(schema::kId) + id;
  const auto posting = db_.postlist_begin(term);
  if (posting == db_.postlist_end(term)) {
    return std::nullopt;
  }
  nlohmann::json deal = stored_deal(db_.get_document(*posting).get_data());
  if (!deal.is_object()) {
    throw Error(ErrorKind::kIndexDamaged, "the stored data of deal '" + id + "' cannot be read",
                "index revision " + info_.revision, "rebuild the index with 'dealsearch index'");
  }
  return deal;
}

std::vector<std::string> Searcher::suggest(std::string_view typed, size_t limit) {
  const analyzers::Folder& folder = analyzer_.data().folder();
  std::string folded = folder.fold(typed);
  const size_t last_space = folded.find_last_of(' ');
  const std::string prefix =
      last_space == std::string::npos ? folded : folded.substr(last_space + 1);
  std::vector<std::string> suggestions;
  if (prefix.size() < 2) {
    return suggestions;
  }
  const auto add = [&](const std::string& suggestion) {
    if (suggestions.size() < limit &&
        std::find(suggestions.begin(), suggestions.end(), suggestion) == suggestions.end()) {
      suggestions.push_back(suggestion);
    }
  };
  // Titles first, at most half of the list: a title names a deal.
  const std::string title_prefix = std::string(schema::kTitle) + prefix;
  for (auto term = db_.allterms_begin(title_prefix);
       term != db_.allterms_end(title_prefix) && suggestions.size() < limit / 2; ++term) {
    for (auto posting = db_.postlist_begin(*term);
         posting != db_.postlist_end(*term) && suggestions.size() < limit / 2; ++posting) {
      const nlohmann::json deal = stored_fields(db_.get_document(*posting).get_data());
      if (deal.is_object() && deal.contains("title") && deal["title"].is_string()) {
        add(deal["title"].get<std::string>());
      }
    }
  }
  // Then words of the texts, the most frequent first.
  std::vector<std::pair<Xapian::doccount, std::string>> words;
  for (auto term = db_.allterms_begin(prefix); term != db_.allterms_end(prefix); ++term) {
    const std::string word = *term;
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z' && word.size() > prefix.size()) {
      words.emplace_back(term.get_termfreq(), word);
    }
  }
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (const auto& [frequency, word] : words) {
    add(word);
  }
  return suggestions;
}

std::map<std::string, std::vector<FacetValue>> Searcher::all_facets() {
  return count_facets(every_document(), SearchRequest{}, std::nullopt);
}

SnippetTerms::SnippetTerms(analyzers::Analyzer& analyzer,
                           const std::vector<std::string>& query_words) {
  for (const std::string& word : query_words) {
    for (const analyzers::Token& token : analyzer.analyze(word)) {
      if (token.role == analyzers::TokenRole::kWord) {
        word_terms.insert(token.term);
        word_stems.insert(token.stem);
      }
      part_terms.insert(token.term);
      part_stems.insert(token.stem);
    }
  }
  for (const auto* terms : {&part_terms, &part_stems}) {
    for (const std::string& term : *terms) {
      probes.insert(term.substr(0, std::min<size_t>(term.size(), 4)));
    }
  }
}

std::string make_snippet(analyzers::Analyzer& analyzer, const std::vector<std::string>& paragraphs,
                         const std::vector<std::string>& query_words, size_t length) {
  return make_snippet(analyzer, paragraphs, SnippetTerms(analyzer, query_words), length);
}

std::string make_snippet(analyzers::Analyzer& analyzer, const std::vector<std::string>& paragraphs,
                         const SnippetTerms& query, size_t length) {
  // Enough for the densest passage of a long deal; a frequent word's hundredth occurrence
  // need not be analysed.
  constexpr size_t kMaxAnalysedBytes = 4096;
  size_t analysed = 0;
  std::string text;
  std::vector<analyzers::Token> tokens;
  const analyzers::Folder& folder = analyzer.data().folder();
  for (const std::string& paragraph : paragraphs) {
    if (!text.empty()) {
      text += '\n';
    }
    const size_t offset = text.size();
    text += paragraph;
    for (const auto& [begin, end] : match_windows(paragraph, folder, query.probes, length)) {
      if (analysed >= kMaxAnalysedBytes) {
        break;
      }
      analysed += end - begin;
      const std::string_view window = std::string_view(paragraph).substr(begin, end - begin);
      for (analyzers::Token& token : analyzer.analyze(window)) {
        token.begin += static_cast<uint32_t>(offset + begin);
        token.end += static_cast<uint32_t>(offset + begin);
        tokens.push_back(std::move(token));
      }
    }
  }
  // The query's words first; their parts only when the text holds none of the words
  // ("vastgoedeigenaren" marks "eigenaren" and "vastgoed" in "eigenaren van vastgoed").
  std::vector<std::pair<uint32_t, uint32_t>> marks;
  for (const bool with_parts : {false, true}) {
    const auto& terms = with_parts ? query.part_terms : query.word_terms;
    const auto& stems = with_parts ? query.part_stems : query.word_stems;
    // A matching word is marked whole, else only its matching parts.
    bool word_marked = false;
    for (const analyzers::Token& token : tokens) {
      const bool matches = terms.contains(token.term) || stems.contains(token.stem);
      if (token.role == analyzers::TokenRole::kWord) {
        word_marked = matches && !token.stopword;
        if (word_marked) {
          marks.emplace_back(token.begin, token.end);
        }
      } else if (matches && !word_marked && !token.stopword) {
        marks.emplace_back(token.begin, token.end);
      }
    }
    if (!marks.empty()) {
      break;
    }
  }
  std::sort(marks.begin(), marks.end());
  // The window of `length` bytes holding the most marks, starting a little before the first.
  size_t start = 0;
  size_t best = 0;
  for (size_t i = 0, j = 0; i < marks.size(); ++i) {
    while (j < marks.size() && marks[j].second <= marks[i].first + length) {
      ++j;
    }
    if (j - i > best) {
      best = j - i;
      start = marks[i].first > 40 ? marks[i].first - 40 : 0;
    }
  }
  // A window running past the end of the text starts earlier instead.
  start = std::min(start, text.size() > length ? text.size() - length : size_t{0});
  size_t end = std::min(text.size(), start + length);
  while (start > 0 && start < text.size() && text[start - 1] != ' ' && text[start - 1] != '\n') {
    --start;  // begin at a word
  }
  while (end < text.size() && (is_utf8_continuation(text[end]) || text[end] != ' ')) {
    ++end;  // end after a word
    if (end - start > length + 40) {
      break;
    }
  }
  while (end < text.size() && is_utf8_continuation(text[end])) {
    ++end;
  }
  std::string snippet = start > 0 ? "… " : "";
  size_t at = start;
  for (const auto& [begin, finish] : marks) {
    if (begin < at || finish > end) {
      continue;
    }
    html_escape_into(std::string_view(text).substr(at, begin - at), snippet);
    snippet += "<mark>";
    html_escape_into(std::string_view(text).substr(begin, finish - begin), snippet);
    snippet += "</mark>";
    at = finish;
  }
  html_escape_into(std::string_view(text).substr(at, end - at), snippet);
  if (end < text.size()) {
    snippet += " …";
  }
  return snippet;
}

}  // namespace dealsearch::searcher
