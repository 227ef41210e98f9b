// Snippets: the passage with the most matches, found from where the query's probes occur
// (each word that holds one analysed once), and the excerpt of it analysed whole.
#include "searcher/snippets.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <span>
#include <tuple>
#include <unordered_map>

#include "analyzers/folding.h"

namespace dealsearch::searcher {
namespace {

// The bound on the bytes of the distinct words with probes that are analysed to find the
// passage; a word counts once however often it occurs. A deal repeats its words: one of 7 kB
// with a frequent query word has some ten of them, 100 bytes. A long deal's new words past
// the bound count as no match.
constexpr size_t kMaxAnalysedWordBytes = 1024;
// Widening to a whole word stops after this many bytes either side: a 10 kB "word" (a pasted
// blob) is not analysed whole. The longest word of the word list has 50 bytes.
constexpr size_t kMaxWordBytes = 64;
// An excerpt begins this far before its first match, for context.
constexpr size_t kLeadBytes = 40;

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

bool is_ascii(char c) { return (static_cast<unsigned char>(c) & 0x80) == 0; }

bool is_blank(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

using ByteWindow = std::pair<size_t, size_t>;  // [begin, end) in the text
using Mark = std::pair<uint32_t, uint32_t>;    // [begin, end) in the text

// Where the stretch of ASCII bytes that begins at `begin` ends.
size_t end_of_ascii(std::string_view text, size_t begin) {
  // Eight bytes at a time: a deal's text is nearly all ASCII.
  constexpr uint64_t kHighBits = 0x8080808080808080;
  size_t end = begin;
  for (uint64_t eight = 0; end + 8 <= text.size(); end += 8) {
    std::memcpy(&eight, text.data() + end, 8);
    if ((eight & kHighBits) != 0) {
      break;
    }
  }
  while (end < text.size() && is_ascii(text[end])) {
    ++end;
  }
  return end;
}

// The text folded as the analyzer folds it ("Creëren" -> "creeren"), to find probes in, with a
// map back to the text. Dutch text is mostly ASCII, where folding is lower-casing: the folder
// folds only the stretches of other bytes, and the map has one entry a stretch, not one a byte.
class FoldedText {
 public:
  FoldedText(std::string_view text, const analyzers::Folder& folder);

  const std::string& str() const { return folded_; }

  // The byte of the text that folded byte `at` comes from; within a stretch of non-ASCII
  // bytes, the stretch's first byte ("ë" of "creëren" for either "e" of "cree").
  size_t text_offset(size_t at) const;

 private:
  struct Stretch {
    size_t folded_begin = 0;
    size_t text_begin = 0;
    bool ascii = true;
  };

  std::string folded_;
  std::vector<Stretch> stretches_;  // ascending, the first at 0
};

FoldedText::FoldedText(std::string_view text, const analyzers::Folder& folder) {
  folded_.reserve(text.size());
  for (size_t begin = 0, end = 0; begin < text.size(); begin = end) {
    const bool ascii = is_ascii(text[begin]);
    end = ascii ? end_of_ascii(text, begin) : begin + 1;
    while (end < text.size() && !ascii && !is_ascii(text[end])) {
      ++end;
    }
    stretches_.push_back({folded_.size(), begin, ascii});
    const std::string_view stretch = text.substr(begin, end - begin);
    if (ascii) {
      const size_t from = folded_.size();
      folded_ += stretch;
      std::transform(folded_.begin() + static_cast<std::ptrdiff_t>(from), folded_.end(),
                     folded_.begin() + static_cast<std::ptrdiff_t>(from),
                     [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
    } else {
      // The folder folds code point by code point, and an ASCII byte is never part of
      // another code point: the stretch folds alone as it does within the text.
      folder.fold(stretch, folded_);
    }
  }
}

size_t FoldedText::text_offset(size_t at) const {
  // The last stretch beginning at or before `at` (a soft hyphen's stretch folds to nothing
  // and begins where the next one does).
  const auto after = std::upper_bound(
      stretches_.begin(), stretches_.end(), at,
      [](size_t offset, const Stretch& stretch) { return offset < stretch.folded_begin; });
  const Stretch& stretch = *std::prev(after);
  return stretch.ascii ? stretch.text_begin + (at - stretch.folded_begin) : stretch.text_begin;
}

std::string joined(const std::vector<std::string>& paragraphs) {
  size_t size = paragraphs.size();
  for (const std::string& paragraph : paragraphs) {
    size += paragraph.size();
  }
  std::string text;
  text.reserve(size);
  for (const std::string& paragraph : paragraphs) {
    if (!text.empty()) {
      text += '\n';
    }
    text += paragraph;
  }
  return text;
}

// The paragraph that byte `at` of joined(paragraphs) belongs to (a '\n' between two to the one
// before it), and the byte of that paragraph it is.
std::pair<size_t, size_t> paragraph_at(const std::vector<std::string>& paragraphs, size_t at) {
  size_t paragraph = 0;
  size_t begin = 0;  // of `paragraph` in the joined text
  size_t size = 0;   // of joined(paragraphs[0..i])
  for (size_t i = 0; i < paragraphs.size(); ++i) {
    if (size > 0) {
      ++size;  // the '\n' joined() puts before it
    }
    if (size > at) {
      break;
    }
    paragraph = i;
    begin = size;
    size += paragraphs[i].size();
  }
  return {paragraph, std::min(at - std::min(at, begin),
                              paragraphs.empty() ? 0 : paragraphs[paragraph].size())};
}

// Where `text` holds a probe (in its folded form), ascending, each place once: the only
// places where a word can match (but for forms unlike the query's word, "ging" for "gaan").
std::vector<size_t> probe_hits(std::string_view text, const analyzers::Folder& folder,
                               const SnippetTerms& query) {
  const FoldedText folded(text, folder);
  const std::string_view str = folded.str();
  std::vector<size_t> hits;
  for (const std::string& probe : query.probes) {
    if (probe.empty()) {
      continue;
    }
    for (size_t at = str.find(probe); at != std::string::npos; at = str.find(probe, at + 1)) {
      hits.push_back(folded.text_offset(at));
    }
  }
  // Probes that begin one another ("nam" and "name" in "namen") find a place twice.
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  return hits;
}

// The word of `text` at `at` (from blank to blank), by at most kMaxWordBytes either side,
// never cutting a code point.
ByteWindow word_at(std::string_view text, size_t at) {
  size_t begin = at;
  const size_t floor = at > kMaxWordBytes ? at - kMaxWordBytes : 0;
  while (begin > floor && !is_blank(text[begin - 1])) {
    --begin;
  }
  while (begin > 0 && is_utf8_continuation(text[begin])) {
    --begin;
  }
  size_t end = at;
  const size_t ceiling = std::min(text.size(), at + kMaxWordBytes);
  while (end < ceiling && !is_blank(text[end])) {
    ++end;
  }
  while (end < text.size() && is_utf8_continuation(text[end])) {
    ++end;
  }
  return {begin, end};
}

// The matches among `tokens`, ascending: of the query's words, or when `with_parts` of their
// parts too. A matching word is marked whole, else only its matching parts.
std::vector<Mark> find_marks(std::span<const analyzers::Token> tokens, const SnippetTerms& query,
                             bool with_parts) {
  const auto& terms = with_parts ? query.part_terms : query.word_terms;
  const auto& stems = with_parts ? query.part_stems : query.word_stems;
  std::vector<Mark> marks;
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
  std::sort(marks.begin(), marks.end());
  return marks;
}

// The query's words first; their parts only when there is none of the words
// ("vastgoedeigenaren" marks "eigenaren" and "vastgoed" in "eigenaren van vastgoed").
std::vector<Mark> find_marks(std::span<const analyzers::Token> tokens, const SnippetTerms& query) {
  std::vector<Mark> marks = find_marks(tokens, query, false);
  return marks.empty() ? find_marks(tokens, query, true) : marks;
}

// The matches of the words that hold probes, each distinct word analysed once: a word matches
// alike wherever it occurs, and a deal repeats its words. Not thread-safe (the analyzer).
class WordMatches {
 public:
  struct Marks {
    std::vector<Mark> of_words, of_parts;  // find_marks() of the word alone, either way
  };

  WordMatches(analyzers::Analyzer& analyzer, const SnippetTerms& query)
      : analyzer_(analyzer), query_(query) {}

  // The marks of `word` (blank to blank, as word_at() finds it), offsets in it; nullptr for a
  // word not analysed before that would take the bytes analysed past kMaxAnalysedWordBytes.
  const Marks* of(std::string_view word);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
  };

  analyzers::Analyzer& analyzer_;
  const SnippetTerms& query_;
  // By the word with ASCII letters lower-cased, which changes neither its analysis nor its
  // offsets: "Fietsen" is "fietsen".
  std::unordered_map<std::string, Marks, Hash, std::equal_to<>> known_;
  size_t analysed_bytes_ = 0;
};

const WordMatches::Marks* WordMatches::of(std::string_view word) {
  // word_at() bounds a word, so its key fits here: no allocation for a word seen before.
  std::array<char, 2 * kMaxWordBytes + 8> buffer;
  const size_t size = std::min(word.size(), buffer.size());
  std::transform(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(size), buffer.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; });
  const std::string_view key(buffer.data(), size);
  if (const auto known = known_.find(key); known != known_.end()) {
    return &known->second;
  }
  if (analysed_bytes_ + word.size() > kMaxAnalysedWordBytes) {
    return nullptr;
  }
  analysed_bytes_ += word.size();
  const std::vector<analyzers::Token> tokens = analyzer_.analyze(word);
  Marks marks{find_marks(tokens, query_, false), find_marks(tokens, query_, true)};
  return &known_.emplace(std::string(key), std::move(marks)).first->second;
}

// The matches of the words of `text` that hold `hits`, ascending: of the query's words where
// there are any, else of their parts. A word that the bound leaves unanalysed has none.
std::vector<Mark> hit_word_marks(std::string_view text, std::span<const size_t> hits,
                                 WordMatches& matches) {
  std::vector<Mark> of_words, of_parts;
  size_t word_end = 0;
  for (const size_t hit : hits) {
    if (hit < word_end) {
      continue;  // the word of the hit before ("armo" after "ener" in "energiearmoede")
    }
    const auto [begin, end] = word_at(text, hit);
    word_end = end;
    const WordMatches::Marks* marks = matches.of(text.substr(begin, end - begin));
    if (marks == nullptr) {
      continue;
    }
    const auto offset = static_cast<uint32_t>(begin);
    for (const auto& [from, to] : marks->of_words) {
      of_words.emplace_back(from + offset, to + offset);
    }
    for (const auto& [from, to] : marks->of_parts) {
      of_parts.emplace_back(from + offset, to + offset);
    }
  }
  return of_words.empty() ? of_parts : of_words;
}

// The matches of `window` of `text`, whole words, analysed all: an excerpt shows every match
// it has, also a form that begins unlike the query's word ("vraag" for "vragen", stem "vrag").
std::vector<Mark> window_marks(analyzers::Analyzer& analyzer, std::string_view text,
                               ByteWindow window, const SnippetTerms& query) {
  const size_t begin = word_at(text, window.first).first;
  const size_t end =
      window.second > window.first ? word_at(text, window.second - 1).second : window.second;
  std::vector<analyzers::Token> tokens = analyzer.analyze(text.substr(begin, end - begin));
  for (analyzers::Token& token : tokens) {
    token.begin += static_cast<uint32_t>(begin);
    token.end += static_cast<uint32_t>(begin);
  }
  return find_marks(tokens, query);
}

// Where the `length` bytes with the most marks begin: a little before the first of them, or 0.
size_t densest_marks_start(const std::vector<Mark>& marks, size_t length) {
  size_t start = 0;
  size_t best = 0;
  for (size_t i = 0, j = 0; i < marks.size(); ++i) {
    const size_t begin = marks[i].first > kLeadBytes ? marks[i].first - kLeadBytes : 0;
    j = std::max(j, i);
    while (j < marks.size() && marks[j].first < begin + length) {
      ++j;
    }
    if (j - i > best) {
      best = j - i;
      start = begin;
    }
  }
  return start;
}

// The excerpt of about `length` bytes from `start`, in whole words.
ByteWindow excerpt_at(std::string_view text, size_t start, size_t length) {
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
  return {start, end};
}

Snippet cut(std::string_view text, ByteWindow excerpt, const std::vector<Mark>& marks) {
  const auto [start, end] = excerpt;
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

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// The stem with its last vowel written double, when the stemmer may have written it single:
// "vrag" for "vraag" as for "vragen", "won" for "woon" as for "wonen" (Snowball's Dutch stemmer
// undoubles a, e, o and u between two consonants at the end). Such a word has the stem but
// not its probe; "woonruimte" has it as a part.
std::optional<std::string> with_long_vowel(std::string_view stem) {
  const size_t n = stem.size();
  if (n < 3 || is_vowel(stem[n - 3]) || is_vowel(stem[n - 1]) ||
      std::string_view("aeou").find(stem[n - 2]) == std::string_view::npos) {
    return std::nullopt;
  }
  std::string form(stem.substr(0, n - 1));
  form += stem[n - 2];
  form += stem[n - 1];
  return form;
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
  const auto add_probe = [&](std::string_view term) {
    probes.insert(std::string(term.substr(0, std::min<size_t>(term.size(), 4))));
  };
  for (const auto* terms : {&part_terms, &part_stems}) {
    for (const std::string& term : *terms) {
      add_probe(term);
    }
  }
  for (const std::string& stem : part_stems) {
    if (std::optional<std::string> form = with_long_vowel(stem)) {
      add_probe(*form);
    }
  }
}

Snippet make_snippet(analyzers::Analyzer& analyzer, const std::vector<std::string>& paragraphs,
                     const std::vector<std::string>& query_words, size_t length) {
  return make_snippet(analyzer, paragraphs, SnippetTerms(analyzer, query_words), length);
}

Snippet make_snippet(analyzers::Analyzer& analyzer, const std::vector<std::string>& paragraphs,
                     const SnippetTerms& query, size_t length) {
  const std::string text = joined(paragraphs);
  const std::vector<size_t> hits = probe_hits(text, analyzer.data().folder(), query);
  WordMatches matches(analyzer, query);
  const size_t start = densest_marks_start(hit_word_marks(text, hits, matches), length);
  const ByteWindow excerpt = excerpt_at(text, start, length);
  const std::vector<Mark> marks = window_marks(analyzer, text, excerpt, query);
  Snippet snippet = cut(text, excerpt, marks);
  const auto first_mark = std::find_if(marks.begin(), marks.end(), [&](const Mark& mark) {
    return mark.first >= excerpt.first && mark.second <= excerpt.second;
  });
  std::tie(snippet.paragraph, snippet.paragraph_offset) =
      paragraph_at(paragraphs, first_mark != marks.end() ? first_mark->first : excerpt.first);
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
