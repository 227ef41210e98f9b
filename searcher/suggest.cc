// Completions from the index's own vocabulary: title words ("S" terms) and plain words.
#include "searcher/suggest.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "analyzers/schema.h"
#include "analyzers/stored_deal.h"

namespace dealsearch::searcher {
namespace {

// The last word of the folded text, the one being typed.
std::string last_word(std::string_view folded) {
  const size_t last_space = folded.find_last_of(' ');
  return std::string(last_space == std::string_view::npos ? folded : folded.substr(last_space + 1));
}

}  // namespace

std::vector<std::string> completions(const Xapian::Database& db, const analyzers::Folder& folder,
                                     std::string_view typed, size_t limit) {
  const std::string prefix = last_word(folder.fold(typed));
  std::vector<std::string> suggestions;
  if (prefix.size() < 2) {
    return suggestions;
  }
  const auto add = [&](const std::string& suggestion) {
    if (suggestions.size() < limit &&
        std::find(suggestions.begin(), suggestions.end(), suggestion) == suggestions.end()) {
      suggestions.push_back(suggestion);
    }
  };
  // Titles first, at most half of the list: a title names a deal. The shortest of the first
  // kMaxTitleCandidates found, then in alphabetical order: the same over shards as over one
  // database (docids, the order postings come in, differ) unless more titles than that match.
  constexpr size_t kMaxTitleCandidates = 50;
  std::vector<std::string> titles;
  const std::string title_prefix = std::string(schema::kTitle) + prefix;
  for (auto term = db.allterms_begin(title_prefix);
       term != db.allterms_end(title_prefix) && titles.size() < kMaxTitleCandidates; ++term) {
    for (auto posting = db.postlist_begin(*term);
         posting != db.postlist_end(*term) && titles.size() < kMaxTitleCandidates; ++posting) {
      const std::optional<schema::StoredDeal> deal = schema::decode_stored_deal(
          db.get_document(*posting).get_data(), schema::StoredText::kSkip);
      if (deal && !deal->title.empty() &&
          std::find(titles.begin(), titles.end(), deal->title) == titles.end()) {
        titles.push_back(deal->title);
      }
    }
  }
  std::sort(titles.begin(), titles.end(), [](const std::string& a, const std::string& b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  for (const std::string& title : titles) {
    if (suggestions.size() >= limit / 2) {
      break;
    }
    add(title);
  }
  // Then words of the texts, the most frequent first.
  std::vector<std::pair<Xapian::doccount, std::string>> words;
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    const std::string word = *term;
    if (!word.empty() && word[0] >= 'a' && word[0] <= 'z' && word.size() > prefix.size()) {
      words.emplace_back(term.get_termfreq(), word);
    }
  }
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  for (const auto& [frequency, word] : words) {
    add(word);
  }
  return suggestions;
}

}  // namespace dealsearch::searcher
