// Gazetteer: loading the name lists and matching them in folded text.
#include "indexer/gazetteer.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include "analyzers/error.h"

namespace dealsearch::indexer {
namespace {

struct DataLine {
  size_t number;
  std::vector<std::string> fields;  // split at tabs
};

std::vector<DataLine> read_tab_file(const std::filesystem::path& path, size_t min_fields,
                                    size_t max_fields) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error(ErrorKind::kMissingFile,
                "indexer data file '" + path.string() + "' not found or unreadable", "",
                "reinstall dealsearch or run scripts/serve");
  }
  std::vector<DataLine> lines;
  std::string line;
  for (size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (line.empty() || line[0] == '#') {
      continue;
    }
    DataLine parsed{number, {}};
    std::istringstream fields(line);
    for (std::string field; std::getline(fields, field, '\t');) {
      parsed.fields.push_back(field);
    }
    if (parsed.fields.size() < min_fields || parsed.fields.size() > max_fields ||
        std::any_of(parsed.fields.begin(), parsed.fields.end(),
                    [](const std::string& f) { return f.empty(); })) {
      throw Error(ErrorKind::kBadData,
                  "malformed line '" + line + "': expected " + std::to_string(min_fields) +
                      (max_fields > min_fields ? " to " + std::to_string(max_fields) : "") +
                      " non-empty fields separated by tabs",
                  path.string() + ":" + std::to_string(number), "fix or remove that line");
    }
    lines.push_back(std::move(parsed));
  }
  return lines;
}

std::vector<std::string> split_aliases(const std::string& field) {
  std::vector<std::string> aliases;
  std::istringstream in(field);
  for (std::string alias; std::getline(in, alias, '|');) {
    if (!alias.empty()) {
      aliases.push_back(alias);
    }
  }
  return aliases;
}

bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80;
}

// "name<TAB>alias|alias" lines: municipalities and provinces.
void load_places(const std::filesystem::path& path, const analyzers::Folder& folder,
                 std::vector<std::string>& names, auto& table) {
  for (const DataLine& line : read_tab_file(path, 1, 2)) {
    const size_t entry = names.size();
    names.push_back(line.fields[0]);
    table.add(folder.fold(line.fields[0]), entry);
    if (line.fields.size() == 2) {
      for (const std::string& alias : split_aliases(line.fields[1])) {
        table.add(folder.fold(alias), entry);
      }
    }
  }
}

}  // namespace

void Gazetteer::NameTable::add(std::string folded_alias, size_t entry) {
  if (std::find(lengths.begin(), lengths.end(), folded_alias.size()) == lengths.end()) {
    lengths.push_back(folded_alias.size());
    std::sort(lengths.rbegin(), lengths.rend());
  }
  entries.emplace(std::move(folded_alias), entry);
}

std::optional<NameMatch> Gazetteer::NameTable::match_at(std::string_view folded, size_t at) const {
  if (at > 0 && is_word_byte(folded[at - 1])) {
    return std::nullopt;
  }
  for (const size_t length : lengths) {
    if (at + length > folded.size() ||
        (at + length < folded.size() && is_word_byte(folded[at + length]))) {
      continue;
    }
    const auto found = entries.find(std::string(folded.substr(at, length)));
    if (found != entries.end()) {
      return NameMatch{found->second, length};
    }
  }
  return std::nullopt;
}

Gazetteer Gazetteer::load(const std::filesystem::path& data_dir, const analyzers::Folder& folder) {
  Gazetteer g;
  for (const DataLine& line : read_tab_file(data_dir / "ministries-nl.tsv", 2, 3)) {
    const size_t entry = g.ministries_.size();
    g.ministries_.push_back({line.fields[0], line.fields[1]});
    g.ministry_names_.add(folder.fold(line.fields[0]), entry);
    std::string full = line.fields[1];
    constexpr std::string_view kPrefix = "Ministerie van ";
    if (full.starts_with(kPrefix)) {
      full = full.substr(kPrefix.size());
    }
    g.ministry_names_.add(folder.fold(full), entry);
    if (line.fields.size() == 3) {
      for (const std::string& alias : split_aliases(line.fields[2])) {
        g.ministry_names_.add(folder.fold(alias), entry);
        g.ministries_.back().aliases.push_back(alias);
      }
    }
  }
  load_places(data_dir / "municipalities-nl.txt", folder, g.municipalities_, g.municipality_names_);
  load_places(data_dir / "provinces-nl.txt", folder, g.provinces_, g.province_names_);
  for (const DataLine& line : read_tab_file(data_dir / "organisation-types-nl.tsv", 2, 2)) {
    g.type_markers_.push_back({folder.fold(line.fields[1]), line.fields[0]});
  }
  return g;
}

std::optional<NameMatch> Gazetteer::ministry_at(std::string_view folded, size_t at) const {
  return ministry_names_.match_at(folded, at);
}

std::optional<NameMatch> Gazetteer::municipality_at(std::string_view folded, size_t at) const {
  return municipality_names_.match_at(folded, at);
}

std::optional<NameMatch> Gazetteer::province_at(std::string_view folded, size_t at) const {
  return province_names_.match_at(folded, at);
}

std::optional<size_t> Gazetteer::find_ministry(std::string_view folded_text) const {
  const auto found = ministry_names_.entries.find(std::string(folded_text));
  if (found == ministry_names_.entries.end()) {
    return std::nullopt;
  }
  return found->second;
}

std::string Gazetteer::organisation_type(std::string_view folded_name) const {
  for (const TypeMarker& marker : type_markers_) {
    for (size_t at = folded_name.find(marker.folded_marker); at != std::string_view::npos;
         at = folded_name.find(marker.folded_marker, at + 1)) {
      const size_t end = at + marker.folded_marker.size();
      const bool starts_word = at == 0 || !is_word_byte(folded_name[at - 1]);
      const bool ends_word = end == folded_name.size() || !is_word_byte(folded_name[end]);
      if (starts_word && ends_word) {
        return marker.type;
      }
    }
  }
  return "organisatie";
}

}  // namespace dealsearch::indexer
