// Partners: ministries in every form the texts use, municipalities, organisations.
#include "indexer/partners.h"

#include <gtest/gtest.h>

#include "indexer/gazetteer.h"
#include "tests/analyzers/shared_analyzer_data.h"

namespace dealsearch::indexer {
namespace {

class Partners : public ::testing::Test {
 protected:
  static const Gazetteer& gazetteer() {
    static const Gazetteer loaded = Gazetteer::load(DEALSEARCH_SOURCE_DIR "/indexer/data",
                                                    testing::shared_analyzer_data()->folder());
    return loaded;
  }

  std::vector<std::string> ministry_codes(std::vector<std::string> paragraphs) {
    std::vector<std::string> codes;
    for (const Partner& p : finder_.find(paragraphs)) {
      if (p.type == "ministerie") {
        codes.push_back(p.code);
      }
    }
    return codes;
  }

  std::vector<std::string> names_of_type(std::vector<std::string> paragraphs,
                                         std::string_view type) {
    std::vector<std::string> names;
    for (const Partner& p : finder_.find(paragraphs)) {
      if (p.type == type) {
        names.push_back(p.name);
      }
    }
    return names;
  }

  PartnerFinder finder_{gazetteer(), testing::shared_analyzer_data()->folder()};
};

struct MinistryCase {
  const char* text;
  std::vector<std::string> codes;
};

TEST_F(Partners, FindsMinistriesInEveryFormTheTextsUse) {
  const MinistryCase cases[] = {
      {"En het ministerie van Infrastructuur en Waterstaat, het ministerie van Binnenlandse "
       "Zaken en Koninkrijksrelaties en het ministerie van Volksgezondheid, Welzijn en Sport.",
       {"IenW", "BZK", "VWS"}},
      {"Wie doen er mee? Ministerie van BZK; Ministerie van VWS; Ministerie van OCW.",
       {"BZK", "VWS", "OCW"}},
      {"Met de ministeries van JenV, EZK (DTC) en BZK werken we samen.", {"JenV", "EZ", "BZK"}},
      {"Samen met de ministeries van Justitie en Veiligheid en Infrastructuur en Waterstaat.",
       {"JenV", "IenW"}},
      {"Het Ministerie van Sociale Zaken en Werkgelegenheid (SZW) doet mee.", {"SZW"}},
      {"De Minister van Economische Zaken opende de bijeenkomst.", {"EZ"}},
      {"Staatssecretaris van Volksgezondheid, Welzijn en Sport tekende ook.", {"VWS"}},
      {"Het ministerie van Infrastructuur en Milieu (IenM) en het ministerie van Veiligheid en "
       "Justitie.",
       {"IenW", "JenV"}},
      {"Ministerie van I&M en ministerie van Financien.", {"IenW", "Fin"}},
      {"de minister voor Klimaat en Groene Groei", {"KGG"}},
      {"Het Rijk en de gemeenten werken samen.", {}},
      {"Het ministerie van Onbekende Zaken.", {}},
  };
  for (const MinistryCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ministry_codes({c.text}), c.codes);
  }
}

TEST_F(Partners, NamesAMinistryByItsCanonicalFullName) {
  const std::vector<Partner> found = finder_.find({"Ministerie van BZK"});
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].name, "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties");
  EXPECT_EQ(found[0].code, "BZK");
}

TEST_F(Partners, FindsMunicipalitiesInAListAfterOneGemeente) {
  EXPECT_EQ(
      names_of_type({"Gemeente Amsterdam, Apeldoorn, Den Haag, Súdwest-Fryslân en Zwolle."},
                    "gemeente"),
      (std::vector<std::string>{"Gemeente Amsterdam", "Gemeente Apeldoorn", "Gemeente Den Haag",
                                "Gemeente Súdwest-Fryslân", "Gemeente Zwolle"}));
  EXPECT_EQ(
      names_of_type({"Gemeente ‘s-Hertogenbosch; gemeente Tilburg; de gemeente niet"}, "gemeente"),
      (std::vector<std::string>{"Gemeente 's-Hertogenbosch", "Gemeente Tilburg"}));
  EXPECT_EQ(names_of_type({"de gemeenten De Bilt, Het Hogeland en de Ronde Venen"}, "gemeente"),
            (std::vector<std::string>{"Gemeente De Bilt", "Gemeente Het Hogeland",
                                      "Gemeente De Ronde Venen"}));
  EXPECT_EQ(names_of_type({"de provincies Fryslân en Noord-Brabant"}, "provincie"),
            (std::vector<std::string>{"Provincie Fryslân", "Provincie Noord-Brabant"}));
}

// A deal text the code has never seen: partners by pattern and gazetteer, not by hand.
TEST_F(Partners, FindsThePartnersOfAnUnseenDeal) {
  const std::vector<std::string> deal = {
      "De City Deal Warmte in de Wijk helpt bewoners van oude huurwoningen.",
      "Deelnemende partijen",
      "Gemeente Groningen, Almere en Venlo; Provincie Gelderland.",
      "De Woonbond, Stichting Warm Thuis, Hanzehogeschool Groningen, TNO en Warmtebedrijf "
      "Noord B.V.",
      "En de ministeries van Economische Zaken en Klimaat en Binnenlandse Zaken.",
      "De City Deal is op 3 april 2019 ondertekend door alle partijen samen.",
  };
  const std::vector<Partner> found = finder_.find(deal);
  const auto has = [&](std::string_view name, std::string_view type) {
    return std::any_of(found.begin(), found.end(),
                       [&](const Partner& p) { return p.name == name && p.type == type; });
  };
  EXPECT_TRUE(has("Gemeente Groningen", "gemeente"));
  EXPECT_TRUE(has("Gemeente Almere", "gemeente"));
  EXPECT_TRUE(has("Gemeente Venlo", "gemeente"));
  EXPECT_TRUE(has("Provincie Gelderland", "provincie"));
  EXPECT_TRUE(has("Woonbond", "organisatie"));
  EXPECT_TRUE(has("Stichting Warm Thuis", "organisatie"));
  EXPECT_TRUE(has("Hanzehogeschool Groningen", "kennisinstelling"));
  EXPECT_TRUE(has("TNO", "kennisinstelling"));
  EXPECT_TRUE(has("Warmtebedrijf Noord B.V.", "bedrijf"));
  EXPECT_TRUE(has("Ministerie van Economische Zaken", "ministerie"));
  EXPECT_TRUE(has("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "ministerie"));
  EXPECT_EQ(found.size(), 11u) << "no sentence fragment is taken for a partner";
}

// Each item is an organisation of its own: 100,000 of them, found once each, in order.
TEST_F(Partners, AParticipantListOfAHundredThousandItemsGivesEachOnce) {
  std::string list = "Deelnemende partijen: ";
  for (int n = 0; n < 100'000; ++n) {
    list += "Stichting Nummer " + std::to_string(n) + ", ";
  }
  list += "Stichting Nummer 0 en Stichting Nummer 99999.";
  const std::vector<Partner> found = finder_.find({list});
  ASSERT_EQ(found.size(), 100'000u);
  EXPECT_EQ(found.front().name, "Stichting Nummer 0");
  EXPECT_EQ(found.back().name, "Stichting Nummer 99999");
}

// A bracket is skipped as an abbreviation only when it closes within 40 bytes.
TEST_F(Partners, OnlyAShortBracketIsSkippedInAList) {
  const MinistryCase cases[] = {
      {"De ministeries van EZK (DTC) en BZK.", {"EZ", "BZK"}},
      {"De ministeries van EZK (de directie die over digitale zaken gaat) en BZK.", {"EZ"}},
      {"De ministeries van EZK ( en BZK", {"EZ"}},
  };
  for (const MinistryCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ministry_codes({c.text}), c.codes);
  }
  std::string unclosed;
  for (int n = 0; n < 100'000; ++n) {
    unclosed += "gemeente ( ";
  }
  EXPECT_EQ(finder_.find({unclosed + "gemeente Zwolle"}).size(), 1u);
}

TEST_F(Partners, ClassifiesGivenNamesTheSameWay) {
  EXPECT_EQ(finder_.classify("Ministerie van VWS").code, "VWS");
  EXPECT_EQ(finder_.classify("EZK").code, "EZ");
  EXPECT_EQ(finder_.classify("gemeente zwolle").name, "Gemeente Zwolle");
  EXPECT_EQ(finder_.classify("Fietsersbond").type, "organisatie");
  EXPECT_EQ(finder_.classify("Universiteit Utrecht").type, "kennisinstelling");
}

}  // namespace
}  // namespace dealsearch::indexer
