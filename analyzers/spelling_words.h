// The spelling words among a term list's terms: one walk for the indexer's spelling table and
// the server's spelling database over remote shards.
#pragma once

#include <xapian.h>

#include <string>

#include "analyzers/analyzer_data.h"
#include "analyzers/schema.h"

namespace dealsearch::analyzers {

// Calls visit(word, at) for each term from `term` to `end` that is a word
// (schema::kWordsFrom on) and a spelling word (AnalyzerData::is_spelling_word); `at` points
// at it, for its frequencies where the list has them (all terms, a database's term list).
template <typename Visit>
void for_each_spelling_word(Xapian::TermIterator term, const Xapian::TermIterator& end,
                            const AnalyzerData& data, Visit&& visit) {
  for (term.skip_to(std::string(schema::kWordsFrom)); term != end; ++term) {
    const std::string word = *term;
    if (data.is_spelling_word(word)) {
      visit(word, term);
    }
  }
}

}  // namespace dealsearch::analyzers
