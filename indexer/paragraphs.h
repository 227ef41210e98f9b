// Text -> paragraphs, the way both input formats mark them: blank lines between.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace dealsearch::indexer {

// Removes spaces, tabs, carriage returns and no-break spaces (U+00A0, which copied web pages
// are full of) from both ends.
[[nodiscard]] std::string_view trim(std::string_view text);

// Splits text into paragraphs at blank lines; the lines of a paragraph join with a space.
[[nodiscard]] std::vector<std::string> split_paragraphs(std::string_view text);

}  // namespace dealsearch::indexer
