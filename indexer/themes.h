// Themes: which policy themes a deal is about, from Dutch keywords per theme.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "analyzers/analyzer.h"

namespace dealsearch::indexer {

// Reads themes-nl.tsv ("theme<TAB>keyword keyword ...") and analyses every keyword with the
// same analyzer as the deals, so that "fietsen" in a text counts for the keyword "fiets".
// A deal has a theme when at least kMinHits of its words (or compound parts) are keywords
// of that theme, of at least two different keywords, and the theme has at least
// kMinPercentOfStrongest percent of the hits of the deal's strongest theme. Throws
// dealsearch::Error for a missing or malformed file. Immutable after construction: thread-safe.
class ThemeMatcher {
 public:
  static constexpr size_t kMinHits = 3;
  static constexpr size_t kMinDistinctKeywords = 2;
  static constexpr size_t kMinPercentOfStrongest = 40;

  ThemeMatcher(const std::filesystem::path& themes_file, analyzers::Analyzer& analyzer);

  // The themes of a deal, in the file's order, from the tokens of its title and text.
  [[nodiscard]] std::vector<std::string> themes_of(
      const std::vector<analyzers::Token>& tokens) const;

  const std::vector<std::string>& themes() const { return themes_; }
  // Each theme's keywords as the file lists them: {"mobiliteit": {"mobiliteit", "fiets", ...}}.
  const std::map<std::string, std::vector<std::string>>& keywords_by_theme() const {
    return keywords_by_theme_;
  }

 private:
  std::vector<std::string> themes_;
  std::map<std::string, std::vector<std::string>> keywords_by_theme_;
  // Keyword stem -> (theme index, keyword index) pairs.
  std::unordered_map<std::string, std::vector<std::pair<size_t, size_t>>> keywords_;
};

}  // namespace dealsearch::indexer
