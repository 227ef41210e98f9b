// AnalyzerData: data files load folded, and a missing or malformed one is a clear error.
#include "analyzers/analyzer_data.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "analyzers/error.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/test_files.h"

namespace dealsearch::analyzers {
namespace {

namespace fs = std::filesystem;

// A copy of the real data directory in a fresh temporary folder, to break on purpose.
class DataDirectory : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = temporary_.path() / "data";
    fs::copy(DEALSEARCH_SOURCE_DIR "/analyzers/data", dir_);
  }

  // Loads and returns the Error it throws; fails the test if it does not throw.
  Error load_error(const AnalyzerDataPaths& paths) {
    try {
      (void)AnalyzerData::load(paths);
    } catch (const Error& error) {
      return error;
    }
    ADD_FAILURE() << "AnalyzerData::load did not throw";
    return Error(ErrorKind::kBadData, "", "", "");
  }

  testing::TemporaryDirectory temporary_;
  fs::path dir_;
};

TEST_F(DataDirectory, MissingFileSaysWhichAndWhatToDo) {
  fs::remove(dir_ / "stopwords-nl.txt");
  const Error error = load_error({dir_});
  EXPECT_EQ(error.kind(), ErrorKind::kMissingFile);
  EXPECT_NE(std::string(error.what()).find((dir_ / "stopwords-nl.txt").string()),
            std::string::npos);
  EXPECT_NE(std::string(error.what()).find("scripts/serve"), std::string::npos);
}

TEST_F(DataDirectory, MissingWordListNamesTheDebianPackage) {
  const Error error = load_error({dir_, dir_ / "no-such-word-list"});
  EXPECT_EQ(error.kind(), ErrorKind::kMissingFile);
  EXPECT_NE(std::string(error.what()).find("apt-get install wdutch"), std::string::npos);
}

TEST_F(DataDirectory, MalformedLineGivesFileAndLine) {
  std::ofstream(dir_ / "stem-overrides-nl.txt", std::ios::app) << "\nkinderen\n";
  const Error error = load_error({dir_});
  EXPECT_EQ(error.kind(), ErrorKind::kBadData);
  EXPECT_NE(error.where().find("stem-overrides-nl.txt:"), std::string::npos);
  EXPECT_NE(std::string(error.what()).find("'kinderen'"), std::string::npos);
}

TEST_F(DataDirectory, ChangedDataChangesTheFingerprint) {
  const auto before = AnalyzerData::load({dir_});
  std::ofstream(dir_ / "stopwords-nl.txt", std::ios::app) << "\nzulks\n";
  const auto after = AnalyzerData::load({dir_});
  EXPECT_NE(before->fingerprint(), after->fingerprint());
  EXPECT_TRUE(after->is_stopword("zulks"));
  EXPECT_FALSE(before->is_stopword("zulks"));
}

// The lemmatizer looks for an irregular head only among a word's last this-many bytes, so that
// a pasted 1 MB "word" costs what a short one does, and not a million look-ups.
TEST_F(DataDirectory, KnowsTheLongestIrregularForm) {
  const auto before = AnalyzerData::load({dir_});
  EXPECT_GE(before->longest_irregular_form(), std::string_view("kinderen").size());
  EXPECT_LT(before->longest_irregular_form(), 40u);
  std::ofstream(dir_ / "stem-overrides-nl.txt", std::ios::app)
      << "\nhoogleraarsbenoemingsprocedures hoogleraarsbenoemingsprocedure\n";
  EXPECT_EQ(AnalyzerData::load({dir_})->longest_irregular_form(), 31u);
}

TEST(AnalyzerData, FoldsWhatItLoadsAndIgnoresComments) {
  const auto& data = testing::shared_analyzer_data();
  EXPECT_TRUE(data->is_stopword("zo'n"));
  EXPECT_TRUE(data->is_word("creeren"));  // "creëren" in Debian's list
  EXPECT_TRUE(data->is_word("zwolle"));   // proper names are capitalised there
  EXPECT_FALSE(data->is_word(""));
  EXPECT_GT(data->lexicon_size(), 300'000u);
  ASSERT_NE(data->irregular_lemma("kinderen"), nullptr);
  EXPECT_EQ(*data->irregular_lemma("kinderen"), "kind");
}

}  // namespace
}  // namespace dealsearch::analyzers
