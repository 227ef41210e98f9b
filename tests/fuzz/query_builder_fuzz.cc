// Fuzzes QueryBuilder::build: whatever is typed gives a query that Xapian can describe and run.
#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "analyzers/analyzer.h"
#include "searcher/query_builder.h"
#include "searcher/word_forms.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/fuzz/fuzz_check.h"

namespace dealsearch::fuzz {
namespace {

struct Fixture {
  // The builder finds a compound part's forms among the documents' words, as a Searcher's does.
  Fixture()
      : analyzer(testing::shared_analyzer_data()),
        builder(analyzer, [this](const analyzers::Token& word) {
          return searcher::indexed_forms(db, analyzer, word);
        }) {
    builder.set_word_synonyms({{"bzk", "XMINBZK"}, {"ienw", "XMINIENW"}});
    // A few documents in Xapian's in-memory backend, so that every query also runs.
    Xapian::Document doc;
    for (const char* term :
         {"fiets", "Zfiet", "XCfiets", "energie", "XMINBZK", "armoede", "eigenaar", "eigenaren"}) {
      doc.add_posting(term, 1);
    }
    db.add_document(doc);
  }

  analyzers::Analyzer analyzer;
  searcher::QueryBuilder builder;
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
};

void run(Xapian::Database& db, const Xapian::Query& query) {
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  (void)enquire.get_mset(0, 10);
}

}  // namespace
}  // namespace dealsearch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dealsearch::fuzz::check;
  static dealsearch::fuzz::Fixture fixture;
  const std::string_view typed(reinterpret_cast<const char*>(data), size);
  try {
    const dealsearch::searcher::BuiltQuery built = fixture.builder.build(typed);
    (void)built.strict.get_description();
    (void)built.scattered.get_description();
    (void)built.relaxed.get_description();
    if (!built.match_all) {
      dealsearch::fuzz::run(fixture.db, built.strict);
      dealsearch::fuzz::run(fixture.db, built.scattered);
      dealsearch::fuzz::run(fixture.db, built.relaxed);
    }
    for (const std::string& word : built.words) {
      check(!word.empty(), "a query word is not empty");
    }
  } catch (const Xapian::Error& e) {
    check(false, "Xapian::Error: " + e.get_description());
  }
  return 0;
}
