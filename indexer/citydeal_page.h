// Reading pages in the Agenda Stad format: several deals one after another, each a title line,
// a line "Status citydeal: ...", and its text up to the next deal's title.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "indexer/deal_record.h"
#include "indexer/diagnostic.h"

namespace dealsearch::indexer {

// The status a line "Status citydeal: In uitvoering" gives (any case, trimmed: "In
// uitvoering"), or nullopt for any other line.
[[nodiscard]] std::optional<std::string_view> status_line_value(std::string_view line);

// Splits `page` (UTF-8, as read from `file_name`) into deals. The title is the last non-blank
// line before a "Status citydeal:" line (any case); the text runs to the line before the next
// title, blank lines separating paragraphs. Text before the first deal is ignored.
//
// A page without any "Status citydeal:" line is an error (a diagnostic at line 1); so is a
// status line with no title above it. Returns the deals found; appends problems to
// `diagnostics`. Thread-safe (no state).
[[nodiscard]] std::vector<DealRecord> read_citydeal_page(std::string_view page,
                                                         std::string_view file_name,
                                                         std::vector<Diagnostic>& diagnostics);

}  // namespace dealsearch::indexer
