// Reading Agenda Stad pages: titles, statuses, paragraphs, and pages that hold no deal.
#include "indexer/citydeal_page.h"

#include <gtest/gtest.h>

#include "tests/support/test_files.h"

namespace dealsearch::indexer {
namespace {

std::string read_seed_corpus() {
  return testing::read_text_file(DEALSEARCH_SOURCE_DIR "/corpus/agendastad-citydeals.txt");
}

TEST(CitydealPage, SplitsTheSeedPageIntoItsTenDeals) {
  std::vector<Diagnostic> diagnostics;
  const std::vector<DealRecord> deals =
      read_citydeal_page(read_seed_corpus(), "agendastad-citydeals.txt", diagnostics);
  EXPECT_TRUE(diagnostics.empty());
  ASSERT_EQ(deals.size(), 10u);
  const std::pair<const char*, const char*> expected[] = {
      {"Fietsen voor iedereen", "in uitvoering"},
      {"Dynamische Binnensteden: regie op transformatie", "in uitvoering"},
      {"Slim Maatwerk", "in uitvoering"},
      {"Gezonde en duurzame voedselomgeving", "in uitvoering"},
      {"Impact Ondernemen", "in uitvoering"},
      {"Energieke wijken, duurzaam en sociaal", "in uitvoering"},
      {"Eenvoudig Maatwerk", "afgerond"},
      {"Circulair en Conceptueel Bouwen", "afgerond"},
      {"Lokale Weerbaarheid Cybercrime", "in uitvoering"},
      {"Ruimte voor Lopen", "in uitvoering"},
  };
  for (size_t i = 0; i < deals.size(); ++i) {
    SCOPED_TRACE(expected[i].first);
    EXPECT_EQ(deals[i].title, expected[i].first);
    EXPECT_EQ(deals[i].status, expected[i].second);
    EXPECT_FALSE(deals[i].paragraphs.empty());
  }
  EXPECT_EQ(deals[0].source.line, 1u);
  EXPECT_EQ(deals[0].paragraphs.front().substr(0, 39), "In Nederland zijn meer fietsen dan mens");
  // The text ends before the next deal's title.
  EXPECT_EQ(deals[0].paragraphs.back().find("Dynamische"), std::string::npos);
}

TEST(CitydealPage, JoinsLinesOfAParagraphAndSplitsAtBlankLines) {
  std::vector<Diagnostic> diagnostics;
  const auto deals = read_citydeal_page(
      "Titel\nStatus citydeal: Afgerond\n\neerste regel\ntweede regel\n\n\xC2\xA0\nderde\n",
      "p.txt", diagnostics);
  ASSERT_EQ(deals.size(), 1u);
  EXPECT_EQ(deals[0].status, "Afgerond");
  EXPECT_EQ(deals[0].paragraphs, (std::vector<std::string>{"eerste regel tweede regel", "derde"}));
}

TEST(CitydealPage, APageWithoutDealsIsADiagnostic) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_TRUE(
      read_citydeal_page("Alleen wat tekst.\nZonder status.\n", "leeg.txt", diagnostics).empty());
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].file, "leeg.txt");
  EXPECT_NE(diagnostics[0].message.find("Status citydeal"), std::string::npos);
}

TEST(CitydealPage, AStatusLineWithoutTitleGivesItsLine) {
  std::vector<Diagnostic> diagnostics;
  (void)read_citydeal_page("\n\nStatus citydeal: in uitvoering\ntekst\n", "p.txt", diagnostics);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].line, 3u);
}

}  // namespace
}  // namespace dealsearch::indexer
