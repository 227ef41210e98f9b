// Gazetteer: the names of ministries, municipalities, provinces, water boards and known
// organisations, the words that tell an organisation's type, and the words around a name that
// tell whether it is a partner, read from indexer/data.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
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

// Whether a byte of folded text belongs to a word: a-z, 0-9 or part of a non-ASCII letter.
[[nodiscard]] inline bool is_word_byte(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u >= 0x80;
}

// The first word of folded text from `at`: up to a byte that is no part of a word ("van" of
// "van delfland", "bergen" of "bergen (l.)", "i" of "i&w"); one byte at least.
[[nodiscard]] std::string_view first_word(std::string_view folded, size_t at);

// An organisation organisations-nl.tsv knows by more than one name.
struct KnownOrganisation {
  std::string name;  // canonical: "Vereniging van Nederlandse Gemeenten"
  std::string type;  // "koepelorganisatie"
};

// A bare name that several municipalities share ("Bergen"): each one with the province its
// CBS suffix names ("Bergen (L.)" with "limburg"), folded.
struct SharedPlaceName {
  struct Candidate {
    size_t municipality = 0;
    std::string folded_province;
  };
  std::vector<Candidate> candidates;
};

// What a bare name in a list after a lead-in is (see partner-cues-nl.tsv).
enum class ListKind { kMunicipalities, kProvinces, kMinistries, kGovernments, kPartners };

struct LeadIn {
  ListKind kind = ListKind::kPartners;
  bool needs_colon = false;  // "departement:" is a lead-in, "departement" alone is not
};

// The other kinds of cue in partner-cues-nl.tsv.
enum class Cue {
  kExample,
  kTakesPart,
  kPartyWord,
  kReports,
  kReported,
  kDenial,
  kNotAPartner,
  kNotANameStart,
  kFiller,
  kPlace,
  kColumnHeading
};

// Loads ministries-nl.tsv, municipalities-nl.txt, provinces-nl.txt, water-boards-nl.txt,
// organisations-nl.tsv, organisation-types-nl.tsv and partner-cues-nl.tsv from a data
// directory (see the header of each file for its format); throws dealsearch::Error naming the file
// and line when one is missing or malformed. Lookups take folded text (see analyzers::Folder) and
// match whole words only, longest name first: "infrastructuur en waterstaat" before
// "infrastructuur". Immutable after loading: share one instance between threads.
class Gazetteer {
 public:
  static Gazetteer load(const std::filesystem::path& data_dir, const analyzers::Folder& folder);

  std::optional<NameMatch> ministry_at(std::string_view folded, size_t at) const;
  std::optional<NameMatch> municipality_at(std::string_view folded, size_t at) const;
  std::optional<NameMatch> province_at(std::string_view folded, size_t at) const;
  std::optional<NameMatch> water_board_at(std::string_view folded, size_t at) const;
  std::optional<NameMatch> organisation_at(std::string_view folded, size_t at) const;
  // A bare name several municipalities share: "bergen", not "bergen (l.)".
  std::optional<NameMatch> shared_place_name_at(std::string_view folded, size_t at) const;
  std::optional<NameMatch> lead_in_at(std::string_view folded, size_t at) const;
  std::optional<NameMatch> cue_at(Cue cue, std::string_view folded, size_t at) const;

  const Ministry& ministry(size_t entry) const { return ministries_[entry]; }
  const std::string& municipality(size_t entry) const { return municipalities_[entry]; }
  const std::string& province(size_t entry) const { return provinces_[entry]; }
  const std::string& water_board(size_t entry) const { return water_boards_[entry]; }
  const KnownOrganisation& organisation(size_t entry) const { return organisations_[entry]; }
  const SharedPlaceName& shared_place_name(size_t entry) const {
    return shared_place_names_[entry];
  }
  const LeadIn& lead_in(size_t entry) const { return lead_ins_[entry]; }
  const std::vector<Ministry>& ministries() const { return ministries_; }

  // The ministry whose code or name (any alias) is `text`, folded or not.
  std::optional<size_t> find_ministry(std::string_view folded_text) const;
  // The partner type of an organisation's name (folded), from the markers in its name
  // ("Hogeschool Avans" -> kennisinstelling); "organisatie" when none is there.
  std::string organisation_type(std::string_view folded_name) const;
  // What may begin at a word of a text, as bits: a name of some table or a cue. One look-up
  // of the word's first word tells which tables are worth consulting at all.
  enum Starts : uint32_t {
    kMinistryName = 1U << 0,
    kMunicipalityName = 1U << 1,
    kProvinceName = 1U << 2,
    kWaterBoardName = 1U << 3,
    kOrganisationName = 1U << 4,
    kSharedPlaceName = 1U << 5,
    kLeadInPhrase = 1U << 6,
    kFirstCueBit = 7,  // Cue c: 1U << (kFirstCueBit + c)
  };
  [[nodiscard]] uint32_t what_starts_with(std::string_view folded_first_word) const;
  // Whether a folded word is one of the markers ("woningcorporatie", "stichting").
  bool is_type_marker(std::string_view folded_word) const;
  // Whether a folded word is a word of a name of a ministry, municipality, province, water
  // board or organisation, any of its names: "appingedam", "haag" (of "den haag").
  bool is_name_word(std::string_view folded_word) const {
    return name_words_.contains(folded_word);
  }

 private:
  // Folded alias -> entry, and the alias lengths present, longest first.
  // Looked up with string_views, so that a match costs no allocation.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  // Every alias's first word is kept apart: most words of a text begin no name, and one
  // look-up of the word rules out every length at once.
  struct NameTable {
    std::unordered_map<std::string, size_t, Hash, std::equal_to<>> entries;
    std::unordered_map<std::string, std::vector<size_t>, Hash, std::equal_to<>>
        lengths_by_first_word;
    // Bit n set: some first word is n bytes long (n < 63; bit 63 for all longer ones). Rules
    // out most words of a text before any hashing.
    uint64_t first_word_lengths = 0;
    void add(std::string folded_alias, size_t entry);
    std::optional<NameMatch> match_at(std::string_view folded, size_t at) const;
  };
  struct TypeMarker {
    std::string folded_marker;
    std::string type;
  };

  std::vector<Ministry> ministries_;
  void load_cues(const std::filesystem::path& path, const analyzers::Folder& folder);
  void find_shared_place_names(const analyzers::Folder& folder);
  void index_first_words();
  void index_name_words();

  std::vector<std::string> municipalities_;
  std::vector<std::string> provinces_;
  std::vector<std::string> water_boards_;
  std::vector<KnownOrganisation> organisations_;
  std::vector<SharedPlaceName> shared_place_names_;
  std::vector<LeadIn> lead_ins_;
  NameTable ministry_names_;
  NameTable municipality_names_;
  NameTable province_names_;
  NameTable water_board_names_;
  NameTable organisation_names_;
  NameTable shared_place_name_table_;
  NameTable lead_in_phrases_;
  std::array<NameTable, 11> cue_phrases_;  // by Cue
  std::vector<TypeMarker> type_markers_;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> what_starts_with_;
  std::unordered_set<std::string, Hash, std::equal_to<>> name_words_;
};

}  // namespace dealsearch::indexer
