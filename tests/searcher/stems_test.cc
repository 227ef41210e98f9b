// A word and its other forms find each other through their stem, over a few hand-written
// deals indexed for real. A word that is its own stem ("wijk") has no stem term in the index
// (schema::has_stem_term()): its own term stands for the stem, as a word and as a part, and
// every form still finds it.
#include <gtest/gtest.h>
#include <xapian.h>

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analyzers/analyzer.h"
#include "analyzers/schema.h"
#include "searcher/search.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/corpus_index.h"
#include "tests/support/search_hits.h"
#include "tests/support/test_files.h"

namespace dealsearch::searcher {
namespace {

using testing::hit_id_set;

class Stems : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new testing::TemporaryDirectory();
    testing::build_index(directory_->path() / "index",
                         {{"Een wijk", "De gemeente knapt een oude wijk op."},
                          {"Twee wijken", "Bewoners van twee wijken praten mee."},
                          {"Aanpak", "Een wijkaanpak tegen eenzaamheid."},
                          {"Fietsen", "Meer mensen fietsen naar hun werk."}});
  }
  static void TearDownTestSuite() { delete directory_; }

  std::set<std::string> found(std::string query) {
    SearchRequest request;
    request.query = std::move(query);
    request.size = 50;
    const SearchResult result = searcher_.search(request);
    EXPECT_FALSE(result.relaxed) << request.query;
    EXPECT_EQ(result.total, result.hits.size()) << request.query;
    return hit_id_set(result);
  }

  static std::string stem_of(const std::string& word) {
    return analyzer_.analyze(word).front().stem;
  }

  static testing::TemporaryDirectory* directory_;
  static analyzers::Analyzer analyzer_;
  Searcher searcher_{open_index(directory_->path() / "index", analyzer_.fingerprint()),
                     testing::shared_analyzer_data()};
};

testing::TemporaryDirectory* Stems::directory_ = nullptr;
analyzers::Analyzer Stems::analyzer_{testing::shared_analyzer_data()};

TEST_F(Stems, AWordThatIsItsOwnStemHasNoStemTermAndAnotherFormHasOne) {
  ASSERT_EQ(stem_of("wijk"), "wijk");
  ASSERT_EQ(stem_of("wijken"), "wijk");
  ASSERT_NE(stem_of("fietsen"), "fietsen");
  Xapian::Database db((directory_->path() / "index").string());
  const std::string stem_term = std::string(schema::kStem) + "wijk";
  const std::string part_stem_term = std::string(schema::kPartStem) + "wijk";
  EXPECT_EQ(db.get_termfreq(stem_term), 1u) << "only the deal that says 'wijken'";
  EXPECT_EQ(db.get_termfreq(part_stem_term), 0u) << "the part 'wijk' stands for itself";
  EXPECT_EQ(db.get_termfreq(std::string(schema::kPart) + "wijk"), 1u);
  EXPECT_EQ(db.get_termfreq(std::string(schema::kStem) + stem_of("fietsen")), 1u);
}

TEST_F(Stems, EachFormFindsTheOthersAndTheCompoundsTheyArePartOf) {
  const std::set<std::string> all = {"een-wijk", "twee-wijken", "aanpak"};
  EXPECT_EQ(found("wijk"), all);
  EXPECT_EQ(found("wijken"), all);
  EXPECT_EQ(found("Wijk"), all);
  EXPECT_EQ(found("fiets"), std::set<std::string>{"fietsen"});
}

TEST_F(Stems, TheWordAsWrittenRanksFirst) {
  SearchRequest request;
  request.query = "wijken";
  const SearchResult result = searcher_.search(request);
  ASSERT_FALSE(result.hits.empty());
  EXPECT_EQ(result.hits.front().deal.id, "twee-wijken");
  request.query = "wijk";
  EXPECT_EQ(searcher_.search(request).hits.front().deal.id, "een-wijk");
}

}  // namespace
}  // namespace dealsearch::searcher
