// IndexWriter: deals -> the Xapian index the searcher reads, never half-written.
#pragma once

#include <xapian.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "indexer/deal_builder.h"
#include "indexer/index_stub.h"

namespace dealsearch::indexer {

// Where the index lives. `path` ("data/index") is a Xapian stub file naming the current
// build's databases, in a directory in `path` + ".builds/". Searchers open `path`; Xapian
// follows the stub. The build is one database, or with shards (ShardLayout, indexer/
// index_stub.h) one database per shard: `--shard K/N` writes shard K alone, its stub naming
// one database like an unsharded index; `--shards N` writes all N as the build directory's
// "shard-1" to "shard-N", and the stub names them in order, one "auto" line each. Every shard
// records which it is in its metadata (schema::kMetaShard) besides the rest.
//
// A full build writes a new build directory beside the old ones and then replaces the stub in
// one rename(2): a reader sees the old index or the new, all shards of one build, never a mix;
// a build killed at any moment leaves the old index intact. The previous build is kept
// (readers may still hold it open); older ones are removed.
//
// An update runs inside one Xapian transaction on each of the current build's shards, each
// deal routed to its shard (schema::shard_of); every addition and deletion is written into
// the transactions before the first is committed (Xapian writes most of a transaction's
// blocks as it goes, so a full disk mostly stops an update there, with nothing committed).
// Xapian has no commit across databases: should a shard's commit fail after another's
// succeeded, the committed shards keep the update and the others stay as they were, and
// commit() throws an Error saying which are which. Each deal lives in one shard, so each is
// either updated or as it was, never lost nor doubled, and running the same update again
// completes it (it replaces deals by id).
//
// Every failure (locked index, disk full, read-only file system, bad path) throws
// dealsearch::Error with kIndex (see indexer/write_errors.h), and the index stays as it was:
// what a failed rebuild wrote is removed, a failed update's transactions cancelled (but for
// the shards already committed, above). An update asked for with another layout than the
// index's throws kBadInput before anything is written (see update_layout_error()).
// One writer at a time: Xapian's lock on the current build's databases says so when another
// is busy; a rebuild holds those locks too, from begin_rebuild() to commit().
//
// Not thread-safe, except add() for different parts (below).
struct IndexStats {
  size_t documents = 0;  // in the index after the change
  size_t terms = 0;      // distinct terms in the index
  size_t partners = 0;   // distinct partners in the deals written
  uint64_t bytes = 0;    // size of the build's databases on disk
  std::filesystem::path build;
  ShardLayout layout;                       // of the index written
  std::vector<size_t> documents_per_shard;  // in layout.shards() order
  size_t memory_flushes = 0;  // parts written out early to stay within the memory limit
};

// The directory beside the index `path` that holds its builds (`path` + ".builds"), which has
// room for what a build writes: the place for a run's temporary files (RecordSpool).
[[nodiscard]] std::filesystem::path builds_directory(const std::filesystem::path& path);

// Called after each document; `done` of `total`.
using ProgressCallback = std::function<void(size_t done, size_t total)>;

class IndexWriter {
 public:
  // `builder`: one of the builders whose deals the writer is given; the writer takes its
  // analyzer's fingerprint, its gazetteer's ministries (written into the metadata) and what
  // the spelling table holds (the analyzer's spelling words, the gazetteer's names). Its
  // gazetteer must outlive the writer. `layout`: the shards a rebuild writes, and an update
  // expects the index to have (default: one database, not sharded).
  IndexWriter(std::filesystem::path path, const DealBuilder& builder, ShardLayout layout = {});
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
  // A rebuild may write `parts` databases side by side for each shard, one per indexing
  // thread, which commit() merges and compacts into the shard's one.
  //
  // An update first reads the index's layout: when the layout given to the constructor may not
  // update it (update_layout_error()), throws that Error (kBadInput) and changes nothing. It
  // then writes the index's own layout (a stub over N shards updated without --shards).
  void begin_rebuild(size_t parts = 1);
  void begin_update();
  // The layout being written; after begin_rebuild() or begin_update().
  [[nodiscard]] const ShardLayout& layout() const { return layout_; }
  // Whether the deal with `id` belongs in the index being written (layout().holds(id)): give
  // add() and remove() only those.
  [[nodiscard]] bool holds(std::string_view id) const { return layout_.holds(id); }
  // The spelling table (analyzers/schema.h, "Spelling table") is written at commit(): in a
  // rebuild from the words' term frequencies once all deals are in, in an update for the
  // words of the deals added, replaced and deleted, so that it stays what a rebuild would
  // write (but for words whose count the collection's growth past
  // schema::kSpellingEveryWordBelow changed, which the next rebuild puts right).
  //
  // Adds a deal to its shard; in an update, replaces the deal with its id. A rebuild does not look
  // for earlier deals with the id (that would cost a lookup per deal): give it each id once, in one
  // part (index_records() does, with last_of_each_id()). Calls for different parts may run on
  // different threads at once; for one part, not.
  void add(const BuiltDeal& deal, size_t part = 0);
  // Deletes the deal with `id`; false when there is none.
  bool remove(const std::string& id);
  // Writes everything, switches searchers to a rebuilt index, and reports on the result.
  IndexStats commit();

  // builds_directory(path), below.
  [[nodiscard]] std::filesystem::path builds_directory() const;

  // The build directory the stub names (the directory of its shards when there are several),
  // or an empty path when there is no index yet.
  std::filesystem::path current_build() const;

  // Memory: Xapian holds what a part was given in memory until it is flushed (its own
  // default: every 10,000 documents, however large). With a limit set, a rebuild's part is
  // flushed to disk as soon as the process's heap in use passes kFlushAtShareOfLimit of
  // `bytes` (checked every few deals), so that the peak stays within the limit however large
  // the deals; 0 (the default): Xapian's own threshold alone. Call before begin_rebuild().
  void set_memory_limit(uint64_t bytes) { memory_limit_ = bytes; }
  static constexpr double kFlushAtShareOfLimit = 0.6;

  // The themes' keywords (ThemeMatcher::keywords_by_theme()), written into the index's
  // metadata at commit() for the searcher's related-theme fallback; none unless set.
  void set_theme_keywords(std::map<std::string, std::vector<std::string>> keywords) {
    theme_keywords_ = std::move(keywords);
  }

 private:
  enum class Mode { kIdle, kRebuild, kUpdate };

  // One shard being written.
  struct Shard {
    size_t number = 1;            // K; 1 when not sharded
    std::filesystem::path where;  // its database
    // A rebuild's parts, one per thread, in `where` + ".parts/" until commit() merges them
    // into `where` (the only part is `where` itself); an update's one: `where`, in a
    // transaction.
    std::vector<std::unique_ptr<Xapian::WritableDatabase>> parts;
    bool committed = false;  // an update's transaction, by commit()
    // An update's words whose spelling frequency it may change: those of the deals it adds,
    // replaces and deletes.
    std::set<std::string> touched_words;
  };

  Shard& shard_for(std::string_view id);
  void lock_current_build(const std::vector<std::filesystem::path>& databases);
  void write_metadata(Shard& shard);
  void merge_parts(Shard& shard);
  void write_spelling_tables();
  void touch_words(Shard& shard, Xapian::TermIterator term, const Xapian::TermIterator& end);
  void touch_words_of_deal(Shard& shard, const std::string& id_term);
  void update_spelling_of_touched_words();
  void commit_rebuild();
  void commit_update();
  void remove_old_builds() const;
  IndexStats stats() const;

  std::filesystem::path path_;
  std::string analyzer_fingerprint_;
  const std::vector<Ministry>& ministries_;
  std::shared_ptr<const analyzers::AnalyzerData> analyzer_data_;  // its spelling words
  const Gazetteer& gazetteer_;                                    // its names' words
  std::map<std::string, std::vector<std::string>> theme_keywords_;
  ShardLayout requested_;  // as constructed
  ShardLayout layout_;     // being written: requested_, or in an update the index's own
  Mode mode_ = Mode::kIdle;

  std::filesystem::path build_;                  // being written (a rebuild) or updated
  std::vector<std::filesystem::path> previous_;  // the builds the stub named before a rebuild
  std::vector<Shard> shards_;                    // in layout_.shards() order
  std::vector<std::set<std::string>> partners_;  // per part: partner names, for the summary
  void flush_if_memory_is_short(Xapian::WritableDatabase& db, size_t part);

  uint64_t memory_limit_ = 0;                    // 0: none
  std::vector<size_t> adds_since_memory_check_;  // per part; each part's own thread's
  std::atomic<size_t> memory_flushes_{0};
  // In a rebuild, the current build's databases opened for writing: their locks keep other
  // writers out.
  std::vector<std::unique_ptr<Xapian::WritableDatabase>> current_locks_;
};

}  // namespace dealsearch::indexer
