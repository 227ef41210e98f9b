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

TEST(Snippet, MarksTheQueryWordsInAnyFormTheyAreWritten) {
  const struct {
    std::string paragraph;
    std::vector<std::string> query;
    std::string expected;
  } rows[] = {
      {"Wij hebben nieuwe ideeën.", {"ideeen"}, "Wij hebben nieuwe <mark>ideeën</mark>."},
      {"Wij Creëren ruimte.", {"creëren"}, "Wij <mark>Creëren</mark> ruimte."},
      {"Energie-armoede en energiearmoede.",
       {"energiearmoede"},
       "<mark>Energie-armoede</mark> en <mark>energiearmoede</mark>."},
      // "vraag" has no probe of "vragen" (stem "vrag"), but is in the excerpt.
      {"Wij stellen vragen: elke vraag telt.",
       {"vragen"},
       "Wij stellen <mark>vragen</mark>: elke <mark>vraag</mark> telt."},
  };
  analyzers::Analyzer analyzer(testing::shared_analyzer_data());
  for (const auto& row : rows) {
    SCOPED_TRACE(row.paragraph);
    EXPECT_EQ(snippet_html(make_snippet(analyzer, {row.paragraph}, row.query)), row.expected);
  }
}

TEST(Snippet, ShowsTheDensestPassageOfALongDealHoweverLate) {
  // A query word in every paragraph: many places to look at before the one that matters.
  std::vector<std::string> paragraphs;
  for (int i = 0; i < 30; ++i) {
    paragraphs.push_back("Over warmte: " + filler(300));
  }
  paragraphs.push_back(filler(100) +
                       "Met isolatie blijft de warmte binnen, en isolatie spaart warmte. " +
                       filler(100));
  analyzers::Analyzer analyzer(testing::shared_analyzer_data());
  const std::string snippet =
      snippet_html(make_snippet(analyzer, paragraphs, {"warmte", "isolatie"}));
  EXPECT_NE(snippet.find("<mark>isolatie</mark> blijft de <mark>warmte</mark> binnen, en "
                         "<mark>isolatie</mark> spaart <mark>warmte</mark>."),
            std::string::npos)
      << snippet;
}

TEST(Snippet, AProbeInUnrelatedWordsDoesNotWinOverAMatch) {
  // "ener", the probe of "energie", is in every word of these passages and matches none;
  // they are many, and denser in it than the one that matches.
  std::vector<std::string> paragraphs;
  for (int i = 0; i < 20; ++i) {
    paragraphs.push_back("Generaties na generaties, energetisch en generaal: degeneratie. " +
                         filler(300));
  }
  paragraphs.push_back(filler(100) + "Het gaat om energie. " + filler(100));
  analyzers::Analyzer analyzer(testing::shared_analyzer_data());
  const Snippet snippet = make_snippet(analyzer, paragraphs, {"energie"});
  ASSERT_EQ(snippet.marks.size(), 1u) << snippet.text;
  EXPECT_NE(snippet_html(snippet).find("om <mark>energie</mark>."), std::string::npos)
      << snippet.text;
}

TEST(Snippet, FindsThePassageOfAFormWithALongVowel) {
  // "vraag" and "vragen" share the stem "vrag", which "vraag" does not begin with.
  const std::string paragraph = "Wij stellen vragen. " + filler(600) +
                                "De vraag is of de vraag van de wijk een vraag blijft. " +
                                filler(100);
  analyzers::Analyzer analyzer(testing::shared_analyzer_data());
  const std::string snippet = snippet_html(make_snippet(analyzer, {paragraph}, {"vragen"}));
  EXPECT_NE(snippet.find("De <mark>vraag</mark> is of de <mark>vraag</mark> van de wijk een "
                         "<mark>vraag</mark> blijft."),
            std::string::npos)
      << snippet;
}

TEST(Snippet, SaysWhichParagraphAndByteItsFirstMatchIsAt) {
  analyzers::Analyzer analyzer(testing::shared_analyzer_data());
  const std::vector<std::string> paragraphs = {"Geen treffer hier.", "", "Nog niets.",
                                               "Over de fiets en fietsen."};
  const Snippet snippet = make_snippet(analyzer, paragraphs, {"fietsen"});
  EXPECT_EQ(snippet.paragraph, 3u);
  EXPECT_EQ(snippet.paragraph_offset, paragraphs[3].find("fiets"));
  const Snippet none = make_snippet(analyzer, paragraphs, {"trein"});
  EXPECT_EQ(none.paragraph, 0u);
  EXPECT_EQ(none.paragraph_offset, 0u);
}

TEST(Snippet, MarkedWrapsEachMatchAndEscapesOnlyWhenAsked) {
  const Snippet snippet{"a <b> fiets & c", {{6, 11}}};
  EXPECT_EQ(marked(snippet, "[", "]"), "a <b> [fiets] & c");
  EXPECT_EQ(snippet_html(snippet), "a &lt;b&gt; <mark>fiets</mark> &amp; c");
  EXPECT_EQ(marked(Snippet{"geen treffer", {}}, "[", "]"), "geen treffer");
}

}  // namespace
}  // namespace dealsearch::searcher
