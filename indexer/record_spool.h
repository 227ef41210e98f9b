// RecordSpool: the records of one indexing run on disk, so that memory does not grow with the
// collection.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/folding.h"
#include "indexer/deal_record.h"
#include "indexer/diagnostic.h"

namespace dealsearch::indexer {

// `dealsearch index` reads every input first (a bad record anywhere stops a rebuild before it
// writes anything), and only then builds. Between the two, the records wait here: appended to
// an unnamed temporary file (no name, so nothing is left behind when the process dies) as they
// are read, and read back in order, one batch at a time, by the threads that build them. What
// stays in memory is each record's deal id and where it came from, for choosing the last
// record of each id (last_of_each_id) and for its warnings.
//
// Why a spool and not a second read of the inputs: standard input and fetched pages cannot be
// read twice, and a PDF costs a parser process each time it is read; the spool is about the
// size of the text, which the index being built beside it needs twice over anyway.
//
// Every write or read failure (disk full, a file system without room for the spool) throws
// dealsearch::Error (kIndex) naming the directory. Not thread-safe.
class RecordSpool {
 public:
  // The spool's file in `directory` (created if missing, and removed again if it is still
  // empty at the end): put it where the index goes, which has room for the text. The folder
  // makes the deal ids (deal_id()).
  RecordSpool(const std::filesystem::path& directory, const analyzers::Folder& folder);
  ~RecordSpool();
  RecordSpool(const RecordSpool&) = delete;
  RecordSpool& operator=(const RecordSpool&) = delete;

  // A record whose deal `holds` says no to (with --shard K/N: another shard's) keeps its id
  // and source only: it counts among the records of its id, and is never read back (read()
  // must not want it). Set before the first append(); default: every record is kept whole.
  void store_only(std::function<bool(std::string_view id)> holds) { holds_ = std::move(holds); }

  // Appends a record; its ordinal is size() before the call.
  void append(const DealRecord& record);
  [[nodiscard]] size_t size() const { return ids_.size(); }
  // The deal id of record `ordinal` (deal_id()), and where it came from.
  [[nodiscard]] const std::string& id(size_t ordinal) const { return ids_.at(ordinal); }
  [[nodiscard]] SourceLocation source(size_t ordinal) const;

  // The records to index when several share an id: the last of each, in input order, whether
  // the others stand earlier in its file or in another file; true for those, one flag a
  // record. Each record dropped gives a warning naming both places.
  [[nodiscard]] std::vector<bool> last_of_each_id(std::vector<Diagnostic>& warnings) const;

  // Reads the records back from the first, in order: each call to next() gives the next up to
  // `max` records whose ordinals `wanted` holds true (wanted.size() == size()), and an empty
  // vector at the end. Appending again is not allowed once reading has begun. Throws
  // std::logic_error when `wanted` asks for a record kept by id only (store_only()).
  class Reader {
   public:
    std::vector<DealRecord> next(size_t max);

   private:
    friend class RecordSpool;
    Reader(RecordSpool& spool, std::vector<bool> wanted);
    RecordSpool& spool_;
    std::vector<bool> wanted_;
    size_t ordinal_ = 0;
  };
  [[nodiscard]] Reader read(std::vector<bool> wanted);

 private:
  void write(const std::string& bytes);
  void remove_created_directory() const;
  void read_exactly(char* into, size_t bytes);  // throws on a short read
  void skip(size_t bytes);

  std::filesystem::path directory_;
  bool created_directory_ = false;
  const analyzers::Folder& folder_;
  std::FILE* file_ = nullptr;
  bool reading_ = false;
  std::function<bool(std::string_view id)> holds_;  // empty: all
  std::vector<std::string> ids_;
  std::vector<bool> stored_;        // per record: its bytes are in the file
  std::vector<uint32_t> files_of_;  // per record: its index in file_names_
  std::vector<size_t> lines_;       // per record: SourceLocation::line
  std::vector<std::string> file_names_;
};

// The bytes a record takes in the spool, and back: every field of DealRecord. decode throws
// std::runtime_error on bytes that encode() did not make.
[[nodiscard]] std::string encode_record(const DealRecord& record);
[[nodiscard]] DealRecord decode_record(std::string_view bytes);

}  // namespace dealsearch::indexer
