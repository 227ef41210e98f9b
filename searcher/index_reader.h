// Opening the index for searching, and refusing one that this searcher would misread.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace dealsearch::searcher {

// What the index says about itself (its metadata; see analyzers/schema.h).
struct IndexInfo {
  size_t documents = 0;
  std::string revision;  // changes with every commit: "<build's uuid>:<commit>"
  uint64_t commit = 0;   // Xapian's revision number: counts the commits to one build
  std::string built_at;  // ISO 8601 UTC, of the last commit
  std::map<std::string, std::string> ministry_names;  // code -> full name
  // Another name or code, former ones too -> the code: "IenM" -> "IenW" (none in an index
  // built before they were recorded).
  std::map<std::string, std::string> ministry_aliases;
  // theme -> its keywords ("mobiliteit" -> {"mobiliteit", "fiets", ...}); none in an index
  // written without them.
  std::map<std::string, std::vector<std::string>> theme_keywords;
};

// Opens the index at `path` (the stub file that `dealsearch index --db` wrote). Throws
// dealsearch::Error:
//   kIndex           when there is no index there, or it cannot be read;
//   kSchemaMismatch  when it was built with another schema version or another analyzer
//                    (`analyzer_fingerprint`, from Analyzer::fingerprint()), saying to
//                    re-index: terms made by another analyzer would silently miss.
[[nodiscard]] Xapian::Database open_index(const std::filesystem::path& path,
                                          std::string_view analyzer_fingerprint);

[[nodiscard]] IndexInfo index_info(const Xapian::Database& db);

// Xapian's exceptions on the read side as dealsearch::Error, the one conversion for every
// reader (Xapian::Error is no std::exception, so unconverted it would end the process):
//   kIndexChanging  DatabaseModifiedError: the index changed under the reader; reopen and retry
//   kIndexDamaged   DatabaseCorruptError: a damaged file; re-index
//   kIndex          the index cannot be opened (DatabaseOpeningError: its build directory is
//                   gone, or the stub names none)
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
