// What the reader fuzz targets do with the records they read: build each into its Xapian
// document, as `dealsearch index` does, and check what the index will refuse or misread.
#pragma once

#include <xapian.h>

#include <optional>
#include <vector>

#include "analyzers/schema.h"
#include "indexer/deal_builder.h"
#include "indexer/deal_record.h"
#include "indexer/gazetteer.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/fuzz/fuzz_check.h"

namespace dealsearch::fuzz {

// Owns one DealBuilder for the whole run (loading its data takes a while). Not thread-safe.
class DealChecker {
 public:
  DealChecker()
      : gazetteer_(indexer::Gazetteer::load(DEALSEARCH_SOURCE_DIR "/indexer/data",
                                            testing::shared_analyzer_data()->folder())),
        builder_(testing::shared_analyzer_data(), gazetteer_,
                 DEALSEARCH_SOURCE_DIR "/indexer/data/themes-nl.tsv") {}

  void build_and_check(const std::vector<indexer::DealRecord>& records) {
    for (const indexer::DealRecord& record : records) {
      check(!record.title.empty(), "a record has a title");
      check(record.source.line >= 1, "a record knows its line");
      try {
        check_document(builder_.build(record).document);
      } catch (const Xapian::Error& e) {
        check(false, "Xapian::Error: " + e.get_description());
      }
    }
  }

 private:
  // Xapian refuses an empty term at once and a term over 245 bytes at commit, failing the
  // whole index run; a searcher must be able to decode the data.
  static void check_document(const Xapian::Document& document) {
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
      const std::string name = *term;
      check(!name.empty() && name.size() <= 245, "a term of 1 to 245 bytes: '" + name + "'");
    }
    check(schema::decode_document_data(document.get_data()).has_value(),
          "the document data decodes");
  }

  indexer::Gazetteer gazetteer_;
  indexer::DealBuilder builder_;
};

}  // namespace dealsearch::fuzz
