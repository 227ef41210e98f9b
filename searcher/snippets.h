// Snippets: the passage of a deal's text with the most matches of the query, as plain text
// with the matches' byte ranges. The page and the API turn one into HTML (snippet_html in
// html.h), the CLI into terminal marks.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "analyzers/analyzer.h"

namespace dealsearch::searcher {

struct Snippet {
  // An excerpt of the text, paragraphs joined with '\n'; "… " before it and " …" after it
  // where the text goes on.
  std::string text;
  // The matches: [begin, end) byte ranges of `text`, ascending and disjoint. For a compound
  // part only the part: "energie[armoede]".
  std::vector<std::pair<size_t, size_t>> marks;
  // Where the snippet is "from" (a PDF's page, say): the paragraph (of those given to
  // make_snippet) and its byte that the first match begins at, else the excerpt.
  size_t paragraph = 0;
  size_t paragraph_offset = 0;
};

// The snippet's text with each match between `open` and `close`, and the text around them
// passed through `escape` (for HTML, say) when there is one.
using EscapeInto = void (*)(std::string_view text, std::string& out);
[[nodiscard]] std::string marked(const Snippet& snippet, std::string_view open,
                                 std::string_view close, EscapeInto escape = nullptr);

// What a snippet marks: the terms and stems of the query's words, and of their parts.
// Analysed once a search, not once a hit.
struct SnippetTerms {
  std::unordered_set<std::string> word_terms, word_stems;  // the words themselves
  std::unordered_set<std::string> part_terms, part_stems;  // the words and their parts
  // The first four bytes of each of those, and of each stem with its last vowel long ("vraa"
  // of "vrag", for "vraag"): a word without any of them has no match (but for an irregular
  // form: "ging" for "gaan").
  std::unordered_set<std::string> probes;
  SnippetTerms(analyzers::Analyzer& analyzer, const std::vector<std::string>& query_words);
};

// The snippet of `paragraphs`: about `length` bytes around the passage with the most matches.
// The matches that choose the passage are those of the words that hold probes, each distinct
// word analysed once (about 1 kB of them at most, however long the deal); the excerpt is then
// analysed whole, so that it marks every match it shows, a form without a probe too.
// Uses `analyzer`, so it is as thread-safe as that: not at all.
[[nodiscard]] Snippet make_snippet(analyzers::Analyzer& analyzer,
                                   const std::vector<std::string>& paragraphs,
                                   const SnippetTerms& terms, size_t length = 200);

// The same for query words not yet analysed.
[[nodiscard]] Snippet make_snippet(analyzers::Analyzer& analyzer,
                                   const std::vector<std::string>& paragraphs,
                                   const std::vector<std::string>& query_words,
                                   size_t length = 200);

}  // namespace dealsearch::searcher
