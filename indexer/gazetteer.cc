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

// "Bergen (Limburg)" -> "Bergen", "Limburg"; nullopt for a name without a bracket at its end.
std::optional<std::pair<std::string, std::string>> split_bracket_suffix(std::string_view name) {
  const size_t open = name.rfind(" (");
  if (open == std::string_view::npos || !name.ends_with(')')) {
    return std::nullopt;
  }
  return std::pair{std::string(name.substr(0, open)),
                   std::string(name.substr(open + 2, name.size() - open - 3))};
}

const std::unordered_map<std::string_view, Cue> kCueKinds = {
    {"voorbeeld", Cue::kExample},
    {"deelname", Cue::kTakesPart},
    {"rapportage", Cue::kReports},
    {"rapportage-overal", Cue::kReported},
    {"partijwoord", Cue::kPartyWord},
    {"ontkenning", Cue::kDenial},
    {"kolomkop", Cue::kColumnHeading},
    {"geen-partner", Cue::kNotAPartner},
    {"geen-naambegin", Cue::kNotANameStart},
    {"tussenwoord", Cue::kFiller},
    {"plaats", Cue::kPlace},
};

const std::unordered_map<std::string_view, ListKind> kListKinds = {
    {"list-gemeenten", ListKind::kMunicipalities}, {"list-provincies", ListKind::kProvinces},
    {"list-ministeries", ListKind::kMinistries},   {"list-overheden", ListKind::kGovernments},
    {"list-partners", ListKind::kPartners},
};

}  // namespace

std::string_view first_word(std::string_view folded, size_t at) {
  size_t end = at;
  while (end < folded.size() && is_word_byte(folded[end])) {
    ++end;
  }
  return folded.substr(at, std::max(end, at + 1) - at);
}

void Gazetteer::NameTable::add(std::string folded_alias, size_t entry) {
  if (folded_alias.empty()) {
    return;
  }
  const std::string_view word = first_word(folded_alias, 0);
  first_word_lengths |= uint64_t{1} << std::min<size_t>(word.size(), 63);
  std::vector<size_t>& lengths = lengths_by_first_word[std::string(word)];
  if (std::find(lengths.begin(), lengths.end(), folded_alias.size()) == lengths.end()) {
    lengths.push_back(folded_alias.size());
    std::sort(lengths.rbegin(), lengths.rend());
  }
  entries.emplace(std::move(folded_alias), entry);
}

std::optional<NameMatch> Gazetteer::NameTable::match_at(std::string_view folded, size_t at) const {
  if (at >= folded.size() || (at > 0 && is_word_byte(folded[at - 1]))) {
    return std::nullopt;
  }
  const std::string_view word = first_word(folded, at);
  if ((first_word_lengths & (uint64_t{1} << std::min<size_t>(word.size(), 63))) == 0) {
    return std::nullopt;
  }
  const auto candidates = lengths_by_first_word.find(word);
  if (candidates == lengths_by_first_word.end()) {
    return std::nullopt;
  }
  for (const size_t length : candidates->second) {
    if (at + length > folded.size() ||
        (at + length < folded.size() && is_word_byte(folded[at + length]))) {
      continue;
    }
    const auto found = entries.find(folded.substr(at, length));
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
  load_places(data_dir / "water-boards-nl.txt", folder, g.water_boards_, g.water_board_names_);
  for (const DataLine& line : read_tab_file(data_dir / "organisations-nl.tsv", 2, 3)) {
    const size_t entry = g.organisations_.size();
    g.organisations_.push_back({line.fields[1], line.fields[0]});
    g.organisation_names_.add(folder.fold(line.fields[1]), entry);
    if (line.fields.size() == 3) {
      for (const std::string& alias : split_aliases(line.fields[2])) {
        g.organisation_names_.add(folder.fold(alias), entry);
      }
    }
  }
  for (const DataLine& line : read_tab_file(data_dir / "organisation-types-nl.tsv", 2, 2)) {
    g.type_markers_.push_back({folder.fold(line.fields[1]), line.fields[0]});
  }
  g.load_cues(data_dir / "partner-cues-nl.tsv", folder);
  g.find_shared_place_names(folder);
  g.index_first_words();
  g.index_name_words();
  return g;
}

void Gazetteer::index_name_words() {
  for (const NameTable* table : {&ministry_names_, &municipality_names_, &province_names_,
                                 &water_board_names_, &organisation_names_}) {
    for (const auto& [name, entry] : table->entries) {
      for (size_t at = 0; at < name.size();) {
        if (!is_word_byte(name[at])) {
          ++at;
          continue;
        }
        const std::string_view word = first_word(name, at);
        name_words_.emplace(word);
        at += word.size();
      }
    }
  }
}

void Gazetteer::index_first_words() {
  const auto index = [&](const NameTable& table, uint32_t bit) {
    for (const auto& [word, lengths] : table.lengths_by_first_word) {
      what_starts_with_[word] |= bit;
    }
  };
  index(ministry_names_, kMinistryName);
  index(municipality_names_, kMunicipalityName);
  index(province_names_, kProvinceName);
  index(water_board_names_, kWaterBoardName);
  index(organisation_names_, kOrganisationName);
  index(shared_place_name_table_, kSharedPlaceName);
  index(lead_in_phrases_, kLeadInPhrase);
  for (size_t cue = 0; cue < cue_phrases_.size(); ++cue) {
    index(cue_phrases_[cue], 1U << (kFirstCueBit + cue));
  }
}

uint32_t Gazetteer::what_starts_with(std::string_view folded_first_word) const {
  const auto found = what_starts_with_.find(folded_first_word);
  return found == what_starts_with_.end() ? 0 : found->second;
}

void Gazetteer::load_cues(const std::filesystem::path& path, const analyzers::Folder& folder) {
  for (const DataLine& line : read_tab_file(path, 2, 2)) {
    std::string words = folder.fold(line.fields[1]);
    if (const auto list = kListKinds.find(line.fields[0]); list != kListKinds.end()) {
      const bool needs_colon = words.ends_with(':');
      if (needs_colon) {
        words.pop_back();
      }
      lead_in_phrases_.add(std::move(words), lead_ins_.size());
      lead_ins_.push_back({list->second, needs_colon});
    } else if (const auto cue = kCueKinds.find(line.fields[0]); cue != kCueKinds.end()) {
      cue_phrases_[static_cast<size_t>(cue->second)].add(std::move(words), 0);
    } else {
      throw Error(ErrorKind::kBadData, "unknown cue kind '" + line.fields[0] + "'",
                  path.string() + ":" + std::to_string(line.number),
                  "use one of the kinds the file's header lists");
    }
  }
}

// The municipalities that share a name tell apart by a CBS suffix, and their aliases name the
// province: "Bergen (L.)" with alias "Bergen (Limburg)". The bare name is then shared.
void Gazetteer::find_shared_place_names(const analyzers::Folder& folder) {
  std::unordered_map<std::string, size_t> by_bare_name;
  for (const auto& [folded_alias, entry] : municipality_names_.entries) {
    const auto split = split_bracket_suffix(folded_alias);
    if (!split || municipality_names_.entries.contains(split->first)) {
      continue;
    }
    const auto province = province_names_.entries.find(split->second);
    if (province == province_names_.entries.end()) {
      continue;
    }
    auto [shared, added] = by_bare_name.try_emplace(split->first, shared_place_names_.size());
    if (added) {
      shared_place_names_.emplace_back();
      shared_place_name_table_.add(split->first, shared->second);
    }
    shared_place_names_[shared->second].candidates.push_back(
        {entry, folder.fold(provinces_[province->second])});
  }
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

std::optional<NameMatch> Gazetteer::water_board_at(std::string_view folded, size_t at) const {
  return water_board_names_.match_at(folded, at);
}

std::optional<NameMatch> Gazetteer::organisation_at(std::string_view folded, size_t at) const {
  return organisation_names_.match_at(folded, at);
}

std::optional<NameMatch> Gazetteer::shared_place_name_at(std::string_view folded, size_t at) const {
  return shared_place_name_table_.match_at(folded, at);
}

std::optional<NameMatch> Gazetteer::lead_in_at(std::string_view folded, size_t at) const {
  return lead_in_phrases_.match_at(folded, at);
}

std::optional<NameMatch> Gazetteer::cue_at(Cue cue, std::string_view folded, size_t at) const {
  return cue_phrases_[static_cast<size_t>(cue)].match_at(folded, at);
}

std::optional<size_t> Gazetteer::find_ministry(std::string_view folded_text) const {
  const auto found = ministry_names_.entries.find(folded_text);
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

bool Gazetteer::is_type_marker(std::string_view folded_word) const {
  return std::any_of(type_markers_.begin(), type_markers_.end(),
                     [&](const TypeMarker& marker) { return marker.folded_marker == folded_word; });
}

}  // namespace dealsearch::indexer
