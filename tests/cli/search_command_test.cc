// dealsearch search as a user runs it, over the indexed seed corpus.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/run_command.h"
#include "tests/support/test_files.h"

namespace dealsearch {
namespace {

class SearchCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    const testing::RunResult indexed = testing::run_dealsearch("index --quiet --db " + db() + " " +
                                                               DEALSEARCH_SOURCE_DIR "/corpus");
    ASSERT_EQ(indexed.exit_code, 0) << indexed.output;
  }

  std::string db() const { return (temporary_.path() / "index").string(); }
  testing::RunResult search(const std::string& arguments) {
    return testing::run_dealsearch("search --db " + db() + " " + arguments);
  }

  testing::TemporaryDirectory temporary_;
};

TEST_F(SearchCommand, PrintsTheApiJson) {
  const testing::RunResult result = search("--json energiearmoede");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const nlohmann::json json = nlohmann::json::parse(result.output);
  EXPECT_EQ(json["query"], "energiearmoede");
  EXPECT_EQ(json["total"], 1);
  EXPECT_EQ(json["hits"][0]["id"], "energieke-wijken-duurzaam-en-sociaal");
  EXPECT_EQ(json["hits"][0]["title"], "Energieke wijken, duurzaam en sociaal");
  for (const char* field :
       {"page", "size", "took_ms", "relaxed", "corrected", "suggestion", "facets", "index"}) {
    EXPECT_TRUE(json.contains(field)) << field;
  }
  EXPECT_EQ(json["index"]["documents"], 10);
}

TEST_F(SearchCommand, FiltersAndListsReadably) {
  const testing::RunResult result = search("--ministry BZK");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("3 deal(s)"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("Fietsen voor iedereen"), std::string::npos);
}

TEST_F(SearchCommand, BadOptionsAreUsageErrors) {
  for (const char* arguments :
       {"--size 500 fiets", "--size x fiets", "--sort best fiets", "--frobnicate fiets"}) {
    SCOPED_TRACE(arguments);
    const testing::RunResult result = search(arguments);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.output.find("usage: dealsearch search"), std::string::npos);
  }
}

TEST_F(SearchCommand, AWordWithADashIsPartOfTheQueryNotAnOption) {
  const testing::RunResult result = search("--json fietsen -auto");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(nlohmann::json::parse(result.output)["query"], "fietsen -auto");
}

TEST_F(SearchCommand, AMissingIndexSaysHowToBuildIt) {
  const testing::RunResult result =
      testing::run_dealsearch("search --db " + (temporary_.path() / "none").string() + " fiets");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.output.find("dealsearch index"), std::string::npos) << result.output;
}

TEST_F(SearchCommand, ADamagedIndexIsAnErrorThatSaysToRebuildIt) {
  std::ifstream stub(db());
  std::string backend, build;
  stub >> backend >> build;
  for (const char* table : {"docdata.glass", "postlist.glass"}) {
    const std::filesystem::path path = temporary_.path() / build / table;
    const auto size = std::filesystem::file_size(path);
    std::fstream out(path, std::ios::in | std::ios::out | std::ios::binary);
    for (std::uintmax_t i = 0; i < size; ++i) {
      out.put(static_cast<char>((i * 7 + 3) % 256));  // no Xapian table
    }
  }
  const testing::RunResult result = search("fietsen");
  EXPECT_EQ(result.exit_code, 1) << result.output;  // an error, not terminate()
  EXPECT_NE(result.output.find("damaged"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("dealsearch index"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace dealsearch
