// Deal ids: slugs of titles, a given id first.
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

}  // namespace
}  // namespace dealsearch::indexer
