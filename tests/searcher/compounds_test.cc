// Compounds over a few hand-written deals, indexed for real: a frequent word's own deals come
// before those of its compounds.
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
  std::vector<std::pair<std::string, std::string>> made;
  // "water" is a word of most deals, and a part of "drinkwater" in two that say it often.
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

// "water" is in most deals: its weight is small, and "drinkwater" is rare. Weighed by the
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
