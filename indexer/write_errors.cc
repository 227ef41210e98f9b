// throw_write_error: Xapian's type and errno pick the message and the hint.
#include "indexer/write_errors.h"

#include <cerrno>
#include <cstring>
#include <string_view>

#include "analyzers/error.h"

namespace dealsearch::indexer {
namespace {

// What a person can do about a failed write, by its errno; the previous index is intact in
// every case, because a rebuild writes beside it and an update is one transaction.
std::string hint_for(int error_number) {
  switch (error_number) {
    case ENOSPC:
    case EDQUOT:
      return "free space on that disk (or give another --db) and run again; the index is as it "
             "was";
    case EROFS:
      return "that file system is mounted read-only: remount it read-write or give another --db";
    case EACCES:
    case EPERM:
      return "give this user write permission there, or give another --db";
    default:
      return "check the path, the free disk space and the permissions";
  }
}

// The errno behind a Xapian error, as far as its description tells: Xapian keeps some as an
// error string, others only in the message ("Couldn't open lockfile: Read-only file system").
int error_number_in(std::string_view description) {
  for (const int candidate : {ENOSPC, EDQUOT, EROFS, EACCES, EPERM}) {
    if (description.find(std::strerror(candidate)) != std::string_view::npos) {
      return candidate;
    }
  }
  return 0;
}

}  // namespace

void throw_write_error(const Xapian::Error& error, const std::string& where) {
  const std::string_view type = error.get_type();
  const std::string description = error.get_description();
  // A lock Xapian cannot take for another reason (a read-only file system) is no other writer.
  if (type == "DatabaseLockError" && description.find("already locked") != std::string::npos) {
    throw Error(ErrorKind::kIndex, "the index is being written by another process", where,
                "wait for the other 'dealsearch index' to finish, then try again");
  }
  if (type == "InvalidArgumentError" || type == "InvalidOperationError" ||
      type == "UnimplementedError") {
    throw Error(ErrorKind::kLibrary, "Xapian refused to write this: " + description, where,
                "please report this with the input that caused it");
  }
  throw Error(ErrorKind::kIndex, "cannot write the index: " + description, where,
              hint_for(error_number_in(description)));
}

void throw_file_error(int error_number, const std::string& what, const std::string& where) {
  throw Error(ErrorKind::kIndex, what + ": " + std::strerror(error_number), where,
              hint_for(error_number));
}

}  // namespace dealsearch::indexer
