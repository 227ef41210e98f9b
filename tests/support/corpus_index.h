// The seed corpus, or deals a test writes, indexed for real at a path of the test's choosing:
// built once, and then rebuilt or updated as `dealsearch index` and `dealsearch index --update`
// would.
#pragma once

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

  // A full rebuild into a new build directory, switched to when done.
  void rebuild(const std::filesystem::path& index) {
    indexer::IndexWriter writer = this->writer(index);
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
  indexer::IndexWriter writer(const std::filesystem::path& index) {
    return indexer::IndexWriter(index, builders_.front()->analyzer().fingerprint(),
                                gazetteer_.ministries());
  }

  indexer::Gazetteer gazetteer_;
  std::vector<std::unique_ptr<indexer::DealBuilder>> builders_;  // one: see the class comment
  std::vector<indexer::DealRecord> records_;
};

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
