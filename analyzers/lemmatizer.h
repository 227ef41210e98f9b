// Lemmatizer: reduces an inflected Dutch word to the form its relatives share, so that the
// Snowball stemmer sees one input for singular and plural, for the forms of a verb, and for a
// subject and its adjective.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "analyzers/analyzer_data.h"
#include "analyzers/deriver.h"

namespace dealsearch::analyzers {

// Xapian's Snowball "dutch" stemmer works on a word alone and so splits related forms:
// "fietsen" -> "fiets" but "fiets" -> "fiet"; "kinderen" -> "kinder" but "kind" -> "kind".
// The Lemmatizer first maps every form to a base form that is checked against Debian's
// full-form word list: "fietsen" -> "fiets", "gemeenten" -> "gemeente", "straten" -> "straat",
// "werkt"/"werkte"/"gewerkt" -> "werk", "bepaald" -> "bepaal", "bouwend" -> "bouwen" ->
// "bouw", "huizen" -> "huis", "regio's" -> "regio", "groter"/"grootste" -> "groot", and
// irregular forms through the stem-override file: "kinderen" -> "kind", "steden" -> "stad",
// "liep" -> "lopen" -> "loop". A form whose candidate base is not a word stays as it is, and
// so does a proper name ("zwolle") and a word the override file protects ("gezond gezond").
// A rule must also rule out the other reading a look-alike has: "bende" has a plural
// ("bendes") and so is no past of "bennen"; "kort" has a comparative and so is no present of
// "korren"; "alleen" is not "alle" + "en" (an unstressed e takes no -en).
// Last, a derived word is joined to its source (see Deriver): "economische" -> "economisch"
// -> "economie", "gedigitaliseerd" -> "digitaliseer" -> "digitaal".
//
// Input is a folded term (see Folder). Only words of the letters a-z (and "'s" plurals) are
// reduced; numbers and names with digits pass unchanged. Thread-safe: const and stateless
// apart from the shared, immutable AnalyzerData, which must outlive the Lemmatizer.
class Lemmatizer {
 public:
  explicit Lemmatizer(const AnalyzerData& data) : data_(data), deriver_(data) {}

  [[nodiscard]] std::string base_form(std::string_view term) const;

 private:
  std::string reduce(std::string_view term, bool consult_overrides) const;
  std::optional<std::string> irregular_head(std::string_view term) const;
  std::optional<std::string> apply_first_rule(std::string_view term) const;
  std::optional<std::string> plural_or_infinitive(std::string_view term) const;
  std::optional<std::string> s_plural(std::string_view term) const;
  std::optional<std::string> present_tense(std::string_view term) const;
  std::optional<std::string> past_tense(std::string_view term) const;
  std::optional<std::string> past_participle(std::string_view term) const;
  std::optional<std::string> participle_without_ge(std::string_view term) const;
  std::optional<std::string> inflected_adjective(std::string_view term) const;
  std::optional<std::string> comparative(std::string_view term) const;
  std::optional<std::string> present_participle(std::string_view term) const;
  bool is_verb_form_in_t(std::string_view word) const;
  bool takes_inflection_e(std::string_view adjective) const;
  bool has_comparative(std::string_view adjective) const;
  bool has_present_in_t(std::string_view infinitive) const;
  bool is_verb_stem(std::string_view stem) const;
  bool is_protected(std::string_view word) const;
  bool is_word(std::string_view term) const { return data_.is_word(term); }

  const AnalyzerData& data_;
  Deriver deriver_;
};

}  // namespace dealsearch::analyzers
