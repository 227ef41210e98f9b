// RecordSpool: records on disk between reading and building, every field kept, the last of
// each id chosen, nothing left behind.
#include "indexer/record_spool.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "analyzers/error.h"
#include "tests/support/test_files.h"

namespace dealsearch::indexer {
namespace {

namespace fs = std::filesystem;

DealRecord record(std::string id, std::string title, std::string file, size_t line) {
  DealRecord made;
  made.id = std::move(id);
  made.title = std::move(title);
  made.paragraphs = {"Tekst van " + made.title + "."};
  made.source = {std::move(file), line};
  return made;
}

// A record with every field set, none to its default.
DealRecord full_record() {
  DealRecord full;
  full.id = "energiearmoede-zwolle";
  full.title = "Energiearmoede in Zwolle";
  full.status = "in uitvoering";
  full.signed_on = "2023-05-17";
  full.partners = {"Gemeente Zwolle", "Ministerie van BZK"};
  full.themes = {"energie", "armoede"};
  full.url = "https://example.nl/deals/zwolle";
  full.paragraphs = {"Eerste alinea.", "", std::string(70'000, 'x'), "Laatste \xC3\xA9\xC3\xA9n."};
  full.documents = {{.url = "https://example.nl/deals/zwolle",
                     .title = "Energiearmoede in Zwolle",
                     .type = "html",
                     .pages = std::nullopt,
                     .first_paragraph = 0,
                     .etag = "\"abc\"",
                     .last_modified = "Tue, 01 Oct 2024 10:00:00 GMT"},
                    {.url = "https://example.nl/deals/zwolle.pdf",
                     .title = "Staatscourant-tekst",
                     .type = "pdf",
                     .pages = 12,
                     .first_paragraph = 2}};
  full.paragraph_pages = {0, 0, 1, 3};
  full.page_breaks = {{.paragraph = 2, .offset = 4096, .page = 2}};
  full.source = {"https://example.nl/sitemap.xml", 7};
  return full;
}

TEST(RecordSpool, EveryFieldOfARecordComesBackAsItWent) {
  const DealRecord full = full_record();
  const DealRecord back = decode_record(encode_record(full));
  EXPECT_EQ(back.id, full.id);
  EXPECT_EQ(back.title, full.title);
  EXPECT_EQ(back.status, full.status);
  EXPECT_EQ(back.signed_on, full.signed_on);
  EXPECT_EQ(back.partners, full.partners);
  EXPECT_EQ(back.themes, full.themes);
  EXPECT_EQ(back.url, full.url);
  EXPECT_EQ(back.paragraphs, full.paragraphs);
  EXPECT_EQ(back.documents, full.documents);
  EXPECT_EQ(back.paragraph_pages, full.paragraph_pages);
  EXPECT_EQ(back.page_breaks, full.page_breaks);
  EXPECT_EQ(back.source.to_string(), full.source.to_string());
  // And a record with every optional field absent stays so.
  const DealRecord bare = decode_record(encode_record(record("", "Kaal", "a.txt", 1)));
  EXPECT_FALSE(bare.signed_on.has_value());
  EXPECT_TRUE(bare.documents.empty());
}

TEST(RecordSpool, BytesItDidNotWriteAreRefusedNotTrusted) {
  const std::string bytes = encode_record(full_record());
  EXPECT_THROW((void)decode_record(bytes.substr(0, bytes.size() - 1)), std::runtime_error);
  EXPECT_THROW((void)decode_record(bytes + "x"), std::runtime_error);
  EXPECT_THROW((void)decode_record(std::string(8, '\xff')), std::runtime_error);
}

TEST(RecordSpool, RecordsComeBackInOrderInBatchesAndOnlyTheWantedOnes) {
  const testing::TemporaryDirectory dir;
  const analyzers::Folder folder;
  RecordSpool spool(dir.path() / "index.builds", folder);
  for (size_t i = 0; i < 10; ++i) {
    spool.append(
        record("deal-" + std::to_string(i), "Deal " + std::to_string(i), "a.jsonl", i + 1));
  }
  ASSERT_EQ(spool.size(), 10u);
  EXPECT_EQ(spool.id(3), "deal-3");
  EXPECT_EQ(spool.source(3).to_string(), "a.jsonl:4");

  std::vector<bool> wanted(10, true);
  wanted[0] = wanted[4] = wanted[5] = wanted[9] = false;
  RecordSpool::Reader reader = spool.read(wanted);
  std::vector<std::string> batches;
  for (std::vector<DealRecord> batch = reader.next(4); !batch.empty(); batch = reader.next(4)) {
    std::string ids;
    for (const DealRecord& read : batch) {
      ids += read.id.substr(5);
    }
    batches.push_back(ids);
  }
  EXPECT_EQ(batches, (std::vector<std::string>{"1236", "78"}));
  EXPECT_TRUE(reader.next(4).empty());  // and stays at the end
}

TEST(RecordSpool, AnUnwantedRecordLargerThanAReadBufferIsPassedWhole) {
  const testing::TemporaryDirectory dir;
  const analyzers::Folder folder;
  RecordSpool spool(dir.path() / "index.builds", folder);
  DealRecord large = record("large", "Groot", "a.jsonl", 1);
  large.paragraphs = {std::string(300'000, 'a'), std::string(70'000, 'b')};
  spool.append(large);
  spool.append(record("after", "Erna", "a.jsonl", 2));

  RecordSpool::Reader reader = spool.read({false, true});
  const std::vector<DealRecord> read = reader.next(10);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].id, "after");
  EXPECT_EQ(read[0].paragraphs, (std::vector<std::string>{"Tekst van Erna."}));
}

TEST(RecordSpool, ARecordKeptByIdOnlyCountsAmongItsIdButIsNeverReadBack) {
  const testing::TemporaryDirectory dir;
  const analyzers::Folder folder;
  RecordSpool spool(dir.path(), folder);
  spool.store_only([](std::string_view id) { return id != "elders"; });
  spool.append(record("hier", "Een", "a.jsonl", 1));
  spool.append(record("elders", "Twee", "a.jsonl", 2));
  spool.append(record("elders", "Drie", "a.jsonl", 3));
  spool.append(record("hier-ook", "Vier", "a.jsonl", 4));
  std::vector<Diagnostic> warnings;
  EXPECT_EQ(spool.last_of_each_id(warnings), (std::vector<bool>{true, false, true, true}));
  EXPECT_EQ(warnings.size(), 1u);  // the earlier "elders", though neither was written
  EXPECT_THROW((void)spool.read({true, false, true, true}), std::logic_error);
  RecordSpool::Reader reader = spool.read({true, false, false, true});
  const std::vector<DealRecord> read = reader.next(10);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].title, "Een");
  EXPECT_EQ(read[1].title, "Vier");
}

TEST(RecordSpool, LeavesNoFileBehindAndRemovesADirectoryItMadeIfEmpty) {
  const testing::TemporaryDirectory dir;
  const analyzers::Folder folder;
  {
    RecordSpool spool(dir.path() / "index.builds", folder);
    spool.append(full_record());
    EXPECT_TRUE(fs::is_empty(dir.path() / "index.builds"));  // the file has no name
  }
  EXPECT_FALSE(fs::exists(dir.path() / "index.builds"));
  fs::create_directories(dir.path() / "kept");
  { RecordSpool spool(dir.path() / "kept", folder); }
  EXPECT_TRUE(fs::exists(dir.path() / "kept"));  // not the spool's to remove
}

TEST(RecordSpool, ADirectoryThatCannotBeMadeIsAnIndexErrorNamingIt) {
  const testing::TemporaryDirectory dir;
  testing::write_text_file(dir.path() / "file", "not a directory");
  try {
    RecordSpool spool(dir.path() / "file" / "index.builds", analyzers::Folder());
    FAIL() << "a spool under a file";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kIndex);
    EXPECT_NE(std::string(error.what()).find("index.builds"), std::string::npos) << error.what();
  }
}

// What last_of_each_id() keeps, as ordinals, and its warnings.
struct Kept {
  std::vector<size_t> positions;
  std::vector<std::string> warnings;
};

Kept last_of_each_id(const std::vector<DealRecord>& records) {
  const testing::TemporaryDirectory dir;
  const analyzers::Folder folder;
  RecordSpool spool(dir.path(), folder);
  for (const DealRecord& each : records) {
    spool.append(each);
  }
  std::vector<Diagnostic> warnings;
  const std::vector<bool> kept_flags = spool.last_of_each_id(warnings);
  Kept kept;
  for (size_t i = 0; i < kept_flags.size(); ++i) {
    if (kept_flags[i]) {
      kept.positions.push_back(i);
    }
  }
  for (const Diagnostic& warning : warnings) {
    kept.warnings.push_back(warning.to_string());
  }
  return kept;
}

TEST(RecordSpool, TheLastRecordOfEachIdIsIndexedWithinAFileAndAcrossFiles) {
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

TEST(RecordSpool, ThreeRecordsWithOneIdKeepTheLastAndWarnTwice) {
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
