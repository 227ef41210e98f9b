// default_indexer_data_dir: environment, installed copy, source tree.
#include "indexer/indexer_data.h"

#include "analyzers/analyzer_data.h"

namespace dealsearch::indexer {

std::filesystem::path default_indexer_data_dir() {
  return analyzers::locate_data_dir("DEALSEARCH_INDEXER_DATA_DIR",
                                    DEALSEARCH_INSTALLED_INDEXER_DATA_DIR,
                                    DEALSEARCH_SOURCE_INDEXER_DATA_DIR, "ministries-nl.tsv");
}

}  // namespace dealsearch::indexer
