// Word forms: where a word's forms begin, and which words of an index are its forms.
#include "searcher/word_forms.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "tests/analyzers/shared_analyzer_data.h"

namespace dealsearch::searcher {
namespace {

class WordForms : public ::testing::Test {
 protected:
  analyzers::Token word(const std::string& text) { return analyzer_.analyze(text).front(); }

  analyzers::Analyzer analyzer_{testing::shared_analyzer_data()};
};

TEST_F(WordForms, BeginBeforeTheLastVowelsTheStemKeeps) {
  const struct {
    const char* word;
    const char* prefix;
  } cases[] = {
      {"eigenaren", "eigen"},  // stem "eigenar": "eigenaar" doubles its a
      {"eigenaar", "eigen"},   // the same stem
      {"energie", "energ"},    // "energieen"
      {"armoede", "arm"},      // "armoedes"
      {"stad", "st"},          // "steden"
      {"steden", "st"},        // stem "stad"
      {"kind", "ki"},          // at least two letters
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.word);
    EXPECT_EQ(form_prefix(word(c.word)), c.prefix);
  }
}

TEST_F(WordForms, BeginNarrowFirst) {
  EXPECT_EQ(form_prefixes(word("schuld")), (std::vector<std::string>{"schuld", "schuuld", "sch"}));
  EXPECT_EQ(form_prefixes(word("eigenaren")),
            (std::vector<std::string>{"eigenar", "eigenaar", "eigen"}));
  EXPECT_EQ(form_prefixes(word("energie")), (std::vector<std::string>{"energie", "energ"}));
}

// However many words of a short beginning the index holds ("sch..."), the regular forms are
// found: they begin with what the word shares with its stem.
TEST_F(WordForms, AreFoundAmongManyWordsOfTheSameBeginning) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  Xapian::termpos position = 0;
  for (size_t i = 0; i < 2 * kMaxScannedWords; ++i) {
    doc.add_posting("schaal" + std::to_string(100000 + i), ++position);
  }
  for (const char* term : {"schuld", "schulden", "eigenaars"}) {
    doc.add_posting(term, ++position);
  }
  db.add_document(doc);
  EXPECT_EQ(indexed_forms(db, analyzer_, word("schuld")),
            (std::vector<std::string>{"schuld", "schulden"}));
  EXPECT_EQ(indexed_forms(db, analyzer_, word("eigenaren")),
            (std::vector<std::string>{"eigenaars"}));
}

TEST_F(WordForms, AreTheIndexsWordsWithTheSameStem) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  Xapian::termpos position = 0;
  for (const char* term : {"eigen", "eigenaar", "eigenaars", "eigenaren", "eigendom",
                           "eigenaarschap", "stad", "steden", "stadsbestuur", "Zeigenar"}) {
    doc.add_posting(term, ++position);
  }
  db.add_document(doc);
  EXPECT_EQ(indexed_forms(db, analyzer_, word("eigenaren")),
            (std::vector<std::string>{"eigenaar", "eigenaars", "eigenaren"}));
  EXPECT_EQ(indexed_forms(db, analyzer_, word("stad")),
            (std::vector<std::string>{"stad", "steden"}));
  EXPECT_EQ(indexed_forms(db, analyzer_, word("fiets")), std::vector<std::string>{});
}

}  // namespace
}  // namespace dealsearch::searcher
