// Lemma pairs: the analyzer measured against a table of Dutch word pairs it did not write
// (tests/analyzers/data/lemma-pairs-nl.tsv, from Hunspell's analyses corrected by hand).
#include <gtest/gtest.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/test_files.h"

namespace dealsearch::analyzers {
namespace {

struct LemmaPair {
  std::string one;
  std::string other;
  bool same = false;  // the table's verdict: one lemma
  std::string kind;   // "plural-or-infinitive", "participle", "lookalike", ...
};

std::vector<LemmaPair> read_pairs(const std::string& path) {
  std::vector<LemmaPair> pairs;
  std::istringstream lines(testing::read_text_file(path));
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    std::istringstream fields(line);
    LemmaPair pair;
    std::string verdict;
    std::getline(fields, pair.one, '\t');
    std::getline(fields, pair.other, '\t');
    std::getline(fields, verdict, '\t');
    std::getline(fields, pair.kind, '\t');
    EXPECT_TRUE(verdict == "same" || verdict == "different") << line;
    pair.same = verdict == "same";
    pairs.push_back(std::move(pair));
  }
  return pairs;
}

// What the pair counts as for the measure, and the pairs that went wrong.
struct Score {
  size_t joined = 0;           // pairs the analyzer joins
  size_t joined_rightly = 0;   // ... that the table says belong together
  size_t belong_together = 0;  // pairs the table says belong together
  std::vector<std::string> wrongly_joined;
  std::vector<std::string> missed;

  double precision() const { return joined == 0 ? 1.0 : double(joined_rightly) / joined; }
  double recall() const {
    return belong_together == 0 ? 1.0 : double(joined_rightly) / belong_together;
  }
};

// "Joined" means what a search matches on: the stem term the index holds for the word
// ("Z" + stem), the Lemmatizer's base form as Snowball stems it.
class LemmaPairs : public ::testing::Test {
 protected:
  std::string stem(const std::string& word) {
    const std::vector<Token> tokens = analyzer_.analyze(word);
    return tokens.empty() ? std::string() : tokens.front().stem;
  }

  // `term_of` gives the term a word is matched on: the analyzer's stem, or for comparison
  // Snowball's stem of the word alone.
  template <typename TermOf>
  Score score(const std::vector<LemmaPair>& pairs, TermOf term_of) {
    Score s;
    for (const LemmaPair& pair : pairs) {
      const std::string one = term_of(pair.one);
      const std::string other = term_of(pair.other);
      const bool joined = one == other;
      const std::string shown =
          pair.one + " (" + one + ") / " + pair.other + " (" + other + ") " + pair.kind;
      s.joined += joined;
      s.joined_rightly += joined && pair.same;
      s.belong_together += pair.same;
      if (joined && !pair.same) {
        s.wrongly_joined.push_back(shown);
      } else if (!joined && pair.same) {
        s.missed.push_back(shown);
      }
    }
    return s;
  }

  Analyzer analyzer_{testing::shared_analyzer_data()};
};

void print_some(const char* title, const std::vector<std::string>& pairs) {
  constexpr size_t kShown = 30;
  std::printf("%s: %zu\n", title, pairs.size());
  for (size_t i = 0; i < pairs.size() && i < kShown; ++i) {
    std::printf("  %s\n", pairs[i].c_str());
  }
}

TEST_F(LemmaPairs, JoinsWhatBelongsTogetherAndLittleElse) {
  const std::vector<LemmaPair> pairs =
      read_pairs(DEALSEARCH_SOURCE_DIR "/tests/analyzers/data/lemma-pairs-nl.tsv");
  ASSERT_GE(pairs.size(), 2000u) << "the pair table is missing or short";
  const Score s = score(pairs, [&](const std::string& word) { return stem(word); });
  Xapian::Stem snowball(std::string(Analyzer::kStemmerLanguage));
  const Score alone = score(pairs, [&](const std::string& word) { return snowball(word); });
  std::printf("%zu pairs, %zu belong together; joined %zu, of which %zu rightly\n", pairs.size(),
              s.belong_together, s.joined, s.joined_rightly);
  std::printf("precision %.4f, recall %.4f (Snowball alone: precision %.4f, recall %.4f)\n",
              s.precision(), s.recall(), alone.precision(), alone.recall());
  print_some("wrongly joined", s.wrongly_joined);
  print_some("missed", s.missed);
  EXPECT_GE(s.precision(), 0.99);
  EXPECT_GE(s.recall(), 0.90);
}

}  // namespace
}  // namespace dealsearch::analyzers
