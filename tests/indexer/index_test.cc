// Indexing end to end, the way `dealsearch index` does it (index_records): the seed corpus in, a
// real on-disk Xapian index out; rebuilds, updates, deletions, duplicate ids and mixed inputs.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "analyzers/error.h"
#include "analyzers/schema.h"
#include "analyzers/stored_deal.h"
#include "indexer/deal_builder.h"
#include "indexer/deal_ids.h"
#include "indexer/gazetteer.h"
#include "indexer/index_run.h"
#include "indexer/index_writer.h"
#include "indexer/input_files.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/test_files.h"

namespace dealsearch::indexer {
namespace {

namespace fs = std::filesystem;

// A document's stored deal, as the schema stores it.
schema::StoredDeal stored(const Xapian::Document& document) {
  std::optional<schema::StoredDeal> deal = schema::decode_stored_deal(document.get_data());
  if (!deal) {
    ADD_FAILURE() << "document data not in the schema's form";
    return {};
  }
  return *deal;
}

class Indexing : public ::testing::Test {
 protected:
  static const Gazetteer& gazetteer() {
    static const Gazetteer loaded = Gazetteer::load(DEALSEARCH_SOURCE_DIR "/indexer/data",
                                                    testing::shared_analyzer_data()->folder());
    return loaded;
  }

  static std::vector<std::unique_ptr<DealBuilder>> builders(size_t count) {
    std::vector<std::unique_ptr<DealBuilder>> made;
    for (size_t i = 0; i < count; ++i) {
      made.push_back(std::make_unique<DealBuilder>(testing::shared_analyzer_data(), gazetteer(),
                                                   DEALSEARCH_SOURCE_DIR
                                                   "/indexer/data/themes-nl.tsv"));
    }
    return made;
  }

  static std::vector<DealRecord> read(const std::vector<std::string>& inputs) {
    InputRecords input = read_inputs(inputs);
    EXPECT_TRUE(input.diagnostics.empty());
    return std::move(input.records);
  }

  // A run of index_records() and what it reported.
  struct Run {
    IndexRunResult result;
    std::vector<std::string> duplicate_ids;      // the warnings, as `dealsearch index` prints them
    std::vector<std::string> nothing_to_delete;  // ids
    std::pair<size_t, size_t> last_progress;     // done, total
  };

  Run index(const std::vector<DealRecord>& records, const IndexChange& change = {}) {
    Run run;
    const IndexListener listener{
        .progress =
            [&](size_t done, size_t total) {
              run.last_progress = {done, total};
            },
        .duplicate_id =
            [&](const Diagnostic& warning) { run.duplicate_ids.push_back(warning.to_string()); },
        .nothing_to_delete = [&](const std::string& id) { run.nothing_to_delete.push_back(id); },
    };
    run.result = index_records(records, change, builders_, writer_, listener);
    return run;
  }

  fs::path index_path() const { return dir_ / "index"; }

  schema::StoredDeal deal_data(const Xapian::Database& db, const std::string& id) {
    Xapian::PostingIterator posting = db.postlist_begin(std::string(schema::kId) + id);
    if (posting == db.postlist_end(std::string(schema::kId) + id)) {
      ADD_FAILURE() << "no deal " << id;
      return {};
    }
    return stored(db.get_document(*posting));
  }

  static std::vector<std::string> ministry_codes(const schema::StoredDeal& deal) {
    std::vector<std::string> codes;
    for (const schema::StoredMinistry& ministry : deal.ministries) {
      codes.push_back(ministry.code);
    }
    return codes;
  }

  testing::TemporaryDirectory temporary_;
  const fs::path dir_ = temporary_.path();
  // Two builders, so that a rebuild writes two parts and merges them, as `dealsearch index`
  // does on any machine with more than one core.
  std::vector<std::unique_ptr<DealBuilder>> builders_ = builders(2);
  IndexWriter writer_{index_path(), *builders_.front()};
  const std::string corpus_ = DEALSEARCH_SOURCE_DIR "/corpus";
};

TEST_F(Indexing, TheSeedCorpusGivesTenDealsWithTheirMetadata) {
  index(read({corpus_}));
  Xapian::Database db(index_path().string());
  ASSERT_EQ(db.get_doccount(), 10u);

  const schema::StoredDeal fietsen = deal_data(db, "fietsen-voor-iedereen");
  EXPECT_EQ(fietsen.title, "Fietsen voor iedereen");
  EXPECT_EQ(fietsen.status, "in uitvoering");
  EXPECT_EQ(fietsen.signed_on, "2023-10-09");
  EXPECT_EQ(fietsen.year, "2023");
  EXPECT_EQ(ministry_codes(fietsen), (std::vector<std::string>{"IenW", "BZK", "VWS"}));

  const schema::StoredDeal eenvoudig = deal_data(db, "eenvoudig-maatwerk");
  EXPECT_EQ(eenvoudig.status, "afgerond");
  EXPECT_EQ(eenvoudig.ended_on, "2023-06-22");
  EXPECT_EQ(deal_data(db, "ruimte-voor-lopen").started_on, "2020-12-14");
  EXPECT_EQ(deal_data(db, "dynamische-binnensteden-regie-op-transformatie").signed_on,
            "2023-06-14");
  EXPECT_EQ(ministry_codes(deal_data(db, "slim-maatwerk")),
            (std::vector<std::string>{"BZK", "VWS", "OCW"}));
  EXPECT_EQ(ministry_codes(deal_data(db, "lokale-weerbaarheid-cybercrime")),
            (std::vector<std::string>{"JenV", "EZ", "BZK"}));

  EXPECT_EQ(db.get_termfreq(std::string(schema::kStatus) + "afgerond"), 2u);
  EXPECT_EQ(db.get_termfreq(std::string(schema::kMinistry) + "BZK"), 3u);
  EXPECT_EQ(db.get_termfreq(std::string(schema::kYear) + "2023"), 3u);
  EXPECT_GT(db.get_termfreq(std::string(schema::kPartnerType) + "gemeente"), 0u);
}

TEST_F(Indexing, ADealHasOneValueAtMostOfASingleValuedFacet) {
  index(read({corpus_}));
  Xapian::Database db(index_path().string());
  bool some_has_several = false;  // a multi-valued facet is used as one
  for (auto document = db.postlist_begin(""); document != db.postlist_end(""); ++document) {
    for (const schema::Facet& facet : schema::kFacets) {
      const std::string prefix(facet.prefix);
      size_t values = 0;
      for (auto term = db.termlist_begin(*document); term != db.termlist_end(*document); ++term) {
        // No prefix of the schema starts another, and free-text terms are lower case.
        values += (*term).starts_with(prefix);
      }
      if (!facet.multi_valued) {
        EXPECT_LE(values, 1u) << facet.name << " of document " << *document;
      }
      some_has_several = some_has_several || values > 1;
    }
  }
  EXPECT_TRUE(some_has_several);
}

TEST_F(Indexing, CompoundPartsAndStemsAreSearchable) {
  index(read({corpus_}));
  Xapian::Database db(index_path().string());
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(std::string(schema::kPart) + "armoede"));
  const Xapian::MSet parts = enquire.get_mset(0, 10);
  ASSERT_EQ(parts.size(), 1u);
  EXPECT_EQ(stored(parts.begin().get_document()).id, "energieke-wijken-duurzaam-en-sociaal");
  // "fiets" and "fietsen" share a stem term.
  EXPECT_GT(db.get_termfreq(
                std::string(schema::kStem) +
                analyzers::Analyzer(testing::shared_analyzer_data()).analyze("fiets").front().stem),
            0u);
}

TEST_F(Indexing, RecordsSchemaAnalyzerAndMinistryNames) {
  index(read({corpus_}));
  Xapian::Database db(index_path().string());
  EXPECT_EQ(db.get_metadata(std::string(schema::kMetaSchemaVersion)),
            std::to_string(schema::kVersion));
  EXPECT_EQ(db.get_metadata(std::string(schema::kMetaAnalyzer)),
            builders_.front()->analyzer().fingerprint());
  const auto names =
      nlohmann::json::parse(db.get_metadata(std::string(schema::kMetaMinistryNames)));
  EXPECT_EQ(names["BZK"], "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties");
}

// The themes' keywords go with the index, so that its searcher relates a word no deal holds
// to the deals of its theme without the indexer's data files.
TEST_F(Indexing, RecordsTheThemesKeywords) {
  writer_.set_theme_keywords(builders_.front()->themes().keywords_by_theme());
  index(read({corpus_}));
  Xapian::Database db(index_path().string());
  const auto themes =
      nlohmann::json::parse(db.get_metadata(std::string(schema::kMetaThemeKeywords)));
  ASSERT_TRUE(themes.contains("mobiliteit"));
  const auto& mobility = themes["mobiliteit"];
  EXPECT_NE(std::find(mobility.begin(), mobility.end(), "wandelen"), mobility.end());
  EXPECT_NE(std::find(mobility.begin(), mobility.end(), "zero-emissiezone"), mobility.end());
}

TEST_F(Indexing, SpellingDataComesFromTheCorpus) {
  index(read({corpus_}));
  Xapian::Database db(index_path().string());
  EXPECT_EQ(db.get_spelling_suggestion("energiearmoed"), "energiearmoede");
  EXPECT_EQ(db.get_spelling_suggestion("fietssen"), "fietsen");
}

// The spelling table as Xapian lists it: word -> its frequency there.
std::map<std::string, Xapian::termcount> spelling_table(const Xapian::Database& db) {
  std::map<std::string, Xapian::termcount> table;
  for (auto word = db.spellings_begin(); word != db.spellings_end(); ++word) {
    table[*word] = word.get_termfreq();
  }
  return table;
}

TEST_F(Indexing, InASmallCollectionEveryWordIsSpelledWithTheDealsThatHaveIt) {
  index(read({corpus_}));
  Xapian::Database db(index_path().string());
  const std::map<std::string, Xapian::termcount> table = spelling_table(db);
  size_t words = 0;
  auto term = db.allterms_begin();
  for (term.skip_to(std::string(schema::kWordsFrom)); term != db.allterms_end(); ++term) {
    if (testing::shared_analyzer_data()->is_spelling_word(*term)) {
      ++words;
      EXPECT_EQ(table.count(*term) == 1 ? table.at(*term) : 0, term.get_termfreq()) << *term;
    }
  }
  EXPECT_EQ(table.size(), words);
  EXPECT_GT(words, 500u);
}

// A letter-only word of its own for each number: 0 -> "ba", 27 -> "cb".
std::string letters_of(size_t number) {
  std::string word;
  do {
    word.insert(word.begin(), static_cast<char>('a' + number % 26));
    number /= 26;
  } while (number > 0);
  return "b" + word;
}

// `count` deals, each with a word no other has ("klimaatwijkba"), and three more: a word in
// two deals, a word in one, and a place name in one.
fs::path write_large_collection(const fs::path& path, size_t count) {
  std::ofstream out(path);
  for (size_t i = 0; i < count; ++i) {
    out << R"({"id": "deal-)" << i << R"(", "title": "Deal )" << i
        << R"(", "body": "Fietsen en wandelen in de klimaatwijk)" << letters_of(i) << R"(."})"
        << "\n";
  }
  out << R"({"id": "wind-1", "title": "Wind", "body": "Een windmolenpark op zee."})"
         "\n"
      << R"({"id": "wind-2", "title": "Wind", "body": "Nog een windmolenpark."})"
         "\n"
      << R"({"id": "zon", "title": "Zon", "body": "Een zonnepanelenveld."})"
         "\n"
      << R"({"id": "eiland", "title": "Eiland", "body": "Samen met Schiermonnikoog."})"
         "\n";
  return path;
}

TEST_F(Indexing, InALargeCollectionAWordOfOneDealIsNoSuggestionButAPlaceNameIs) {
  const std::vector<DealRecord> deals = read(
      {write_large_collection(dir_ / "large.jsonl", schema::kSpellingEveryWordBelow).string()});
  for (const ShardLayout layout : {ShardLayout{}, ShardLayout{.count = 3}}) {
    SCOPED_TRACE(layout.options());
    IndexWriter writer(dir_ / "large", *builders_.front(), layout);
    index_records(deals, {}, builders_, writer);
    Xapian::Database db((dir_ / "large").string());
    EXPECT_EQ(db.get_spelling_suggestion("windmolenpak"), "windmolenpark");
    EXPECT_EQ(db.get_spelling_suggestion("zonnepanelenvelt"), "");
    EXPECT_EQ(db.get_spelling_suggestion("schiermonikoog"), "schiermonnikoog");
    const std::map<std::string, Xapian::termcount> table = spelling_table(db);
    EXPECT_EQ(table.count("klimaatwijkbc"), 0u);
    EXPECT_EQ(table.at("windmolenpark"), 2u);
    EXPECT_EQ(table.at("fietsen"), schema::kSpellingEveryWordBelow);
  }
}

TEST_F(Indexing, AVocabularyOfManySpellingCommitsIsWrittenWhole) {
  // 25,000 words of their own: the table is committed in batches of 10,000 words.
  const fs::path jsonl = dir_ / "words.jsonl";
  {
    std::ofstream out(jsonl);
    for (const char* id : {"een", "twee"}) {
      out << R"({"id": ")" << id << R"(", "title": "Woorden", "body": ")";
      for (size_t i = 0; i < 25'000; ++i) {
        out << "woord" << letters_of(i) << " ";
      }
      out << "\"}\n";
    }
  }
  index(read({jsonl.string()}));
  const std::map<std::string, Xapian::termcount> table =
      spelling_table(Xapian::Database(index_path().string()));
  for (const size_t i : {size_t{0}, size_t{9'999}, size_t{10'000}, size_t{24'999}}) {
    EXPECT_EQ(table.count("woord" + letters_of(i)) == 1 ? table.at("woord" + letters_of(i)) : 0, 2u)
        << letters_of(i);
  }
  EXPECT_GE(table.size(), 25'000u);
}

TEST_F(Indexing, AnUpdateLeavesTheSpellingTableAsARebuildOfItsDealsWouldWriteIt) {
  const std::vector<DealRecord> corpus = read({corpus_});
  index(corpus);
  const std::map<std::string, Xapian::termcount> before =
      spelling_table(Xapian::Database(index_path().string()));
  const fs::path jsonl = dir_ / "update.jsonl";
  std::ofstream(jsonl) << R"({"id": "fietsen-voor-iedereen", "title": "Fietsen voor iedereen", )"
                          R"("body": "Nu over een zonnepanelenveld."})"
                          "\n"
                       << R"({"id": "nieuw", "title": "Nieuw", "body": "Een windmolenpark."})"
                          "\n";
  const std::vector<DealRecord> changed = read({jsonl.string()});
  index(changed, {.update = true, .delete_ids = {"slim-maatwerk"}});
  const Xapian::Database updated(index_path().string());
  EXPECT_EQ(updated.get_spelling_suggestion("windmolenpak"), "windmolenpark");

  std::vector<DealRecord> now = changed;
  for (const DealRecord& deal : corpus) {
    const std::string id = deal_id(deal, testing::shared_analyzer_data()->folder());
    if (id != "fietsen-voor-iedereen" && id != "slim-maatwerk") {
      now.push_back(deal);
    }
  }
  IndexWriter rebuilt_writer(dir_ / "rebuilt", *builders_.front());
  index_records(now, {}, builders_, rebuilt_writer);
  const Xapian::Database rebuilt((dir_ / "rebuilt").string());
  ASSERT_EQ(updated.get_doccount(), rebuilt.get_doccount());
  EXPECT_EQ(spelling_table(updated), spelling_table(rebuilt));
  // The words only the deleted and the replaced deal had went with them.
  size_t gone = 0;
  for (const auto& [word, deals] : before) {
    gone += spelling_table(updated).count(word) == 0 ? 1 : 0;
  }
  EXPECT_GT(gone, 10u);
}

TEST_F(Indexing, RebuildingTheSameInputIsIdempotent) {
  const IndexStats first = index(read({corpus_})).result.stats;
  const IndexStats second = index(read({corpus_})).result.stats;
  EXPECT_EQ(first.documents, 10u);
  EXPECT_EQ(second.documents, first.documents);
  EXPECT_EQ(second.terms, first.terms);
  EXPECT_NE(second.build, first.build);
  // The previous build stays for readers that still have it open; older ones go.
  index(read({corpus_}));
  EXPECT_FALSE(fs::exists(first.build));
  EXPECT_TRUE(fs::exists(second.build));
}

// Many small deals, each with words of its own, in a JSON Lines file.
fs::path write_many_deals(const fs::path& path, size_t count) {
  std::ofstream out(path);
  for (size_t i = 0; i < count; ++i) {
    out << R"({"id": "deal-)" << i << R"(", "title": "Deal )" << i
        << R"(", "body": "Fietsen en wandelen in wijk )" << i << " van Zwolle, met woord" << i
        << R"( en energiearmoede."})"
        << "\n";
  }
  return path;
}

// The terms of the index with their frequencies: equal for two indexes of the same deals.
std::map<std::string, Xapian::doccount> term_frequencies(const Xapian::Database& db) {
  std::map<std::string, Xapian::doccount> frequencies;
  for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) {
    frequencies[*term] = term.get_termfreq();
  }
  return frequencies;
}

TEST_F(Indexing, AMemoryLimitWritesPartsOutSoonerAndTheIndexIsTheSame) {
  const std::vector<DealRecord> deals = read({write_many_deals(dir_ / "many.jsonl", 300).string()});
  const IndexStats unlimited = index(deals).result.stats;
  EXPECT_EQ(unlimited.memory_flushes, 0u);
  const Xapian::Database whole(index_path().string());

  IndexWriter limited_writer(dir_ / "limited", *builders_.front());
  limited_writer.set_memory_limit(1);  // always short: a part is written out every few deals
  const IndexStats limited = index_records(deals, {}, builders_, limited_writer).stats;
  EXPECT_GT(limited.memory_flushes, 10u);
  const Xapian::Database flushed((dir_ / "limited").string());
  EXPECT_EQ(flushed.get_doccount(), 300u);
  EXPECT_EQ(term_frequencies(flushed), term_frequencies(whole));
  EXPECT_EQ(flushed.get_spelling_suggestion("energiearmoed"), "energiearmoede");
}

TEST_F(Indexing, UpdatesAndDeletionsWorkByIdInOneTransaction) {
  index(read({corpus_}));
  const fs::path jsonl = dir_ / "update.jsonl";
  std::ofstream(jsonl) << R"({"id": "fietsen-voor-iedereen", "title": "Fietsen voor iedereen", )"
                          R"("status": "afgerond", "body": "Nieuwe tekst over fietsen."})"
                          "\n"
                       << R"({"title": "Nieuwe deal", "body": "Tekst.", "signed": "2024-01-02"})"
                       << "\n";
  const Run update = index(read({jsonl.string()}),
                           {.update = true, .delete_ids = {"slim-maatwerk", "bestaat-niet"}});
  EXPECT_EQ(update.result.stats.documents, 10u);  // 10 + 1 new - 1 deleted
  EXPECT_EQ(update.nothing_to_delete, std::vector<std::string>{"bestaat-niet"});
  Xapian::Database db(index_path().string());
  EXPECT_EQ(deal_data(db, "fietsen-voor-iedereen").status, "afgerond");
  EXPECT_EQ(deal_data(db, "nieuwe-deal").signed_on, "2024-01-02");
  EXPECT_EQ(db.get_termfreq(std::string(schema::kId) + "slim-maatwerk"), 0u);
}

TEST_F(Indexing, PagesAndJsonLinesMixAndGivenMetadataWins) {
  const fs::path inputs = dir_ / "inputs";
  fs::create_directories(inputs / "sub");
  fs::copy(corpus_ + "/agendastad-citydeals.txt", inputs / "page.txt");
  std::ofstream(inputs / "sub" / "more.jsonl")
      << R"({"title": "Fietsen voor iedereen 2", "status": "Lopend", "signed": "2025-05-05", )"
         R"("partners": ["Ministerie van OCW", "Gemeente Zwolle", "Fietsersbond"], )"
         R"("themes": ["mobiliteit"], "url": "https://example.nl/f2", )"
         R"("body": "Het ministerie van BZK is op 1 mei 2020 ondertekend."})"
      << "\n";
  std::ofstream(inputs / "notes.md") << "not an input\n";
  index(read({inputs.string()}));
  Xapian::Database db(index_path().string());
  EXPECT_EQ(db.get_doccount(), 11u);
  const schema::StoredDeal given = deal_data(db, "fietsen-voor-iedereen-2");
  EXPECT_EQ(given.status, "in uitvoering");
  EXPECT_EQ(given.signed_on, "2025-05-05");
  EXPECT_EQ(ministry_codes(given), std::vector<std::string>{"OCW"});
  EXPECT_EQ(given.partners.size(), 3u);
  EXPECT_EQ(given.themes, std::vector<std::string>{"mobiliteit"});
  EXPECT_EQ(given.url, "https://example.nl/f2");
}

// Oversized fields cost time in proportion to their size (bench/field_size_bench shows the
// time per MB); here they index, and keep what they hold.
TEST_F(Indexing, OversizedFieldsIndex) {
  DealRecord long_title;
  long_title.title = std::string(1 << 20, 'a');  // a title read_inputs() refuses; the builder not
  long_title.paragraphs = {"De kinderen fietsen."};
  DealRecord word_free;
  word_free.title = "Zonder woorden";
  for (std::string& line = word_free.paragraphs.emplace_back(); line.size() < (10u << 20);) {
    line += "-- .. ,, ;; () ";
  }
  DealRecord many_partners;
  many_partners.title = "Veel partners";
  many_partners.paragraphs = {"Tekst."};
  for (int n = 0; n < 100'000; ++n) {
    many_partners.partners.push_back("Stichting Nummer " + std::to_string(n));
  }
  const std::string long_title_id = deal_id(long_title, testing::shared_analyzer_data()->folder());
  EXPECT_EQ(long_title_id, std::string(kMaxIdBytes, 'a'));

  index({long_title, word_free, many_partners});
  Xapian::Database db(index_path().string());
  EXPECT_EQ(db.get_doccount(), 3u);
  EXPECT_EQ(db.get_termfreq(std::string(schema::kId) + long_title_id), 1u);
  EXPECT_EQ(db.get_termfreq("kinderen"), 1u);
  EXPECT_EQ(deal_data(db, "veel-partners").partners.size(), 100'000u);
  EXPECT_EQ(db.get_termfreq(std::string(schema::kPartner) + "stichting nummer 99999"), 1u);
  EXPECT_EQ(deal_data(db, "zonder-woorden").title, "Zonder woorden");
}

// Two records with one id in one file, and two in different files (one id given, one the
// slug of its title): in a rebuild and in an update, the later of each is the deal indexed,
// once, whichever part the other went to.
TEST_F(Indexing, TheLastRecordOfAnIdIsIndexedWithinAFileAndAcrossFiles) {
  const fs::path first = dir_ / "eerst.jsonl";
  const fs::path then = dir_ / "dan.jsonl";
  std::ofstream(first) << R"({"id": "dubbel", "title": "Dubbel een", "body": "Over een zeppelin."})"
                          "\n"
                       << R"({"id": "dubbel", "title": "Dubbel twee", "body": "Over een ballon."})"
                          "\n"
                       << R"({"title": "Fietsen voor iedereen", "body": "Eerdere versie."})"
                          "\n";
  std::ofstream(then) << R"({"id": "fietsen-voor-iedereen", "title": "Fietsen voor iedereen, )"
                         R"(herzien", "status": "afgerond", "body": "Latere versie."})"
                         "\n";
  const std::string also = "; this one is indexed (give one another \"id\" to keep both)";
  const std::string twice_in_one_file =
      first.string() + ":2: id 'dubbel' also at " + first.string() + ":1" + also;
  const std::string twice_in_two_files =
      then.string() + ":1: id 'fietsen-voor-iedereen' also at " + first.string() + ":3" + also;
  // A rebuild reads the corpus too, whose deal the first file's replaces.
  const std::string corpus_and_file = first.string() + ":3: id 'fietsen-voor-iedereen' also at " +
                                      corpus_ + "/agendastad-citydeals.txt:1" + also;
  for (const bool update : {false, true}) {
    SCOPED_TRACE(update ? "update" : "rebuild");
    Run run;
    if (update) {
      index(read({corpus_}));
      run = index(read({first.string(), then.string()}), {.update = true});
    } else {
      run = index(read({corpus_, first.string(), then.string()}));
    }
    const std::vector<std::string> expected_warnings =
        update ? std::vector{twice_in_one_file, twice_in_two_files}
               : std::vector{twice_in_one_file, corpus_and_file, twice_in_two_files};
    EXPECT_EQ(run.duplicate_ids, expected_warnings);
    EXPECT_EQ(run.result.deals, update ? 2u : 11u);
    EXPECT_EQ(run.last_progress, std::make_pair(run.result.deals, run.result.deals));
    Xapian::Database db(index_path().string());
    EXPECT_EQ(db.get_doccount(), 11u);
    for (const char* id : {"dubbel", "fietsen-voor-iedereen"}) {
      EXPECT_EQ(db.get_termfreq(std::string(schema::kId) + id), 1u) << id;
    }
    EXPECT_EQ(deal_data(db, "dubbel").title, "Dubbel twee");
    EXPECT_EQ(db.get_termfreq("zeppelin"), 0u);
    EXPECT_EQ(db.get_termfreq("ballon"), 1u);
    const schema::StoredDeal fietsen = deal_data(db, "fietsen-voor-iedereen");
    EXPECT_EQ(fietsen.title, "Fietsen voor iedereen, herzien");
    EXPECT_EQ(fietsen.status, "afgerond");
  }
}

TEST_F(Indexing, DeletionsAloneAreAnUpdate) {
  index(read({corpus_}));
  const Run run = index({}, {.update = true, .delete_ids = {"slim-maatwerk", "bestaat-niet"}});
  EXPECT_EQ(run.result.deals, 0u);
  EXPECT_EQ(run.result.stats.documents, 9u);
  EXPECT_EQ(run.nothing_to_delete, std::vector<std::string>{"bestaat-niet"});
  Xapian::Database db(index_path().string());
  EXPECT_EQ(db.get_termfreq(std::string(schema::kId) + "slim-maatwerk"), 0u);
  EXPECT_EQ(deal_data(db, "fietsen-voor-iedereen").status, "in uitvoering");
}

struct OverLimit {
  const char* name;
  std::string contents;
  std::string expected;  // the diagnostic
};

TEST_F(Indexing, ARecordOverALimitIsADiagnostic) {
  const std::string long_title(kMaxTitleBytes + 1, 't');
  const std::string long_id(kMaxIdBytes + 1, 'i');
  const OverLimit cases[] = {
      {"titel.jsonl",
       R"({"title": "Goed", "body": "b"})"
       "\n{\"title\": \"" +
           long_title + R"(", "body": "b"})",
       "titel.jsonl:2: the title has 1001 bytes; at most 1000 are allowed (is the text in the "
       "title's place?)"},
      {"id.jsonl", R"({"id": ")" + long_id + R"(", "title": "T", "body": "b"})",
       "id.jsonl:1: \"id\" has 161 bytes; at most 160 are allowed"},
      {"pagina.txt",
       "Goed\nStatus citydeal: afgerond\nTekst.\n\n" + long_title +
           "\nStatus citydeal: afgerond\nTekst.\n",
       "pagina.txt:5: the title has 1001 bytes"},
  };
  for (const OverLimit& c : cases) {
    SCOPED_TRACE(c.name);
    std::ofstream(dir_ / c.name) << c.contents;
    const InputRecords input = read_inputs({(dir_ / c.name).string()});
    ASSERT_EQ(input.diagnostics.size(), 1u);
    EXPECT_EQ(input.diagnostics[0].to_string().rfind(dir_.string() + "/" + c.expected, 0), 0u)
        << input.diagnostics[0].to_string();
  }
  // At the limits exactly, a record is fine.
  std::ofstream(dir_ / "precies.jsonl")
      << R"({"id": ")" << std::string(kMaxIdBytes, 'i') << R"(", "title": ")"
      << std::string(kMaxTitleBytes, 't') << R"(", "body": "b"})";
  const InputRecords exact = read_inputs({(dir_ / "precies.jsonl").string()});
  EXPECT_TRUE(exact.diagnostics.empty());
  EXPECT_EQ(exact.records.size(), 1u);
}

TEST_F(Indexing, ADirectoryWhereTheStubBelongsIsAnError) {
  fs::create_directories(index_path());
  EXPECT_THROW(index(read({corpus_})), Error);
}

}  // namespace
}  // namespace dealsearch::indexer
