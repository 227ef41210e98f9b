// Input: the files, directories and standard input that `dealsearch index` reads.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "indexer/deal_record.h"
#include "indexer/diagnostic.h"

namespace dealsearch::indexer {

struct InputRecords {
  std::vector<DealRecord> records;
  std::vector<Diagnostic> diagnostics;  // every problem found, with file and line
  size_t files = 0;
};

// Reads every input: a file (".jsonl" as JSON Lines, anything else as City Deal pages), a
// directory (recursively, its ".txt" and ".jsonl" files in sorted order), or "-" for standard
// input (JSON Lines if its first non-blank character is "{", else a page).
//
// Problems are diagnostics, not exceptions: an unreadable or missing file, invalid UTF-8 (the
// line of the first bad byte; a JSONL file loses only that line), a malformed JSON line, a
// record without title or body, a record over a limit of deal_record.h (a title over
// kMaxTitleBytes, an id over kMaxIdBytes), a page with no deal in it. Thread-safe (no state).
[[nodiscard]] InputRecords read_inputs(const std::vector<std::string>& inputs);

// The 1-based line of the first byte that is not valid UTF-8, or 0 when all of it is.
[[nodiscard]] size_t first_invalid_utf8_line(std::string_view text);

}  // namespace dealsearch::indexer
