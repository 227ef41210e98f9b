// StoredDeal: what the indexer encodes comes back field for field, the text only when asked
// for, and data of another shape is refused rather than half read.
#include "analyzers/stored_deal.h"

#include <gtest/gtest.h>

#include "analyzers/schema.h"

namespace dealsearch::schema {
namespace {

StoredDeal example_deal() {
  StoredDeal deal;
  deal.id = "fietsen-voor-iedereen";
  deal.title = "Fietsen voor iedereen";
  deal.status = "in uitvoering";
  deal.signed_on = "2023-10-09";
  deal.ended_on = "2026-12-31";
  deal.year = "2023";
  deal.ministries = {{"IenW", "Ministerie van Infrastructuur en Waterstaat"}};
  deal.partners = {{"Ministerie van Infrastructuur en Waterstaat", "ministerie", "IenW"},
                   {"Gemeente Zwolle", "gemeente", ""}};
  deal.themes = {"mobiliteit"};
  deal.url = "https://agendastad.nl/citydeal/fietsen/";
  deal.source = "corpus/deals.txt:12";
  deal.paragraphs = {"Eerste alinea.", "Tweede: \"fietsen\" & meer.", "Uit de PDF."};
  deal.documents = {
      {"https://agendastad.nl/citydeal/fietsen/", "Fietsen voor iedereen", "html", std::nullopt, 0},
      {"", "Staatscourant-tekst", "pdf", 12, 2}};
  deal.paragraph_pages = {0, 0, 3};
  deal.page_breaks = {{2, 4, 4}};
  return deal;
}

void expect_same_fields(const StoredDeal& a, const StoredDeal& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.title, b.title);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.signed_on, b.signed_on);
  EXPECT_EQ(a.started_on, b.started_on);
  EXPECT_EQ(a.ended_on, b.ended_on);
  EXPECT_EQ(a.year, b.year);
  ASSERT_EQ(a.ministries.size(), b.ministries.size());
  for (size_t i = 0; i < a.ministries.size(); ++i) {
    EXPECT_EQ(a.ministries[i].code, b.ministries[i].code);
    EXPECT_EQ(a.ministries[i].name, b.ministries[i].name);
  }
  ASSERT_EQ(a.partners.size(), b.partners.size());
  for (size_t i = 0; i < a.partners.size(); ++i) {
    EXPECT_EQ(a.partners[i].name, b.partners[i].name);
    EXPECT_EQ(a.partners[i].type, b.partners[i].type);
    EXPECT_EQ(a.partners[i].code, b.partners[i].code);
  }
  EXPECT_EQ(a.themes, b.themes);
  EXPECT_EQ(a.url, b.url);
  EXPECT_EQ(a.source, b.source);
  ASSERT_EQ(a.documents.size(), b.documents.size());
  for (size_t i = 0; i < a.documents.size(); ++i) {
    EXPECT_EQ(a.documents[i].url, b.documents[i].url);
    EXPECT_EQ(a.documents[i].title, b.documents[i].title);
    EXPECT_EQ(a.documents[i].type, b.documents[i].type);
    EXPECT_EQ(a.documents[i].pages, b.documents[i].pages);
    EXPECT_EQ(a.documents[i].first_paragraph, b.documents[i].first_paragraph);
  }
  EXPECT_EQ(a.paragraph_pages, b.paragraph_pages);
  EXPECT_EQ(a.page_breaks, b.page_breaks);
}

TEST(StoredDeal, ComesBackAsItWasEncoded) {
  const StoredDeal deal = example_deal();
  const std::optional<StoredDeal> decoded = decode_stored_deal(encode_stored_deal(deal));
  ASSERT_TRUE(decoded.has_value());
  expect_same_fields(*decoded, deal);
  EXPECT_EQ(decoded->paragraphs, deal.paragraphs);
  EXPECT_FALSE(decoded->started_on.has_value());  // a date the deal does not give stays unset
}

TEST(StoredDeal, SkipsTheTextWhenOnlyTheFieldsAreWanted) {
  const std::optional<StoredDeal> decoded =
      decode_stored_deal(encode_stored_deal(example_deal()), StoredText::kSkip);
  ASSERT_TRUE(decoded.has_value());
  expect_same_fields(*decoded, example_deal());
  EXPECT_TRUE(decoded->paragraphs.empty());
}

TEST(StoredDeal, RefusesDataOfAnotherShape) {
  for (const std::string fields : {
           R"([1, 2])",                                           // not an object
           R"({"title": "geen id"})",                             // no id
           R"({"id": 7})",                                        // a field of another type
           R"({"id": "x", "signed": 20231009})",                  // a date that is no text
           R"({"id": "x", "partners": [{"name": ["Zwolle"]}]})",  // a partner's field
           R"({"id": "x", "ministries": "BZK"})",                 // a list that is none
           R"({"id": "x", "themes": ["wonen", 3]})",              // one item of another type
           R"({"id": )",                                          // no JSON at all
           R"({"id": "x", "documents": [{"pages": "12"}]})",      // a count that is text
           R"({"id": "x", "pages": [1, -2]})",                    // a page below 1... or 0
           R"({"id": "x", "page_breaks": [[1, 2]]})",             // a break without its page
       }) {
    EXPECT_FALSE(decode_stored_deal(encode_document_data(fields, {"tekst"})).has_value()) << fields;
  }
  EXPECT_FALSE(decode_stored_deal("geen nul-byte, dus geen document").has_value());
}

TEST(StoredDeal, TellsTheDocumentAndPageOfAPlaceInTheText) {
  const StoredDeal deal = example_deal();
  const struct {
    size_t paragraph, offset;
    const char* title;
    uint32_t page;
  } rows[] = {
      {0, 0, "Fietsen voor iedereen", 0}, {1, 5, "Fietsen voor iedereen", 0},
      {2, 0, "Staatscourant-tekst", 3},   {2, 3, "Staatscourant-tekst", 3},
      {2, 4, "Staatscourant-tekst", 4},  // page 4 begins at "de PDF."
      {9, 0, "Staatscourant-tekst", 0},  // beyond the text: the last document
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(std::to_string(row.paragraph) + ":" + std::to_string(row.offset));
    const DocumentPlace place = document_place(deal, row.paragraph, row.offset);
    ASSERT_NE(place.document, nullptr);
    EXPECT_EQ(place.document->title, row.title);
    EXPECT_EQ(place.page, row.page);
  }
  EXPECT_EQ(document_place(StoredDeal{}, 0).document, nullptr);
}

TEST(StoredDeal, ReadsADealThatLeavesOutWhatItDoesNotKnow) {
  const std::optional<StoredDeal> decoded =
      decode_stored_deal(encode_document_data(R"({"id": "kaal", "signed": null})", {}));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->id, "kaal");
  EXPECT_FALSE(decoded->signed_on.has_value());
  EXPECT_TRUE(decoded->partners.empty());
}

}  // namespace
}  // namespace dealsearch::schema
