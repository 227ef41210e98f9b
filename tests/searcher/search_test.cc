// Searcher over the indexed seed corpus: hits, exact disjunctive facets, spelling, snippets.
#include "searcher/search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <iterator>
#include <set>

#include "searcher/html.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/corpus_index.h"
#include "tests/support/search_hits.h"
#include "tests/support/test_files.h"

namespace dealsearch::searcher {
namespace {

class Search : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    directory_ = new testing::TemporaryDirectory();
    testing::build_corpus_index(directory_->path() / "index");
  }
  static void TearDownTestSuite() { delete directory_; }

  using Filters = std::map<std::string, std::vector<std::string>>;

  SearchResult search(std::string query, Filters filters = {}, size_t page = 1, size_t size = 10) {
    SearchRequest request;
    request.query = std::move(query);
    request.filters = std::move(filters);
    request.page = page;
    request.size = size;
    return searcher_.search(request);
  }

  static std::vector<std::string> ids(const SearchResult& result) {
    return testing::hit_ids(result);
  }
  static std::set<std::string> as_set(const SearchResult& result) {
    return testing::hit_id_set(result);
  }

  static size_t count_of(const SearchResult& result, const std::string& facet,
                         const std::string& value) {
    for (const FacetValue& v : result.facets.at(facet)) {
      if (v.value == value) {
        return v.count;
      }
    }
    return 0;
  }

  static testing::TemporaryDirectory* directory_;
  Searcher searcher_{open_index(directory_->path() / "index",
                                analyzers::Analyzer(testing::shared_analyzer_data()).fingerprint()),
                     testing::shared_analyzer_data()};
};

testing::TemporaryDirectory* Search::directory_ = nullptr;

TEST_F(Search, FindsACompoundByItselfAndByItsPart) {
  const SearchResult exact = search("energiearmoede");
  EXPECT_EQ(exact.total, 1u);
  EXPECT_EQ(ids(exact), std::vector<std::string>{"energieke-wijken-duurzaam-en-sociaal"});
  EXPECT_NE(snippet_html(exact.hits[0].snippet).find("<mark>energiearmoede</mark>"),
            std::string::npos)
      << exact.hits[0].snippet.text;
  const SearchResult part = search("armoede");
  ASSERT_EQ(part.total, 1u);
  EXPECT_NE(snippet_html(part.hits[0].snippet).find("nergie<mark>armoede</mark>"),
            std::string::npos)
      << part.hits[0].snippet.text;
}

TEST_F(Search, FiltersByMinistryCodeOrNameInAnyCase) {
  for (const char* ministry :
       {"BZK", "bzk", "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties",
        "binnenlandse zaken en koninkrijksrelaties"}) {
    SCOPED_TRACE(ministry);
    const SearchResult result = search("", {{"ministry", {ministry}}});
    EXPECT_EQ(result.total, 3u);
    const std::vector<std::string> found = ids(result);
    EXPECT_NE(std::find(found.begin(), found.end(), "fietsen-voor-iedereen"), found.end());
  }
}

TEST_F(Search, FiltersByAMinistrysFormerCodeOrOtherName) {
  // Each selects the ministry it became or is another name of, as the texts' gazetteer maps
  // them (indexer/data/ministries-nl.tsv), learnt from the index's metadata.
  const struct {
    const char* given;
    const char* code;
  } rows[] = {
      {"IenM", "IenW"},
      {"Infrastructuur en Milieu", "IenW"},
      {"I&M", "IenW"},
      {"VenJ", "JenV"},
      {"Veiligheid en Justitie", "JenV"},
      {"EZK", "EZ"},
      {"EL&I", "EZ"},
      {"BiZa", "BZK"},
      {"Binnenlandse Zaken", "BZK"},
      {"OCenW", "OCW"},
      {"LNV", "LVVN"},
      {"VROM", "VRO"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.given);
    const SearchResult by_alias = search("", {{"ministry", {row.given}}});
    const SearchResult by_code = search("", {{"ministry", {row.code}}});
    EXPECT_EQ(by_alias.total, by_code.total);
    EXPECT_EQ(as_set(by_alias), as_set(by_code));
  }
  EXPECT_GT(search("", {{"ministry", {"IenM"}}}).total, 0u);
  EXPECT_GT(search("", {{"ministry", {"EZK"}}}).total, 0u);
}

TEST_F(Search, AMinistrysShortNameOrFormerCodeAsAQueryFindsItsDeals) {
  const SearchResult full = search("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties");
  for (const char* typed : {"Binnenlandse Zaken", "binnenlandse zaken", "BiZa"}) {
    SCOPED_TRACE(typed);
    const SearchResult result = search(typed);
    EXPECT_EQ(result.total, full.total);
    EXPECT_EQ(as_set(result), as_set(full));
  }
  EXPECT_EQ(as_set(search("IenM")), as_set(search("IenW")));
  EXPECT_EQ(as_set(search("Economische Zaken")), as_set(search("EZ")));
  // A minister's title or a subject is no ministry's name in a query: "medische zorg" finds
  // the deals that write it, not every deal of VWS (it does as a filter).
  EXPECT_NE(search("medische zorg").total, search("VWS").total);
}

TEST_F(Search, AFilterValueNoDealHasFindsNothing) {
  for (const auto& [facet, value] : std::vector<std::pair<std::string, std::string>>{
           {"ministry", "XYZ"}, {"status", "opgeheven"}, {"year", "1850"}}) {
    SCOPED_TRACE(facet + "=" + value);
    EXPECT_EQ(search("fietsen", {{facet, {value}}}).total, 0u);
    EXPECT_EQ(search("", {{facet, {value}}}).total, 0u);
  }
  // Next to a value that exists, it changes nothing (values of one facet are OR-ed).
  EXPECT_EQ(search("", {{"ministry", {"XYZ", "BZK"}}}).total, 3u);
}

TEST_F(Search, FacetCountsIgnoreTheirOwnFilter) {
  const SearchResult result = search("", {{"ministry", {"BZK"}}});
  EXPECT_EQ(count_of(result, "ministry", "BZK"), 3u);
  EXPECT_EQ(count_of(result, "ministry", "VWS"), 2u) << "other ministries stay visible";
  EXPECT_EQ(count_of(result, "ministry", "OCW"), 1u);
  // Other facets count within the filter.
  size_t statuses = 0;
  for (const FacetValue& v : result.facets.at("status")) {
    statuses += v.count;
  }
  EXPECT_EQ(statuses, 3u);
  const SearchResult both = search("", {{"ministry", {"OCW", "IenW"}}});
  EXPECT_EQ(both.total, 2u) << "values of one facet are OR-ed";
  const SearchResult and_status = search("", {{"ministry", {"BZK"}}, {"status", {"afgerond"}}});
  EXPECT_EQ(and_status.total, 0u) << "facets are AND-ed";
  EXPECT_TRUE(and_status.drop_filter_hint.has_value());
}

// A filter goes into each branch of an OR and the left of an AND_NOT, right above a phrase or
// a NEAR, where Xapian checks positions only in the deals it allows.
TEST(Filtered, GoesIntoEachBranchOfAnOrAndTheLeftOfAnAndNot) {
  const Xapian::Query phrase(Xapian::Query::OP_PHRASE, Xapian::Query("armoede"),
                             Xapian::Query("stress"));
  const Xapian::Query text(
      Xapian::Query::OP_OR, phrase,
      Xapian::Query(Xapian::Query::OP_AND_NOT, Xapian::Query("armoedestress"), Xapian::Query("x")));
  EXPECT_EQ(filtered(text, Xapian::Query("XYEAR2016")).get_description(),
            "Query((((armoede PHRASE 2 stress) FILTER XYEAR2016) OR ((armoedestress FILTER "
            "XYEAR2016) AND_NOT x)))");
  EXPECT_EQ(filtered(text, std::nullopt).get_description(), text.get_description());
}

// With filters on two facets, each of them counts the matches of the other's filter alone:
// the same counts as a search with only that filter.
TEST_F(Search, EachFilteredFacetCountsWithTheOtherFiltersOnly) {
  const auto counts = [](const SearchResult& result, const std::string& facet) {
    std::vector<std::pair<std::string, size_t>> values;
    for (const FacetValue& v : result.facets.at(facet)) {
      values.emplace_back(v.value, v.count);
    }
    return values;
  };
  const Filters ministry = {{"ministry", {"BZK", "VWS"}}};
  const Filters status = {{"status", {"in uitvoering"}}};
  const Filters theme = {{"theme", {"mobiliteit", "sociaal domein"}}};
  for (const char* typed : {"", "energiearmoede", "samen gemeente", "\"de gemeente\""}) {
    SCOPED_TRACE(typed);
    Filters all = ministry;
    all.insert(status.begin(), status.end());
    all.insert(theme.begin(), theme.end());
    const SearchResult result = search(typed, all);
    Filters but_ministry = status;
    but_ministry.insert(theme.begin(), theme.end());
    EXPECT_EQ(counts(result, "ministry"), counts(search(typed, but_ministry), "ministry"));
    Filters but_status = ministry;
    but_status.insert(theme.begin(), theme.end());
    EXPECT_EQ(counts(result, "status"), counts(search(typed, but_status), "status"));
    Filters but_theme = ministry;
    but_theme.insert(status.begin(), status.end());
    EXPECT_EQ(counts(result, "theme"), counts(search(typed, but_theme), "theme"));
  }
  EXPECT_FALSE(counts(search("", {{"status", {"in uitvoering"}}}), "ministry").empty());
}

TEST_F(Search, LabelsMinistriesAndPartnersForDisplay) {
  const SearchResult result = search("fietsen");
  bool labelled = false;
  for (const FacetValue& v : result.facets.at("ministry")) {
    labelled =
        labelled || (v.value == "IenW" && v.label == "Ministerie van Infrastructuur en Waterstaat");
  }
  EXPECT_TRUE(labelled);
  EXPECT_GT(count_of(result, "partner", "Gemeente Zwolle"), 0u);
}

TEST_F(Search, AnEmptyQueryListsAllDealsNewestFirstAndPages) {
  const SearchResult all = search("");
  EXPECT_EQ(all.total, 10u);
  ASSERT_FALSE(all.hits.empty());
  EXPECT_EQ(all.hits[0].deal.id, "fietsen-voor-iedereen");  // signed 9 October 2023
  const SearchResult page2 = search("", {}, 2, 3);
  EXPECT_EQ(page2.hits.size(), 3u);
  EXPECT_EQ(page2.total, 10u);
}

TEST_F(Search, CorrectsATypoWhenNothingMatches) {
  const SearchResult result = search("fietsenn");
  ASSERT_TRUE(result.suggestion.has_value());
  EXPECT_EQ(*result.suggestion, "fietsen");
  EXPECT_TRUE(result.corrected);
  EXPECT_GT(result.total, 0u);
}

// A word of the Dutch word list is no typo, even when no deal holds it: the seed deals never
// write "wandelen", and "bundelen" is not what was meant; nor is "weten" for "eten".
TEST_F(Search, NeverCorrectsADutchWord) {
  for (const char* typed : {"wandelen", "gezond eten", "zeilboot"}) {
    SCOPED_TRACE(typed);
    const SearchResult result = search(typed);
    EXPECT_FALSE(result.suggestion.has_value());
    EXPECT_FALSE(result.corrected);
  }
  EXPECT_EQ(search("zeilboot").total, 0u) << "no deal, no theme: nothing";
}

// A word no deal holds that is a keyword of a theme (indexer/data/themes-nl.tsv) finds the
// deals of that theme, relaxed: "wandelen" is mobility, "eten" food and health. The other
// words still count: "gezond" narrows the food deals to the one about a healthy diet.
TEST_F(Search, AWordNoDealHoldsFindsTheDealsOfItsTheme) {
  const SearchResult walking = search("wandelen");
  EXPECT_TRUE(walking.relaxed);
  EXPECT_EQ(as_set(walking), as_set(search("", {{"theme", {"mobiliteit"}}})));
  EXPECT_TRUE(as_set(walking).contains("ruimte-voor-lopen"));

  const SearchResult eating = search("gezond eten");
  EXPECT_TRUE(eating.relaxed);
  EXPECT_EQ(ids(eating), std::vector<std::string>{"gezonde-en-duurzame-voedselomgeving"});
}

// The corrected query is the typed one with only its misspelt words replaced: every
// operator stays, and the suggestion shows it so.
TEST_F(Search, ACorrectionKeepsTheOperatorsTyped) {
  const SearchResult excluded = search("fietsenn -iedereen");
  EXPECT_EQ(excluded.suggestion, "fietsen -iedereen");
  const std::vector<std::string> found = ids(excluded);
  EXPECT_EQ(std::find(found.begin(), found.end(), "fietsen-voor-iedereen"), found.end())
      << "-iedereen excludes that deal";

  const SearchResult either = search("fietsenn OR cybercrimee");
  EXPECT_EQ(either.suggestion, "fietsen OR cybercrime");
  EXPECT_TRUE(either.corrected);
  EXPECT_EQ(as_set(either), as_set(search("fietsen OR cybercrime")));
  EXPECT_EQ(as_set(either).size(), 2u);

  const SearchResult phrase = search("\"fietsenn voor iedereen\"");
  EXPECT_EQ(phrase.suggestion, "\"fietsen voor iedereen\"");
  EXPECT_TRUE(phrase.corrected);
  EXPECT_EQ(ids(phrase), std::vector<std::string>{"fietsen-voor-iedereen"});

  const SearchResult prefix = search("fietsenn cyberweer*");
  EXPECT_EQ(prefix.suggestion, "fietsen cyberweer*") << "a prefix is never corrected";
}

// An excluded word is kept as typed: a word no deal has excludes nothing, so correcting it
// could never find more deals, only drop some on a guess.
TEST_F(Search, ACorrectionLeavesExclusionsAsTyped) {
  const SearchResult result = search("fietsenn -iedereenn");
  EXPECT_EQ(result.suggestion, "fietsen -iedereenn");
  EXPECT_TRUE(result.corrected);
  EXPECT_EQ(ids(result), ids(search("fietsen")));
  EXPECT_FALSE(search("fietsen -iedereenn").suggestion.has_value());
}

TEST_F(Search, RelaxesAQueryWhoseWordsNeverMeet) {
  const SearchResult result = search("cyberweerbaarheid voedselomgeving");
  EXPECT_TRUE(result.relaxed);
  EXPECT_EQ(result.total, 2u);
}

TEST_F(Search, AMinistrysCodeFindsDealsThatWriteItsFullName) {
  // "Fietsen voor iedereen" writes "het ministerie van Binnenlandse Zaken en
  // Koninkrijksrelaties", never "BZK".
  const SearchResult result = search("BZK");
  const std::vector<std::string> found = ids(result);
  EXPECT_NE(std::find(found.begin(), found.end(), "fietsen-voor-iedereen"), found.end());
  EXPECT_EQ(result.total, 3u);
}

TEST_F(Search, AMinistrysFullNameFindsDealsThatWriteOnlyItsCode) {
  // "Lokale Weerbaarheid Cybercrime" writes "de ministeries van JenV, EZK (DTC) en BZK".
  for (const char* typed : {"Justitie en Veiligheid", "ministerie van justitie en veiligheid",
                            "Het Ministerie van Justitie en Veiligheid"}) {
    SCOPED_TRACE(typed);
    const std::vector<std::string> found = ids(search(typed));
    EXPECT_NE(std::find(found.begin(), found.end(), "lokale-weerbaarheid-cybercrime"), found.end());
  }
}

TEST_F(Search, AMinistrysFullNameInsideALongerQueryStandsForItsCode) {
  // "Lokale Weerbaarheid Cybercrime" writes "JenV" only; "weerbaarheid" narrows the search to it.
  for (const char* typed : {"weerbaarheid ministerie van Justitie en Veiligheid",
                            "Justitie en Veiligheid weerbaarheid"}) {
    SCOPED_TRACE(typed);
    EXPECT_EQ(ids(search(typed)), std::vector<std::string>{"lokale-weerbaarheid-cybercrime"});
  }
  // Inside quotes it is only a phrase, which that deal does not contain.
  const SearchResult quoted = search("\"justitie en veiligheid\" weerbaarheid");
  EXPECT_TRUE(quoted.total == 0 || quoted.relaxed);
}

// OR binds the two clauses next to it, and the clauses are AND-ed: "a OR b c" is
// "(a OR b) AND c". A ministry named by its code or in full is one clause like any other.
TEST_F(Search, AMinistryNextToOrKeepsTheOr) {
  std::set<std::string> expected;
  const std::set<std::string> either = as_set(search("fietsen OR cybercrime"));
  const std::set<std::string> jenv = as_set(search("JenV"));
  std::set_intersection(either.begin(), either.end(), jenv.begin(), jenv.end(),
                        std::inserter(expected, expected.end()));
  ASSERT_EQ(expected, std::set<std::string>{"lokale-weerbaarheid-cybercrime"});
  for (const char* typed :
       {"fietsen OR cybercrime JenV", "fietsen OR cybercrime Justitie en Veiligheid",
        "fietsen OR cybercrime ministerie van justitie en veiligheid"}) {
    SCOPED_TRACE(typed);
    const SearchResult result = search(typed);
    EXPECT_FALSE(result.relaxed);
    EXPECT_EQ(as_set(result), expected);
  }
  // An OR before the name takes the whole name.
  const std::set<std::string> fietsen = as_set(search("fietsen"));
  std::set<std::string> fietsen_or_jenv = jenv;
  fietsen_or_jenv.insert(fietsen.begin(), fietsen.end());
  EXPECT_EQ(as_set(search("fietsen OR Justitie en Veiligheid")), fietsen_or_jenv);
  EXPECT_EQ(as_set(search("fietsen OR JenV")), fietsen_or_jenv);
}

TEST_F(Search, RanksTitleMatchesAndExactWordsFirst) {
  // "fietsen" is in one title; "lopen" in one title and other texts.
  EXPECT_EQ(ids(search("fietsen")).front(), "fietsen-voor-iedereen");
  EXPECT_EQ(ids(search("lopen")).front(), "ruimte-voor-lopen");
  EXPECT_EQ(ids(search("maatwerk")).size(), 2u);
  const std::vector<std::string> maatwerk = ids(search("maatwerk"));
  EXPECT_TRUE(maatwerk.front() == "slim-maatwerk" || maatwerk.front() == "eenvoudig-maatwerk");
  // An exact word outranks a deal where it is only part of a compound.
  const std::vector<std::string> energie = ids(search("energie"));
  ASSERT_FALSE(energie.empty());
  EXPECT_EQ(energie.front(), "energieke-wijken-duurzaam-en-sociaal");
}

TEST_F(Search, ReadsAWholeDealById) {
  const std::optional<schema::StoredDeal> deal = searcher_.deal("slim-maatwerk");
  ASSERT_TRUE(deal.has_value());
  EXPECT_EQ(deal->title, "Slim Maatwerk");
  EXPECT_FALSE(deal->paragraphs.empty());
  EXPECT_FALSE(searcher_.deal("bestaat-niet").has_value());
}

}  // namespace
}  // namespace dealsearch::searcher
