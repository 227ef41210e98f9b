// The document data's form: display JSON apart from the paragraphs, which come back byte for
// byte, and data in another form is refused, never misread.
#include "analyzers/schema.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace dealsearch::schema
