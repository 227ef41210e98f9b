// IndexWriter: deals -> the Xapian index the searcher reads, never half-written.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <set>
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
// Every failure (locked index, disk full, read-only file system, bad path) throws
// dealsearch::Error with kIndex (see indexer/write_errors.h), and the index stays as it was:
// what a failed rebuild wrote is removed, a failed update's transaction cancelled.
// One writer at a time: Xapian's lock on the current build says so when another is busy; a
// rebuild holds that lock too, from begin_rebuild() to commit().
//
// Not thread-safe, except add() for different parts (below).
struct IndexStats {
  size_t documents = 0;  // in the index after the change
  size_t terms = 0;      // distinct terms in the index
  size_t partners = 0;   // distinct partners in the deals written
  uint64_t bytes = 0;    // size of the build directory on disk
  std::filesystem::path build;
};

// Called after each document; `done` of `total`.
using ProgressCallback = std::function<void(size_t done, size_t total)>;

class IndexWriter {
 public:
  IndexWriter(std::filesystem::path path, std::string analyzer_fingerprint,
              const std::vector<Ministry>& ministries);
  // An unfinished build is removed and an unfinished update cancelled: the index stays as it
  // was.
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  // Starts a full rebuild in a new build directory, or an update (a transaction on the
  // current build; a rebuild when there is no index yet). Then add() and remove() any number
  // of times, and commit() to make the change visible. Documents stream through: memory stays
  // bounded however many deals there are.
  //
  // A rebuild may write `parts` databases side by side, one per indexing thread, which
  // commit() merges and compacts into one.
  void begin_rebuild(size_t parts = 1);
  void begin_update();
  // Adds a deal; in an update, replaces the deal with its id. A rebuild does not look for
  // earlier deals with the id (that would cost a lookup per deal): give it each id once, in
  // one part (index_records() does, with last_of_each_id()).
  // Calls for different parts may run on different threads at once; for one part, not.
  void add(const BuiltDeal& deal, size_t part = 0);
  // Deletes the deal with `id`; false when there is none.
  bool remove(const std::string& id);
  // Writes everything, switches searchers to a rebuilt index, and reports on the result.
  IndexStats commit();

  // The build directory the stub names, or an empty path when there is no index yet.
  std::filesystem::path current_build() const;

  // The themes' keywords (ThemeMatcher::keywords_by_theme()), written into the index's
  // metadata at commit() for the searcher's related-theme fallback; none unless set.
  void set_theme_keywords(std::map<std::string, std::vector<std::string>> keywords) {
    theme_keywords_ = std::move(keywords);
  }

 private:
  enum class Mode { kIdle, kRebuild, kUpdate };

  void lock_current_build();
  void write_metadata();
  void switch_to(const std::filesystem::path& build) const;
  void remove_old_builds(const std::filesystem::path& keep_new,
                         const std::filesystem::path& keep_previous) const;
  IndexStats stats_of(const std::filesystem::path& build) const;

  std::filesystem::path path_;
  std::string analyzer_fingerprint_;
  const std::vector<Ministry>& ministries_;
  std::map<std::string, std::vector<std::string>> theme_keywords_;
  Mode mode_ = Mode::kIdle;
  void merge_parts(size_t part_count);

  std::filesystem::path build_;     // being written
  std::filesystem::path previous_;  // the build the stub named before a rebuild
  // One database per part; part 0 is build_ itself unless there are several, which live in
  // build_ + ".parts/" until commit() merges them into build_.
  std::vector<std::unique_ptr<Xapian::WritableDatabase>> parts_;
  std::vector<std::set<std::string>> partners_;  // per part: partner names, for the summary
  // In a rebuild, the current build opened for writing: its lock keeps other writers out.
  std::unique_ptr<Xapian::WritableDatabase> current_lock_;
};

}  // namespace dealsearch::indexer
