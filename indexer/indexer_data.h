// Where the indexer's data files (gazetteers, themes) are found.
#pragma once

#include <filesystem>

namespace dealsearch::indexer {

// $DEALSEARCH_INDEXER_DATA_DIR if set, else the installed share/dealsearch/indexer, else the
// source tree's indexer/data (so that build/dealsearch runs without installing).
[[nodiscard]] std::filesystem::path default_indexer_data_dir();

}  // namespace dealsearch::indexer
