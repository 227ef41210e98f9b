// Segmenter: the units of Dutch text, with pieces for hyphenated words, URLs and addresses.
#include "analyzers/segmenter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dealsearch::analyzers {
namespace {

// "Sittard-Geleen[Sittard|Geleen]" for a unit with pieces, "regio's" for a plain one.
std::vector<std::string> describe(std::string_view text) {
  Segmenter segmenter;
  std::vector<std::string> described;
  for (const TextUnit& unit : segmenter.segment(text)) {
    std::string d(text.substr(unit.range.begin, unit.range.end - unit.range.begin));
    if (!unit.pieces.empty()) {
      d += '[';
      for (size_t i = 0; i < unit.pieces.size(); ++i) {
        if (i > 0) {
          d += '|';
        }
        d += text.substr(unit.pieces[i].begin, unit.pieces[i].end - unit.pieces[i].begin);
      }
      d += ']';
    }
    described.push_back(d);
  }
  return described;
}

struct SegmentCase {
  const char* text;
  std::vector<std::string> units;
};

TEST(Segmenter, SplitsDutchTextIntoUnits) {
  const SegmentCase cases[] = {
      {"Fietsen voor iedereen.", {"Fietsen", "voor", "iedereen"}},
      {"regio's en regio’s", {"regio's", "en", "regio’s"}},
      {"zo’n stad", {"zo’n", "stad"}},
      {"Gemeente 's-Hertogenbosch", {"Gemeente", "'s-Hertogenbosch['s|Hertogenbosch]"}},
      {"Gemeente ‘s-Hertogenbosch;", {"Gemeente", "‘s-Hertogenbosch[‘s|Hertogenbosch]"}},
      {"in 't Zandt", {"in", "'t", "Zandt"}},
      {"Súdwest-Fryslân", {"Súdwest-Fryslân[Súdwest|Fryslân]"}},
      {"Sittard-Geleen en Heerlen-Noord",
       {"Sittard-Geleen[Sittard|Geleen]", "en", "Heerlen-Noord[Heerlen|Noord]"}},
      {"Binnensteden – Regie", {"Binnensteden", "Regie"}},  // a dash is not a hyphen
      {"laag- en middeninkomens", {"laag", "en", "middeninkomens"}},
      {"23 miljoen, 12% en 2,5", {"23", "miljoen", "12", "en", "2,5"}},
      {"Mail info@agendastad.nl.", {"Mail", "info@agendastad.nl[info|agendastad|nl]"}},
      {"Zie https://agendastad.nl/city-deals.",
       {"Zie", "https://agendastad.nl/city-deals[https|agendastad|nl|city|deals]"}},
      {"(www.agendastad.nl)", {"www.agendastad.nl[www|agendastad|nl]"}},
      {"wel/niet", {"wel", "niet"}},
      {"", {}},
  };
  for (const SegmentCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(describe(c.text), c.units);
  }
}

TEST(Segmenter, ReportsByteRanges) {
  Segmenter segmenter;
  const std::vector<TextUnit> units = segmenter.segment("Fryslân is");
  ASSERT_EQ(units.size(), 2u);
  EXPECT_EQ(units[0].range, (ByteRange{0, 8}));  // "â" takes two bytes
  EXPECT_EQ(units[1].range, (ByteRange{9, 11}));
}

TEST(Segmenter, SurvivesIllFormedUtf8) {
  Segmenter segmenter;
  const std::vector<TextUnit> units = segmenter.segment(
      "fiets\xFF\xFE"
      "en \xC3");
  EXPECT_FALSE(units.empty());
  for (const TextUnit& unit : units) {
    EXPECT_LE(unit.range.end, 11u);
  }
}

}  // namespace
}  // namespace dealsearch::analyzers
