// QueryBuilder: the search box's language, pinned on Xapian's query descriptions, and what
// each query finds in the indexed seed corpus.
#include "searcher/query_builder.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <nlohmann/json.hpp>
#include <set>

#include "analyzers/error.h"
#include "searcher/index_reader.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/corpus_index.h"
#include "tests/support/test_files.h"

namespace dealsearch::searcher {
namespace {

class QueryBuilderTest : public ::testing::Test {
 protected:
  std::string describe(std::string_view text) {
    return builder_.build(text).strict.get_description();
  }

  analyzers::Analyzer analyzer_{testing::shared_analyzer_data()};
  QueryBuilder builder_{analyzer_};
};

struct DescriptionCase {
  const char* typed;
  const char* description;
};

TEST_F(QueryBuilderTest, ReadsTheSearchBoxLanguage) {
  const DescriptionCase cases[] = {
      {"fiets", "Query((fiets OR 0.75 * Zfiet OR 0.5 * XCfiets OR 0.375 * ZXCfiet))"},
      {"de fiets",  // stopwords are dropped
       "Query((fiets OR 0.75 * Zfiet OR 0.5 * XCfiets OR 0.375 * ZXCfiet))"},
      {"\"fietsen voor iedereen\"", "Query((fietsen PHRASE 3 voor PHRASE 3 iedereen))"},
      {"energ*", "Query(WILDCARD SYNONYM energ)"},
      {"fiets -auto",
       "Query(((fiets OR 0.75 * Zfiet OR 0.5 * XCfiets OR 0.375 * ZXCfiet) AND_NOT (auto OR 0.75 * "
       "Zauto OR 0.5 * XCauto OR 0.375 * ZXCauto)))"},
      {"fiets OR auto",
       "Query(((fiets OR 0.75 * Zfiet OR 0.5 * XCfiets OR 0.375 * ZXCfiet) OR (auto OR 0.75 * "
       "Zauto OR 0.5 * XCauto OR 0.375 * ZXCauto)))"},
  };
  for (const DescriptionCase& c : cases) {
    SCOPED_TRACE(c.typed);
    EXPECT_EQ(describe(c.typed), c.description);
  }
}

TEST_F(QueryBuilderTest, NothingTypedIsNeverAnError) {
  for (const char* typed : {"", "   ", "\"", "\"fietsen", "-", "OR", "OR OR", "* ", "--x", "\"\"",
                            "-\"", "fiets OR", "a*", "\xFF\xFE"}) {
    SCOPED_TRACE(typed);
    EXPECT_NO_THROW((void)builder_.build(typed));
  }
  EXPECT_TRUE(builder_.build("").match_all);
  EXPECT_TRUE(builder_.build("-fiets").match_all);
  EXPECT_FALSE(builder_.build("de").match_all) << "a query of stopwords only searches them";
}

// What the queries find in the ten seed deals, indexed for real.
class QueriesOnTheCorpus : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new testing::TemporaryDirectory();
    testing::build_corpus_index(directory_->path() / "index");
  }
  static void TearDownTestSuite() { delete directory_; }

  std::set<std::string> find(std::string_view typed, bool relaxed = false) {
    const Xapian::Database db = open_index(directory_->path() / "index", analyzer_.fingerprint());
    Xapian::Enquire enquire(db);
    const BuiltQuery query = builder_.build(typed);
    enquire.set_query(relaxed ? query.relaxed : query.strict);
    std::set<std::string> ids;
    const Xapian::MSet matches = enquire.get_mset(0, 20);
    for (auto match = matches.begin(); match != matches.end(); ++match) {
      ids.insert(stored_fields(match.get_document().get_data())["id"].get<std::string>());
    }
    return ids;
  }

  static testing::TemporaryDirectory* directory_;
  analyzers::Analyzer analyzer_{testing::shared_analyzer_data()};
  QueryBuilder builder_{analyzer_};
};

testing::TemporaryDirectory* QueriesOnTheCorpus::directory_ = nullptr;

const std::set<std::string> kEnergiekeWijken = {"energieke-wijken-duurzaam-en-sociaal"};

TEST_F(QueriesOnTheCorpus, CompoundsAndTheirPartsMeetBothWays) {
  EXPECT_EQ(find("energiearmoede"), kEnergiekeWijken);
  EXPECT_EQ(find("armoede"), kEnergiekeWijken);
  EXPECT_EQ(find("energie-armoede"), kEnergiekeWijken);
  EXPECT_EQ(find("Energiearmoede"), kEnergiekeWijken);
  EXPECT_TRUE(find("vastgoedeigenaren").contains("dynamische-binnensteden-regie-op-transformatie"))
      << "the text says 'eigenaren van vastgoed'";
}

TEST_F(QueriesOnTheCorpus, StemsAndFoldingMeet) {
  EXPECT_TRUE(find("fiets").contains("fietsen-voor-iedereen"));
  EXPECT_TRUE(find("kind").contains("fietsen-voor-iedereen")) << "the text says 'kinderen'";
  EXPECT_EQ(find("creeren"), find("creëren"));
  EXPECT_FALSE(find("creeren").empty());
}

TEST_F(QueriesOnTheCorpus, PhrasesExclusionsAndOr) {
  EXPECT_EQ(find("\"fietsen voor iedereen\""), std::set<std::string>{"fietsen-voor-iedereen"});
  EXPECT_TRUE(find("\"iedereen voor fietsen\"").empty());
  const std::set<std::string> maatwerk = find("maatwerk");
  EXPECT_TRUE(maatwerk.contains("slim-maatwerk"));
  EXPECT_FALSE(find("maatwerk -digitalisering").contains("slim-maatwerk"));
  const std::set<std::string> either = find("cybercrime OR voedselomgeving");
  EXPECT_TRUE(either.contains("lokale-weerbaarheid-cybercrime"));
  EXPECT_TRUE(either.contains("gezonde-en-duurzame-voedselomgeving"));
}

TEST_F(QueriesOnTheCorpus, PrefixesAndRelaxedQueries) {
  EXPECT_TRUE(find("cyberweer*").contains("lokale-weerbaarheid-cybercrime"));
  EXPECT_TRUE(find("fietsen xyzzyplugh").empty());
  EXPECT_TRUE(find("fietsen xyzzyplugh", true).contains("fietsen-voor-iedereen"));
}

TEST(IndexReader, RefusesAnIndexOfAnotherAnalyzerAndSaysToReindex) {
  testing::TemporaryDirectory directory;
  {
    Xapian::WritableDatabase db((directory.path() / "db").string(), Xapian::DB_CREATE);
    db.set_metadata("dealsearch.schema", "1");
    db.set_metadata("dealsearch.analyzer", "nl-0;stemmer=dutch");
    db.commit();
  }
  try {
    (void)open_index(directory.path() / "db", "nl-1;stemmer=dutch");
    FAIL() << "opened an index of another analyzer";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kSchemaMismatch);
    EXPECT_NE(std::string(error.what()).find("re-index"), std::string::npos);
  }
  try {
    (void)open_index(directory.path() / "missing", "nl-1");
    FAIL() << "opened a missing index";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kIndex);
    EXPECT_NE(std::string(error.what()).find("dealsearch index"), std::string::npos);
  }
}

}  // namespace
}  // namespace dealsearch::searcher
