// The document data's form: display JSON apart from the paragraphs, which come back byte for
// byte, and data in another form is refused, never misread.
#include "analyzers/schema.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace dealsearch::schema {
namespace {

TEST(DocumentData, GivesBackTheFieldsAndEveryParagraphAsWritten) {
  const std::vector<std::string> paragraphs = {"Eerste alinea.", "", "12:34 staat hier",
                                               std::string("met \0 nul", 9),
                                               "ëën ‘s-Hertogenbosch"};
  const std::string data = encode_document_data(R"({"id":"x"})", paragraphs);
  const std::optional<DocumentData> decoded = decode_document_data(data);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->display_json, R"({"id":"x"})");
  ASSERT_EQ(decoded->paragraphs.size(), paragraphs.size());
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    EXPECT_EQ(decoded->paragraphs[i], paragraphs[i]);
  }
}

TEST(DocumentData, ADealWithoutTextHasNoParagraphs) {
  const std::optional<DocumentData> decoded = decode_document_data(encode_document_data("{}", {}));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_TRUE(decoded->paragraphs.empty());
}

TEST(DocumentData, RefusesDataInAnotherForm) {
  using namespace std::string_literals;
  for (const std::string& data :
       {R"({"id":"x","paragraphs":["a"]})"s,  // schema version 1: JSON alone
        "{}\0"s + "5:abc",                    // a length past the end
        "{}\0"s + "3abc",                     // no colon
        "{}\0"s + ":abc",                     // no length
        "{}\0"s + "99999999999999999999999:a"}) {
    SCOPED_TRACE(data);
    EXPECT_FALSE(decode_document_data(data).has_value());
  }
}

// Where a deal lives must never change between machines or versions: N machines indexing with
// --shard K/N would otherwise index a deal twice or not at all. The expected shards were
// computed apart from this code (FNV-1a 64 in Python: h ^= byte; h *= 1099511628211 mod 2^64).
TEST(Shards, ADealLivesInTheSameShardOnEveryMachineAndVersion) {
  struct Row {
    std::string_view id;
    std::array<size_t, 5> shards;  // of 1, 2, 3, 4 and 10 shards
  };
  const Row rows[] = {
      {"fietsen-voor-iedereen", {1, 1, 2, 3, 7}},
      {"energiearmoede", {1, 2, 2, 2, 10}},
      {"sittard-geleen", {1, 2, 1, 2, 4}},
      {"regio-deal-zwolle", {1, 1, 1, 3, 1}},
      {"a", {1, 1, 2, 1, 7}},
      {"", {1, 2, 3, 2, 8}},
  };
  const size_t counts[] = {1, 2, 3, 4, 10};
  for (const Row& row : rows) {
    for (size_t i = 0; i < std::size(counts); ++i) {
      SCOPED_TRACE(std::string(row.id) + " of " + std::to_string(counts[i]));
      EXPECT_EQ(shard_of(row.id, counts[i]), row.shards[i]);
    }
  }
}

TEST(Shards, AShardIsSpelledKSlashN) {
  EXPECT_EQ(format_shard(2, 3), "2/3");
  struct Row {
    std::string_view text;
    std::optional<std::pair<size_t, size_t>> expected;
  };
  const Row rows[] = {
      {"2/3", std::pair<size_t, size_t>{2, 3}},
      {"1/1", std::pair<size_t, size_t>{1, 1}},
      {"1024/1024", std::pair<size_t, size_t>{1024, 1024}},
      {"0/3", std::nullopt},
      {"4/3", std::nullopt},
      {"1/1025", std::nullopt},
      {"2", std::nullopt},
      {"2/", std::nullopt},
      {"/3", std::nullopt},
      {"2/3/4", std::nullopt},
      {" 2/3", std::nullopt},
      {"+2/3", std::nullopt},
      {"-1/3", std::nullopt},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    EXPECT_EQ(parse_shard(row.text), row.expected);
  }
}

// Which slot holds a facet value must not change between machines or versions either: an
// index written by one build is counted by another. The expected slots were computed apart
// from this code (FNV-1a 64 in Python, as for the shards), for a facet of 1, 8 and 16 slots
// from slot 8 on.
TEST(FacetSlots, AValueGoesToTheSameSlotOnEveryMachineAndVersion) {
  struct Row {
    std::string_view value;
    std::array<Xapian::valueno, 3> slots;  // of 1, 8 and 16 slots
  };
  const Row rows[] = {
      {"gemeente zwolle", {8, 10, 10}},
      {"fietsersbond", {8, 11, 11}},
      {"provincie overijssel", {8, 10, 18}},
      {"rijkswaterstaat", {8, 14, 14}},
      {"tno", {8, 8, 16}},
      {"gemeente groningen", {8, 12, 20}},
  };
  const Xapian::valueno counts[] = {1, 8, 16};
  for (const Row& row : rows) {
    for (size_t i = 0; i < std::size(counts); ++i) {
      SCOPED_TRACE(std::string(row.value) + " of " + std::to_string(counts[i]) + " slots");
      const Facet facet{"partner", kPartner, true, FacetValues::kFolded, 8, counts[i]};
      EXPECT_EQ(facet_slot(facet, row.value), row.slots[i]);
    }
  }
}

TEST(FacetSlots, NoTwoFacetsShareASlotNorTakeTheDateTitleOrIdSlot) {
  std::set<Xapian::valueno> taken = {kSlotDate, kSlotTitle, kSlotId};
  for (const Facet& facet : kFacets) {
    ASSERT_GE(facet.slot_count, 1u) << facet.name;
    EXPECT_EQ(facet.slot_count > 1, facet.name == "partner") << facet.name;
    for (Xapian::valueno slot = facet.first_slot; slot < facet.first_slot + facet.slot_count;
         ++slot) {
      EXPECT_TRUE(taken.insert(slot).second) << facet.name << " slot " << slot;
    }
  }
}

// The values of each facet read back from a document's slots, by facet name.
std::map<std::string, std::multiset<std::string>> read_back(const Xapian::Document& doc) {
  std::map<std::string, std::multiset<std::string>> values;
  for (const Facet& facet : kFacets) {
    for (Xapian::valueno slot = facet.first_slot; slot < facet.first_slot + facet.slot_count;
         ++slot) {
      const std::string held = doc.get_value(slot);
      for (const std::string_view value : facet_slot_values(held)) {
        values[std::string(facet.name)].emplace(value);
      }
    }
  }
  return values;
}

TEST(FacetSlots, EveryPartnerOfADealIsInItsSlotAndCollisionsShareOne) {
  const std::vector<std::string> partners = {"gemeente zwolle",
                                             "fietsersbond",
                                             "woningcorporatie",
                                             "rijkswaterstaat",
                                             "gemeente utrecht",
                                             "provincie overijssel",
                                             "tno",
                                             "gemeente groningen",
                                             "universiteit utrecht",
                                             "gemeente amsterdam",
                                             "ggd ijsselland",
                                             "waterschap drents overijsselse delta",
                                             "kamer van koophandel",
                                             "rabobank",
                                             "gemeente deventer",
                                             "gemeente kampen",
                                             "provincie drenthe",
                                             "hogeschool windesheim",
                                             "saxion",
                                             "enexis"};
  Xapian::Document doc;
  for (const std::string& partner : partners) {
    doc.add_boolean_term(std::string(kPartner) + partner);
  }
  set_facet_values(doc);

  // Twenty partners in kPartnerSlots slots: some share one, and every one reads back once.
  const auto values = read_back(doc);
  EXPECT_EQ(values.at("partner"), std::multiset<std::string>(partners.begin(), partners.end()));
  const Facet& partner = *find_facet("partner");
  // "fietsersbond" and "woningcorporatie" land in one slot (FNV-1a), sorted within it;
  // "gemeente utrecht" and "rijkswaterstaat" in another.
  EXPECT_EQ(facet_slot(partner, "fietsersbond"), facet_slot(partner, "woningcorporatie"));
  for (const auto& [first, second] : {std::pair{"fietsersbond", "woningcorporatie"},
                                      std::pair{"gemeente utrecht", "rijkswaterstaat"}}) {
    const std::string slot = doc.get_value(facet_slot(partner, first));
    const std::vector<std::string_view> in_slot = facet_slot_values(slot);
    EXPECT_NE(std::find(in_slot.begin(), in_slot.end(), first), in_slot.end()) << slot;
    EXPECT_NE(std::find(in_slot.begin(), in_slot.end(), second), in_slot.end()) << slot;
    EXPECT_TRUE(std::is_sorted(in_slot.begin(), in_slot.end())) << slot;
  }
}

TEST(FacetSlots, ASlotHoldsTheTermsSuffixesOfItsFacetAlone) {
  Xapian::Document doc;
  for (const std::string term :
       {"XSTATUSin uitvoering", "XMINIenW", "XMINBZK", "XTYPEgemeente", "XTYPEministerie",
        "XTHEMEmobiliteit", "XYEAR2023", "XPARTgemeente zwolle", "Qfietsen-voor-iedereen",
        "XCarmoede", "Senergie"}) {
    doc.add_boolean_term(term);
  }
  set_facet_values(doc);
  EXPECT_EQ(doc.get_value(kSlotStatus), "in uitvoering");
  EXPECT_EQ(doc.get_value(kSlotMinistry), "BZK\x1fIenW");
  EXPECT_EQ(doc.get_value(kSlotPartnerType), "gemeente\x1fministerie");
  EXPECT_EQ(doc.get_value(kSlotTheme), "mobiliteit");
  EXPECT_EQ(doc.get_value(kSlotYear), "2023");
  const auto values = read_back(doc);
  EXPECT_EQ(values.at("partner"), std::multiset<std::string>{"gemeente zwolle"});
  EXPECT_EQ(doc.values_count(), 5u + 1u) << "one partner slot of " << kPartnerSlots;
}

TEST(FacetSlots, AValueHoldingTheSeparatorIsLeftOutAndSetAgainReplaces) {
  Xapian::Document doc;
  doc.add_boolean_term(std::string(kTheme) + "mobiliteit");
  doc.add_boolean_term(std::string(kTheme) + "wonen" + kFacetValueSeparator + "bouwen");
  set_facet_values(doc);
  EXPECT_EQ(doc.get_value(kSlotTheme), "mobiliteit");

  doc.remove_term(std::string(kTheme) + "mobiliteit");
  set_facet_values(doc);
  EXPECT_EQ(doc.get_value(kSlotTheme), "") << "no value left, so the slot is empty";
}

TEST(FacetSlots, SplitsASlotIntoItsValues) {
  using Values = std::vector<std::string_view>;
  EXPECT_EQ(facet_slot_values(""), Values{});
  EXPECT_EQ(facet_slot_values("2023"), Values{"2023"});
  EXPECT_EQ(facet_slot_values("BZK\x1fIenW\x1fOCW"), (Values{"BZK", "IenW", "OCW"}));
}

}  // namespace
}  // namespace dealsearch::schema
