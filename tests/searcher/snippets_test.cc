// Snippets: the passage with the most matches, as text with match ranges; HTML and terminal
// renderings of one.
#include "searcher/snippets.h"

#include <gtest/gtest.h>

#include "searcher/html.h"
#include "tests/analyzers/shared_analyzer_data.h"

namespace dealsearch::searcher {
namespace {

TEST(Snippet, EscapesTheTextAndMarksOnlyMatches) {
  analyzers::Analyzer analyzer(testing::shared_analyzer_data());
  const std::string snippet = snippet_html(make_snippet(
      analyzer, {"Een tekst met <script>alert(1)</script> over fietsen & meer."}, {"fiets"}));
  EXPECT_EQ(snippet,
            "Een tekst met &lt;script&gt;alert(1)&lt;/script&gt; over <mark>fietsen</mark> "
            "&amp; meer.");
}

TEST(Snippet, FindsAMatchFarIntoALongParagraphAfterFoldedLetters) {
  // Only the text around a match is analysed; "ë" and "é" fold to one byte each, so the
  // folded text's offsets fall behind the paragraph's.
  std::string paragraph;
  for (int i = 0; i < 200; ++i) {  // 600 bytes of drift, more than the reach
    paragraph += "Wij creëren café's en ideeën voor de wijk. ";
  }
  paragraph += "Daarna komt energiearmoede aan bod.";
  analyzers::Analyzer analyzer(testing::shared_analyzer_data());
  const std::string snippet = snippet_html(make_snippet(analyzer, {paragraph}, {"armoede"}));
  EXPECT_NE(snippet.find("komt energie<mark>armoede</mark> aan bod."), std::string::npos)
      << snippet;
  EXPECT_TRUE(snippet.starts_with("… ")) << snippet;
}

TEST(Snippet, MarksEveryMatchOfThePassageInEachParagraph) {
  analyzers::Analyzer analyzer(testing::shared_analyzer_data());
  const std::string snippet = snippet_html(make_snippet(
      analyzer, {"Geen treffer hier.", "Fietsen en nog eens fietsen: de fiets."}, {"fietsen"}));
  EXPECT_EQ(snippet,
            "Geen treffer hier.\n<mark>Fietsen</mark> en nog eens <mark>fietsen</mark>: de "
            "<mark>fiets</mark>.");
}

TEST(Snippet, IsPlainTextWithTheByteRangesOfItsMatches) {
  analyzers::Analyzer analyzer(testing::shared_analyzer_data());
  const Snippet snippet =
      make_snippet(analyzer, {"Over fietsen & meer, en energiearmoede."}, {"fiets", "armoede"});
  EXPECT_EQ(snippet.text, "Over fietsen & meer, en energiearmoede.");
  ASSERT_EQ(snippet.marks.size(), 2u);
  const auto marked_text = [&](size_t i) {
    return snippet.text.substr(snippet.marks[i].first,
                               snippet.marks[i].second - snippet.marks[i].first);
  };
  EXPECT_EQ(marked_text(0), "fietsen");
  EXPECT_EQ(marked_text(1), "armoede");  // the part of the compound only
}

TEST(Snippet, RangesCountTheEllipsisBeforeACutText) {
  std::string paragraph;
  for (int i = 0; i < 40; ++i) {
    paragraph += "Een zin zonder treffer. ";
  }
  paragraph += "Hier staat fietsen.";
  analyzers::Analyzer analyzer(testing::shared_analyzer_data());
  const Snippet snippet = make_snippet(analyzer, {paragraph}, {"fietsen"});
  ASSERT_TRUE(snippet.text.starts_with("… ")) << snippet.text;
  ASSERT_EQ(snippet.marks.size(), 1u);
  EXPECT_EQ(snippet.text.substr(snippet.marks[0].first, 7), "fietsen");
}

// About `bytes` bytes of words that match nothing.
std::string filler(size_t bytes) {
  std::string text;
  while (text.size() < bytes) {
    text += "tekst ";
  }
  return text;
}

TEST(Snippet, ChoosesThePassageByTheMatchesItShows) {
  // The first two matches are 176 bytes apart: within 200 bytes of each other, but the
  // excerpt begins 40 bytes before the first and shows only that one.
  const std::string paragraph = filler(60) + "fietsen " + filler(168) + "fietsen " + filler(600) +
                                "Een fiets en nog eens fietsen. " + filler(300);
  analyzers::Analyzer analyzer(testing::shared_analyzer_data());
  const std::string snippet = snippet_html(make_snippet(analyzer, {paragraph}, {"fietsen"}));
  EXPECT_NE(snippet.find("<mark>fiets</mark> en nog eens <mark>fietsen</mark>"), std::string::npos)
      << snippet;
}

TEST(Snippet, MarkedWrapsEachMatchAndEscapesOnlyWhenAsked) {
  const Snippet snippet{"a <b> fiets & c", {{6, 11}}};
  EXPECT_EQ(marked(snippet, "[", "]"), "a <b> [fiets] & c");
  EXPECT_EQ(snippet_html(snippet), "a &lt;b&gt; <mark>fiets</mark> &amp; c");
  EXPECT_EQ(marked(Snippet{"geen treffer", {}}, "[", "]"), "geen treffer");
}

}  // namespace
}  // namespace dealsearch::searcher
