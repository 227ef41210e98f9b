// IndexWriter: deals -> the Xapian index the searcher reads, never half-written.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "indexer/deal_builder.h"

namespace dealsearch::indexer {

// Where the index lives. `path` ("data/index") is a Xapian stub file naming the current
// build, a directory in `path` + ".builds/". Searchers open `path`; Xapian follows the stub.
//
// A full build writes a new directory beside the old ones and then replaces the stub in one
// rename(2): a reader sees the old index or the new, never a mix, and a build killed at any
// moment leaves the old index intact. The previous build is kept (readers may still hold it
// open); older ones are removed.
//
// Updates and deletions run inside one Xapian transaction on the current build.
//
// Every failure (locked index, disk full, bad path) throws dealsearch::Error with kIndex.
// One writer at a time: Xapian's lock says so when another is busy.
struct IndexStats {
  size_t documents = 0;       // in the index after the change
  size_t terms = 0;           // distinct terms in the index
  size_t partners = 0;        // distinct partners in the deals written
  uint64_t bytes = 0;         // size of the build directory on disk
  std::filesystem::path build;
};

// Called after each document; `done` of `total`.
using ProgressCallback = std::function<void(size_t done, size_t total)>;

class IndexWriter {
 public:
  IndexWriter(std::filesystem::path path, std::string analyzer_fingerprint,
              const std::vector<Ministry>& ministries)
      : path_(std::move(path)),
        analyzer_fingerprint_(std::move(analyzer_fingerprint)),
        ministries_(ministries) {}

  // Replaces the whole index by `deals`.
  IndexStats rebuild(const std::vector<BuiltDeal>& deals, const ProgressCallback& progress);
  // Adds or replaces `deals` by id, and deletes `delete_ids`, in one transaction. Ids that are
  // not in the index are returned in `missing_ids`.
  IndexStats update(const std::vector<BuiltDeal>& deals, const std::vector<std::string>& delete_ids,
                    std::vector<std::string>& missing_ids, const ProgressCallback& progress);

  // The build directory the stub names, or an empty path when there is no index yet.
  std::filesystem::path current_build() const;

 private:
  void write_metadata(Xapian::WritableDatabase& db) const;
  void switch_to(const std::filesystem::path& build) const;
  void remove_old_builds(const std::filesystem::path& keep_new,
                         const std::filesystem::path& keep_previous) const;
  IndexStats stats_of(const std::filesystem::path& build, const std::vector<BuiltDeal>& deals) const;

  std::filesystem::path path_;
  std::string analyzer_fingerprint_;
  const std::vector<Ministry>& ministries_;
};

}  // namespace dealsearch::indexer
