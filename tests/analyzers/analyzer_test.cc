// Analyzer: positions, byte ranges, hyphenated words, stopwords and robustness, end to end.
#include "analyzers/analyzer.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <random>
#include <string>
#include <vector>

#include "tests/analyzers/shared_analyzer_data.h"

namespace dealsearch::analyzers {
namespace {

class AnalyzerTest : public ::testing::Test {
 protected:
  // "term@position" for every token, parts marked with "+".
  std::vector<std::string> describe(std::string_view text) {
    std::vector<std::string> described;
    for (const Token& t : analyzer_.analyze(text)) {
      described.push_back((t.role == TokenRole::kPart ? "+" : "") + t.term + "@" +
                          std::to_string(t.position));
    }
    return described;
  }

  const Token& primary(const std::vector<Token>& tokens) {
    EXPECT_FALSE(tokens.empty());
    return tokens.front();
  }

  Analyzer analyzer_{testing::shared_analyzer_data()};
};

TEST_F(AnalyzerTest, GivesEachWordAPositionAndMarksStopwords) {
  const std::vector<Token> tokens = analyzer_.analyze("De City Deal is op 9 oktober ondertekend");
  ASSERT_EQ(tokens.size(), 8u);
  EXPECT_EQ(tokens[0].term, "de");
  EXPECT_TRUE(tokens[0].stopword);
  EXPECT_EQ(tokens[1].term, "city");
  EXPECT_FALSE(tokens[1].stopword);
  EXPECT_EQ(tokens[5].term, "9");
  EXPECT_EQ(tokens[7].position, 7u);
  EXPECT_EQ(tokens[7].begin, 29u);
  EXPECT_EQ(tokens[7].end, 40u);
}

TEST_F(AnalyzerTest, JoinsHyphenatedWordsAndKeepsTheirParts) {
  EXPECT_EQ(describe("Sittard-Geleen"),
            (std::vector<std::string>{"sittardgeleen@0", "+sittard@0", "+geleen@0"}));
  EXPECT_EQ(describe("Súdwest-Fryslân"),
            (std::vector<std::string>{"sudwestfryslan@0", "+sudwest@0", "+fryslan@0"}));
}

TEST_F(AnalyzerTest, WritingACompoundApartOrHyphenatedMeetsTheJoinedForm) {
  const std::vector<Token> joined = analyzer_.analyze("energiearmoede");
  const std::vector<Token> hyphenated = analyzer_.analyze("energie-armoede");
  EXPECT_EQ(primary(hyphenated).term, primary(joined).term);
  EXPECT_EQ(primary(hyphenated).stem, primary(joined).stem);
  // Both carry the parts, so "energie armoede" (two words) finds either.
  EXPECT_EQ(describe("energie-armoede"),
            (std::vector<std::string>{"energiearmoede@0", "+energie@0", "+armoede@0"}));
  EXPECT_EQ(describe("energiearmoede"),
            (std::vector<std::string>{"energiearmoede@0", "+energie@0", "+armoede@0"}));
}

TEST_F(AnalyzerTest, SpellingsOfDenBoschMeet) {
  const std::string expected = primary(analyzer_.analyze("'s-Hertogenbosch")).term;
  EXPECT_EQ(expected, "shertogenbosch");
  EXPECT_EQ(primary(analyzer_.analyze("‘s-Hertogenbosch")).term, expected);
  EXPECT_EQ(primary(analyzer_.analyze("’s-Hertogenbosch")).term, expected);
  EXPECT_EQ(primary(analyzer_.analyze("s-Hertogenbosch")).term, expected);
  EXPECT_EQ(describe("Gemeente ‘s-Hertogenbosch")[3], "+hertogenbosch@1");
}

TEST_F(AnalyzerTest, FoldsDiacriticsTheSameOnBothSides) {
  EXPECT_EQ(primary(analyzer_.analyze("creëren")).term, "creeren");
  EXPECT_EQ(primary(analyzer_.analyze("creeren")).stem, primary(analyzer_.analyze("Creëren")).stem);
  EXPECT_EQ(primary(analyzer_.analyze("Fryslân")).term, primary(analyzer_.analyze("fryslan")).term);
}

TEST_F(AnalyzerTest, KeepsApostropheWordsWhole) {
  EXPECT_EQ(describe("regio’s zo’n"), (std::vector<std::string>{"regio's@0", "zo'n@1"}));
  const std::vector<Token> tokens = analyzer_.analyze("zo’n regio's");
  EXPECT_TRUE(tokens[0].stopword);
  EXPECT_EQ(tokens[1].stem, primary(analyzer_.analyze("regio")).stem);
}

TEST_F(AnalyzerTest, KeepsUrlsAndAddressesWholeAndFindableByTheirNames) {
  EXPECT_EQ(describe("info@agendastad.nl"),
            (std::vector<std::string>{"info@agendastad.nl@0", "+info@0", "+agendastad@0",
                                      "+agenda@0", "+stad@0", "+nl@0"}));
  const std::vector<Token> url = analyzer_.analyze("Zie https://www.AgendaStad.nl/deals.");
  EXPECT_EQ(url[1].term, "https://www.agendastad.nl/deals");
  EXPECT_EQ(url[1].stem, url[1].term);
}

TEST_F(AnalyzerTest, StopwordsAreIndexedSoPhrasesStillFindThem) {
  // The indexer adds every token, stopwords included, at its position; the query builder
  // drops stopwords from plain queries but keeps them inside phrases.
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  for (const Token& t : analyzer_.analyze("De City Deal Fietsen voor iedereen is ondertekend")) {
    doc.add_posting(t.term, t.position + 1);
  }
  db.add_document(doc);

  std::vector<std::string> phrase;
  for (const Token& t : analyzer_.analyze("fietsen voor iedereen")) {
    phrase.push_back(t.term);
  }
  ASSERT_TRUE(analyzer_.analyze("voor")[0].stopword);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, phrase.begin(), phrase.end()));
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 1u);

  std::vector<std::string> wrong_order = {"iedereen", "voor", "fietsen"};
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_PHRASE, wrong_order.begin(), wrong_order.end()));
  EXPECT_EQ(enquire.get_mset(0, 10).size(), 0u);
}

TEST_F(AnalyzerTest, NeverFailsOnArbitraryBytes) {
  std::mt19937 random(20261128);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int round = 0; round < 300; ++round) {
    std::string text(static_cast<size_t>(round % 97), '\0');
    for (char& c : text) {
      c = static_cast<char>(byte(random));
    }
    text += " energie-armoede ‘s- 's www. @ :// -";
    std::vector<Token> tokens;
    ASSERT_NO_THROW(tokens = analyzer_.analyze(text));
    for (const Token& t : tokens) {
      EXPECT_LE(t.begin, t.end);
      EXPECT_LE(t.end, text.size());
      EXPECT_FALSE(t.term.empty());
      EXPECT_FALSE(t.stem.empty());
    }
  }
}

TEST_F(AnalyzerTest, AnalysesWordsTooLongToCacheAlikeEveryTime) {
  // A pasted blob is longer than any word the cache keeps: it is analysed afresh each time,
  // alone, hyphenated, and next to words that are cached.
  const std::string blob(300, 'x');
  const std::string text = "fietsen " + blob + " energie-" + blob + " " + blob;
  const std::vector<std::string> expected = {
      "fietsen@0",  blob + "@1",       "energie" + blob + "@2",
      "+energie@2", "+" + blob + "@2", blob + "@3"};
  for (int round = 0; round < 2; ++round) {
    SCOPED_TRACE(round);
    EXPECT_EQ(describe(text), expected);
    const std::vector<Token> tokens = analyzer_.analyze(text);
    EXPECT_EQ(tokens[1].stem, tokens[5].stem);
    EXPECT_FALSE(tokens[1].stem.empty());
  }
}

TEST_F(AnalyzerTest, FingerprintNamesVersionStemmerOptionsAndData) {
  Analyzer plain(testing::shared_analyzer_data(), {.decompound = false, .decompounding = {}});
  EXPECT_NE(analyzer_.fingerprint(), plain.fingerprint());
  EXPECT_NE(analyzer_.fingerprint().find("stemmer=dutch"), std::string::npos);
  EXPECT_EQ(analyzer_.fingerprint(), Analyzer(testing::shared_analyzer_data()).fingerprint());
}

}  // namespace
}  // namespace dealsearch::analyzers
