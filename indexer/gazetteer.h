// Gazetteer: the names of ministries, municipalities and provinces, and the words that tell
// an organisation's type, read from indexer/data.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzers/folding.h"

namespace dealsearch::indexer {

struct Ministry {
  std::string code;  // "BZK"
  std::string name;  // "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
  // Other names and codes, former ones included, as ministries-nl.tsv lists them:
  // "Binnenlandse Zaken", "BiZa".
  std::vector<std::string> aliases = {};
};

// What matched at a position of folded text: the entry and the matched byte length.
struct NameMatch {
  size_t entry = 0;
  size_t length = 0;
};

// Loads ministries-nl.tsv, municipalities-nl.txt, provinces-nl.txt and
// organisation-types-nl.tsv from a data directory (see the header of each file for its
// format); throws dealsearch::Error naming the file and line when one is missing or
// malformed. Lookups take folded text (see analyzers::Folder) and match whole words only,
// longest name first: "infrastructuur en waterstaat" before "infrastructuur". Immutable after
// loading: share one instance between threads.
class Gazetteer {
 public:
  static Gazetteer load(const std::filesystem::path& data_dir, const analyzers::Folder& folder);

  std::optional<NameMatch> ministry_at(std::string_view folded, size_t at) const;
  std::optional<NameMatch> municipality_at(std::string_view folded, size_t at) const;
  std::optional<NameMatch> province_at(std::string_view folded, size_t at) const;

  const Ministry& ministry(size_t entry) const { return ministries_[entry]; }
  const std::string& municipality(size_t entry) const { return municipalities_[entry]; }
  const std::string& province(size_t entry) const { return provinces_[entry]; }
  const std::vector<Ministry>& ministries() const { return ministries_; }

  // The ministry whose code or name (any alias) is `text`, folded or not.
  std::optional<size_t> find_ministry(std::string_view folded_text) const;
  // "kennisinstelling", "bedrijf" or "organisatie" for an organisation's name (folded),
  // from the markers in its name ("Hogeschool Avans" -> kennisinstelling).
  std::string organisation_type(std::string_view folded_name) const;

 private:
  // Folded alias -> entry, and the alias lengths present, longest first.
  struct NameTable {
    std::unordered_map<std::string, size_t> entries;
    std::vector<size_t> lengths;
    void add(std::string folded_alias, size_t entry);
    std::optional<NameMatch> match_at(std::string_view folded, size_t at) const;
  };
  struct TypeMarker {
    std::string folded_marker;
    std::string type;
  };

  std::vector<Ministry> ministries_;
  std::vector<std::string> municipalities_;
  std::vector<std::string> provinces_;
  NameTable ministry_names_;
  NameTable municipality_names_;
  NameTable province_names_;
  std::vector<TypeMarker> type_markers_;
};

}  // namespace dealsearch::indexer
