// QueryBuilder: a small hand-written reader for the search box, then analysed word queries.
#include "searcher/query_builder.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <utility>

#include "analyzers/schema.h"
#include "searcher/matches.h"

namespace dealsearch::searcher {
namespace {

namespace schema = dealsearch::schema;
using analyzers::Token;
using analyzers::TokenRole;

Xapian::Query scaled(double factor, const Xapian::Query& query) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, factor);
}

Xapian::Query any_of(const std::vector<Xapian::Query>& queries) {
  return Xapian::Query(Xapian::Query::OP_OR, queries.begin(), queries.end());
}

Xapian::Query all_of(const std::vector<Xapian::Query>& queries) {
  return Xapian::Query(Xapian::Query::OP_AND, queries.begin(), queries.end());
}

// One term, or the terms weighed as one.
Xapian::Query synonym_of(const std::vector<Xapian::Query>& terms) {
  return terms.size() == 1 ? terms.front()
                           : Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
}

// One of the things a strict query ANDs: a word (or a phrase, a prefix, a ministry), which a
// compound may also match by its parts close together (`near`; empty for anything else).
struct Conjunct {
  Xapian::Query word;
  Xapian::Query near;
};

// The AND of `conjuncts`, each a word OR a compound's parts near: right wherever it stands,
// but where it stands under an AND slow (see all_of_either()).
Xapian::Query nested(const std::vector<Conjunct>& conjuncts) {
  std::vector<Xapian::Query> each;
  for (const Conjunct& conjunct : conjuncts) {
    each.push_back(conjunct.near.empty()
                       ? conjunct.word
                       : Xapian::Query(Xapian::Query::OP_OR, conjunct.word, conjunct.near));
  }
  return all_of(each);
}

// The most compounds whose two ways to match all_of_either() writes out; a query with more
// (rare) has them nested, which is right but slower.
constexpr size_t kMaxSpelledOutCompounds = 3;

// The AND of `conjuncts`, each matching as a word or, else, a compound by its parts near:
// written as one branch for each choice of which compounds match by their parts,
// (A AND B) OR ((nearA AND B) AND_NOT A), so that a NEAR stands directly under an AND. Xapian
// 1.4 checks the positions of such a NEAR only for the documents that hold every other
// term, but those of a NEAR under an OR under an AND for every document: 17 ms instead of
// 1.7 for "knelpunten warmte woningen" over 10,000 deals. A document weighs each compound
// once: as a word when it holds it, else by its parts. A compound alone stays nested, OR-ed
// with nothing above it: there the AND_NOT would only cost (4.5 ms against 2.9 with two
// filters, "energiearmoede" over 10,000 deals), and a deal that holds it both ways weighs
// both.
Xapian::Query all_of_either(const std::vector<Conjunct>& conjuncts) {
  std::vector<size_t> compounds;
  std::vector<Xapian::Query> words;
  for (size_t i = 0; i < conjuncts.size(); ++i) {
    words.push_back(conjuncts[i].word);
    if (!conjuncts[i].near.empty()) {
      compounds.push_back(i);
    }
  }
  if (compounds.empty()) {
    return all_of(words);
  }
  if (conjuncts.size() == 1 || compounds.size() > kMaxSpelledOutCompounds) {
    return nested(conjuncts);
  }
  std::vector<Xapian::Query> branches;
  for (size_t choice = 0; choice < (size_t{1} << compounds.size()); ++choice) {
    std::vector<Xapian::Query> all = words;
    std::vector<Xapian::Query> not_words;
    for (size_t k = 0; k < compounds.size(); ++k) {
      if ((choice >> k) & 1) {
        all[compounds[k]] = conjuncts[compounds[k]].near;
        not_words.push_back(conjuncts[compounds[k]].word);
      }
    }
    Xapian::Query branch = all_of(all);
    if (!not_words.empty()) {
      branch = Xapian::Query(Xapian::Query::OP_AND_NOT, branch, any_of(not_words));
    }
    branches.push_back(std::move(branch));
  }
  return any_of(branches);
}

// The phrase of `terms`; one term is that term, exactly.
Xapian::Query phrase_of(const std::vector<std::string>& terms) {
  if (terms.size() == 1) {
    return Xapian::Query(terms.front());
  }
  std::vector<Xapian::Query> queries(terms.begin(), terms.end());
  return Xapian::Query(Xapian::Query::OP_PHRASE, queries.begin(), queries.end(), queries.size());
}

// "onderwijs," -> "onderwijs": a name's words compare without the punctuation around them.
std::string without_punctuation(std::string_view word) {
  const auto is_punctuation = [](char c) {
    return static_cast<unsigned char>(c) < 0x80 && std::ispunct(static_cast<unsigned char>(c));
  };
  while (!word.empty() && is_punctuation(word.front())) {
    word.remove_prefix(1);
  }
  while (!word.empty() && is_punctuation(word.back())) {
    word.remove_suffix(1);
  }
  return std::string(word);
}

// Whether a ministry's other name `alias` may stand for it in a query: a code, former ones
// too ("IenM", "VROM", "EL&I"), or the start of its name ("Binnenlandse Zaken" of "Ministerie
// van Binnenlandse Zaken en Koninkrijksrelaties"). Not a minister's title or a topic ("Medische
// Zorg", "Klimaat en Energie"), which a user types to find the subject, not every deal of a
// ministry; a filter takes those too (facets.cc).
bool is_query_alias(std::string_view alias, std::string_view folded_name,
                    const analyzers::Folder& folder) {
  const bool one_token = alias.find(' ') == std::string_view::npos;
  const auto capitals =
      std::count_if(alias.begin(), alias.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (one_token && (capitals >= 2 || alias.find('&') != std::string_view::npos)) {
    return true;
  }
  constexpr std::string_view kMinistryOf = "ministerie van ";
  if (folded_name.starts_with(kMinistryOf)) {
    folded_name.remove_prefix(kMinistryOf.size());
  }
  const std::string folded = folder.fold(alias);
  return !one_token && folded_name.starts_with(folded) &&
         (folded_name.size() == folded.size() || folded_name[folded.size()] == ' ');
}

// A folded name's words without punctuation: "onderwijs, cultuur en wetenschap" ->
// {"onderwijs", "cultuur", "en", "wetenschap"}.
std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  for (size_t at = 0; at < name.size();) {
    const size_t end = std::min(name.find(' ', at), name.size());
    std::string word = without_punctuation(name.substr(at, end - at));
    if (!word.empty()) {
      words.push_back(std::move(word));
    }
    at = end + 1;
  }
  return words;
}

}  // namespace

struct QueryBuilder::Clause {
  enum class Kind { kWords, kPhrase, kPrefix, kMinistry };
  Kind kind = Kind::kWords;
  // kMinistry: the folded name ("justitie en veiligheid"); else as typed, without its quotes,
  // "-" or "*".
  std::string text;
  size_t begin = 0;  // where `text` starts in the typed query
  bool excluded = false;
  bool or_with_previous = false;
  std::string code;  // kMinistry: the ministry's code ("JenV")
};

// What one clause adds to the query.
struct QueryBuilder::ClauseQuery {
  // What the strict query ANDs for the clause: one conjunct for each of its words, or one
  // for a phrase, a prefix or a ministry.
  std::vector<Conjunct> strict;
  // As `strict`, with a compound's parts anywhere in the deal; empty when that is `strict`.
  Xapian::Query scattered;
  // Any of the clause's words, a compound's parts too.
  Xapian::Query any_word;
  // As `strict`, a theme's keyword also by the deals of its themes; empty when the clause has
  // no keyword.
  Xapian::Query related;
  std::vector<std::string> words;
  std::vector<TypedWord> correctable;
};

// One word of the query wherever a document may hold it: as written, by its stem, or as a
// part of a longer word ("armoede" in "energiearmoede", by the part's stem, which every part
// but a stopword has). The part match is weighed with the statistics of the word's stem and
// its parts' stem together (one OP_SYNONYM): a part term is rarer than the word, and weighed
// by its own rarity, a part match of a frequent word ("energie" in "energietransitie") would
// outrank the deals that say the word itself. So a whole word always weighs more than its
// stem, and its stem more than a part (in texts alike in length). Where the stem is a word
// that is its own stem, the index holds that word's term for it, as a word and as a part, in
// place of a stem term (schema::has_stem_term()): the stem asks for both.
Xapian::Query QueryBuilder::single_word(const Token& token) {
  const bool own_stem = analyzer_.is_own_stem(token.stem);
  std::vector<Xapian::Query> stem = {Xapian::Query(std::string(schema::kStem) + token.stem)};
  if (own_stem) {
    stem.emplace_back(token.stem);
  }
  std::vector<Xapian::Query> in_parts = stem;
  in_parts.emplace_back(std::string(schema::kPartStem) + token.stem);
  if (own_stem) {
    in_parts.emplace_back(std::string(schema::kPart) + token.stem);
  }
  return any_of({Xapian::Query(token.term), scaled(kStemWeight, synonym_of(stem)),
                 scaled(kPartWeight, synonym_of(in_parts))});
}

// A word of the query, and for a compound (or a hyphenated word) also its parts: close
// together as words of the text in `strict` ("vastgoedeigenaren" finds "eigenaren van
// vastgoed"), anywhere in the deal in `scattered` (empty for a word without parts), any of
// them in `any_word`.
QueryBuilder::ClauseQuery QueryBuilder::word_query(const Token& word,
                                                   const std::vector<const Token*>& parts) {
  ClauseQuery out;
  Conjunct conjunct{single_word(word), Xapian::Query()};
  std::vector<Xapian::Query> each_part;
  for (const Token* part : parts) {
    if (!part->stopword) {
      each_part.push_back(single_word(*part));
    }
  }
  out.any_word = conjunct.word;
  if (!each_part.empty()) {
    out.scattered = any_of({conjunct.word, scaled(kPartWeight, all_of(each_part))});
    out.any_word = any_of({conjunct.word, scaled(kPartWeight, any_part(parts))});
    if (parts.size() < 2) {
      conjunct.word = std::exchange(out.scattered, Xapian::Query());  // nothing to be near
    } else {
      // A stopword part is a word of the text too: "tussenpersoon" needs "tussen" near
      // "persoon", not "persoon" anywhere.
      conjunct.near = scaled(kPartWeight, near_parts(parts));
    }
  }
  const auto synonym = synonyms_.find(word.term);
  if (synonym != synonyms_.end()) {
    // A boolean term matches with weight 0; the text match, if any, still ranks.
    for (Xapian::Query* query : {&conjunct.word, &out.scattered, &out.any_word}) {
      if (!query->empty()) {
        *query = Xapian::Query(Xapian::Query::OP_OR, *query, Xapian::Query(synonym->second));
      }
    }
  }
  out.strict.push_back(std::move(conjunct));
  return out;
}

// Any part of a compound, or of a part that is itself a compound: "schuldhulpverlening" ->
// "schuldhulp", "verlening", "schuld", "hulp", so that a deal about "schulden" answers when
// nothing holds the longer words.
Xapian::Query QueryBuilder::any_part(const std::vector<const Token*>& parts) {
  std::vector<Xapian::Query> each;
  for (const Token* part : parts) {
    if (part->stopword) {
      continue;
    }
    each.push_back(single_word(*part));
    for (const Token& inner : analyzer_.analyze(part->term)) {
      if (inner.role == TokenRole::kPart && !inner.stopword) {
        each.push_back(single_word(inner));
      }
    }
  }
  return any_of(each);
}

// A compound's parts within kNearWindow words of each other, in any order, each as a word of
// the text in any of its forms. Parts, stems and their stems carry no positions in the index
// (schema.h), so only words can be near; the compound itself is matched apart (a NEAR never
// matches two terms at one position, as a compound and its parts are).
Xapian::Query QueryBuilder::near_parts(const std::vector<const Token*>& parts) {
  std::vector<Xapian::Query> each;
  for (const Token* part : parts) {
    each.push_back(any_form(*part));
  }
  return Xapian::Query(Xapian::Query::OP_NEAR, each.begin(), each.end(), kNearWindow);
}

// A word as written or in any form the index holds of it ("eigenaren": "eigenaar",
// "eigenaars", "eigenaren"), as an OR of terms with positions, which a NEAR accepts.
Xapian::Query QueryBuilder::any_form(const Token& word) {
  std::set<std::string> forms = {word.term};
  if (word_forms_) {
    for (std::string& form : word_forms_(word)) {
      forms.insert(std::move(form));
    }
  }
  std::vector<Xapian::Query> terms(forms.begin(), forms.end());
  return any_of(terms);
}

void QueryBuilder::set_ministries(const std::map<std::string, std::string>& names,
                                  const std::map<std::string, std::string>& aliases) {
  const analyzers::Folder& folder = analyzer_.data().folder();
  synonyms_.clear();
  ministry_names_.clear();
  for (const auto& [code, name] : names) {
    synonyms_[folder.fold(code)] = std::string(schema::kMinistry) + code;
    const std::vector<std::string> words = name_words(folder.fold(name));
    if (words.empty()) {
      continue;
    }
    ministry_names_.push_back({words, code});
    // "Justitie en Veiligheid" is as good as "Ministerie van Justitie en Veiligheid".
    if (words.size() > 2 && words[0] == "ministerie" && words[1] == "van") {
      ministry_names_.push_back({{words.begin() + 2, words.end()}, code});
    }
  }
  for (const auto& [alias, code] : aliases) {
    const auto name = names.find(code);
    if (name == names.end() || !is_query_alias(alias, folder.fold(name->second), folder)) {
      continue;
    }
    std::vector<std::string> words = name_words(folder.fold(alias));
    if (words.size() == 1) {
      synonyms_.emplace(words.front(), std::string(schema::kMinistry) + code);  // "ienm"
    } else if (words.size() > 1) {
      ministry_names_.push_back({std::move(words), code});  // "binnenlandse zaken"
    }
  }
  // The longest name first: "ministerie van x" before "x" when both would match.
  std::stable_sort(
      ministry_names_.begin(), ministry_names_.end(),
      [](const MinistryName& a, const MinistryName& b) { return a.words.size() > b.words.size(); });
}

void QueryBuilder::set_themes(const std::map<std::string, std::vector<std::string>>& keywords) {
  themes_of_stem_.clear();
  for (const auto& [theme, words] : keywords) {
    std::vector<Xapian::Query> each;
    std::vector<std::string> stems;
    for (const std::string& keyword : words) {
      for (const Token& token : analyzer_.analyze(keyword)) {
        if (token.role == TokenRole::kWord && !token.stopword) {
          each.push_back(single_word(token));
          stems.push_back(token.stem);
        }
      }
    }
    if (each.empty()) {
      continue;
    }
    const std::string term = std::string(schema::kTheme) + analyzer_.data().folder().fold(theme);
    const Xapian::Query deals(Xapian::Query::OP_FILTER, scaled(kThemeWeight, any_of(each)),
                              Xapian::Query(term));
    for (const std::string& stem : stems) {
      themes_of_stem_[stem].push_back(deals);
    }
  }
}

// Splits the typed text into clauses: quoted phrases, words (with "-" and "*"), and "OR".
std::vector<QueryBuilder::Clause> QueryBuilder::clauses_of(std::string_view text) const {
  std::vector<Clause> clauses;
  bool pending_or = false;
  size_t i = 0;
  const auto skip_space = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n')) {
      ++i;
    }
  };
  for (skip_space(); i < text.size(); skip_space()) {
    Clause clause;
    clause.or_with_previous = pending_or && !clauses.empty();
    pending_or = false;
    if (text[i] == '-' && i + 1 < text.size() && text[i + 1] != ' ' && text[i + 1] != '-') {
      clause.excluded = true;
      ++i;
    }
    if (text[i] == '"') {
      const size_t close = text.find('"', i + 1);
      if (close != std::string_view::npos) {
        clause.kind = Clause::Kind::kPhrase;
        clause.text = text.substr(i + 1, close - i - 1);
        clause.begin = i + 1;
        i = close + 1;
        clauses.push_back(std::move(clause));
        continue;
      }
      ++i;  // an unbalanced quote is just a character
    }
    const size_t end = std::min(text.find_first_of(" \t\n", i), text.size());
    std::string_view word = text.substr(i, end - i);
    clause.begin = i;
    i = end;
    if (word == "OR" && !clause.excluded) {
      pending_or = true;
      continue;
    }
    if (word.size() > kMinPrefixLength && word.back() == '*' &&
        word.find_first_of("*\"") == word.size() - 1) {
      clause.kind = Clause::Kind::kPrefix;
      word.remove_suffix(1);
    }
    clause.text = std::string(word);
    clauses.push_back(std::move(clause));
  }
  return clauses;
}

// The ministry whose full name the word clauses from `at` on spell, or null; `folded`: each
// clause's text folded, without punctuation around it. Only the first word may carry a "-"
// or an OR before it: an operator inside ("justitie OR en veiligheid") means the words are
// not a name.
const QueryBuilder::MinistryName* QueryBuilder::ministry_name_at(
    const std::vector<Clause>& clauses, const std::vector<std::string>& folded, size_t at) const {
  for (const MinistryName& name : ministry_names_) {
    if (at + name.words.size() > clauses.size()) {
      continue;
    }
    bool matches = true;
    for (size_t k = 0; k < name.words.size() && matches; ++k) {
      const Clause& clause = clauses[at + k];
      matches = clause.kind == Clause::Kind::kWords &&
                (k == 0 || (!clause.excluded && !clause.or_with_previous)) &&
                folded[at + k] == name.words[k];
    }
    if (matches) {
      return &name;
    }
  }
  return nullptr;
}

// Turns every run of words that names a ministry in full into one clause.
void QueryBuilder::merge_ministry_names(std::vector<Clause>& clauses) const {
  if (ministry_names_.empty()) {
    return;
  }
  std::vector<std::string> folded;
  for (const Clause& clause : clauses) {
    folded.push_back(without_punctuation(analyzer_.data().folder().fold(clause.text)));
  }
  std::vector<Clause> merged;
  for (size_t at = 0; at < clauses.size();) {
    const MinistryName* name = ministry_name_at(clauses, folded, at);
    if (name == nullptr) {
      merged.push_back(std::move(clauses[at++]));
      continue;
    }
    Clause ministry = std::move(clauses[at]);
    ministry.kind = Clause::Kind::kMinistry;
    ministry.text.clear();
    for (const std::string& word : name->words) {
      ministry.text += (ministry.text.empty() ? "" : " ") + word;
    }
    ministry.code = name->code;
    merged.push_back(std::move(ministry));
    at += name->words.size();
  }
  clauses = std::move(merged);
}

bool QueryBuilder::has_content_word(std::string_view text) {
  const std::vector<Token> tokens = analyzer_.analyze(text);
  return std::any_of(tokens.begin(), tokens.end(),
                     [](const Token& t) { return t.role == TokenRole::kWord && !t.stopword; });
}

void QueryBuilder::words_query(const Clause& clause, bool keep_stopwords, ClauseQuery& out) {
  const std::vector<Token> tokens = analyzer_.analyze(clause.text);
  std::vector<Xapian::Query> anywhere;
  std::vector<Xapian::Query> any_word;
  std::vector<Xapian::Query> related;
  bool scatters = false;
  bool relates = false;
  for (size_t i = 0; i < tokens.size();) {
    const Token& word = tokens[i];
    std::vector<const Token*> parts;
    for (++i; i < tokens.size() && tokens[i].role == TokenRole::kPart; ++i) {
      parts.push_back(&tokens[i]);
    }
    if (!word.stopword && !synonyms_.contains(word.term)) {
      out.correctable.push_back({word.term, clause.begin + word.begin, clause.begin + word.end});
    }
    if (word.stopword && !keep_stopwords) {
      continue;
    }
    out.words.push_back(word.term);
    ClauseQuery query = word_query(word, parts);
    scatters = scatters || !query.scattered.empty();
    anywhere.push_back(query.scattered.empty() ? query.strict.front().word : query.scattered);
    any_word.push_back(query.any_word);
    const auto themes = themes_of_stem_.find(word.stem);
    related.push_back(nested(query.strict));
    if (themes != themes_of_stem_.end()) {
      relates = true;
      related.back() = any_of({related.back(), any_of(themes->second)});
    }
    out.strict.push_back(std::move(query.strict.front()));
  }
  if (scatters) {
    out.scattered = all_of(anywhere);
  }
  if (relates) {
    out.related = all_of(related);
  }
  if (!any_word.empty()) {
    out.any_word = any_of(any_word);
  }
}

// The words of a phrase, stopwords included; `correctable`: where to add those a correction
// may replace, or null.
std::vector<Token> QueryBuilder::phrase_words(std::string_view text, size_t begin,
                                              std::vector<TypedWord>* correctable) {
  std::vector<Token> words;
  for (Token& token : analyzer_.analyze(text)) {
    if (token.role != TokenRole::kWord) {
      continue;
    }
    if (correctable != nullptr && !token.stopword) {
      correctable->push_back({token.term, begin + token.begin, begin + token.end});
    }
    words.push_back(std::move(token));
  }
  return words;
}

// The phrase of `words`, or, where two of them make a compound, the phrase with the compound
// written as one: "energie armoede" also finds "energiearmoede" (and "energie-armoede",
// which the index holds as that word).
Xapian::Query QueryBuilder::written_together(const std::vector<Token>& words) {
  std::vector<std::string> terms;
  for (const Token& word : words) {
    terms.push_back(word.term);
  }
  std::vector<Xapian::Query> ways = {phrase_of(terms)};
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    if (words[i].stopword || words[i + 1].stopword) {
      continue;
    }
    for (const std::string& compound : compounds_of(words[i], words[i + 1])) {
      std::vector<std::string> joined(terms.begin(), terms.begin() + i);
      joined.push_back(compound);
      joined.insert(joined.end(), terms.begin() + i + 2, terms.end());
      ways.push_back(phrase_of(joined));
    }
  }
  return ways.size() == 1 ? ways.front() : any_of(ways);
}

// The words that `first` and `second` make written as one, with or without a linking "s",
// when the analyzer splits them back into exactly these two: "stad" "vernieuwing" ->
// {"stadvernieuwing", "stadsvernieuwing"}. A form no deal has costs the query nothing.
std::vector<std::string> QueryBuilder::compounds_of(const Token& first, const Token& second) {
  std::vector<std::string> compounds;
  for (const std::string_view link : {"", "s"}) {
    const std::string joined = first.term + std::string(link) + second.term;
    const std::vector<Token> tokens = analyzer_.analyze(joined);
    if (tokens.size() == 3 && tokens[0].term == joined && tokens[1].role == TokenRole::kPart &&
        tokens[1].term == first.term && tokens[2].term == second.term) {
      compounds.push_back(joined);
    }
  }
  return compounds;
}

Xapian::Query QueryBuilder::prefix_query(std::string_view text) {
  const std::vector<Token> tokens = analyzer_.analyze(text);
  if (tokens.empty() || tokens.front().term.size() < kMinPrefixLength) {
    return Xapian::Query();
  }
  // Bounded so that "ver*" cannot expand to thousands of terms; the most frequent win.
  constexpr Xapian::termcount kMaxExpansion = 100;
  if (prefix_terms_) {
    // The expansion as terms, which Xapian weighs with every shard's statistics together.
    const std::vector<std::string> terms = prefix_terms_(tokens.front().term, kMaxExpansion);
    if (!terms.empty()) {
      return Xapian::Query(Xapian::Query::OP_SYNONYM, terms.begin(), terms.end());
    }
  }
  return Xapian::Query(Xapian::Query::OP_WILDCARD, tokens.front().term, kMaxExpansion,
                       Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
}

// A ministry named in full: the name as a phrase, or its code, a word that also stands for
// the ministry's boolean term, so that the deals that write only "JenV" are found too.
// Neither is corrected: the name was recognised, and the code was not typed.
Xapian::Query QueryBuilder::ministry_query(const Clause& clause, ClauseQuery& out) {
  Clause code;
  code.text = clause.code;
  ClauseQuery code_query;
  words_query(code, false, code_query);
  out.words = std::move(code_query.words);
  std::vector<std::string> name;
  for (const Token& word : phrase_words(clause.text, clause.begin, nullptr)) {
    name.push_back(word.term);
  }
  return Xapian::Query(Xapian::Query::OP_OR, phrase_of(name), nested(code_query.strict));
}

QueryBuilder::ClauseQuery QueryBuilder::clause_query(const Clause& clause, bool keep_stopwords) {
  ClauseQuery out;
  Xapian::Query query;
  switch (clause.kind) {
    case Clause::Kind::kWords:
      words_query(clause, keep_stopwords, out);
      return out;
    case Clause::Kind::kPhrase:
      query = written_together(phrase_words(clause.text, clause.begin, &out.correctable));
      break;
    case Clause::Kind::kPrefix:
      query = prefix_query(clause.text);
      break;
    case Clause::Kind::kMinistry:
      query = ministry_query(clause, out);
      break;
  }
  if (!query.empty()) {
    out.any_word = query;
    out.strict.push_back({std::move(query), Xapian::Query()});
  }
  return out;
}

BuiltQuery QueryBuilder::build(std::string_view text) {
  BuiltQuery built;
  built.text = std::string(text);
  // The clauses' conjuncts (clauses joined by OR are one), AND-ed for strict; their
  // compounds' parts anywhere in `anywhere`, AND-ed for scattered; OR-ed for relaxed.
  std::vector<std::vector<Conjunct>> strict;
  std::vector<Xapian::Query> anywhere;
  std::vector<Xapian::Query> any_word;
  std::vector<Xapian::Query> related;  // as strict, theme keywords also by their themes
  bool scatters = false;
  bool relates = false;
  std::vector<Xapian::Query> excluded;
  std::vector<Clause> clauses = clauses_of(text);
  merge_ministry_names(clauses);
  // Stopwords are dropped, unless the query has nothing else ("zo'n", "de").
  const bool keep_stopwords = std::none_of(clauses.begin(), clauses.end(), [&](const Clause& c) {
    return !c.excluded && (c.kind != Clause::Kind::kWords || has_content_word(c.text));
  });
  for (const Clause& clause : clauses) {
    ClauseQuery part = clause_query(clause, keep_stopwords);
    if (part.strict.empty()) {
      continue;
    }
    if (clause.excluded) {
      // "-energiearmoede": deals about it, not its parts
      excluded.push_back(nested(part.strict));
      continue;
    }
    built.words.insert(built.words.end(), part.words.begin(), part.words.end());
    built.correctable.insert(built.correctable.end(), part.correctable.begin(),
                             part.correctable.end());
    scatters = scatters || !part.scattered.empty();
    relates = relates || !part.related.empty();
    Xapian::Query clause_related = part.related.empty() ? nested(part.strict) : part.related;
    Xapian::Query scattered = part.scattered.empty() ? nested(part.strict) : part.scattered;
    if (clause.or_with_previous && !strict.empty()) {
      // An OR of clauses is one conjunct; a compound in it matches by its parts near in it.
      const Xapian::Query either_clause(Xapian::Query::OP_OR, nested(strict.back()),
                                        nested(part.strict));
      strict.back() = {{either_clause, Xapian::Query()}};
      anywhere.back() = Xapian::Query(Xapian::Query::OP_OR, anywhere.back(), scattered);
      any_word.back() = Xapian::Query(Xapian::Query::OP_OR, any_word.back(), part.any_word);
      related.back() = Xapian::Query(Xapian::Query::OP_OR, related.back(), clause_related);
    } else {
      strict.push_back(std::move(part.strict));
      anywhere.push_back(std::move(scattered));
      any_word.push_back(part.any_word);
      related.push_back(std::move(clause_related));
    }
  }
  if (strict.empty()) {
    built.match_all = true;
    strict.push_back({{every_document(), Xapian::Query()}});
    anywhere.push_back(every_document());
  }
  std::vector<Conjunct> conjuncts;
  for (std::vector<Conjunct>& clause : strict) {
    std::move(clause.begin(), clause.end(), std::back_inserter(conjuncts));
  }
  built.strict = all_of_either(conjuncts);
  if (scatters) {
    built.scattered = all_of(anywhere);
  }
  if (relates) {
    built.related = all_of(related);
  }
  if (strict.size() > 1) {
    built.relaxed = any_of(anywhere);
  } else if (!built.scattered.empty()) {
    built.relaxed = any_word.front();  // a compound's parts are its words
  }
  if (!excluded.empty()) {
    const Xapian::Query none_of = any_of(excluded);
    for (Xapian::Query* query : {&built.strict, &built.scattered, &built.related, &built.relaxed}) {
      if (!query->empty()) {
        *query = Xapian::Query(Xapian::Query::OP_AND_NOT, *query, none_of);
      }
    }
  }
  return built;
}

std::optional<std::string> corrected_text(const BuiltQuery& built, const Speller& speller) {
  std::string text;
  size_t copied = 0;  // the bytes of built.text before this are in `text`
  bool changed = false;
  for (const TypedWord& word : built.correctable) {
    const std::string correction = speller(word.term);
    if (correction.empty() || correction == word.term) {
      continue;
    }
    text.append(built.text, copied, word.begin - copied);
    text += correction;
    copied = word.end;
    changed = true;
  }
  if (!changed) {
    return std::nullopt;
  }
  text.append(built.text, copied);
  return text;
}

}  // namespace dealsearch::searcher
