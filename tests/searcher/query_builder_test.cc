// QueryBuilder: the search box's language, pinned on Xapian's query descriptions, and what
// each query finds in the indexed seed corpus.
#include "searcher/query_builder.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "analyzers/error.h"
#include "analyzers/stored_deal.h"
#include "searcher/index_reader.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/corpus_index.h"
#include "tests/support/test_files.h"

namespace dealsearch::searcher {
namespace {

struct DescriptionCase {
  const char* typed;
  const char* description;  // of the strict query
};

class QueryBuilderTest : public ::testing::Test {
 protected:
  QueryBuilderTest() {
    builder_.set_ministries({{"BZK", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"},
                             {"JenV", "Ministerie van Justitie en Veiligheid"},
                             {"OCW", "Ministerie van Onderwijs, Cultuur en Wetenschap"}});
  }

  std::string describe(std::string_view text) {
    return builder_.build(text).strict.get_description();
  }

  void expect_descriptions(std::span<const DescriptionCase> cases) {
    for (const DescriptionCase& c : cases) {
      SCOPED_TRACE(c.typed);
      EXPECT_EQ(describe(c.typed), c.description);
    }
  }

  analyzers::Analyzer analyzer_{testing::shared_analyzer_data()};
  QueryBuilder builder_{analyzer_};
};

TEST_F(QueryBuilderTest, ReadsWordsCompoundsAndHyphens) {
  const DescriptionCase cases[] = {
      {"fiets",  // a word: as written, its stem, as a part of a longer word
       "Query((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)))"},
      {"Fietsen",
       "Query((fietsen OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)))"},
      {"creëren",  // folded
       "Query((creeren OR 0.75 * (Zcreeer SYNONYM creeer) OR 0.5 * (Zcreeer SYNONYM creeer SYNONYM "
       "ZXCcreeer SYNONYM XCcreeer)))"},
      {"energiearmoede",  // a compound: the word, or its parts close together
       "Query(((energiearmoede OR 0.75 * (Zenergiearmoed SYNONYM energiearmoed) OR 0.5 * "
       "(Zenergiearmoed SYNONYM energiearmoed SYNONYM ZXCenergiearmoed SYNONYM XCenergiearmoed)) "
       "OR 0.5 * (energie NEAR 8 armoede)))"},
      {"vastgoedeigenaren",
       "Query(((vastgoedeigenaren OR 0.75 * (Zvastgoedeigenar SYNONYM vastgoedeigenar) OR 0.5 * "
       "(Zvastgoedeigenar SYNONYM vastgoedeigenar SYNONYM ZXCvastgoedeigenar SYNONYM "
       "XCvastgoedeigenar)) OR 0.5 * (vastgoed NEAR 8 eigenaren)))"},
      {"energie-armoede",  // a hyphenated word is the compound
       "Query(((energiearmoede OR 0.75 * (Zenergiearmoed SYNONYM energiearmoed) OR 0.5 * "
       "(Zenergiearmoed SYNONYM energiearmoed SYNONYM ZXCenergiearmoed SYNONYM XCenergiearmoed)) "
       "OR 0.5 * (energie NEAR 8 armoede)))"},
      {"Energie-Armoede",
       "Query(((energiearmoede OR 0.75 * (Zenergiearmoed SYNONYM energiearmoed) OR 0.5 * "
       "(Zenergiearmoed SYNONYM energiearmoed SYNONYM ZXCenergiearmoed SYNONYM XCenergiearmoed)) "
       "OR 0.5 * (energie NEAR 8 armoede)))"},
  };
  expect_descriptions(cases);
}

TEST_F(QueryBuilderTest, ReadsPhrasesAndExclusions) {
  const DescriptionCase cases[] = {
      {"\"fietsen voor iedereen\"",  // a phrase keeps its stopwords
       "Query((fietsen PHRASE 3 voor PHRASE 3 iedereen))"},
      {"\"Fietsen\"",  // a phrase of one word is that word, exactly
       "Query(fietsen)"},
      {"\"energiearmoede in wijken\"", "Query((energiearmoede PHRASE 3 in PHRASE 3 wijken))"},
      {"\"energie armoede\"",  // two words that make a compound: also the compound
       "Query(((energie PHRASE 2 armoede) OR energiearmoede OR energiesarmoede))"},
      {"\"energie armoede in wijken\"",
       "Query(((energie PHRASE 4 armoede PHRASE 4 in PHRASE 4 wijken) OR (energiearmoede PHRASE 3 "
       "in PHRASE 3 wijken) OR (energiesarmoede PHRASE 3 in PHRASE 3 wijken)))"},
      {"\"stad vernieuwing\"",  // with a linking "s" or without
       "Query(((stad PHRASE 2 vernieuwing) OR stadvernieuwing OR stadsvernieuwing))"},
      {"\"energie en armoede\"",  // a stopword is no part
       "Query((energie PHRASE 3 en PHRASE 3 armoede))"},
      {"\"fietsen voor iedereen\" fiets",
       "Query(((fietsen PHRASE 3 voor PHRASE 3 iedereen) AND (fiets OR 0.75 * (Zfiet SYNONYM fiet) "
       "OR 0.5 * "
       "(Zfiet SYNONYM fiet SYNONYM ZXCfiet SYNONYM XCfiet))))"},
      {"-\"fietsen voor iedereen\" fiets",
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) AND_NOT (fietsen PHRASE 3 "
       "voor PHRASE 3 iedereen)))"},
      {"-\"fietsen voor iedereen\"",  // only exclusions: every deal but those
       "Query((<alldocuments> AND_NOT (fietsen PHRASE 3 voor PHRASE 3 iedereen)))"},
      {"fiets -auto",
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) AND_NOT (auto OR 0.75 * (Zauto SYNONYM auto) OR 0.5 * (Zauto SYNONYM auto "
       "SYNONYM ZXCauto SYNONYM XCauto))))"},
      {"-fiets",
       "Query((<alldocuments> AND_NOT (fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet "
       "SYNONYM fiet SYNONYM ZXCfiet SYNONYM XCfiet))))"},
      {"fiets -de",  // an excluded stopword excludes nothing
       "Query((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)))"},
      {"fiets - auto",  // a lone "-" is nothing
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) AND (auto OR 0.75 * (Zauto SYNONYM auto) "
       "OR 0.5 * (Zauto SYNONYM auto SYNONYM ZXCauto SYNONYM XCauto))))"},
      {"fiets --auto",  // "--" is no exclusion
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) AND (auto OR 0.75 * (Zauto SYNONYM auto) "
       "OR 0.5 * (Zauto SYNONYM auto SYNONYM ZXCauto SYNONYM XCauto))))"},
  };
  expect_descriptions(cases);
}

// Where nothing holds a compound or its parts close together, its parts anywhere in a deal.
TEST_F(QueryBuilderTest, ScattersOnlyACompoundsParts) {
  const DescriptionCase cases[] = {
      {"energiearmoede",
       "Query(((energiearmoede OR 0.75 * (Zenergiearmoed SYNONYM energiearmoed) OR 0.5 * "
       "(Zenergiearmoed SYNONYM energiearmoed SYNONYM ZXCenergiearmoed SYNONYM XCenergiearmoed)) "
       "OR 0.5 * ((energie OR 0.75 * (Zenergie SYNONYM energie) OR 0.5 * (Zenergie SYNONYM energie "
       "SYNONYM ZXCenergie SYNONYM XCenergie)) AND (armoede OR 0.75 * (Zarmoed SYNONYM armoed) OR "
       "0.5 * (Zarmoed SYNONYM armoed SYNONYM ZXCarmoed SYNONYM XCarmoed)))))"},
      {"energiearmoede -fiets",
       "Query((((energiearmoede OR 0.75 * (Zenergiearmoed SYNONYM energiearmoed) OR 0.5 * "
       "(Zenergiearmoed SYNONYM energiearmoed SYNONYM ZXCenergiearmoed SYNONYM XCenergiearmoed)) "
       "OR 0.5 * ((energie OR 0.75 * (Zenergie SYNONYM energie) OR 0.5 * (Zenergie SYNONYM energie "
       "SYNONYM ZXCenergie SYNONYM XCenergie)) AND (armoede OR 0.75 * (Zarmoed SYNONYM armoed) OR "
       "0.5 * (Zarmoed SYNONYM armoed SYNONYM ZXCarmoed SYNONYM XCarmoed)))) "
       "AND_NOT (fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet))))"},
      {"fiets OR energiearmoede",
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) OR ((energiearmoede OR "
       "0.75 * (Zenergiearmoed SYNONYM energiearmoed) OR 0.5 * (Zenergiearmoed SYNONYM "
       "energiearmoed SYNONYM ZXCenergiearmoed SYNONYM XCenergiearmoed)) OR 0.5 * "
       "((energie OR 0.75 * (Zenergie SYNONYM energie) OR 0.5 * (Zenergie SYNONYM energie SYNONYM "
       "ZXCenergie SYNONYM XCenergie)) AND (armoede OR 0.75 * (Zarmoed SYNONYM armoed) OR 0.5 * "
       "(Zarmoed SYNONYM armoed SYNONYM ZXCarmoed SYNONYM XCarmoed))))))"},
      {"fiets", ""},  // no compound: nothing to scatter
      {"\"energie armoede\"", ""},
  };
  for (const DescriptionCase& c : cases) {
    SCOPED_TRACE(c.typed);
    const BuiltQuery built = builder_.build(c.typed);
    EXPECT_EQ(built.scattered.empty() ? "" : built.scattered.get_description(), c.description);
  }
}

TEST_F(QueryBuilderTest, NearPartsTakeTheFormsTheIndexHolds) {
  QueryBuilder builder(analyzer_, [](const analyzers::Token& word) {
    return word.term == "eigenaren" ? std::vector<std::string>{"eigenaars", "eigenaar"}
                                    : std::vector<std::string>{};
  });
  EXPECT_EQ(
      builder.build("vastgoedeigenaren").strict.get_description(),
      "Query(((vastgoedeigenaren OR 0.75 * (Zvastgoedeigenar SYNONYM vastgoedeigenar) OR 0.5 * "
      "(Zvastgoedeigenar SYNONYM vastgoedeigenar SYNONYM ZXCvastgoedeigenar SYNONYM "
      "XCvastgoedeigenar)) OR 0.5 * (vastgoed NEAR 8 (eigenaar OR eigenaars OR eigenaren))))");
}

// With other words, a compound's two ways to match are two branches, each an AND, so that
// Xapian checks the parts' positions only in the deals that hold the other words too.
TEST_F(QueryBuilderTest, SpellsOutACompoundsTwoWaysBesideOtherWords) {
  EXPECT_EQ(describe("energiearmoede fiets"),
            "Query((((energiearmoede OR 0.75 * (Zenergiearmoed SYNONYM energiearmoed) OR 0.5 * "
            "(Zenergiearmoed SYNONYM energiearmoed SYNONYM ZXCenergiearmoed SYNONYM "
            "XCenergiearmoed)) AND (fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM "
            "fiet SYNONYM ZXCfiet SYNONYM XCfiet))) OR "
            "((0.5 * (energie NEAR 8 armoede) AND (fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * "
            "(Zfiet SYNONYM fiet SYNONYM ZXCfiet SYNONYM XCfiet))) AND_NOT (energiearmoede OR 0.75 "
            "* (Zenergiearmoed SYNONYM energiearmoed) OR 0.5 * (Zenergiearmoed SYNONYM "
            "energiearmoed SYNONYM ZXCenergiearmoed SYNONYM XCenergiearmoed)))))");
}

// A theme's keyword also finds the deals of its theme, ranked by the theme's keywords, in
// `related`; a query without a keyword has none.
TEST_F(QueryBuilderTest, RelatesAThemesKeywordToItsTheme) {
  builder_.set_themes({{"mobiliteit", {"fiets", "wandelen"}}});
  EXPECT_EQ(builder_.build("wandelen").related.get_description(),
            "Query(((wandelen OR 0.75 * (Zwandel SYNONYM wandel) OR 0.5 * (Zwandel SYNONYM wandel "
            "SYNONYM ZXCwandel SYNONYM XCwandel)) OR (0.25 * "
            "((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
            "SYNONYM XCfiet)) OR (wandelen OR 0.75 * (Zwandel SYNONYM wandel) OR 0.5 * (Zwandel "
            "SYNONYM wandel SYNONYM ZXCwandel SYNONYM XCwandel))) FILTER XTHEMEmobiliteit)))");
  EXPECT_TRUE(builder_.build("armoede").related.empty());
  EXPECT_FALSE(builder_.build("Fietsen armoede").related.empty()) << "by the keyword's stem";
}

TEST_F(QueryBuilderTest, DropsStopwordsUnlessNothingElseIsTyped) {
  const DescriptionCase cases[] = {
      {"de fiets",
       "Query((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)))"},
      {"fiets de",
       "Query((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)))"},
      {"de",  // a query of stopwords only searches them
       "Query((de OR 0.75 * Zde OR 0.5 * (Zde SYNONYM ZXCde)))"},
      {"zo'n", "Query((zo'n OR 0.75 * Zzo'n OR 0.5 * (Zzo'n SYNONYM ZXCzo'n)))"},
      {"de -fiets",
       "Query(((de OR 0.75 * Zde OR 0.5 * (Zde SYNONYM ZXCde)) AND_NOT (fiets OR 0.75 * (Zfiet "
       "SYNONYM fiet) OR "
       "0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet SYNONYM XCfiet))))"},
      {"de \"fietsen voor iedereen\"",  // a phrase is something else
       "Query((fietsen PHRASE 3 voor PHRASE 3 iedereen))"},
      {"\"de\"", "Query(de)"},
      {"de energ*",  // so is a prefix
       "Query(WILDCARD SYNONYM energ)"},
  };
  expect_descriptions(cases);
}

TEST_F(QueryBuilderTest, OrBindsTheClausesNextToIt) {
  const DescriptionCase cases[] = {
      {"fiets OR auto",
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) OR (auto OR 0.75 * (Zauto SYNONYM auto) "
       "OR 0.5 * (Zauto SYNONYM auto SYNONYM ZXCauto SYNONYM XCauto))))"},
      {"fiets OR auto OR bus",
       "Query((((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) OR (auto OR 0.75 * (Zauto SYNONYM auto) "
       "OR 0.5 * (Zauto SYNONYM auto SYNONYM ZXCauto SYNONYM XCauto))) OR (bus OR 0.75 * (Zbus "
       "SYNONYM bus) OR 0.5 * (Zbus SYNONYM bus SYNONYM ZXCbus SYNONYM XCbus))))"},
      {"fiets auto OR bus",  // fiets AND (auto OR bus)
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) AND ((auto OR 0.75 * (Zauto SYNONYM auto) "
       "OR 0.5 * (Zauto SYNONYM auto SYNONYM ZXCauto SYNONYM XCauto)) OR (bus OR 0.75 * (Zbus "
       "SYNONYM bus) OR 0.5 * (Zbus SYNONYM bus SYNONYM ZXCbus SYNONYM XCbus)))))"},
      {"fiets OR auto bus",  // (fiets OR auto) AND bus
       "Query((((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) OR (auto OR 0.75 * (Zauto SYNONYM auto) "
       "OR 0.5 * (Zauto SYNONYM auto SYNONYM ZXCauto SYNONYM XCauto))) AND (bus OR 0.75 * (Zbus "
       "SYNONYM bus) OR 0.5 * (Zbus SYNONYM bus SYNONYM ZXCbus SYNONYM XCbus))))"},
      {"OR fiets",  // an OR with nothing before it is ignored
       "Query((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)))"},
      {"fiets OR",  // an OR with nothing after it is ignored
       "Query((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)))"},
      {"OR", "Query(<alldocuments>)"},
      {"fiets OR OR auto",
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) OR (auto OR 0.75 * (Zauto SYNONYM auto) "
       "OR 0.5 * (Zauto SYNONYM auto SYNONYM ZXCauto SYNONYM XCauto))))"},
      {"fiets or auto",  // only a capital OR is the operator
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) AND (or OR 0.75 * (Zor SYNONYM or) OR "
       "0.5 * (Zor SYNONYM or SYNONYM ZXCor SYNONYM XCor)) AND (auto OR 0.75 * (Zauto SYNONYM "
       "auto) OR 0.5 * (Zauto SYNONYM auto SYNONYM ZXCauto SYNONYM XCauto))))"},
      {"fiets OR -auto",  // an exclusion is never OR-ed
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) AND_NOT (auto OR 0.75 * (Zauto SYNONYM auto) OR 0.5 * (Zauto SYNONYM auto "
       "SYNONYM ZXCauto SYNONYM XCauto))))"},
      {"fiets OR \"voor iedereen\"",
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) OR (voor PHRASE 2 "
       "iedereen)))"},
      {"fiets OR energ*",
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) OR WILDCARD SYNONYM "
       "energ))"},
  };
  expect_descriptions(cases);
}

TEST_F(QueryBuilderTest, ReadsPrefixesOfThreeLettersOrMore) {
  const DescriptionCase cases[] = {
      {"energ*", "Query(WILDCARD SYNONYM energ)"},
      {"ene*", "Query(WILDCARD SYNONYM ene)"},
      {"en*",  // too short for a prefix: the word
       "Query((en OR 0.75 * Zen OR 0.5 * (Zen SYNONYM ZXCen)))"},
      {"Énerg*",  // folded
       "Query(WILDCARD SYNONYM energ)"},
      {"energ* armoede",
       "Query((WILDCARD SYNONYM energ AND (armoede OR 0.75 * (Zarmoed SYNONYM armoed) OR 0.5 * "
       "(Zarmoed SYNONYM armoed SYNONYM ZXCarmoed SYNONYM XCarmoed))))"},
      {"-energ* armoede",
       "Query(((armoede OR 0.75 * (Zarmoed SYNONYM armoed) OR 0.5 * (Zarmoed SYNONYM armoed "
       "SYNONYM ZXCarmoed SYNONYM XCarmoed)) AND_NOT WILDCARD "
       "SYNONYM energ))"},
  };
  expect_descriptions(cases);
}

TEST_F(QueryBuilderTest, ReadsAMinistryByItsCodeOrFullName) {
  const DescriptionCase cases[] = {
      {"JenV",  // a code also stands for the ministry's boolean term
       "Query(((jenv OR 0.75 * (Zjenv SYNONYM jenv) OR 0.5 * (Zjenv SYNONYM jenv SYNONYM ZXCjenv "
       "SYNONYM XCjenv)) OR XMINJenV))"},
      {"jenv",
       "Query(((jenv OR 0.75 * (Zjenv SYNONYM jenv) OR 0.5 * (Zjenv SYNONYM jenv SYNONYM ZXCjenv "
       "SYNONYM XCjenv)) OR XMINJenV))"},
      {"-JenV fiets",
       "Query(((fiets OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)) AND_NOT ((jenv OR 0.75 * (Zjenv SYNONYM jenv) OR 0.5 * (Zjenv SYNONYM "
       "jenv SYNONYM ZXCjenv SYNONYM XCjenv)) OR XMINJenV)))"},
      {"Justitie en Veiligheid",  // a full name: the name as a phrase, or the code
       "Query(((justitie PHRASE 3 en PHRASE 3 veiligheid) OR ((jenv OR 0.75 * (Zjenv SYNONYM jenv) "
       "OR 0.5 * "
       "(Zjenv SYNONYM jenv SYNONYM ZXCjenv SYNONYM XCjenv)) OR XMINJenV)))"},
      {"ministerie van justitie en veiligheid",
       "Query(((ministerie PHRASE 5 van PHRASE 5 justitie PHRASE 5 en PHRASE 5 veiligheid) OR "
       "((jenv OR 0.75 * (Zjenv SYNONYM jenv) OR 0.5 * (Zjenv SYNONYM jenv SYNONYM ZXCjenv SYNONYM "
       "XCjenv)) OR XMINJenV)))"},
      {"Het Ministerie van Justitie en Veiligheid",
       "Query(((ministerie PHRASE 5 van PHRASE 5 justitie PHRASE 5 en PHRASE 5 veiligheid) OR "
       "((jenv OR 0.75 * (Zjenv SYNONYM jenv) OR 0.5 * (Zjenv SYNONYM jenv SYNONYM ZXCjenv SYNONYM "
       "XCjenv)) OR XMINJenV)))"},
      {"Onderwijs, Cultuur en Wetenschap",
       "Query(((onderwijs PHRASE 4 cultuur PHRASE 4 en PHRASE 4 wetenschap) OR ((ocw OR 0.75 * "
       "(Zocw SYNONYM ocw) OR 0.5 * (Zocw SYNONYM ocw SYNONYM ZXCocw SYNONYM XCocw)) OR "
       "XMINOCW)))"},
      {"onderwijs cultuur en wetenschap",  // the name's commas may be left out
       "Query(((onderwijs PHRASE 4 cultuur PHRASE 4 en PHRASE 4 wetenschap) OR ((ocw OR 0.75 * "
       "(Zocw SYNONYM ocw) OR 0.5 * (Zocw SYNONYM ocw SYNONYM ZXCocw SYNONYM XCocw)) OR "
       "XMINOCW)))"},
      {"\"justitie en veiligheid\"",  // inside quotes a name is only a phrase
       "Query((justitie PHRASE 3 en PHRASE 3 veiligheid))"},
      {"\"Justitie en Veiligheid\" JenV",
       "Query(((justitie PHRASE 3 en PHRASE 3 veiligheid) AND ((jenv OR 0.75 * (Zjenv SYNONYM "
       "jenv) OR 0.5 * "
       "(Zjenv SYNONYM jenv SYNONYM ZXCjenv SYNONYM XCjenv)) OR XMINJenV)))"},
      {"fietsen OR cybercrime JenV",  // (fietsen OR cybercrime) AND JenV
       "Query((((fietsen OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM "
       "ZXCfiet SYNONYM XCfiet)) OR ((cybercrime OR 0.75 * (Zcybercrim SYNONYM cybercrim) OR 0.5 * "
       "(Zcybercrim SYNONYM cybercrim SYNONYM ZXCcybercrim SYNONYM XCcybercrim)) OR 0.5 * (cyber "
       "NEAR 8 crime))) "
       "AND ((jenv OR 0.75 * (Zjenv SYNONYM jenv) OR 0.5 * (Zjenv SYNONYM jenv SYNONYM ZXCjenv "
       "SYNONYM XCjenv)) OR XMINJenV)))"},
      {"fietsen OR cybercrime Justitie en Veiligheid",  // the same with the full name
       "Query((((fietsen OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM "
       "ZXCfiet SYNONYM XCfiet)) OR ((cybercrime OR 0.75 * (Zcybercrim SYNONYM cybercrim) OR 0.5 * "
       "(Zcybercrim SYNONYM cybercrim SYNONYM ZXCcybercrim SYNONYM XCcybercrim)) OR 0.5 * (cyber "
       "NEAR 8 crime))) "
       "AND ((justitie PHRASE 3 en PHRASE 3 veiligheid) OR ((jenv OR 0.75 * (Zjenv SYNONYM jenv) "
       "OR 0.5 * (Zjenv SYNONYM jenv SYNONYM ZXCjenv SYNONYM XCjenv)) OR XMINJenV))))"},
      {"cybercrime OR Justitie en Veiligheid",  // an OR before a name takes the whole name
       "Query((((cybercrime OR 0.75 * (Zcybercrim SYNONYM cybercrim) OR 0.5 * (Zcybercrim SYNONYM "
       "cybercrim SYNONYM ZXCcybercrim SYNONYM XCcybercrim)) OR "
       "0.5 * (cyber NEAR 8 crime)) OR ((justitie PHRASE 3 en PHRASE 3 veiligheid) OR ((jenv OR "
       "0.75 * (Zjenv SYNONYM jenv) OR 0.5 * (Zjenv SYNONYM jenv SYNONYM ZXCjenv SYNONYM XCjenv)) "
       "OR XMINJenV))))"},
      {"-Justitie en Veiligheid fietsen",  // so does a "-"
       "Query(((fietsen OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM "
       "ZXCfiet SYNONYM XCfiet)) AND_NOT ((justitie "
       "PHRASE 3 en PHRASE 3 veiligheid) OR ((jenv OR 0.75 * (Zjenv SYNONYM jenv) OR 0.5 * (Zjenv "
       "SYNONYM jenv SYNONYM ZXCjenv SYNONYM XCjenv)) OR XMINJenV))))"},
      {"justitie OR en veiligheid",  // an operator inside the words: no name
       "Query(((justitie OR 0.75 * (Zjustitie SYNONYM justitie) OR 0.5 * (Zjustitie SYNONYM "
       "justitie SYNONYM ZXCjustitie SYNONYM XCjustitie)) AND "
       "(veiligheid OR 0.75 * (Zveilig SYNONYM veilig) OR 0.5 * (Zveilig SYNONYM veilig SYNONYM "
       "ZXCveilig SYNONYM XCveilig))))"},
      {"justitie en veiligheid*",
       "Query(((justitie OR 0.75 * (Zjustitie SYNONYM justitie) OR 0.5 * (Zjustitie SYNONYM "
       "justitie SYNONYM ZXCjustitie SYNONYM XCjustitie)) AND "
       "WILDCARD SYNONYM veiligheid))"},
  };
  expect_descriptions(cases);
}

TEST_F(QueryBuilderTest, ReadsUnbalancedQuotesAsCharacters) {
  const DescriptionCase cases[] = {
      {"\"fietsen voor",
       "Query((fietsen OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM ZXCfiet "
       "SYNONYM XCfiet)))"},
      {"fietsen \"voor iedereen",
       "Query(((fietsen OR 0.75 * (Zfiet SYNONYM fiet) OR 0.5 * (Zfiet SYNONYM fiet SYNONYM "
       "ZXCfiet SYNONYM XCfiet)) AND (iedereen OR 0.75 * "
       "Ziederen OR 0.5 * (Ziederen SYNONYM ZXCiederen))))"},
      {"\"justitie en veiligheid",  // not quoted: the name
       "Query(((justitie PHRASE 3 en PHRASE 3 veiligheid) OR ((jenv OR 0.75 * (Zjenv SYNONYM jenv) "
       "OR 0.5 * "
       "(Zjenv SYNONYM jenv SYNONYM ZXCjenv SYNONYM XCjenv)) OR XMINJenV)))"},
      {"\"\"", "Query(<alldocuments>)"},
      {"-", "Query(<alldocuments>)"},
      {"-\"", "Query(<alldocuments>)"},
      {"*", "Query(<alldocuments>)"},
  };
  expect_descriptions(cases);
}

// A speller that knows a few typos, as a spelling table would.
std::string fake_speller(const std::string& term) {
  static const std::map<std::string, std::string> kCorrections = {
      {"fietsenn", "fietsen"},       {"iedereenn", "iedereen"},
      {"cybercrimee", "cybercrime"}, {"energiearmoed", "energiearmoede"},
      {"veiligheidd", "veiligheid"}, {"creeeren", "creeren"}};
  const auto found = kCorrections.find(term);
  return found == kCorrections.end() ? std::string() : found->second;
}

struct CorrectionCase {
  const char* typed;
  const char* corrected;  // "": no correction
};

// A correction replaces only the misspelt words of what was typed; building it again keeps
// every operator. An excluded word is left as typed: a word no deal has excludes nothing, so
// correcting it could never find more deals, only drop some on a guess.
TEST_F(QueryBuilderTest, CorrectsOnlyTheMisspeltWordsAndKeepsTheOperators) {
  const CorrectionCase cases[] = {
      {"fietsenn", "fietsen"},
      {"Fietsenn", "fietsen"},  // the spelling table's form
      {"fietsen", ""},
      {"fietsenn -iedereen", "fietsen -iedereen"},
      {"fietsenn -iedereenn", "fietsen -iedereenn"},  // an exclusion is not corrected
      {"-fietsenn", ""},
      {"fietsenn OR cybercrimee", "fietsen OR cybercrime"},
      {"\"fietsenn voor iedereenn\"", "\"fietsen voor iedereen\""},  // inside a phrase
      {"-\"fietsenn voor iedereen\"", ""},
      {"fietsenn*", ""},  // a prefix is never corrected
      {"fietsenn energ*", "fietsen energ*"},
      {"energie-armoed", "energiearmoede"},  // the hyphenated word as one
      {"fietsenn, iedereenn!", "fietsen, iedereen!"},
      {"creëeren  en   fietsenn", "creeren  en   fietsen"},
      {"  fietsenn ", "  fietsen "},
      {"justitie en veiligheidd", "justitie en veiligheid"},
  };
  for (const CorrectionCase& c : cases) {
    SCOPED_TRACE(c.typed);
    const std::optional<std::string> corrected =
        corrected_text(builder_.build(c.typed), fake_speller);
    EXPECT_EQ(corrected.value_or(""), c.corrected);
  }
  // The corrected name of a ministry is the ministry again.
  EXPECT_EQ(describe(*corrected_text(builder_.build("justitie en veiligheidd"), fake_speller)),
            describe("Justitie en Veiligheid"));
}

TEST_F(QueryBuilderTest, AsksTheSpellerOnlyAboutWordsItMayReplace) {
  std::vector<std::string> asked;
  const Speller speller = [&](const std::string& term) {
    asked.push_back(term);
    return std::string("x");
  };
  for (const char* typed : {"-fiets", "energ*", "JenV", "Justitie en Veiligheid", "de", "zo'n",
                            "-\"fietsen voor iedereen\"", "OR", "-"}) {
    SCOPED_TRACE(typed);
    asked.clear();
    EXPECT_FALSE(corrected_text(builder_.build(typed), speller).has_value());
    EXPECT_EQ(asked, std::vector<std::string>{});
  }
  asked.clear();
  EXPECT_EQ(corrected_text(builder_.build("de \"fietsen voor iedereen\" -auto"), speller),
            "de \"x voor x\" -auto");
  EXPECT_EQ(asked, (std::vector<std::string>{"fietsen", "iedereen"}));
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
    const Xapian::Database db =
        open_index(directory_->path() / "index", analyzer_.fingerprint()).database();
    Xapian::Enquire enquire(db);
    const BuiltQuery query = builder_.build(typed);
    enquire.set_query(relaxed ? query.relaxed : query.strict);
    std::set<std::string> ids;
    const Xapian::MSet matches = enquire.get_mset(0, 20);
    for (auto match = matches.begin(); match != matches.end(); ++match) {
      ids.insert(schema::decode_stored_deal(match.get_document().get_data()).value().id);
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
