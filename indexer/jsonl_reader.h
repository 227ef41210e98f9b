// Reading JSON Lines deal records: one JSON object a line.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "indexer/deal_record.h"
#include "indexer/diagnostic.h"

namespace dealsearch::indexer {

// Reads records {"id"?, "title", "status"?, "signed"?, "partners"?, "themes"?, "url"?,
// "body"} from `text`, one a line; blank lines are skipped. "body" is split into paragraphs
// at blank lines. "signed" must be an ISO date "YYYY-MM-DD"; "partners" and "themes" arrays
// of strings.
//
// A line that is not valid JSON, not an object, lacks a non-empty "title" or "body", or has a
// field of the wrong type gives a diagnostic with file and line and no record. Unknown fields
// are ignored. Thread-safe (no state).
[[nodiscard]] std::vector<DealRecord> read_jsonl(std::string_view text, std::string_view file_name,
                                                 std::vector<Diagnostic>& diagnostics);

// One line of it (`line_number`, 1-based, for the diagnostic): its record, or nullopt for a
// blank line or a bad one (which adds a diagnostic). read_jsonl() reads each line with it;
// a reader of a file too large to hold in memory calls it line by line.
[[nodiscard]] std::optional<DealRecord> read_jsonl_line(std::string_view line,
                                                        std::string_view file_name,
                                                        size_t line_number,
                                                        std::vector<Diagnostic>& diagnostics);

}  // namespace dealsearch::indexer
