// dealsearch::Error: the one exception type for environment and data failures.
//
// Programming errors are assertions; expected outcomes (no such deal, a query that finds
// nothing) are values. Everything else that can go wrong outside our control (a missing data
// file, unreadable input, a locked or corrupt index, a schema mismatch) is thrown as an Error
// whose message says what went wrong, where, and what to do about it. Only the CLI's main and
// the HTTP handler wrapper catch it.
#pragma once

#include <stdexcept>
#include <string>

namespace dealsearch {

enum class ErrorKind {
  kMissingFile,     // a file or directory we need does not exist or cannot be read
  kBadData,         // a data file of ours (word list, gazetteer) is malformed
  kBadInput,        // a user's input document or argument is malformed
  kIndex,           // the Xapian index cannot be opened, locked, or written
  kIndexChanging,   // the index changed under a reader again and again (a busy re-index)
  kIndexDamaged,    // the index's files are corrupt or a stored deal cannot be read
  kSchemaMismatch,  // the index was built by another schema or analyzer version
  kLibrary,         // a library (ICU, Xapian) reported a failure we cannot recover from
};

// Thread-safe to copy and read. The message is "<what> (<where>); <hint>".
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string what, std::string where, std::string hint);

  ErrorKind kind() const { return kind_; }
  const std::string& where() const { return where_; }
  const std::string& hint() const { return hint_; }

 private:
  ErrorKind kind_;
  std::string where_;
  std::string hint_;
};

}  // namespace dealsearch
