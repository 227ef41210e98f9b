// Completions of what a user is typing in the search box ("energ" -> "energiearmoede").
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/folding.h"

namespace dealsearch::searcher {

// Up to `limit` completions of `typed`'s last word (at least two letters): first, at most
// half the list, the titles with a word that starts with it; then the words of the texts that
// do, the most frequent first. Throws what reading `db` throws (Xapian::Error).
[[nodiscard]] std::vector<std::string> completions(const Xapian::Database& db,
                                                   const analyzers::Folder& folder,
                                                   std::string_view typed, size_t limit);

}  // namespace dealsearch::searcher
