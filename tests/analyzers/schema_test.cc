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

}  // namespace
}  // namespace dealsearch::schema
