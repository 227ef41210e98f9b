// QueryBuilder: what a person types -> a Xapian query over the schema's terms.
#pragma once

#include <xapian.h>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyzers/analyzer.h"

namespace dealsearch::searcher {

// A word of the typed text that a spelling correction may replace: its folded form and the
// bytes [begin, end) it takes in the text ("Fietsenn" in "Fietsenn -iedereen": "fietsenn",
// 0, 8).
struct TypedWord {
  std::string term;
  size_t begin = 0;
  size_t end = 0;
};

struct BuiltQuery {
  // Every clause must match: words AND-ed, phrases, OR groups, prefixes, minus exclusions. A
  // compound matches as a word, or its parts close together as words of the text
  // (QueryBuilder::kNearWindow).
  Xapian::Query strict;
  // As `strict`, but a compound's parts may be anywhere in the deal: what to show, as a
  // relaxed answer, when `strict` finds nothing. Empty (Xapian::Query()) when no compound
  // was searched, so that `strict` already is it.
  Xapian::Query scattered;
  // Any clause may match, a compound's parts anywhere (exclusions still apply); a query of
  // one compound, any of its parts: what to show when neither of the above nor a spelling
  // correction finds anything. Empty when it would find nothing they do not (one word, one
  // phrase).
  Xapian::Query relaxed;
  // As `strict`, but a word that is a keyword of a theme (see QueryBuilder::set_themes()) also
  // matches the deals of that theme, ranked by its keywords: "wandelen" -> the deals about
  // mobiliteit. What to show when `strict`, `scattered` and a spelling correction find
  // nothing, before `relaxed`. Empty when no word typed is a theme's keyword.
  Xapian::Query related;
  // True when nothing searchable was typed (empty, only stopwords, only exclusions): list
  // all deals instead.
  bool match_all = false;
  // The folded words searched (no stopwords, no exclusions, not those of phrases), for
  // snippets and for deciding whether a query can be relaxed.
  std::vector<std::string> words;
  // What was typed, and the words of it that a spelling correction may replace, in the
  // order typed: the words of word clauses and phrases but their stopwords. Never an
  // excluded word, a prefix, a ministry's code or a ministry's name.
  std::string text;
  std::vector<TypedWord> correctable;
};

// A spelling correction of a folded word, or "" when it has none (as
// Xapian::Database::get_spelling_suggestion()).
using Speller = std::function<std::string(const std::string& term)>;

// The words an index holds that are forms of an analysed word (its term and stem): those the
// analyzer gives the same stem, "eigenaren" -> {"eigenaar", "eigenaars", "eigenaren"}. The
// word itself may be among them or not; none is an answer too. See indexed_forms() in
// searcher/word_forms.h.
using WordForms = std::function<std::vector<std::string>(const analyzers::Token& word)>;

// The words an index holds that begin with a prefix, at most `limit`, the most frequent:
// what "energ*" stands for. See prefix_terms() in searcher/word_forms.h.
using PrefixTerms =
    std::function<std::vector<std::string>(const std::string& prefix, size_t limit)>;

// `built.text` with each correctable word that `speller` corrects replaced by the correction,
// every other byte as typed: "fietsenn -iedereen" -> "fietsen -iedereen", "\"fietsenn voor
// iedereen\"" -> "\"fietsen voor iedereen\"". Building it again gives the corrected query with
// every operator that was typed. nullopt when no word changes.
[[nodiscard]] std::optional<std::string> corrected_text(const BuiltQuery& built,
                                                        const Speller& speller);

// Reads the query language of the search box and analyses every word with the same Analyzer
// as the documents:
//   energie armoede      all words must match (each: as written, its stem, or as a compound
//                        part of a longer word; a compound also by its parts close together
//                        as words of the text, in any order and any of their forms)
//   "fietsen voor iedereen"   a phrase, stopwords included; two words of it that make a
//                        compound also find it written as one ("energie armoede")
//   -cybercrime          excludes deals with the word
//   fiets OR wandel      either
//   energ*               a prefix (three letters at least)
//   JenV, Justitie en Veiligheid, ministerie van justitie en veiligheid
//                        a ministry, by its code or its full name (see set_ministries())
// OR binds the clauses either side of it, and the clauses are AND-ed: "fiets OR wandel
// veilig" is "(fiets OR wandel) AND veilig". Nothing is ever an error: an unbalanced quote is
// read as a character, a lone "-" as nothing, an "OR" with nothing on one side is ignored.
//
// An exact word weighs more than its stem, and both more than a compound-part match, however
// frequent each is (see single_word() in the .cc). Not thread-safe (it uses the Analyzer it is
// given, which must outlive it, and calls `word_forms` while it builds).
class QueryBuilder {
 public:
  // `word_forms`: where a compound's parts find their other forms in the index (a Searcher's
  // index); without it a part is searched as written.
  // `prefix_terms`: what a prefix ("energ*") expands to in the index; without it, Xapian
  // expands it (OP_WILDCARD), which over shards weighs each shard's expansion by that shard's
  // statistics alone, so that the hits' order differs from one database's.
  explicit QueryBuilder(analyzers::Analyzer& analyzer, WordForms word_forms = {},
                        PrefixTerms prefix_terms = {})
      : analyzer_(analyzer),
        word_forms_(std::move(word_forms)),
        prefix_terms_(std::move(prefix_terms)) {}

  [[nodiscard]] BuiltQuery build(std::string_view text);

  // The ministries, code -> full name ("JenV" -> "Ministerie van Justitie en Veiligheid"), as
  // the index's metadata lists them (IndexInfo::ministry_names). A ministry's code typed as a
  // word also finds the deals the index tags with it (a boolean term), which is every deal
  // that names the ministry in any form. Its full name typed as words, with or without
  // "ministerie van", is one clause: the name as a phrase, or the code. Like a phrase, the
  // clause takes a "-" or "OR" typed before its first word. Inside quotes a name is only a
  // phrase. Replaces the word synonyms (see set_word_synonyms()) with the ministries' codes.
  // `aliases` (IndexInfo::ministry_aliases: "IenM" -> "IenW", "Binnenlandse Zaken" -> "BZK")
  // count as the ministry's code (one word) or name (several) too.
  void set_ministries(const std::map<std::string, std::string>& names,
                      const std::map<std::string, std::string>& aliases = {});

  // The themes' keywords, as the index's metadata lists them (IndexInfo::theme_keywords):
  // "mobiliteit" -> {"mobiliteit", "fiets", "lopen", "wandelen", ...}. A word of the query
  // with a keyword's stem makes BuiltQuery::related.
  void set_themes(const std::map<std::string, std::vector<std::string>>& keywords);

  // Boolean terms that a folded word also stands for: "bzk" -> "XMINBZK". set_ministries()
  // sets these for the ministries' codes; this is for a caller without the names.
  void set_word_synonyms(std::map<std::string, std::string> synonyms) {
    synonyms_ = std::move(synonyms);
  }

  // Weights relative to an exact word match. A part match weighs kPartWeight of the word in
  // any of its forms (one statistic for them all), so it never outweighs a whole word; a
  // compound's parts close together weigh kPartWeight of their words.
  static constexpr double kStemWeight = 0.75;
  static constexpr double kPartWeight = 0.5;
  // A theme's keywords in BuiltQuery::related, relative to an exact word match.
  static constexpr double kThemeWeight = 0.25;
  static constexpr size_t kMinPrefixLength = 3;
  // A compound's parts match as words of the text when they all stand within this many
  // consecutive words, in any order: "armoede op het gebied van energie" (six words) is
  // "energiearmoede"; with more than six words between them they are only scattered.
  static constexpr Xapian::termcount kNearWindow = 8;

 private:
  struct Clause;
  struct ClauseQuery;
  // A ministry's full name, folded, word by word: {"justitie", "en", "veiligheid"}.
  struct MinistryName {
    std::vector<std::string> words;
    std::string code;
  };

  std::vector<Clause> clauses_of(std::string_view text) const;
  void merge_ministry_names(std::vector<Clause>& clauses) const;
  const MinistryName* ministry_name_at(const std::vector<Clause>& clauses,
                                       const std::vector<std::string>& folded, size_t at) const;
  bool has_content_word(std::string_view text);
  ClauseQuery clause_query(const Clause& clause, bool keep_stopwords);
  void words_query(const Clause& clause, bool keep_stopwords, ClauseQuery& out);
  std::vector<analyzers::Token> phrase_words(std::string_view text, size_t begin,
                                             std::vector<TypedWord>* correctable);
  Xapian::Query written_together(const std::vector<analyzers::Token>& words);
  std::vector<std::string> compounds_of(const analyzers::Token& first,
                                        const analyzers::Token& second);
  Xapian::Query prefix_query(std::string_view text);
  Xapian::Query ministry_query(const Clause& clause, ClauseQuery& out);

  Xapian::Query single_word(const analyzers::Token& token);
  ClauseQuery word_query(const analyzers::Token& word,
                         const std::vector<const analyzers::Token*>& parts);
  Xapian::Query near_parts(const std::vector<const analyzers::Token*>& parts);
  Xapian::Query any_part(const std::vector<const analyzers::Token*>& parts);
  Xapian::Query any_form(const analyzers::Token& word);

  analyzers::Analyzer& analyzer_;
  WordForms word_forms_;
  PrefixTerms prefix_terms_;
  // A ministry's folded code -> its boolean term: "jenv" -> "XMINJenV".
  std::map<std::string, std::string> synonyms_;
  std::vector<MinistryName> ministry_names_;  // the longest first
  // A theme keyword's stem -> the deals of its themes, ranked by their keywords.
  std::map<std::string, std::vector<Xapian::Query>> themes_of_stem_;
};

}  // namespace dealsearch::searcher
