// The seed corpus, or deals a test writes, indexed for real at a path of the test's choosing:
// built once, and then rebuilt or updated as `dealsearch index` and `dealsearch index --update`
// would.
#pragma once

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "indexer/deal_builder.h"
#include "indexer/deal_ids.h"
#include "indexer/gazetteer.h"
#include "indexer/index_run.h"
#include "indexer/index_writer.h"
#include "indexer/input_files.h"
#include "tests/analyzers/shared_analyzer_data.h"

namespace dealsearch::testing {

// The records of corpus/ (or others) and what it takes to index them. Not thread-safe (it owns
// a DealBuilder): one per writing thread.
class CorpusIndexer {
 public:
  CorpusIndexer()
      : CorpusIndexer(indexer::read_inputs({DEALSEARCH_SOURCE_DIR "/corpus"}).records) {}
  explicit CorpusIndexer(std::vector<indexer::DealRecord> records)
      : gazetteer_(indexer::Gazetteer::load(DEALSEARCH_SOURCE_DIR "/indexer/data",
                                            shared_analyzer_data()->folder())),
        records_(std::move(records)) {
    builders_.push_back(std::make_unique<indexer::DealBuilder>(
        shared_analyzer_data(), gazetteer_, DEALSEARCH_SOURCE_DIR "/indexer/data/themes-nl.tsv"));
  }

  // A full rebuild into a new build directory, switched to when done; in shards when
  // `layout` says so.
  void rebuild(const std::filesystem::path& index, indexer::ShardLayout layout = {}) {
    indexer::IndexWriter writer = this->writer(index, layout);
    writer.set_theme_keywords(builders_.front()->themes().keywords_by_theme());
    indexer::index_records(records_, {}, builders_, writer);
  }

  // An update in place: the corpus's deal number `n` (of records()) again, its title with
  // `title_suffix` appended.
  void update(const std::filesystem::path& index, size_t n, const std::string& title_suffix) {
    indexer::DealRecord record = records_.at(n);
    record.id = indexer::deal_id(record, shared_analyzer_data()->folder());  // kept
    record.title += title_suffix;
    indexer::IndexWriter writer = this->writer(index);
    writer.set_theme_keywords(builders_.front()->themes().keywords_by_theme());
    indexer::index_records({record}, {.update = true}, builders_, writer);
  }

  const std::vector<indexer::DealRecord>& records() const { return records_; }

 private:
  indexer::IndexWriter writer(const std::filesystem::path& index,
                              indexer::ShardLayout layout = {}) {
    return indexer::IndexWriter(index, *builders_.front(), layout);
  }

  indexer::Gazetteer gazetteer_;
  std::vector<std::unique_ptr<indexer::DealBuilder>> builders_;  // one: see the class comment
  std::vector<indexer::DealRecord> records_;
};

// The web address and PDF of "Slim Maatwerk" in corpus_with_a_pdf().
inline constexpr const char* kSlimMaatwerkUrl = "https://agendastad.nl/citydeals/slim-maatwerk/";
inline constexpr const char* kSlimMaatwerkPdf =
    "https://agendastad.nl/wp-content/uploads/slim-maatwerk.pdf";

// corpus/'s records with "Slim Maatwerk" as a programme publishes it: its web page, and from
// its third paragraph on the signed agreement, a PDF of three pages that the page links to
// (each paragraph on the page of its number, counted from the third, the last ones on page 3).
// The text is corpus/'s; only where it came from differs.
inline std::vector<indexer::DealRecord> corpus_with_a_pdf() {
  std::vector<indexer::DealRecord> records =
      indexer::read_inputs({DEALSEARCH_SOURCE_DIR "/corpus"}).records;
  for (indexer::DealRecord& record : records) {
    if (record.title != "Slim Maatwerk") {
      continue;
    }
    record.url = kSlimMaatwerkUrl;
    record.documents = {
        {kSlimMaatwerkUrl, record.title, std::string(indexer::kDocumentHtml), std::nullopt, 0},
        {kSlimMaatwerkPdf, "Staatscourant-tekst", std::string(indexer::kDocumentPdf), 3, 2}};
    record.paragraph_pages.clear();
    for (size_t i = 0; i < record.paragraphs.size(); ++i) {
      record.paragraph_pages.push_back(i < 2 ? 0
                                             : static_cast<uint32_t>(std::min<size_t>(i - 1, 3)));
    }
  }
  return records;
}

// Indexes corpus/ into `index` (a stub path, as `dealsearch index --db`).
inline void build_corpus_index(const std::filesystem::path& index) {
  CorpusIndexer().rebuild(index);
}

// Indexes `deals`, {title, text} each (one paragraph), into `index`.
inline void build_index(const std::filesystem::path& index,
                        const std::vector<std::pair<std::string, std::string>>& deals) {
  std::vector<indexer::DealRecord> records;
  for (const auto& [title, text] : deals) {
    indexer::DealRecord record;
    record.title = title;
    record.paragraphs = {text};
    record.source = {"test", records.size() + 1};
    records.push_back(std::move(record));
  }
  CorpusIndexer(std::move(records)).rebuild(index);
}

}  // namespace dealsearch::testing
