// Word forms: a scan of the index's words from a short beginning, kept by their stem.
#include "searcher/word_forms.h"

#include <algorithm>

namespace dealsearch::searcher {
namespace {

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string form_prefix(const analyzers::Token& word) {
  const std::string& term = word.term;
  const auto [in_term, in_stem] =
      std::mismatch(term.begin(), term.end(), word.stem.begin(), word.stem.end());
  size_t end = static_cast<size_t>(in_term - term.begin());
  // Back over the last vowels and what follows them: "eigenar" -> "eigen".
  while (end > 0 && !is_vowel(term[end - 1])) {
    --end;
  }
  while (end > 0 && is_vowel(term[end - 1])) {
    --end;
  }
  if (end < 2) {
    end = std::min<size_t>(2, term.size());
    while (end < term.size() && is_utf8_continuation(term[end])) {
      ++end;  // never cut a letter in two
    }
  }
  return term.substr(0, end);
}

std::vector<std::string> indexed_forms(const Xapian::Database& db, analyzers::Analyzer& analyzer,
                                       const analyzers::Token& word) {
  std::vector<std::string> forms;
  const std::string prefix = form_prefix(word);
  size_t scanned = 0;
  for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
    if (++scanned > kMaxScannedWords || forms.size() == kMaxWordForms) {
      break;
    }
    const std::string candidate = *it;
    if (candidate.size() > word.term.size() + kMaxInflectionBytes) {
      continue;
    }
    const std::vector<analyzers::Token> tokens = analyzer.analyze(candidate);
    if (!tokens.empty() && tokens.front().term == candidate && tokens.front().stem == word.stem) {
      forms.push_back(candidate);
    }
  }
  return forms;
}

}  // namespace dealsearch::searcher
