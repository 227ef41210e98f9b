// Snippets: find the passage with the most matches, analysing only the stretches of text
// around what might match.
#include "searcher/snippets.h"

#include <algorithm>

#include "analyzers/folding.h"

namespace dealsearch::searcher {
namespace {

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool is_blank(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

using ByteWindow = std::pair<size_t, size_t>;  // [begin, end) in a paragraph

// The stretches of `paragraph` a snippet needs analysed: `reach` bytes either side of each
// place where its folded text holds a probe, widened to whole words and merged. None when no
// probe occurs: such a paragraph has no match (but for irregular forms, "ging" for "gaan",
// which a snippet may miss). Analysis is the cost of a snippet, and a long paragraph with one
// match needs a few hundred bytes of it, not all.
std::vector<ByteWindow> match_windows(std::string_view paragraph, const analyzers::Folder& folder,
                                      const std::unordered_set<std::string>& probes, size_t reach) {
  std::string folded;
  std::vector<uint32_t> source;  // folded byte -> paragraph byte
  folder.fold(paragraph, folded, &source);
  std::vector<size_t> hits;
  for (const std::string& probe : probes) {
    for (size_t at = folded.find(probe); at != std::string::npos; at = folded.find(probe, at + 1)) {
      hits.push_back(source[at]);
    }
  }
  std::sort(hits.begin(), hits.end());
  std::vector<ByteWindow> windows;
  for (const size_t hit : hits) {
    size_t begin = hit > reach ? hit - reach : 0;
    size_t end = std::min(paragraph.size(), hit + reach);
    while (begin > 0 && !is_blank(paragraph[begin - 1])) {
      --begin;
    }
    while (end < paragraph.size() && !is_blank(paragraph[end])) {
      ++end;
    }
    if (!windows.empty() && begin <= windows.back().second) {
      windows.back().second = std::max(windows.back().second, end);
    } else {
      windows.emplace_back(begin, end);
    }
  }
  return windows;
}

}  // namespace

SnippetTerms::SnippetTerms(analyzers::Analyzer& analyzer,
                           const std::vector<std::string>& query_words) {
  for (const std::string& word : query_words) {
    for (const analyzers::Token& token : analyzer.analyze(word)) {
      if (token.role == analyzers::TokenRole::kWord) {
        word_terms.insert(token.term);
        word_stems.insert(token.stem);
      }
      part_terms.insert(token.term);
      part_stems.insert(token.stem);
    }
  }
  for (const auto* terms : {&part_terms, &part_stems}) {
    for (const std::string& term : *terms) {
      probes.insert(term.substr(0, std::min<size_t>(term.size(), 4)));
    }
  }
}

Snippet make_snippet(analyzers::Analyzer& analyzer, const std::vector<std::string>& paragraphs,
                     const std::vector<std::string>& query_words, size_t length) {
  return make_snippet(analyzer, paragraphs, SnippetTerms(analyzer, query_words), length);
}

Snippet make_snippet(analyzers::Analyzer& analyzer, const std::vector<std::string>& paragraphs,
                     const SnippetTerms& query, size_t length) {
  // Enough for the densest passage of a long deal; a frequent word's hundredth occurrence
  // need not be analysed.
  constexpr size_t kMaxAnalysedBytes = 4096;
  size_t analysed = 0;
  std::string text;
  std::vector<analyzers::Token> tokens;
  const analyzers::Folder& folder = analyzer.data().folder();
  for (const std::string& paragraph : paragraphs) {
    if (!text.empty()) {
      text += '\n';
    }
    const size_t offset = text.size();
    text += paragraph;
    for (const auto& [begin, end] : match_windows(paragraph, folder, query.probes, length)) {
      if (analysed >= kMaxAnalysedBytes) {
        break;
      }
      analysed += end - begin;
      const std::string_view window = std::string_view(paragraph).substr(begin, end - begin);
      for (analyzers::Token& token : analyzer.analyze(window)) {
        token.begin += static_cast<uint32_t>(offset + begin);
        token.end += static_cast<uint32_t>(offset + begin);
        tokens.push_back(std::move(token));
      }
    }
  }
  // The query's words first; their parts only when the text holds none of the words
  // ("vastgoedeigenaren" marks "eigenaren" and "vastgoed" in "eigenaren van vastgoed").
  std::vector<std::pair<uint32_t, uint32_t>> marks;
  for (const bool with_parts : {false, true}) {
    const auto& terms = with_parts ? query.part_terms : query.word_terms;
    const auto& stems = with_parts ? query.part_stems : query.word_stems;
    // A matching word is marked whole, else only its matching parts.
    bool word_marked = false;
    for (const analyzers::Token& token : tokens) {
      const bool matches = terms.contains(token.term) || stems.contains(token.stem);
      if (token.role == analyzers::TokenRole::kWord) {
        word_marked = matches && !token.stopword;
        if (word_marked) {
          marks.emplace_back(token.begin, token.end);
        }
      } else if (matches && !word_marked && !token.stopword) {
        marks.emplace_back(token.begin, token.end);
      }
    }
    if (!marks.empty()) {
      break;
    }
  }
  std::sort(marks.begin(), marks.end());
  // The window of `length` bytes holding the most marks, starting a little before the first.
  // It counts the marks that begin in it: the excerpt shows those (it ends after a word), and
  // not one that begins after it, though within `length` bytes of the first.
  size_t start = 0;
  size_t best = 0;
  for (size_t i = 0, j = 0; i < marks.size(); ++i) {
    const size_t begin = marks[i].first > 40 ? marks[i].first - 40 : 0;
    j = std::max(j, i);
    while (j < marks.size() && marks[j].first < begin + length) {
      ++j;
    }
    if (j - i > best) {
      best = j - i;
      start = begin;
    }
  }
  // A window running past the end of the text starts earlier instead.
  start = std::min(start, text.size() > length ? text.size() - length : size_t{0});
  size_t end = std::min(text.size(), start + length);
  while (start > 0 && start < text.size() && text[start - 1] != ' ' && text[start - 1] != '\n') {
    --start;  // begin at a word
  }
  while (end < text.size() && (is_utf8_continuation(text[end]) || text[end] != ' ')) {
    ++end;  // end after a word
    if (end - start > length + 40) {
      break;
    }
  }
  while (end < text.size() && is_utf8_continuation(text[end])) {
    ++end;
  }
  Snippet snippet;
  if (start > 0) {
    snippet.text = "… ";
  }
  const size_t shift = snippet.text.size();  // snippet.text's byte of text's `start`
  snippet.text.append(text, start, end - start);
  size_t after_last = start;
  for (const auto& [begin, finish] : marks) {
    if (begin < after_last || finish > end) {
      continue;  // outside the excerpt, or overlapping the mark before
    }
    snippet.marks.emplace_back(begin - start + shift, finish - start + shift);
    after_last = finish;
  }
  if (end < text.size()) {
    snippet.text += " …";
  }
  return snippet;
}

std::string marked(const Snippet& snippet, std::string_view open, std::string_view close,
                   EscapeInto escape) {
  const std::string_view text = snippet.text;
  const auto append = [&](std::string_view part, std::string& out) {
    if (escape) {
      escape(part, out);
    } else {
      out += part;
    }
  };
  std::string out;
  size_t at = 0;
  for (const auto& [begin, end] : snippet.marks) {
    append(text.substr(at, begin - at), out);
    out += open;
    append(text.substr(begin, end - begin), out);
    out += close;
    at = end;
  }
  append(text.substr(at), out);
  return out;
}

}  // namespace dealsearch::searcher
