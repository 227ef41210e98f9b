// Opening the index for searching, and refusing one that this searcher would misread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/shards.h"

namespace dealsearch::searcher {

// What the index says about itself (its metadata; see analyzers/schema.h), and which of its
// shards answer.
struct IndexInfo {
  size_t documents = 0;  // in the shards that answer
  // Changes with every commit to a shard and whenever a shard is left out or comes back
  // (Shards::revision()).
  std::string revision;
  std::string built_at;  // ISO 8601 UTC, of the last commit (to the first shard answering)
  std::map<std::string, std::string> ministry_names;  // code -> full name
  // Another name or code, former ones too -> the code: "IenM" -> "IenW" (none in an index
  // built before they were recorded).
  std::map<std::string, std::string> ministry_aliases;
  // theme -> its keywords ("mobiliteit" -> {"mobiliteit", "fiets", ...}); none in an index
  // written without them.
  std::map<std::string, std::vector<std::string>> theme_keywords;
  // Each shard of the index, in its stub's order; one for an index that is one database.
  std::vector<ShardState> shards;

  // How many shards answer; a search over fewer than all of them is partial.
  [[nodiscard]] size_t shards_answering() const;
  [[nodiscard]] bool partial() const { return shards_answering() < shards.size(); }
};

// The index at `path` (the stub file that `dealsearch index --db` wrote, or a database
// directory): its shards (searcher/shards.h), each checked as open_database() does, and
// combined in Shards::database(). Throws as Shards' constructor.
[[nodiscard]] Shards open_index(const std::filesystem::path& path,
                                std::string_view analyzer_fingerprint,
                                const ShardOptions& options = {},
                                std::shared_ptr<ShardHealth> health = nullptr);

// The one database at `path`, a directory or a stub naming one. Throws dealsearch::Error:
//   kIndex           when there is no index there, or it cannot be read;
//   kIndexDamaged    when its files are corrupt;
//   kSchemaMismatch  as check_compatible().
[[nodiscard]] Xapian::Database open_database(const std::filesystem::path& path,
                                             std::string_view analyzer_fingerprint);

// Throws dealsearch::Error kSchemaMismatch when `db` was built with another schema version or
// another analyzer (`analyzer_fingerprint`, from Analyzer::fingerprint()), saying to
// re-index: terms made by another analyzer would silently miss. `where`: the database's name,
// for the message. Throws Xapian::Error when `db` cannot be read.
void check_compatible(const Xapian::Database& db, const std::string& where,
                      std::string_view analyzer_fingerprint);

// What `shards` say about the index now. Throws Xapian::Error when a shard cannot be read.
[[nodiscard]] IndexInfo index_info(const Shards& shards);

// Xapian's exceptions on the read side as dealsearch::Error, the one conversion for every
// reader (Xapian::Error is no std::exception, so unconverted it would end the process):
//   kIndexChanging  DatabaseModifiedError: the index changed under the reader; reopen and retry
//   kIndexDamaged   DatabaseCorruptError: a damaged file; re-index
//   kIndex          the index cannot be opened (DatabaseOpeningError: its build directory is
//                   gone, or the stub names none), or a remote shard does not answer
//                   (NetworkError)
//   kLibrary        anything else
// `where`: the index's path, for the message.
[[noreturn]] void throw_read_error(const Xapian::Error& error, const std::string& where);

// Runs `read` (calls into a Xapian database), converting Xapian's exceptions as above.
template <typename Read>
auto with_read_errors(const std::string& where, Read&& read) {
  try {
    return read();
  } catch (const Xapian::Error& error) {
    throw_read_error(error, where);
  }
}

}  // namespace dealsearch::searcher
