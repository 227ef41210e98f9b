// QueryBuilder: what a person types -> a Xapian query over the schema's terms.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer.h"

namespace dealsearch::searcher {

struct BuiltQuery {
  // Every clause must match: words AND-ed, phrases, OR groups, prefixes, minus exclusions.
  Xapian::Query strict;
  // Any clause may match (exclusions still apply): what to show when `strict` finds nothing.
  Xapian::Query relaxed;
  // True when nothing searchable was typed (empty, only stopwords, only exclusions): list
  // all deals instead.
  bool match_all = false;
  // The folded words typed (no stopwords, no exclusions), for spelling suggestions.
  std::vector<std::string> words;
};

// Reads the query language of the search box and analyses every word with the same Analyzer
// as the documents:
//   energie armoede      all words must match (each: as written, its stem, as a compound
//                        part of a longer word, or, for a compound, all its parts)
//   "fietsen voor iedereen"   a phrase, stopwords included
//   -cybercrime          excludes deals with the word
//   fiets OR wandel      either
//   energ*               a prefix (three letters at least)
// Nothing is ever an error: unbalanced quotes, a lone "-" or "OR" are read as text.
//
// An exact word weighs more than its stem or a compound-part match. Not thread-safe (it uses
// the Analyzer it is given, which must outlive it).
class QueryBuilder {
 public:
  explicit QueryBuilder(analyzers::Analyzer& analyzer) : analyzer_(analyzer) {}

  [[nodiscard]] BuiltQuery build(std::string_view text);

  // Boolean terms that a folded word also stands for: "bzk" -> "XMINBZK", so that a ministry's
  // code finds deals that name it in full ("Binnenlandse Zaken en Koninkrijksrelaties").
  void set_word_synonyms(std::map<std::string, std::string> synonyms) {
    synonyms_ = std::move(synonyms);
  }

  // Weights relative to an exact word match.
  static constexpr double kStemWeight = 0.75;
  static constexpr double kPartWeight = 0.5;
  static constexpr size_t kMinPrefixLength = 3;

 private:
  struct Clause;
  std::vector<Clause> clauses_of(std::string_view text) const;
  Xapian::Query words_query(std::string_view text, bool keep_stopwords,
                            std::vector<std::string>& words);
  bool has_content_word(std::string_view text);
  Xapian::Query phrase_query(std::string_view text);
  Xapian::Query prefix_query(std::string_view text);

  Xapian::Query word_query(const analyzers::Token& word,
                           const std::vector<const analyzers::Token*>& parts) const;

  analyzers::Analyzer& analyzer_;
  std::map<std::string, std::string> synonyms_;
};

}  // namespace dealsearch::searcher
