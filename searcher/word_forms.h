// Word forms: the words of an index that are forms of a word, found by the analyzer's stem.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>
#include <vector>

#include "analyzers/analyzer.h"

namespace dealsearch::searcher {

// The most forms indexed_forms() returns, and the most of the index's words it looks at to
// find them: it runs while a query is built, once for each part of a compound typed.
inline constexpr size_t kMaxWordForms = 16;
inline constexpr size_t kMaxScannedWords = 5000;
// A form is at most this many bytes longer than the word: "kind" -> "kinderen". Longer words
// of the same beginning are compounds or derivations, and are not analysed.
inline constexpr size_t kMaxInflectionBytes = 4;

// Where the words that may be forms of `word` begin: its term up to the last vowels that its
// stem keeps, since Dutch inflects at the end and may change the last vowels ("eigenaar",
// "eigenaren"), and at least its first two letters. "eigenaren" (stem "eigenar") -> "eigen",
// "energie" -> "energ", "stad" -> "st" (for "steden").
[[nodiscard]] std::string form_prefix(const analyzers::Token& word);

// Where the words that may be forms of `word` begin, the narrowest first, so that a large
// index's many words of a short beginning cannot crowd out the regular forms: what the word
// and its stem share ("eigenar" of "eigenaren"), that with its last vowel doubled or made
// single ("eigenaar"), and form_prefix() ("eigen", for irregular forms: "steden" of "stad").
// "schuld" -> {"schuld", "schuuld", "sch"}.
[[nodiscard]] std::vector<std::string> form_prefixes(const analyzers::Token& word);

// The words of `db` (its unprefixed terms, which have positions) that begin with one of
// form_prefixes(`word`) and that `analyzer` gives `word`'s stem: "eigenaren" -> {"eigenaar",
// "eigenaars", "eigenaren"} when the deals hold those. Sorted; at most kMaxWordForms of them,
// from the first kMaxScannedWords words of each beginning.
//
// Throws what Xapian throws reading `db` (Xapian::Error). Uses `analyzer`, so it is as
// thread-safe as that: not at all.
[[nodiscard]] std::vector<std::string> indexed_forms(const Xapian::Database& db,
                                                     analyzers::Analyzer& analyzer,
                                                     const analyzers::Token& word);

// The words of `db` that begin with `prefix` (terms without a prefix of the schema), the
// `limit` most frequent (ties in term order), in term order: what a prefix query stands for.
// Over shards the frequencies are summed, so that every shard's expansion is the same.
// Throws what Xapian throws reading `db` (Xapian::Error).
[[nodiscard]] std::vector<std::string> prefix_terms(const Xapian::Database& db,
                                                    const std::string& prefix, size_t limit);

}  // namespace dealsearch::searcher
