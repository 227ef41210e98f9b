// Deriver: suffix rules from a derived Dutch word to its source, each result checked against
// the word list and the false-friend list.
#include "analyzers/deriver.h"

#include <array>

namespace dealsearch::analyzers {
namespace {

struct SuffixRule {
  std::string_view derived;  // the ending of the derived word
  std::string_view source;   // what replaces it in the word it comes from
};

// -ief only after t and s, the Latin -tive/-sive: "brief", "dief" and "lief" are no
// adjectives of "brie", "die" and "lie".
constexpr std::array<SuffixRule, 5> kRules = {{
    {"isch", "ie"},
    {"tief", "tie"},
    {"sief", "sie"},
    {"aliseer", "aal"},
    {"alisering", "aal"},
}};

// Letters a word keeps before the ending: "egaliseer" -> "egaal", "actief" -> "actie".
constexpr size_t kMinimumStem = 2;

}  // namespace

std::optional<std::string> Deriver::derived_from(std::string_view word) const {
  for (const SuffixRule& rule : kRules) {
    if (word.size() < rule.derived.size() + kMinimumStem || !word.ends_with(rule.derived)) {
      continue;
    }
    std::string source(word.substr(0, word.size() - rule.derived.size()));
    source += rule.source;
    if (may_join(source)) {
      return source;
    }
  }
  return std::nullopt;
}

// "Oceanie" is a name (Oceanië), not what "oceanisch" is about; only lower-case words count.
bool Deriver::may_join(const std::string& source) const {
  return data_.is_word(source) && !data_.is_name(source) && !data_.never_derivation_source(source);
}

}  // namespace dealsearch::analyzers
