// The seed corpus, indexed for real at a path of the test's choosing.
#pragma once

#include <filesystem>
#include <vector>

#include "indexer/deal_builder.h"
#include "indexer/gazetteer.h"
#include "indexer/index_writer.h"
#include "indexer/input_files.h"
#include "tests/analyzers/shared_analyzer_data.h"

namespace dealsearch::testing {

// Indexes corpus/ into `index` (a stub path, as `dealsearch index --db`).
inline void build_corpus_index(const std::filesystem::path& index) {
  const auto& data = shared_analyzer_data();
  const auto gazetteer =
      indexer::Gazetteer::load(DEALSEARCH_SOURCE_DIR "/indexer/data", data->folder());
  indexer::DealBuilder builder(data, gazetteer,
                               DEALSEARCH_SOURCE_DIR "/indexer/data/themes-nl.tsv");
  std::vector<indexer::BuiltDeal> deals;
  for (const auto& record : indexer::read_inputs({DEALSEARCH_SOURCE_DIR "/corpus"}).records) {
    deals.push_back(builder.build(record));
  }
  indexer::IndexWriter writer(index, builder.analyzer().fingerprint(), gazetteer.ministries());
  writer.rebuild(deals, nullptr);
}

}  // namespace dealsearch::testing
