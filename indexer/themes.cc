// ThemeMatcher: keyword stems per theme, counted over a deal's tokens.
#include "indexer/themes.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "analyzers/error.h"

namespace dealsearch::indexer {

ThemeMatcher::ThemeMatcher(const std::filesystem::path& themes_file,
                           analyzers::Analyzer& analyzer) {
  std::ifstream in(themes_file, std::ios::binary);
  if (!in) {
    throw Error(ErrorKind::kMissingFile,
                "indexer data file '" + themes_file.string() + "' not found or unreadable", "",
                "reinstall dealsearch or run scripts/serve");
  }
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 >= line.size()) {
      throw Error(ErrorKind::kBadData,
                  "malformed line '" + line + "': expected a theme, a tab, and keywords",
                  themes_file.string() + ":" + std::to_string(number), "fix that line");
    }
    const size_t theme = themes_.size();
    themes_.push_back(line.substr(0, tab));
    std::vector<std::string>& listed = keywords_by_theme_[themes_.back()];
    for (size_t at = tab + 1; at < line.size();) {
      const size_t end = std::min(line.find(' ', at), line.size());
      if (end > at) {
        listed.push_back(line.substr(at, end - at));
      }
      at = end + 1;
    }
    size_t keyword = 0;
    for (const analyzers::Token& token : analyzer.analyze(line.substr(tab + 1))) {
      if (token.role == analyzers::TokenRole::kWord) {
        keywords_[token.stem].emplace_back(theme, keyword++);
      }
    }
  }
}

std::vector<std::string> ThemeMatcher::themes_of(
    const std::vector<analyzers::Token>& tokens) const {
  std::vector<size_t> hits(themes_.size(), 0);
  std::vector<std::set<size_t>> distinct(themes_.size());
  for (const analyzers::Token& token : tokens) {
    const auto found = keywords_.find(token.stem);
    if (found == keywords_.end()) {
      continue;
    }
    for (const auto& [theme, keyword] : found->second) {
      ++hits[theme];
      distinct[theme].insert(keyword);
    }
  }
  // A theme must also weigh at least a share of the strongest one: a long text about bicycles
  // mentions work and health in passing without being about them.
  const size_t strongest = hits.empty() ? 0 : *std::max_element(hits.begin(), hits.end());
  std::vector<std::string> themes;
  for (size_t theme = 0; theme < themes_.size(); ++theme) {
    if (hits[theme] >= kMinHits && distinct[theme].size() >= kMinDistinctKeywords &&
        hits[theme] * 100 >= strongest * kMinPercentOfStrongest) {
      themes.push_back(themes_[theme]);
    }
  }
  return themes;
}

}  // namespace dealsearch::indexer
