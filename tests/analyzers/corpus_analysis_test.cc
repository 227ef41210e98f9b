// Every word of every corpus deal, typed as a query, is analysed to the terms the document got.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzers/analyzer.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/test_files.h"

namespace dealsearch::analyzers {
namespace {

// "term|stem|role" of each token, in order.
std::vector<std::string> signature(std::vector<Token>::const_iterator first,
                                   std::vector<Token>::const_iterator last) {
  std::vector<std::string> out;
  for (; first != last; ++first) {
    out.push_back(first->term + "|" + first->stem +
                  (first->role == TokenRole::kPart ? "|part" : "|word"));
  }
  return out;
}

TEST(CorpusAnalysis, EveryWordTypedAsAQueryMeetsTheDocument) {
  const std::string corpus =
      testing::read_text_file(DEALSEARCH_SOURCE_DIR "/corpus/agendastad-citydeals.txt");
  ASSERT_GT(corpus.size(), 10'000u) << "corpus/agendastad-citydeals.txt is missing or short";
  Analyzer document_analyzer(testing::shared_analyzer_data());
  Analyzer query_analyzer(testing::shared_analyzer_data());
  const std::vector<Token> tokens = document_analyzer.analyze(corpus);

  size_t checked = 0;
  for (auto group = tokens.begin(); group != tokens.end();) {
    auto group_end = group + 1;
    while (group_end != tokens.end() && group_end->role == TokenRole::kPart) {
      ++group_end;
    }
    const std::string written = corpus.substr(group->begin, group->end - group->begin);
    const std::vector<Token> query = query_analyzer.analyze(written);
    SCOPED_TRACE("'" + written + "' at byte " + std::to_string(group->begin));
    EXPECT_EQ(signature(query.begin(), query.end()), signature(group, group_end));
    // Each part typed alone is the same term as well ("armoede" in "energiearmoede").
    for (auto part = group + 1; part != group_end; ++part) {
      const std::vector<Token> alone =
          query_analyzer.analyze(corpus.substr(part->begin, part->end - part->begin));
      ASSERT_FALSE(alone.empty());
      EXPECT_EQ(alone.front().term, part->term);
      EXPECT_EQ(alone.front().stem, part->stem);
    }
    ++checked;
    group = group_end;
  }
  EXPECT_GT(checked, 2'500u);
}

}  // namespace
}  // namespace dealsearch::analyzers
