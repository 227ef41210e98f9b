// JSON Lines records: fields read, every malformed line a diagnostic with its line.
#include "indexer/jsonl_reader.h"

#include <gtest/gtest.h>

namespace dealsearch::indexer {
namespace {

TEST(JsonlReader, ReadsEveryField) {
  std::vector<Diagnostic> diagnostics;
  const auto records = read_jsonl(
      R"({"id": "d1", "title": "Titel", "status": "afgerond", "signed": "2021-03-04", )"
      R"("partners": ["Gemeente Zwolle"], "themes": ["energie"], "url": "https://x.nl", )"
      R"("body": "Eerste alinea.\n\nTweede\nalinea.", "extra": 1})",
      "d.jsonl", diagnostics);
  ASSERT_TRUE(diagnostics.empty());
  ASSERT_EQ(records.size(), 1u);
  const DealRecord& r = records[0];
  EXPECT_EQ(r.id, "d1");
  EXPECT_EQ(r.title, "Titel");
  EXPECT_EQ(r.status, "afgerond");
  EXPECT_EQ(r.signed_on, "2021-03-04");
  EXPECT_EQ(r.partners, std::vector<std::string>{"Gemeente Zwolle"});
  EXPECT_EQ(r.themes, std::vector<std::string>{"energie"});
  EXPECT_EQ(r.url, "https://x.nl");
  EXPECT_EQ(r.paragraphs, (std::vector<std::string>{"Eerste alinea.", "Tweede alinea."}));
  EXPECT_EQ(r.source.to_string(), "d.jsonl:1");
}

struct BadLine {
  const char* line;
  const char* message_part;
};

TEST(JsonlReader, ReportsEachBadLineWithItsNumber) {
  const BadLine cases[] = {
      {R"({"title": "T", "body": )", "not valid JSON"},
      {R"(["title", "body"])", "JSON object"},
      {R"({"body": "tekst"})", "\"title\""},
      {R"({"title": "T", "body": "   "})", "\"body\""},
      {R"({"title": "T", "body": "b", "partners": "Zwolle"})", "array of strings"},
      {R"({"title": "T", "body": "b", "signed": "9 oktober 2023"})", "YYYY-MM-DD"},
      {R"({"title": 3, "body": "b"})", "\"title\""},
  };
  for (const BadLine& c : cases) {
    SCOPED_TRACE(c.line);
    std::vector<Diagnostic> diagnostics;
    const std::string text =
        std::string("\n") + R"({"title": "Goed", "body": "b"})" + "\n" + c.line + "\n";
    const auto records = read_jsonl(text, "d.jsonl", diagnostics);
    EXPECT_EQ(records.size(), 1u);
    ASSERT_EQ(diagnostics.size(), 1u);
    EXPECT_EQ(diagnostics[0].line, 3u);
    EXPECT_NE(diagnostics[0].message.find(c.message_part), std::string::npos)
        << diagnostics[0].message;
  }
}

}  // namespace
}  // namespace dealsearch::indexer
