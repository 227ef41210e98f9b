// Compounds over a few hand-written deals, indexed for real: a compound finds the deals that
// hold it, or its parts close together; its parts scattered over a deal answer only as a
// fallback; a frequent word's own deals come before those of its compounds.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "searcher/search.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/corpus_index.h"
#include "tests/support/search_hits.h"
#include "tests/support/test_files.h"

namespace dealsearch::searcher {
namespace {

using testing::hit_id_set;
using testing::hit_ids;

// `count` words, none a part of a compound searched below.
std::string filler(size_t count) {
  static const std::vector<std::string> kWords = {"de",      "partners", "werken",   "samen",
                                                  "aan",     "plannen",  "voor",     "bewoners",
                                                  "scholen", "en",       "bedrijven"};
  std::string text;
  for (size_t i = 0; i < count; ++i) {
    text += (text.empty() ? "" : " ") + kWords[i % kWords.size()];
  }
  return text;
}

// The deals, {title, text}; a deal's id is its title's slug.
std::vector<std::pair<std::string, std::string>> deals() {
  const size_t kBetween = QueryBuilder::kNearWindow - 2;  // words between parts still near
  std::vector<std::pair<std::string, std::string>> made = {
      {"Warme huizen", "De gemeente bestrijdt energiearmoede in oude wijken met isolatie."},
      {"Betaalbare rekeningen",  // the parts the other way round, five words apart
       "Veel huishoudens leven in armoede op het gebied van energie en krijgen hulp."},
      {"Los geschreven", "Samen tegen energie armoede in de stad."},
      {"Koppelteken", "Wij pakken energie-armoede aan met de buurt."},
      {"Net binnen", "Dure energie " + filler(kBetween) + " armoede."},
      {"Net buiten", "Dure energie " + filler(kBetween + 1) + " armoede."},
      {"Verspreid",  // each pair of parts thirty words apart
       "Deze deal gaat over energie en aardgas. " + filler(30) +
           ". Ook armoede komt ter sprake, en de vraag wie betaalt."},
      {"Binnenstad", "De eigenaar van vastgoed in de binnenstad denkt mee over leegstand."},
      {"Hulp bij schulden", "Wie schulden heeft, krijgt hier gratis hulp van vrijwilligers."},
  };
  // "water" is a word of half the deals, and a part of "drinkwater" in two that say it often.
  for (const char* place : {"Almere", "Breda", "Delft", "Ede", "Gouda", "Hoorn", "Leiden", "Venlo",
                            "Zwolle", "Emmen"}) {
    made.push_back(
        {std::string("Groen in ") + place,
         "In " + std::string(place) + " zorgen de partners voor schoon water. " + filler(12)});
  }
  for (const char* place : {"Assen", "Urk"}) {
    made.push_back({std::string("Kraan in ") + place,
                    "Drinkwater uit de kraan: drinkwater thuis, drinkwater op school."});
  }
  return made;
}

class Compounds : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new testing::TemporaryDirectory();
    testing::build_index(directory_->path() / "index", deals());
  }
  static void TearDownTestSuite() { delete directory_; }

  SearchResult search(std::string query) {
    SearchRequest request;
    request.query = std::move(query);
    request.size = 50;
    return searcher_.search(request);
  }

  static testing::TemporaryDirectory* directory_;
  Searcher searcher_{open_index(directory_->path() / "index",
                                analyzers::Analyzer(testing::shared_analyzer_data()).fingerprint()),
                     testing::shared_analyzer_data()};
};

testing::TemporaryDirectory* Compounds::directory_ = nullptr;

const std::set<std::string> kAboutEnergiearmoede = {"warme-huizen", "betaalbare-rekeningen",
                                                    "los-geschreven", "koppelteken", "net-binnen"};

TEST_F(Compounds, ACompoundFindsItselfAndItsPartsCloseTogetherInEitherOrder) {
  const SearchResult result = search("energiearmoede");
  EXPECT_FALSE(result.relaxed);
  EXPECT_EQ(hit_id_set(result), kAboutEnergiearmoede);
  EXPECT_EQ(result.total, kAboutEnergiearmoede.size()) << "the total counts what matches";
}

TEST_F(Compounds, PartsFurtherApartThanTheWindowAreNoMatch) {
  const std::set<std::string> found = hit_id_set(search("energiearmoede"));
  EXPECT_TRUE(found.contains("net-binnen"));
  EXPECT_FALSE(found.contains("net-buiten"));
  EXPECT_FALSE(found.contains("verspreid")) << "thirty words apart";
}

TEST_F(Compounds, AHyphenatedCompoundIsTheCompound) {
  EXPECT_EQ(hit_id_set(search("energie-armoede")), kAboutEnergiearmoede);
  EXPECT_EQ(hit_id_set(search("Energie-Armoede")), kAboutEnergiearmoede);
}

TEST_F(Compounds, APartMatchesInAnotherFormOfTheWord) {
  // "De eigenaar van vastgoed": "eigenaar" is the singular of the part "eigenaren".
  for (const char* typed : {"vastgoedeigenaren", "vastgoedeigenaar"}) {
    SCOPED_TRACE(typed);
    const SearchResult result = search(typed);
    EXPECT_FALSE(result.relaxed);
    EXPECT_EQ(hit_id_set(result), std::set<std::string>{"binnenstad"});
  }
}

// Only when nothing holds the compound or its parts close together do its parts anywhere in a
// deal answer, and the result says it is relaxed; before a spelling correction is tried.
TEST_F(Compounds, ScatteredPartsAnswerOnlyWhenNothingElseDoes) {
  const SearchResult result = search("aardgasvraag");
  EXPECT_TRUE(result.relaxed);
  EXPECT_FALSE(result.corrected);
  EXPECT_EQ(hit_ids(result), std::vector<std::string>{"verspreid"});
  EXPECT_EQ(result.total, 1u);
  EXPECT_FALSE(search("energiearmoede").relaxed);
}

// A compound that no deal holds in any way, not even its parts scattered, last finds the
// deals of any of its parts, and of its parts' parts: "schuldhulpbureau" is "schuldhulp" and
// "bureau", and "schuldhulp" is "schuld" and "hulp".
TEST_F(Compounds, LastAnyOfItsPartsAnswers) {
  const SearchResult result = search("schuldhulpbureau");
  EXPECT_TRUE(result.relaxed);
  EXPECT_FALSE(result.corrected);
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(hit_ids(result).front(), "hulp-bij-schulden") << "both parts' parts weigh more";
  EXPECT_TRUE(hit_id_set(result).contains("betaalbare-rekeningen")) << "it says \"hulp\"";
}

TEST_F(Compounds, AQuotedPhraseWrittenApartFindsTheCompound) {
  EXPECT_EQ(hit_id_set(search("\"energie armoede\"")),
            (std::set<std::string>{"warme-huizen", "los-geschreven", "koppelteken"}));
  EXPECT_EQ(hit_id_set(search("\"armoede energie\"")), std::set<std::string>{})
      << "a phrase keeps its order";
}

TEST_F(Compounds, ASinglePartStillFindsItsCompounds) {
  const std::set<std::string> found = hit_id_set(search("armoede"));
  EXPECT_TRUE(found.contains("warme-huizen"));
  EXPECT_TRUE(found.contains("verspreid"));
}

// "water" is in half the deals: its weight is small, and "drinkwater" is rare. Weighed by the
// rarity of the part, the deals that say "drinkwater" three times would come first.
TEST_F(Compounds, AFrequentWordsOwnDealsComeBeforeItsCompounds) {
  const std::vector<std::string> found = hit_ids(search("water"));
  ASSERT_EQ(found.size(), 12u);
  for (size_t i = 0; i < found.size(); ++i) {
    EXPECT_EQ(found[i].starts_with("groen-in-"), i < 10) << i << ": " << found[i];
  }
}

}  // namespace
}  // namespace dealsearch::searcher
