// Deriver: joins a Dutch adjective or verb to the word it is derived from, so that a subject
// and its adjective ("economie", "economisch") reach the stemmer as one word.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "analyzers/analyzer_data.h"

namespace dealsearch::analyzers {

// People search a subject and mean its adjective too: "economie" should find "economische
// ontwikkeling". Snowball stems the two apart, so the Deriver maps the derived word to the
// word it comes from, by three suffix rules:
//   -isch           -> -ie    "economisch" -> "economie", "technologisch" -> "technologie"
//   -tief, -sief    -> -tie, -sie   "innovatief" -> "innovatie", "agressief" -> "agressie"
//   -aliseer, -alisering -> -aal    "digitaliseer" (the stem of "digitaliseren",
//                                   "gedigitaliseerd") and "digitalisering" -> "digitaal"
// A rule never invents a word: the result must be a word of the word list and not a proper
// name ("praktisch" has no "praktie", "oceanisch" is not about Oceanië). Nor does it join
// false friends: a result listed in derivation-falsefriends-nl.txt is refused ("positief" is
// not about a "positie", "realiseren" not about a "reaal").
//
// Input is a folded base form without inflection ("economisch", "innovatief", not
// "economische"): the Lemmatizer strips inflection first and asks the Deriver last.
// Thread-safe: const and stateless apart from the shared, immutable AnalyzerData, which must
// outlive the Deriver.
class Deriver {
 public:
  explicit Deriver(const AnalyzerData& data) : data_(data) {}

  // The word `word` is derived from, or nullopt when no rule joins it to a word.
  [[nodiscard]] std::optional<std::string> derived_from(std::string_view word) const;

 private:
  bool may_join(const std::string& source) const;

  const AnalyzerData& data_;
};

}  // namespace dealsearch::analyzers
