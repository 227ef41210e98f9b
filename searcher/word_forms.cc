// Word forms: scans of the index's words from a few beginnings, kept by their stem.
#include "searcher/word_forms.h"

#include <algorithm>
#include <set>

namespace dealsearch::searcher {
namespace {

bool is_vowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

bool is_utf8_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// What `word`'s term and stem share: "eigenaren", "eigenar" -> "eigenar".
std::string shared_with_stem(const analyzers::Token& word) {
  const std::string& term = word.term;
  const auto in_term =
      std::mismatch(term.begin(), term.end(), word.stem.begin(), word.stem.end()).first;
  return term.substr(0, static_cast<size_t>(in_term - term.begin()));
}

}  // namespace

std::string form_prefix(const analyzers::Token& word) {
  const std::string& term = word.term;
  size_t end = shared_with_stem(word).size();
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

std::vector<std::string> form_prefixes(const analyzers::Token& word) {
  std::vector<std::string> prefixes;
  const std::string shared = shared_with_stem(word);
  if (shared.size() >= 2) {
    prefixes.push_back(shared);
    // The last vowel of a closed syllable doubled, or a doubled one made single: "eigenar" ->
    // "eigenaar", "straat" -> "strat".
    size_t end = shared.size();
    while (end > 0 && !is_vowel(shared[end - 1])) {
      --end;
    }
    size_t begin = end;
    while (begin > 0 && is_vowel(shared[begin - 1])) {
      --begin;
    }
    std::string other = shared;
    if (end - begin == 1 && end < shared.size()) {
      other.insert(begin, 1, shared[begin]);
    } else if (end - begin == 2 && shared[begin] == shared[begin + 1]) {
      other.erase(begin, 1);
    }
    if (other != shared) {
      prefixes.push_back(other);
    }
  }
  const std::string widest = form_prefix(word);
  if (std::find(prefixes.begin(), prefixes.end(), widest) == prefixes.end()) {
    prefixes.push_back(widest);
  }
  return prefixes;
}

std::vector<std::string> indexed_forms(const Xapian::Database& db, analyzers::Analyzer& analyzer,
                                       const analyzers::Token& word) {
  std::set<std::string> forms;
  for (const std::string& prefix : form_prefixes(word)) {
    size_t scanned = 0;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) {
      if (++scanned > kMaxScannedWords || forms.size() == kMaxWordForms) {
        break;
      }
      const std::string candidate = *it;
      if (candidate.size() > word.term.size() + kMaxInflectionBytes || forms.contains(candidate)) {
        continue;
      }
      const std::vector<analyzers::Token> tokens = analyzer.analyze(candidate);
      if (!tokens.empty() && tokens.front().term == candidate && tokens.front().stem == word.stem) {
        forms.insert(candidate);
      }
    }
  }
  return {forms.begin(), forms.end()};
}

std::vector<std::string> prefix_terms(const Xapian::Database& db, const std::string& prefix,
                                      size_t limit) {
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    found.emplace_back(term.get_termfreq(), *term);
  }
  const size_t kept = std::min(found.size(), limit);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  std::vector<std::string> terms;
  for (size_t i = 0; i < kept; ++i) {
    terms.push_back(std::move(found[i].second));
  }
  std::sort(terms.begin(), terms.end());
  return terms;
}

}  // namespace dealsearch::searcher
