// Decompounding: Dutch compounds split into dictionary words, lexicalised words stay whole.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "tests/analyzers/shared_analyzer_data.h"

namespace dealsearch::analyzers {
namespace {

// The parts the analyzer adds for the one word `word`.
std::vector<std::string> parts_of(Analyzer& analyzer, std::string_view word) {
  std::vector<std::string> parts;
  for (const Token& token : analyzer.analyze(word)) {
    if (token.role == TokenRole::kPart) {
      parts.push_back(token.term);
    }
  }
  return parts;
}

struct SplitCase {
  const char* word;
  std::vector<std::string> parts;
};

class Decompounding : public ::testing::Test {
 protected:
  Analyzer analyzer_{testing::shared_analyzer_data()};
};

TEST_F(Decompounding, SplitsCompoundsIntoDictionaryWords) {
  const SplitCase cases[] = {
      {"energiearmoede", {"energie", "armoede"}},
      {"Energiearmoede", {"energie", "armoede"}},
      {"schuldenproblematiek", {"schulden", "problematiek"}},  // linking -en-
      {"voetgangersstad", {"voetganger", "stad"}},             // linking -s-
      {"stadsdeel", {"stad", "deel"}},                         // although "stads" is a word
      {"woningbouwopgave", {"woningbouw", "opgave"}},
      {"cyberweerbaarheid", {"cyber", "weerbaarheid"}},
      {"aardgasvrij", {"aardgas", "vrij"}},              // right-headed: not aard+gasvrij
      {"vastgoedeigenaren", {"vastgoed", "eigenaren"}},  // "vastgoed" is not split further
      {"wijkaanpak", {"wijk", "aanpak"}},
      {"binnenstadsontwikkeling", {"binnenstad", "ontwikkeling"}},
  };
  for (const SplitCase& c : cases) {
    SCOPED_TRACE(c.word);
    EXPECT_EQ(parts_of(analyzer_, c.word), c.parts);
  }
}

TEST_F(Decompounding, SplitsOffAListedThreeLetterPart) {
  const SplitCase cases[] = {
      {"innovatiehub", {"innovatie", "hub"}},
      {"innovatielab", {"innovatie", "lab"}},
      {"fietsapp", {"fiets", "app"}},
      {"gasaansluiting", {"gas", "aansluiting"}},
      {"dakisolatie", {"dak", "isolatie"}},
      {"laboratorium", {}},  // not lab + oratorium: listed as never split
      {"wethouder", {}},     // "wet" is not listed: not wet + houder
  };
  for (const SplitCase& c : cases) {
    SCOPED_TRACE(c.word);
    EXPECT_EQ(parts_of(analyzer_, c.word), c.parts);
  }
}

TEST_F(Decompounding, LeavesLexicalisedAndInflectedWordsWhole) {
  const char* const whole_words[] = {
      "verkeer",       // not ver + keer: parts are at least four letters
      "kinderen",      // the plural of kind, not kind + eren
      "belangrijk",    // lexicalised: not belang + rijk
      "leefbaar",      // "baar" never ends a compound
      "samenwerking",  // "samen" never begins one
      "onderzoek",     // nor does a stopword ("onder")
      "gemeenten",     // a plural
      "woningen",     "armoede", "bestuur", "uitvoering",
  };
  for (const char* word : whole_words) {
    SCOPED_TRACE(word);
    EXPECT_TRUE(parts_of(analyzer_, word).empty());
  }
}

TEST_F(Decompounding, PartsSitAtTheWordsPositionWithTheirOwnByteRange) {
  const std::vector<Token> tokens = analyzer_.analyze("aanpak van energiearmoede");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[2].term, "energiearmoede");
  EXPECT_EQ(tokens[3].term, "energie");
  EXPECT_EQ(tokens[4].term, "armoede");
  EXPECT_EQ(tokens[3].position, 2u);
  EXPECT_EQ(tokens[4].position, 2u);
  EXPECT_EQ(tokens[3].begin, 11u);
  EXPECT_EQ(tokens[3].end, 18u);
  EXPECT_EQ(tokens[4].begin, 18u);
  EXPECT_EQ(tokens[4].end, 25u);
}

TEST_F(Decompounding, ByteRangesOfPartsFollowTheSourceThroughFolding) {
  // "coöperatie" folds to "cooperatie": the parts' ranges still cover the two-byte "ö".
  const std::string text = "coöperatieleden";
  std::vector<std::string> written_parts;
  for (const Token& token : analyzer_.analyze(text)) {
    if (token.role == TokenRole::kPart) {
      written_parts.push_back(text.substr(token.begin, token.end - token.begin));
    }
  }
  EXPECT_EQ(written_parts, (std::vector<std::string>{"coöperatie", "leden"}));
}

TEST_F(Decompounding, CanBeSwitchedOff) {
  Analyzer plain(testing::shared_analyzer_data(), {.decompound = false, .decompounding = {}});
  EXPECT_TRUE(parts_of(plain, "energiearmoede").empty());
}

}  // namespace
}  // namespace dealsearch::analyzers
