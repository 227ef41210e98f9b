// Dates in deal texts: signed, started, ended, as ISO dates.
#include "indexer/dates.h"

#include <gtest/gtest.h>

namespace dealsearch::indexer {
namespace {

struct DateCase {
  const char* text;
  DealDates expected;
};

TEST(DealDates, ReadsWhatHappenedOnEachDate) {
  const DateCase cases[] = {
      {"De City Deal Fietsen voor iedereen is op 9 oktober 2023 ondertekend.",
       {"2023-10-09", std::nullopt, std::nullopt}},
      {"De City Deal Eenvoudig Maatwerk is op 22 juni 2023 definitief afgerond.",
       {std::nullopt, std::nullopt, "2023-06-22"}},
      {"Op 14 december 2020 is de City Deal Ruimte voor Lopen officieel van start gegaan.",
       {std::nullopt, "2020-12-14", std::nullopt}},
      {"Getekend op 1 Februari 2019. Gestart op 3 maart 2019. Beëindigd op 31 december 2022.",
       {"2019-02-01", "2019-03-03", "2022-12-31"}},
      {"In 2023 werken 14 gemeenten samen; op 5 mei 2021 was het feest.", {}},  // no verb
      {"Ondertekend op 31 februari 2023.", {}},                                 // no such date
      {"Ondertekend op 12 oktober 20234.", {}},                                 // not a year
  };
  for (const DateCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(find_deal_dates(c.text), c.expected);
  }
}

TEST(DealDates, TheFirstDateOfAKindWins) {
  EXPECT_EQ(
      find_deal_dates("Op 1 mei 2020 ondertekend. Op 2 juni 2021 opnieuw ondertekend.").signed_on,
      "2020-05-01");
}

// One sentence of 30,000 dates (a megabyte without a full stop) is read like a short one.
TEST(DealDates, ALongSentenceOfDatesGivesItsFirst) {
  std::string sentence = "Ondertekend op ";
  for (int n = 0; n < 30'000; ++n) {
    sentence += std::to_string(1 + n % 28) + " mei " + std::to_string(2000 + n % 30) + ", ";
  }
  sentence += "en daarna.";
  EXPECT_EQ(find_deal_dates(sentence).signed_on, "2000-05-01");
  EXPECT_EQ(find_deal_dates("Eerst iets anders. " + sentence).signed_on, "2000-05-01");
  EXPECT_EQ(find_deal_dates(sentence + " Op 2 juni 2021 gestart.").started_on, "2021-06-02");
}

TEST(IsoDate, ChecksTheCalendar) {
  EXPECT_TRUE(is_iso_date("2024-02-29"));
  EXPECT_FALSE(is_iso_date("2023-02-29"));
  EXPECT_FALSE(is_iso_date("2023-13-01"));
  EXPECT_FALSE(is_iso_date("9 oktober 2023"));
  EXPECT_FALSE(is_iso_date("2023-1-01"));
}

}  // namespace
}  // namespace dealsearch::indexer
