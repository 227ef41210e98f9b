// Folding: the same folded form for every way Dutch text writes a word.
#include "analyzers/folding.h"

#include <gtest/gtest.h>

namespace dealsearch::analyzers {
namespace {

const Folder& folder() {
  static const Folder instance;
  return instance;
}

struct FoldCase {
  const char* written;
  const char* folded;
};

TEST(Folder, FoldsCaseDiacriticsAndCompatibilityForms) {
  const FoldCase cases[] = {
      {"creëren", "creeren"},
      {"Creëren", "creeren"},
      {"cre\xCC\x88"
       "eren",
       "creeren"},  // "e" + combining diaeresis: NFD input
      {"cre"
       "e\xCC\x88"
       "ren",
       "creeren"},  // decomposed ë
      {"Fryslân", "fryslan"},
      {"Súdwest-Fryslân", "sudwest-fryslan"},
      {"café", "cafe"},
      {"ENERGIEARMOEDE", "energiearmoede"},
      {"\xC4\xB3ver", "ijver"},  // the "ij" ligature U+0133
      {"ﬁets", "fiets"},         // the "fi" ligature U+FB01
      {"regio’s", "regio's"},
      {"‘s-Hertogenbosch", "'s-hertogenbosch"},
      {"ener\xC2\xADgie", "energie"},  // soft hyphen
      {"Ｇ40", "g40"},                 // full-width letter
      {"Straße", "strasse"},
      {"naïef", "naief"},
      {"coöperatie", "cooperatie"},
  };
  for (const FoldCase& c : cases) {
    SCOPED_TRACE(c.written);
    EXPECT_EQ(folder().fold(c.written), c.folded);
  }
}

TEST(Folder, MapsEveryFoldedByteBackToItsSourceCodePoint) {
  std::string folded;
  std::vector<uint32_t> offsets;
  folder().fold("Aë\xC2\xADz", folded, &offsets);  // A, ë (2 bytes), soft hyphen (2), z
  EXPECT_EQ(folded, "aez");
  EXPECT_EQ(offsets, (std::vector<uint32_t>{0, 1, 5}));
}

TEST(Folder, ReplacesIllFormedUtf8WithoutStopping) {
  EXPECT_EQ(folder().fold("a\xFF"
                          "b\xC3"),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD");
}

}  // namespace
}  // namespace dealsearch::analyzers
