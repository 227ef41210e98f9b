// Stemming: related Dutch forms meet, unrelated look-alikes stay apart.
#include <gtest/gtest.h>

#include "analyzers/analyzer.h"
#include "tests/analyzers/shared_analyzer_data.h"

namespace dealsearch::analyzers {
namespace {

class Stemming : public ::testing::Test {
 protected:
  std::string stem(std::string_view word) {
    const std::vector<Token> tokens = analyzer_.analyze(word);
    EXPECT_FALSE(tokens.empty()) << word;
    return tokens.empty() ? std::string() : tokens.front().stem;
  }

  Analyzer analyzer_{testing::shared_analyzer_data()};
};

struct WordPair {
  const char* one;
  const char* other;
};

// Singular and plural, and the common forms of a verb: Snowball alone splits many of these
// ("fiets" -> "fiet" but "fietsen" -> "fiets").
const WordPair kMustMeet[] = {
    {"fiets", "fietsen"},
    {"kind", "kinderen"},
    {"stad", "steden"},
    {"wijk", "wijken"},
    {"woning", "woningen"},
    {"gemeente", "gemeenten"},
    {"gemeente", "gemeentes"},
    {"straat", "straten"},
    {"huis", "huizen"},
    {"bus", "bussen"},
    {"regio", "regio's"},
    {"regio", "regio’s"},
    {"partner", "partners"},
    {"bewoner", "bewoners"},
    {"probleem", "problemen"},
    {"zaak", "zaken"},
    {"project", "projecten"},
    {"buurt", "buurten"},
    {"partij", "partijen"},
    {"kans", "kansen"},
    {"eigenaar", "eigenaren"},
    {"mogelijkheid", "mogelijkheden"},
    {"organisatie", "organisaties"},
    {"thema", "thema's"},
    {"lid", "leden"},
    {"museum", "musea"},
    {"schip", "schepen"},
    {"ei", "eieren"},
    {"reis", "reizen"},
    {"ondernemer", "ondernemers"},
    {"vastgoedeigenaar", "vastgoedeigenaren"},
    {"werken", "werkt"},
    {"werken", "werkte"},
    {"werken", "gewerkt"},
    {"werken", "werkten"},
    {"maken", "maakt"},
    {"maken", "maakte"},
    {"wonen", "woont"},
    {"wonen", "woonde"},
    {"lopen", "loopt"},
    {"lopen", "liep"},
    {"gaan", "ging"},
    {"creëren", "creëert"},
    {"creëren", "gecreëerd"},
    {"creeren", "creëren"},
    {"bouwen", "gebouwd"},
    {"delen", "gedeeld"},
    {"fietsen", "fietst"},
    {"stimuleren", "gestimuleerd"},
    {"groot", "grote"},
    {"nieuw", "nieuwe"},
    {"sociaal", "sociale"},
    {"duurzaam", "duurzame"},
    {"komen", "kwam"},
    {"nemen", "genomen"},
    // A separable verb's irregular past behind its particle.
    {"wegzonk", "wegzonken"},
    {"wegzinken", "wegzonk"},
    {"voorkomen", "voorkwam"},
    {"opnemen", "opnam"},
    {"omgaan", "omging"},
};

// Look-alikes that a suffix stripper would merge.
const WordPair kMustStayApart[] = {
    {"lopen", "loper"},      {"kant", "kan"},        {"huis", "hui"},         {"stad", "staat"},
    {"steden", "staten"},    {"plant", "plan"},      {"gebied", "bieden"},    {"gezond", "zon"},
    {"verkeer", "keer"},     {"armoede", "arm"},     {"wet", "weten"},        {"werk", "werker"},
    {"bouw", "bouwer"},      {"woning", "wonen"},    {"markt", "mark"},       {"post", "pos"},
    {"best", "bes"},         {"gemeente", "gemeen"}, {"kust", "kus"},         {"deel", "deal"},
    {"kunst", "kunstenaar"}, {"talent", "talen"},    {"energie", "energiek"}, {"beleid", "leiden"},
};

// A subject and its adjective, and a verb in -aliseren and the adjective it makes: people
// search one and mean both, but Snowball stems them apart ("economisch" -> "economisch").
const WordPair kDerivedFormsMeet[] = {
    {"economie", "economisch"},         {"economie", "economische"},
    {"technologie", "technologische"},  {"technologieën", "technologisch"},
    {"ecologie", "ecologische"},        {"democratie", "democratisch"},
    {"strategie", "strategische"},      {"bedrijfseconomie", "bedrijfseconomische"},
    {"innovatie", "innovatief"},        {"innovatie", "innovatieve"},
    {"innovaties", "innovatieve"},      {"preventie", "preventief"},
    {"preventie", "preventieve"},       {"participatie", "participatief"},
    {"creatie", "creatieve"},           {"educatie", "educatieve"},
    {"recreatie", "recreatieve"},       {"digitaal", "digitalisering"},
    {"digitale", "digitalisering"},     {"digitaal", "digitaliseren"},
    {"digitaal", "digitaliseert"},      {"digitaal", "gedigitaliseerd"},
    {"digitale", "gedigitaliseerde"},   {"centraal", "centraliseren"},
    {"decentrale", "decentralisering"}, {"normaal", "normaliseren"},
};

// Pairs that look derived but mean different things, and words whose -ie or -aal form is no
// word at all: a rule must not join them.
const WordPair kFalseFriendsStayApart[] = {
    {"positief", "positie"},
    {"positieve", "positie"},
    {"relatief", "relatie"},
    {"initiatief", "initiatie"},
    {"initiatieven", "initiatie"},
    {"definitief", "definitie"},
    {"actief", "actie"},
    {"collectief", "collectie"},
    {"transitief", "transitie"},
    {"productief", "productie"},
    {"motief", "motie"},
    {"brief", "brie"},
    {"realiseren", "reaal"},
    {"gerealiseerd", "reaal"},
    {"realisering", "reaal"},
    {"lokaliseren", "lokaal"},
    {"nationalisering", "nationaal"},
    {"socialisering", "sociaal"},
    {"optisch", "optie"},
    {"statisch", "statie"},
    {"hippisch", "hippie"},
    {"automatisch", "automatie"},
    {"oceanisch", "oceanië"},
    {"logisch", "logie"},
    {"kritisch", "kritiek"},
    {"praktisch", "praktijk"},
    {"energetisch", "energie"},
};

TEST_F(Stemming, RelatedFormsMeet) {
  for (const WordPair& pair : kMustMeet) {
    SCOPED_TRACE(std::string(pair.one) + " / " + pair.other);
    EXPECT_EQ(stem(pair.one), stem(pair.other));
  }
}

TEST_F(Stemming, LookAlikesStayApart) {
  for (const WordPair& pair : kMustStayApart) {
    SCOPED_TRACE(std::string(pair.one) + " / " + pair.other);
    EXPECT_NE(stem(pair.one), stem(pair.other));
  }
}

TEST_F(Stemming, AdjectivesMeetTheirSubject) {
  for (const WordPair& pair : kDerivedFormsMeet) {
    SCOPED_TRACE(std::string(pair.one) + " / " + pair.other);
    EXPECT_EQ(stem(pair.one), stem(pair.other));
  }
}

TEST_F(Stemming, FalseFriendsOfDerivationStayApart) {
  for (const WordPair& pair : kFalseFriendsStayApart) {
    SCOPED_TRACE(std::string(pair.one) + " / " + pair.other);
    EXPECT_NE(stem(pair.one), stem(pair.other));
  }
}

TEST_F(Stemming, TablesAreLargeEnoughToPinTheClassOfError) {
  EXPECT_GE(std::size(kMustMeet), 40u);
  EXPECT_GE(std::size(kMustStayApart), 20u);
}

TEST_F(Stemming, LeavesNumbersAndCodesAlone) {
  EXPECT_EQ(stem("2023"), "2023");
  EXPECT_EQ(stem("G40"), "g40");
  EXPECT_EQ(stem("CO2"), "co2");
}

}  // namespace
}  // namespace dealsearch::analyzers
