// Partners: ministries in every form the texts use, municipalities, organisations.
#include "indexer/partners.h"

#include <gtest/gtest.h>

#include <algorithm>

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

  // "type: name" (a ministry by its code) for each partner found, sorted.
  std::vector<std::string> partners(std::vector<std::string> paragraphs) {
    std::vector<std::string> found;
    for (const Partner& p : finder_.find(paragraphs)) {
      found.push_back(p.type + ": " + (p.type == "ministerie" ? p.code : p.name));
    }
    std::sort(found.begin(), found.end());
    return found;
  }

  PartnerFinder finder_{gazetteer(), testing::shared_analyzer_data()->folder()};
};

using Found = std::vector<std::string>;

Found sorted(Found names) {
  std::sort(names.begin(), names.end());
  return names;
}

struct MinistryCase {
  const char* text;
  std::vector<std::string> codes;
};

TEST_F(Partners, ABarePlaceInAListAfterALeadInIsAMunicipality) {
  EXPECT_EQ(partners({"De gemeenten die meedoen aan deze City Deal zijn: Almere, Ede, Súdwest-"
                      "Fryslân en Zwolle."}),
            sorted(Found{"gemeente: Gemeente Almere", "gemeente: Gemeente Ede",
                         "gemeente: Gemeente Súdwest-Fryslân", "gemeente: Gemeente Zwolle"}));
  EXPECT_EQ(partners({"Het gaat om twaalf gemeenten (Assen, Emmen, Hoogeveen en Meppel) die "
                      "samen optrekken."}),
            sorted(Found{"gemeente: Gemeente Assen", "gemeente: Gemeente Emmen",
                         "gemeente: Gemeente Hoogeveen", "gemeente: Gemeente Meppel"}));
  EXPECT_EQ(partners({"De steden Breda, Tilburg en Helmond hebben samen met het Rijk een "
                      "aanpak gemaakt."}),
            sorted(Found{"gemeente: Gemeente Breda", "gemeente: Gemeente Tilburg",
                         "gemeente: Gemeente Helmond"}));
  EXPECT_EQ(partners({"Daarnaast waren de volgende overheden betrokken: Deventer, de provincie "
                      "Overijssel en Waterschap Drents Overijsselse Delta."}),
            sorted(Found{"provincie: Provincie Overijssel",
                         "waterschap: Waterschap Drents "
                         "Overijsselse Delta",
                         "gemeente: Gemeente Deventer"}));
}

TEST_F(Partners, ShortListsOfKindsAfterTheirLeadIns) {
  EXPECT_EQ(partners({"Steden: Leeuwarden, Sneek. Departement: IenM. Partners: Wetterskip "
                      "Fryslân, NHL Stenden Hogeschool."}),
            sorted(Found{"waterschap: Wetterskip Fryslân", "gemeente: Gemeente Leeuwarden",
                         "ministerie: IenW", "kennisinstelling: NHL Stenden Hogeschool"}));
  EXPECT_EQ(partners({"Departementen: EZ, BZK"}),
            sorted(Found{"ministerie: EZ", "ministerie: BZK"}));
}

TEST_F(Partners, AListRunsOverLineBreaksAfterItsLeadIn) {
  EXPECT_EQ(partners({"Partners:", "Gemeente Tilburg", "Fontys Hogescholen",
                      "Woningcorporatie "
                      "TBV Wonen",
                      "Enexis", "VNG.", "De deal loopt tot 2026."}),
            sorted(Found{"gemeente: Gemeente Tilburg", "kennisinstelling: Fontys Hogescholen",
                         "woningcorporatie: Woningcorporatie TBV Wonen", "nutsbedrijf: Enexis",
                         "koepelorganisatie: Vereniging van Nederlandse Gemeenten"}));
}

TEST_F(Partners, ListsOfBareCodesAfterAMunicipality) {
  EXPECT_EQ(partners({"Ondertekenaars: Gemeente Venlo, IenM en EZ."}),
            sorted(Found{"gemeente: Gemeente Venlo", "ministerie: IenW", "ministerie: EZ"}));
}

TEST_F(Partners, ColloquialAndOfficialPlaceNamesAreOnePartner) {
  EXPECT_EQ(partners({"Deelnemende gemeenten: Den Haag, ’s-Gravenhage, Den Bosch en "
                      "'s-Hertogenbosch."}),
            sorted(Found{"gemeente: Gemeente Den Haag", "gemeente: Gemeente 's-Hertogenbosch"}));
}

TEST_F(Partners, AProvincesNameIsTheMunicipalityAmongMunicipalities) {
  EXPECT_EQ(partners({"De gemeenten Groningen, Assen en Utrecht doen mee."}),
            sorted(Found{"gemeente: Gemeente Groningen", "gemeente: Gemeente Assen",
                         "gemeente: Gemeente Utrecht"}));
  EXPECT_EQ(partners({"Overheden: Groningen, Amersfoort."}),
            sorted(Found{"gemeente: Gemeente Groningen", "gemeente: Gemeente Amersfoort"}));
  EXPECT_EQ(partners({"Overheden: Drenthe, Groningen en Fryslân."}),
            sorted(Found{"provincie: Provincie Drenthe", "provincie: Provincie Groningen",
                         "provincie: Provincie Fryslân"}));
  EXPECT_EQ(partners({"Gedeputeerde Staten van Utrecht en de provincie Groningen."}),
            sorted(Found{"provincie: Provincie Utrecht", "provincie: Provincie Groningen"}));
}

TEST_F(Partners, BergenIsTheOneTheDealSaysOrLeftOpen) {
  EXPECT_EQ(partners({"De gemeenten Venray en Bergen (L.) werken samen."}),
            sorted(Found{"gemeente: Gemeente Venray", "gemeente: Gemeente Bergen (L.)"}));
  EXPECT_EQ(
      partners({"Partners: gemeente Bergen, gemeente Alkmaar.", "Een deal in Noord-Holland."}),
      sorted(Found{"gemeente: Gemeente Bergen (NH.)", "gemeente: Gemeente Alkmaar"}));
  EXPECT_EQ(partners({"De gemeenten Bergen en Gennep."}),
            sorted(Found{"gemeente: Gemeente Bergen", "gemeente: Gemeente Gennep"}));
}

TEST_F(Partners, WaterBoardsUnderTheirOwnNames) {
  EXPECT_EQ(partners({"Met Waterschap Aa en Maas, Wetterskip Fryslân, het Hoogheemraadschap van "
                      "Delfland en de waterschappen Vechtstromen en Rijn en IJssel."}),
            sorted(Found{"waterschap: Waterschap Aa en Maas", "waterschap: Wetterskip Fryslân",
                         "waterschap: Hoogheemraadschap van Delfland",
                         "waterschap: Waterschap Vechtstromen",
                         "waterschap: Waterschap Rijn en IJssel"}));
  EXPECT_EQ(partners({"Het dagelijks bestuur van Waterschap Peel en Maasvallei."}),
            sorted(Found{"waterschap: Waterschap Limburg"}))
      << "a former water board is its successor";
}

TEST_F(Partners, OrganisationsOfEveryTypeInAList) {
  EXPECT_EQ(
      partners({"Samen met de VNG, het IPO, de Unie van Waterschappen, Platform31, de "
                "Universiteit Twente, woningcorporatie Portaal, Stedin en Heijmans N.V."}),
      sorted(Found{"koepelorganisatie: Vereniging van Nederlandse Gemeenten",
                   "koepelorganisatie: Interprovinciaal Overleg",
                   "koepelorganisatie: Unie van Waterschappen", "kennisinstelling: Platform31",
                   "kennisinstelling: Universiteit Twente", "woningcorporatie: Portaal",
                   "nutsbedrijf: Stedin", "bedrijf: Heijmans N.V."}));
}

TEST_F(Partners, AMinistryThroughItsOfficeHolder) {
  const MinistryCase cases[] = {
      {"Namens de staatssecretaris Van Huffelen van Binnenlandse Zaken en "
       "Koninkrijksrelaties.",
       {"BZK"}},
      {"De City Deal is getekend door minister Harbers (IenW).", {"IenW"}},
      {"De minister van Economische Zaken, mevrouw M. Adriaansens", {"EZ"}},
      {"De Minister voor Volkshuisvesting en Ruimtelijke Ordening,", {"VRO"}},
      {"De partijen rapporteren jaarlijks aan de minister van BZK over de voortgang.", {}},
      {"Een brief aan de staatssecretaris van IenW.", {}},
      {"De gemeenten informeren de minister van OCW over de resultaten.", {}},
      {"Volgens het ministerie van SZW is de aanpak succesvol.", {}},
      {"De minister van VWS ondertekent deze deal en rapporteert aan de Tweede Kamer.", {"VWS"}},
  };
  for (const MinistryCase& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(ministry_codes({c.text}), c.codes);
  }
}

TEST_F(Partners, MunicipalitiesNamedBareInARowArePartners) {
  EXPECT_EQ(partners({"Breda en Roosendaal hebben met het ministerie van Justitie en Veiligheid "
                      "afspraken gemaakt."}),
            sorted(Found{"gemeente: Gemeente Breda", "gemeente: Gemeente Roosendaal",
                         "ministerie: JenV"}));
  EXPECT_EQ(
      partners({"Met de City Deal werken Wageningen, Ede, Renkum, Wageningen University & "
                "Research en Staatsbosbeheer aan meer groen."}),
      sorted(Found{
          "gemeente: Gemeente Wageningen", "gemeente: Gemeente Ede", "gemeente: Gemeente Renkum",
          "kennisinstelling: Wageningen University & Research", "organisatie: Staatsbosbeheer"}));
  EXPECT_EQ(partners({"De proeven liepen in Rotterdam en Den Haag, bijvoorbeeld Amsterdam, Utrecht "
                      "en Zwolle volgen."}),
            Found{});
}

TEST_F(Partners, ASentenceOfNamesIsAListOfPartnersWhenItsVerbSaysSo) {
  EXPECT_EQ(partners({"Ook Rendo en Gasunie tekenden."}),
            sorted(Found{"organisatie: Rendo", "nutsbedrijf: Gasunie"}));
  EXPECT_EQ(partners({"Ook Dura Vermeer Groep en Stichting Cirkelstad zijn partij bij de deal."}),
            sorted(Found{"bedrijf: Dura Vermeer Groep", "organisatie: Stichting Cirkelstad"}));
  EXPECT_EQ(partners({"Rendo en Gasunie leveren kennis over waterstof."}), Found{});
}

TEST_F(Partners, WhatTheTextSaysTakesNoPartIsNoPartner) {
  EXPECT_EQ(partners({"De gemeenten Goes en Veere doen mee. De gemeente Sluis doet voorlopig niet "
                      "mee. Waterschap Scheldestromen is adviseur en tekent niet."}),
            sorted(Found{"gemeente: Gemeente Goes", "gemeente: Gemeente Veere"}));
}

TEST_F(Partners, AHeadingLeadsTheLinesBelowIt) {
  EXPECT_EQ(partners({"Partners van de City Deal Samen Warm", "– Nederlandse Woonbond",
                      "– Stichting Buurkracht", "– Gemeente Wijchen", "– Talis",
                      "De deal loopt tot 2026."}),
            sorted(Found{"koepelorganisatie: Woonbond", "organisatie: Stichting Buurkracht",
                         "gemeente: Gemeente Wijchen", "woningcorporatie: Talis"}));
}

TEST_F(Partners, ATableListsAPartnerInItsFirstColumn) {
  EXPECT_EQ(partners({"Partij | Vertegenwoordigd door | Rol",
                      "Gemeente Arnhem | wethouder Duurzaamheid | trekker",
                      "Alliander | directeur Strategie | netbeheerder",
                      "Radboud Universiteit | hoogleraar Energierecht | kennispartner"}),
            sorted(Found{"gemeente: Gemeente Arnhem", "nutsbedrijf: Alliander",
                         "kennisinstelling: Radboud Universiteit"}));
  EXPECT_EQ(partners({"Gemeente        Contactpersoon        Bijdrage",
                      "Opmeer          beleidsadviseur       € 40.000",
                      "Stede Broec     projectleider         € 35.000"}),
            sorted(Found{"gemeente: Gemeente Opmeer", "gemeente: Gemeente Stede Broec"}));
}

TEST_F(Partners, AStaatscourantAgreementNamesItsParties) {
  EXPECT_EQ(
      partners({"Partijen:",
                "1. De Minister van Economische Zaken en Klimaat, mevrouw drs. M.C.G. "
                "Keijzer, handelend als bestuursorgaan, hierna te noemen: de Minister;",
                "hierna gezamenlijk te noemen: het Rijk;",
                "2. Universiteit Twente, rechtsgeldig vertegenwoordigd door de voorzitter, "
                "hierna te noemen: UT;",
                "3. Stichting Kunstloc, gevestigd te Tilburg, hierna te noemen: de Stichting.",
                "Komen het volgende overeen:"}),
      sorted(Found{"ministerie: EZ", "kennisinstelling: Universiteit Twente",
                   "organisatie: Stichting Kunstloc"}))
      << "no person (Keijzer), seat (Tilburg) or short name (de Stichting) is a partner";
}

TEST_F(Partners, AnAldermanOrMayorNamesTheirMunicipality) {
  EXPECT_EQ(partners({"Wethouder Van Tiel (Druten) en burgemeester Van Hattem (West Maas en "
                      "Waal) tekenden de deal."}),
            sorted(Found{"gemeente: Gemeente Druten", "gemeente: Gemeente West Maas en Waal"}))
      << "Van Tiel and Van Hattem are people, not Tiel and Hattem";
  EXPECT_EQ(partners({"Burgemeester Halsema van Amsterdam opende de bijeenkomst."}), Found{});
}

TEST_F(Partners, ANameWithEnInItIsToldByItsAbbreviation) {
  EXPECT_EQ(partners({"Samen met het Centrum voor Criminaliteitspreventie en Veiligheid (CCV) en "
                      "Stichting Veilig Online."}),
            sorted(Found{"organisatie: Centrum voor Criminaliteitspreventie en Veiligheid",
                         "organisatie: Stichting Veilig Online"}));
}

TEST_F(Partners, AWordThatLooksLikeAPlaceOrAnExampleIsNoPartner) {
  EXPECT_EQ(partners({"Best practices uit Ede laten zien hoe het Echt werkt; Stein en been."}),
            Found{});
  EXPECT_EQ(partners({"Het werkt al in steden zoals Rotterdam en Utrecht, en zoals in de "
                      "gemeente Eindhoven."}),
            Found{});
  EXPECT_EQ(partners({"Steden als Tilburg en Breda gingen ons voor."}), Found{});
  EXPECT_EQ(partners({"Aldus overeengekomen en ondertekend te Den Haag op 3 april 2019."}),
            Found{});
  EXPECT_EQ(partners({"Partners: het Rijk, de gemeente Leiden en Nederland."}),
            sorted(Found{"gemeente: Gemeente Leiden"}));
  EXPECT_EQ(partners({"Met de hoorn des overvloeds strooit niemand."}), Found{})
      << "a place is written with a capital";
}

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
      {"De Minister van Economische Zaken tekende de deal.", {"EZ"}},
      {"De Minister van Economische Zaken opende de bijeenkomst.", {}},
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
  EXPECT_TRUE(has("Woonbond", "koepelorganisatie"));
  EXPECT_TRUE(has("Stichting Warm Thuis", "organisatie"));
  EXPECT_TRUE(has("Hanzehogeschool Groningen", "kennisinstelling"));
  EXPECT_TRUE(has("Nederlandse Organisatie voor Toegepast Natuurwetenschappelijk Onderzoek",
                  "kennisinstelling"))
      << "TNO by its canonical name";
  EXPECT_TRUE(has("Warmtebedrijf Noord B.V.", "nutsbedrijf"));
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

// Every name of a long list is read once, not once for each name before it: these finish in
// well under a second, where reading the rest of the list at each name took minutes.
TEST_F(Partners, ALongSentenceOfNamesIsReadOnce) {
  std::string municipalities;
  std::string ministers;
  for (int n = 0; n < 20'000; ++n) {
    municipalities += "gemeente Zwolle, gemeente Almere, ";
    ministers += "de minister van BZK en ";
  }
  EXPECT_EQ(finder_.find({municipalities}).size(), 2u);
  EXPECT_EQ(ministry_codes({ministers + "de minister van VWS tekent."}),
            (std::vector<std::string>{"BZK", "VWS"}));
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
