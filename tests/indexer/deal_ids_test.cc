// Deal ids: slugs of titles, a given id first, and the last record of each id indexed.
#include "indexer/deal_ids.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace dealsearch::indexer {
namespace {

struct SlugCase {
  std::string title;
  std::string expected;
};

TEST(DealIds, ASlugIsTheFoldedWordsOfTheTitleJoinedByDashes) {
  const std::string long_title = "Werken aan " + std::string(200, 'x') + " zonder eind";
  const SlugCase cases[] = {
      {"Fietsen voor iedereen", "fietsen-voor-iedereen"},
      {"‘s-Hertogenbosch", "s-hertogenbosch"},
      {"Energieke wijken, duurzaam en sociaal", "energieke-wijken-duurzaam-en-sociaal"},
      {"Café Één  &  Twee!", "cafe-een-twee"},
      {"!!!", "deal"},
      {long_title, "werken-aan"},  // cut after a whole word
      {std::string(200, 'a'), std::string(kMaxIdBytes, 'a')},
  };
  const analyzers::Folder folder;
  for (const SlugCase& c : cases) {
    SCOPED_TRACE(c.title);
    EXPECT_EQ(slug(c.title, folder), c.expected);
  }
}

DealRecord record(std::string id, std::string title, std::string file, size_t line) {
  DealRecord made;
  made.id = std::move(id);
  made.title = std::move(title);
  made.source = {std::move(file), line};
  return made;
}

TEST(DealIds, AGivenIdWinsOverTheSlugOfTheTitle) {
  const analyzers::Folder folder;
  EXPECT_EQ(deal_id(record("fiets-2023", "Fietsen voor iedereen", "a.jsonl", 1), folder),
            "fiets-2023");
  EXPECT_EQ(deal_id(record("", "  Fietsen voor iedereen\u00a0", "a.txt", 1), folder),
            "fietsen-voor-iedereen");
}

// What last_of_each_id() keeps, as positions in `records`, and its warnings.
struct Kept {
  std::vector<size_t> positions;
  std::vector<std::string> warnings;
};

Kept last_of_each_id(const std::vector<DealRecord>& records) {
  std::vector<Diagnostic> warnings;
  Kept kept;
  for (const DealRecord* record : last_of_each_id(records, analyzers::Folder(), warnings)) {
    kept.positions.push_back(static_cast<size_t>(record - records.data()));
  }
  for (const Diagnostic& warning : warnings) {
    kept.warnings.push_back(warning.to_string());
  }
  return kept;
}

TEST(DealIds, TheLastRecordOfEachIdIsIndexedWithinAFileAndAcrossFiles) {
  const Kept kept = last_of_each_id({
      record("", "Fietsen voor iedereen", "pagina.txt", 3),
      record("lopen", "Ruimte voor lopen", "a.jsonl", 1),
      record("lopen", "Ruimte voor lopen, herzien", "a.jsonl", 2),
      record("fietsen-voor-iedereen", "Fietsen voor iedereen 2", "b.jsonl", 7),
      record("", "Slim maatwerk", "b.jsonl", 8),
  });
  EXPECT_EQ(kept.positions, (std::vector<size_t>{2, 3, 4}));
  EXPECT_EQ(kept.warnings, (std::vector<std::string>{
                               "a.jsonl:2: id 'lopen' also at a.jsonl:1; this one is indexed "
                               "(give one another \"id\" to keep both)",
                               "b.jsonl:7: id 'fietsen-voor-iedereen' also at pagina.txt:3; this "
                               "one is indexed (give one another \"id\" to keep both)"}));
}

TEST(DealIds, ThreeRecordsWithOneIdKeepTheLastAndWarnTwice) {
  const Kept kept = last_of_each_id({
      record("x", "Een", "a.jsonl", 1),
      record("x", "Twee", "a.jsonl", 2),
      record("x", "Drie", "a.jsonl", 3),
  });
  EXPECT_EQ(kept.positions, std::vector<size_t>{2});
  ASSERT_EQ(kept.warnings.size(), 2u);
  EXPECT_EQ(kept.warnings[1].rfind("a.jsonl:3: id 'x' also at a.jsonl:2;", 0), 0u);
}

}  // namespace
}  // namespace dealsearch::indexer
