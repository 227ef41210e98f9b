// Opening the index for searching, and refusing one that this searcher would misread.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

namespace dealsearch::searcher {

// What the index says about itself (its metadata; see analyzers/schema.h).
struct IndexInfo {
  size_t documents = 0;
  std::string revision;  // changes with every commit: "<build directory>:<revision>"
  std::string built_at;  // ISO 8601 UTC
  std::map<std::string, std::string> ministry_names;  // code -> full name
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

}  // namespace dealsearch::searcher
