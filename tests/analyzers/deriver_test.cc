// Deriver: a derived word maps to its source only when the source is a word and no false friend.
#include "analyzers/deriver.h"

#include <gtest/gtest.h>

#include <optional>
#include <span>
#include <string>

#include "tests/analyzers/shared_analyzer_data.h"

namespace dealsearch::analyzers {
namespace {

struct DerivationCase {
  const char* word;
  const char* source;  // nullptr: no rule joins the word to anything
};

class Derivation : public ::testing::Test {
 protected:
  void expect_table(std::span<const DerivationCase> cases) {
    for (const DerivationCase& c : cases) {
      SCOPED_TRACE(c.word);
      const std::optional<std::string> source = deriver_.derived_from(c.word);
      if (c.source == nullptr) {
        EXPECT_EQ(source, std::nullopt);
      } else {
        EXPECT_EQ(source, std::optional<std::string>(c.source));
      }
    }
  }

  Deriver deriver_{*testing::shared_analyzer_data()};
};

TEST_F(Derivation, JoinsAdjectivesAndVerbsToTheirSource) {
  const DerivationCase cases[] = {
      {"economisch", "economie"},        {"technologisch", "technologie"},
      {"ecologisch", "ecologie"},        {"democratisch", "democratie"},
      {"innovatief", "innovatie"},       {"preventief", "preventie"},
      {"participatief", "participatie"}, {"agressief", "agressie"},
      {"digitaliseer", "digitaal"},      {"digitalisering", "digitaal"},
      {"centraliseer", "centraal"},      {"egaliseer", "egaal"},
  };
  expect_table(cases);
}

TEST_F(Derivation, NeverInventsAWord) {
  const DerivationCase cases[] = {
      {"praktisch", nullptr},     // no "praktie"
      {"energetisch", nullptr},   // no "energetie"
      {"logisch", nullptr},       // no "logie"
      {"kwantitatief", nullptr},  // no "kwantitatie"
      {"oceanisch", nullptr},     // "Oceanië" is a name
      {"professionaliseer", nullptr},
  };
  expect_table(cases);
}

TEST_F(Derivation, SkipsFalseFriends) {
  const DerivationCase cases[] = {
      {"positief", nullptr},                         // positive, not a position
      {"initiatief", nullptr},                       // an initiative, not an initiation
      {"transitief", nullptr},                       // not the "energietransitie"
      {"optisch", nullptr},                          // optical, not an option
      {"realiseer", nullptr},                        // to carry out, not about a "reaal" (a coin)
      {"realisering", nullptr}, {"brief", nullptr},  // -ief only after t or s: no "brie"
  };
  expect_table(cases);
}

TEST_F(Derivation, TakesBaseFormsOnly) {
  // The Lemmatizer strips the inflection first; the Deriver sees "economisch".
  const DerivationCase cases[] = {
      {"economische", nullptr},
      {"innovatieve", nullptr},
      {"economie", nullptr},
      {"", nullptr},
  };
  expect_table(cases);
}

}  // namespace
}  // namespace dealsearch::analyzers
