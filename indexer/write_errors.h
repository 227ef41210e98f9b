// Failures while writing the index, as dealsearch::Error: the write side's one conversion.
#pragma once

#include <xapian.h>

#include <string>

namespace dealsearch::indexer {

// Xapian's exceptions on the write side as dealsearch::Error (Xapian::Error is no
// std::exception: unconverted, it would end the process). The message says what failed and
// the hint what to do, by cause:
//   kIndex    DatabaseLockError "already locked": another process is writing the index
//   kIndex    no space left on the device (ENOSPC, EDQUOT), a read-only file system (EROFS),
//             no permission (EACCES, EPERM), or any other failure to open or write the index
//   kLibrary  InvalidArgumentError and the like: Xapian refused what we asked of it
// `where`: the path written, or the record whose document was refused.
[[noreturn]] void throw_write_error(const Xapian::Error& error, const std::string& where);

// Throws kIndex for a failed system call on the index's files: `what` ("cannot create the
// index directory") with the reason of `error_number` (an errno value) and what to do about it.
[[noreturn]] void throw_file_error(int error_number, const std::string& what,
                                   const std::string& where);

// Runs `write` (calls into Xapian), converting Xapian's exceptions as above.
template <typename Write>
auto with_write_errors(const std::string& where, Write&& write) {
  try {
    return write();
  } catch (const Xapian::Error& error) {
    throw_write_error(error, where);
  }
}

}  // namespace dealsearch::indexer
