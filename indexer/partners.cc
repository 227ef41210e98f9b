// PartnerFinder: names after their triggers, and lists of names after lead-ins.
#include "indexer/partners.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <unordered_set>

#include "indexer/paragraphs.h"

namespace dealsearch::indexer {
namespace {

// kBothPlaces: "de provincie en de gemeente Groningen" names both.
enum class Table { kMinistry, kMunicipality, kProvince, kWaterBoard, kBothPlaces };

// Words after which names of one table follow, as a list: "de gemeenten A, B en C".
struct Trigger {
  std::string_view words;
  Table table;
};

constexpr std::array<Trigger, 33> kTriggers = {{
    {"provincie en gemeente ", Table::kBothPlaces},
    {"provincie en de gemeente ", Table::kBothPlaces},
    {"gemeente en provincie ", Table::kBothPlaces},
    {"gemeente en de provincie ", Table::kBothPlaces},
    {"ministerie van ", Table::kMinistry},
    {"ministeries van ", Table::kMinistry},
    {"ministerie voor ", Table::kMinistry},
    {"minister van ", Table::kMinistry},
    {"ministers van ", Table::kMinistry},
    {"minister voor ", Table::kMinistry},
    {"ministers voor ", Table::kMinistry},
    {"staatssecretaris van ", Table::kMinistry},
    {"staatssecretarissen van ", Table::kMinistry},
    {"staatssecretaris voor ", Table::kMinistry},
    {"gemeente ", Table::kMunicipality},
    {"gemeenten ", Table::kMunicipality},
    {"gemeentes ", Table::kMunicipality},
    {"burgemeester en wethouders van ", Table::kMunicipality},
    {"burgemeester van ", Table::kMunicipality},
    {"burgemeesters van ", Table::kMunicipality},
    {"wethouder van ", Table::kMunicipality},
    {"wethouders van ", Table::kMunicipality},
    {"provincie ", Table::kProvince},
    {"provincies ", Table::kProvince},
    {"gedeputeerde staten van ", Table::kProvince},
    {"waterschap ", Table::kWaterBoard},
    {"waterschappen ", Table::kWaterBoard},
    {"hoogheemraadschap van ", Table::kWaterBoard},
    {"hoogheemraadschap ", Table::kWaterBoard},
    {"hoogheemraadschappen van ", Table::kWaterBoard},
    {"hoogheemraadschappen ", Table::kWaterBoard},
    {"wetterskip ", Table::kWaterBoard},
    {"dagelijks bestuur van ", Table::kWaterBoard},
}};

// An office holder named with a person's name before what they hold office in:
// "staatssecretaris Van Huffelen van Binnenlandse Zaken", "minister Harbers (IenW)",
// "wethouder Van Tiel (Druten)".
constexpr std::array<Trigger, 10> kOfficeHolders = {{
    {"minister ", Table::kMinistry},
    {"ministers ", Table::kMinistry},
    {"staatssecretaris ", Table::kMinistry},
    {"staatssecretarissen ", Table::kMinistry},
    {"wethouder ", Table::kMunicipality},
    {"wethouders ", Table::kMunicipality},
    {"burgemeester ", Table::kMunicipality},
    {"gedeputeerde ", Table::kProvince},
    {"gedeputeerden ", Table::kProvince},
    {"dijkgraaf ", Table::kWaterBoard},
}};
// The Gazetteer::Starts bit of a cue.
constexpr uint32_t cue_bit(Cue cue) {
  return 1U << (Gazetteer::kFirstCueBit + static_cast<uint32_t>(cue));
}

// "minister", "gemeente": a shorter word begins no trigger, and costs no look-up.
constexpr size_t kShortestTriggerWord = 8;

// The first words of the triggers and office holders: one look-up rules out a word.
const std::unordered_set<std::string_view>& trigger_first_words() {
  static const std::unordered_set<std::string_view> words = [] {
    std::unordered_set<std::string_view> first;
    for (const Trigger& trigger : kTriggers) {
      first.insert(trigger.words.substr(0, trigger.words.find(' ')));
    }
    for (const Trigger& office : kOfficeHolders) {
      first.insert(office.words.substr(0, office.words.find(' ')));
    }
    return first;
  }();
  return words;
}

// How many words of a person's name may stand between the office and "van" or "(".
constexpr size_t kMaxWordsOfPersonName = 5;

// How far (in bytes, some 40 words) from a name its verb is looked for: a sentence of a
// thousand names costs each name this much, not the whole sentence.
constexpr size_t kCueWindow = 300;

// A paragraph of more words than this is no heading.
constexpr size_t kMaxWordsInHeading = 12;

// An item of more words than this is a sentence, not a name: it ends a list.
constexpr size_t kMaxWordsInName = 8;

// A bracketed abbreviation is short ("(DTC)"). Looking no further for its ")" keeps a text of
// many unclosed "gemeente (" from costing a search of its whole rest for each.
constexpr size_t kMaxBracketBytes = 40;

// How far after a lead-in its list may start, after a ":" or "zijn" ("De gemeenten die aan
// deze City Deal meedoen zijn: ...").
constexpr size_t kMaxWordsBeforeList = 16;

// Words that may stand inside an organisation's name in lower case ("Rijksdienst voor
// Ondernemend Nederland", "Hogeschool van Amsterdam").
const std::unordered_set<std::string_view> kNameParticles = {
    "van", "voor", "de", "der", "des", "den", "het", "op",  "aan", "in", "'t",
    "'s",  "&",    "of", "the", "and", "for", "te",  "ter", "tot", "bij"};

bool word_start(std::string_view folded, size_t at) {
  return at < folded.size() && (at == 0 || !is_word_byte(folded[at - 1]));
}

// Skips what separates the names of a trigger's list: spaces, commas, "en", "&", and a
// bracketed abbreviation ("(DTC)"). An article ("het ministerie", "de gemeente") is skipped by
// the caller only when no name starts with it: "De Bilt" and "Het Hogeland" are
// municipalities.
size_t skip_separators(std::string_view folded, size_t at) {
  for (;;) {
    const size_t before = at;
    while (at < folded.size() && (folded[at] == ' ' || folded[at] == ',' || folded[at] == '&')) {
      ++at;
    }
    if (folded.compare(at, 3, "en ") == 0) {
      at += 3;
    }
    if (at < folded.size() && folded[at] == '(') {
      const size_t close = folded.substr(at, kMaxBracketBytes).find(')');
      if (close == std::string_view::npos) {
        return at;  // not an abbreviation: the list ends here
      }
      at += close + 1;
    }
    if (at == before) {
      return at;
    }
  }
}

// Skips what separates the items of a lead-in's list as well: ";", bullets, numbers ("1.",
// "b)"), an ellipsis, and joining words ("alsmede", "evenals").
size_t skip_list_separators(std::string_view folded, size_t at) {
  for (;;) {
    const size_t before = skip_separators(folded, at);
    at = before;
    while (at < folded.size() &&
           std::string_view(";*-\xe2\x80\xa2").find(folded[at]) != std::string_view::npos) {
      ++at;  // also the first byte of a UTF-8 bullet or dash
    }
    while (at < folded.size() && (static_cast<unsigned char>(folded[at]) == 0x80 ||
                                  static_cast<unsigned char>(folded[at]) == 0x93 ||
                                  static_cast<unsigned char>(folded[at]) == 0x94 ||
                                  static_cast<unsigned char>(folded[at]) == 0xa2)) {
      ++at;  // the rest of "•", "–", "—"
    }
    if (folded.compare(at, 3, "...") == 0) {
      at += 3;
    }
    size_t digits = at;
    while (digits < folded.size() && folded[digits] >= '0' && folded[digits] <= '9') {
      ++digits;
    }
    const bool numbered = digits > at || (at + 1 < folded.size() && folded[at] >= 'a' &&
                                          folded[at] <= 'z' && folded[at + 1] == ')');
    if (numbered) {
      const size_t mark = digits > at ? digits : at + 1;
      if (mark + 1 < folded.size() && (folded[mark] == '.' || folded[mark] == ')') &&
          folded[mark + 1] == ' ') {
        at = mark + 1;
      }
    }
    for (std::string_view joining : {"alsmede ", "evenals ", "tevens ", "en ook ", "en met "}) {
      if (folded.compare(at, joining.size(), joining) == 0) {
        at += joining.size();
      }
    }
    if (at == before) {
      return at;
    }
  }
}

// Past an article that does not begin a name: "de gemeente" -> "gemeente".
size_t skip_article(std::string_view folded, size_t at) {
  for (std::string_view article : {"de ", "het ", "'t "}) {
    if (folded.compare(at, article.size(), article) == 0) {
      return at + article.size();
    }
  }
  return at;
}

// Whether only punctuation and spaces are left from `at`: the list took the whole paragraph.
bool only_punctuation_left(std::string_view folded, size_t at) {
  return folded.find_first_not_of(" .;:,", at) == std::string_view::npos;
}

// "woningcorporatie Portaal" -> "Woningcorporatie Portaal", as a name is written alone.
std::string capitalise(std::string_view name) {
  std::string out(name);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  }
  return out;
}

// Whether an item of a list ends at `at`: the list goes on or ends there.
bool ends_item(std::string_view folded, size_t at) {
  while (at < folded.size() && folded[at] == ' ') {
    ++at;
  }
  return at == folded.size() ||
         std::string_view(",;.:)").find(folded[at]) != std::string_view::npos ||
         folded.compare(at, 3, "en ") == 0;
}

// Whether the "." at `dot` ends a sentence: followed by a space or the end, and not the stop
// of an initial ("R.A.A. Jetten"), an abbreviation ("B.V.") or a title ("drs. K. Ollongren").
bool ends_sentence(std::string_view folded, size_t dot) {
  if (dot + 1 < folded.size() && folded[dot + 1] != ' ') {
    return false;
  }
  size_t word = dot;
  while (word > 0 && folded[word - 1] != ' ' && folded[word - 1] != '(') {
    --word;
  }
  const std::string_view token = folded.substr(word, dot - word);
  static const std::unordered_set<std::string_view> kTitles = {
      "mr", "drs", "dr", "ir", "ing", "prof", "mevr", "dhr", "nr", "bijv", "bv", "ca", "jl", "st"};
  return token.size() > 1 && token.find('.') == std::string_view::npos && !kTitles.contains(token);
}

// "R.A.A. Jetten", "mr. F. Grapperhaus": initials or a title begin a person's name.
bool is_initials_or_title(std::string_view word) {
  if (word.size() >= 2 && word.back() == '.' && word.find('.') == word.size() - 1) {
    static const std::unordered_set<std::string_view> kTitles = {
        "mr.", "drs.", "dr.", "ir.", "ing.", "prof.", "mevr.", "dhr.", "ds."};
    return kTitles.contains(word);
  }
  // "a.", "r.a.a.": letters each followed by a stop
  if (word.size() < 2 || word.size() % 2 != 0) {
    return false;
  }
  for (size_t i = 0; i < word.size(); i += 2) {
    if (!is_word_byte(word[i]) || word[i + 1] != '.') {
      return false;
    }
  }
  return true;
}

// "3. Universiteit Twente, ...": a numbered item of a list.
bool is_numbered(std::string_view folded) {
  const size_t digits = folded.find_first_not_of("0123456789");
  return digits > 0 && digits != std::string_view::npos && folded.compare(digits, 2, ". ") == 0;
}

// Past an appositive that says where a party sits: ", gevestigd te Tilburg," (Staatscourant
// lists: "Stichting Kunstloc, gevestigd te Tilburg, en Vereniging Mooi Brabant").
size_t skip_appositive(std::string_view folded, size_t at) {
  for (std::string_view appositive :
       {", gevestigd te ", ", gevestigd in ", ", kantoorhoudende te ", ", te "}) {
    if (folded.compare(at, appositive.size(), appositive) == 0) {
      const size_t end = folded.find_first_of(",;", at + appositive.size());
      return end == std::string_view::npos ? folded.size() : end;
    }
  }
  return at;
}

// Where the word before `at` begins and ends (at spaces); both `at` when there is none.
std::pair<size_t, size_t> word_before(std::string_view folded, size_t at) {
  size_t end = at;
  while (end > 0 && folded[end - 1] == ' ') {
    --end;
  }
  size_t start = end;
  while (start > 0 && folded[start - 1] != ' ') {
    --start;
  }
  return start == end ? std::pair{at, at} : std::pair{start, end};
}

// The length of the word at `at`: its letters and digits.
size_t word_length(std::string_view folded, size_t at) {
  size_t end = at;
  while (end < folded.size() && is_word_byte(folded[end])) {
    ++end;
  }
  return end - at;
}

size_t skip_spaces(std::string_view folded, size_t at) {
  while (at < folded.size() && folded[at] == ' ') {
    ++at;
  }
  return at;
}

size_t word_end(std::string_view folded, size_t at) {
  while (at < folded.size() && folded[at] != ' ') {
    ++at;
  }
  return at;
}

}  // namespace

// A paragraph, folded, with the way back to its own bytes for names as written.
struct PartnerFinder::Text {
  std::string_view original;
  std::string folded;
  std::vector<uint32_t> offsets;  // of each folded byte, in `original`

  std::vector<uint32_t> starts;         // at each word's first byte: Gazetteer::Starts bits
  std::vector<size_t> sentence_starts;  // after each sentence's end, in order

  Text(std::string_view text, const analyzers::Folder& folder, const Gazetteer& gazetteer)
      : original(text) {
    folder.fold(text, folded, &offsets);
    starts.resize(folded.size());
    for (size_t at = 0; at < folded.size(); ++at) {
      if (std::string_view("?!;").find(folded[at]) != std::string_view::npos ||
          (folded[at] == '.' && ends_sentence(folded, at))) {
        sentence_starts.push_back(at + 1);
      }
      if (word_start(folded, at) && folded[at] != ' ') {  // also "'s-gravenhage"
        starts[at] = gazetteer.what_starts_with(first_word(folded, at));
      }
    }
  }
  // Where the sentence around `at` begins and where it ends (at its "?", "!", ";" or a full
  // stop that ends a sentence, or the text's end).
  std::pair<size_t, size_t> sentence_around(size_t at) const {
    const auto next = std::upper_bound(sentence_starts.begin(), sentence_starts.end(), at);
    const size_t begin = next == sentence_starts.begin() ? 0 : *(next - 1);
    const size_t end = next == sentence_starts.end() ? folded.size() : *next - 1;
    return {begin, end};
  }
  // Whether a name or cue of a kind (Gazetteer::Starts) may begin at `at`.
  bool may_start(size_t at, uint32_t kinds) const {
    return at < starts.size() && (starts[at] & kinds) != 0;
  }
  size_t source_offset(size_t folded_at) const {
    return folded_at < offsets.size() ? offsets[folded_at] : original.size();
  }
  std::string_view source(size_t from, size_t to) const {
    const size_t begin = source_offset(from);
    return original.substr(begin, source_offset(to) - begin);
  }
  // Whether the word at `folded_at` is written in capitals only, as an acronym: "WE LABS".
  bool all_capitals(size_t folded_at) const {
    size_t end = folded_at;
    while (end < folded.size() && is_word_byte(folded[end])) {
      ++end;
    }
    const std::string_view word = source(folded_at, end);
    return word.size() >= 2 &&
           std::none_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
  }
  // Whether the word at `folded_at` begins with a capital letter as written.
  bool capitalised(size_t folded_at) const {
    const size_t at = source_offset(folded_at);
    if (at >= original.size()) {
      return false;
    }
    UChar32 c = 0;
    int32_t i = static_cast<int32_t>(at);
    U8_NEXT(original.data(), i, static_cast<int32_t>(original.size()), c);
    return c > 0 && u_isupper(c);
  }
};

// In order of finding. The names are a set, so that a list of 100,000 items costs 100,000
// look-ups, not 100,000 comparisons per item. `deal` is the whole deal's folded text, for a
// name several municipalities share ("Bergen", told apart by the province the deal names).
struct PartnerFinder::Found {
  std::vector<Partner> partners;
  std::unordered_set<std::string> names;
  std::string deal;

  void add(Partner partner) {
    if (names.insert(partner.name).second) {
      partners.push_back(std::move(partner));
    }
  }
};

// The partners of one list, and where it ended. A place that is both a municipality and a
// province ("Groningen") is taken as the municipality unless the list holds provinces only.
// A name several municipalities share ("Bergen") waits in `shared_places`, by its index in
// `partners`, for the whole deal to tell which.
struct PartnerFinder::ListItems {
  std::vector<Partner> partners;
  std::vector<std::pair<size_t, size_t>> shared_places;  // index in partners, entry
  std::vector<size_t> province_or_municipality;          // indexes into partners
  std::vector<std::string> provinces_of_those;           // their province partner
  size_t end = 0;
  bool whole_paragraph = false;

  void settle_places() {
    const auto count = [&](std::string_view type) {
      return std::count_if(partners.begin(), partners.end(),
                           [&](const Partner& p) { return p.type == type; });
    };
    const bool provinces_only = count("provincie") > 0 && static_cast<size_t>(count("gemeente")) ==
                                                              province_or_municipality.size();
    if (provinces_only) {
      for (size_t i = 0; i < province_or_municipality.size(); ++i) {
        partners[province_or_municipality[i]] = {provinces_of_those[i], "provincie", ""};
      }
    }
  }
};

Partner PartnerFinder::ministry_partner(size_t entry) const {
  const Ministry& ministry = gazetteer_.ministry(entry);
  return {ministry.name, "ministerie", ministry.code};
}

Partner PartnerFinder::municipality_partner(size_t entry) const {
  return {"Gemeente " + gazetteer_.municipality(entry), "gemeente", ""};
}

// "Bergen": the one whose province the deal names ("Noord-Limburg" names Limburg), else, when
// it names neither or both, the bare name.
Partner PartnerFinder::shared_place_partner(size_t entry, const Found& found) const {
  const SharedPlaceName& shared = gazetteer_.shared_place_name(entry);
  const auto deal_names = [&](const std::string& province) {
    for (size_t at = found.deal.find(province); at != std::string::npos;
         at = found.deal.find(province, at + 1)) {
      const size_t end = at + province.size();
      if ((at == 0 || !is_word_byte(found.deal[at - 1])) &&
          (end == found.deal.size() || !is_word_byte(found.deal[end]))) {
        return true;
      }
    }
    return false;
  };
  std::vector<size_t> named;
  for (const SharedPlaceName::Candidate& candidate : shared.candidates) {
    if (deal_names(candidate.folded_province)) {
      named.push_back(candidate.municipality);
    }
  }
  if (named.size() == 1) {
    return municipality_partner(named.front());
  }
  const std::string& first = gazetteer_.municipality(shared.candidates.front().municipality);
  return {"Gemeente " + first.substr(0, first.rfind(" (")), "gemeente", ""};
}

void PartnerFinder::add_to(Found& found, ListItems& items) const {
  for (const auto& [index, entry] : items.shared_places) {
    items.partners[index] = shared_place_partner(entry, found);
  }
  for (Partner& partner : items.partners) {
    found.add(std::move(partner));
  }
}

Partner PartnerFinder::organisation_partner(std::string name) const {
  const std::string folded = folder_.fold(name);
  if (const auto known = gazetteer_.organisation_at(folded, 0);
      known && known->length == folded.size()) {
    const KnownOrganisation& organisation = gazetteer_.organisation(known->entry);
    return {organisation.name, organisation.type, ""};
  }
  return {std::move(name), gazetteer_.organisation_type(folded), ""};
}

// A name right after an example word, within its clause: "zoals in de gemeente Rotterdam".
bool PartnerFinder::is_example(const Text& text, size_t at) const {
  const std::string_view folded = text.folded;
  size_t words = 0;
  for (size_t i = at; i > 0 && words < 3;) {
    --i;
    if (std::string_view(",;:.()").find(folded[i]) != std::string_view::npos) {
      return false;
    }
    if (word_start(folded, i) && is_word_byte(folded[i])) {
      ++words;
      const auto cue = gazetteer_.cue_at(Cue::kExample, folded, i);
      if (cue && i + cue->length <= at && !inside_lead_in(folded, i)) {
        return true;
      }
    }
  }
  return false;
}

// Whether the word at `at` ends a lead-in that begins with the word before it: "als" in "net
// als" is no example.
bool PartnerFinder::inside_lead_in(std::string_view folded, size_t at) const {
  const size_t before = word_before(folded, at).first;
  const auto lead_in = gazetteer_.lead_in_at(folded, before);
  return before < at && lead_in && before + lead_in->length > at;
}

// See partner-cues-nl.tsv: "aan de minister" is reported to; a "deelname" word in the
// sentence makes a party; a "rapportage" word before the mention makes an addressee.
bool PartnerFinder::office_holder_takes_part(const Text& text, size_t mention) const {
  const std::string_view folded = text.folded;
  std::string_view before = folded.substr(0, mention);
  while (!before.empty() && before.back() == ' ') {
    before.remove_suffix(1);
  }
  for (std::string_view article : {" de", " het"}) {
    if (before.ends_with(article)) {
      before.remove_suffix(article.size());
    }
  }
  for (std::string_view preposition : {"aan", "naar", "bij"}) {
    if (before.ends_with(preposition) && (before.size() == preposition.size() ||
                                          before[before.size() - preposition.size() - 1] == ' ')) {
      return false;  // "rapporteren aan de minister", "aangekaart bij het ministerie"
    }
  }
  const auto [begin, end] = text.sentence_around(mention);
  const size_t sentence = std::max(begin, mention > kCueWindow ? mention - kCueWindow : 0);
  const size_t sentence_end = std::min(end, mention + kCueWindow);
  bool reported_to = false;
  for (size_t at = sentence; at < sentence_end; ++at) {
    if (!word_start(folded, at)) {
      continue;
    }
    if (gazetteer_.cue_at(Cue::kTakesPart, folded, at)) {
      return true;
    }
    reported_to = reported_to || (at < mention && gazetteer_.cue_at(Cue::kReports, folded, at)) ||
                  gazetteer_.cue_at(Cue::kReported, folded, at);
  }
  return !reported_to;
}

// The names after a trigger at `at` ("gemeente A, B en C", "minister Harbers (IenW)"), added
// to `items`; returns where they end, or `at` when no trigger with a name starts there.
size_t PartnerFinder::add_triggered_names(const Text& text, size_t at, ListItems& items) const {
  const std::string_view folded = text.folded;
  const size_t length = word_length(folded, at);
  if (!word_start(folded, at) || length < kShortestTriggerWord ||
      !trigger_first_words().contains(folded.substr(at, length))) {
    return at;
  }
  const auto match_in = [&](Table table, size_t position) -> std::optional<NameMatch> {
    switch (table) {
      case Table::kMinistry:
        return gazetteer_.ministry_at(folded, position);
      case Table::kMunicipality:
        return gazetteer_.municipality_at(folded, position);
      case Table::kProvince:
        return gazetteer_.province_at(folded, position);
      case Table::kWaterBoard:
        return gazetteer_.water_board_at(folded, position);
      case Table::kBothPlaces:
        break;  // see add_names
    }
    return std::nullopt;
  };
  const auto partner_of = [&](Table table, size_t entry) -> Partner {
    switch (table) {
      case Table::kMinistry:
        return ministry_partner(entry);
      case Table::kMunicipality:
        return municipality_partner(entry);
      case Table::kProvince:
        return {"Provincie " + gazetteer_.province(entry), "provincie", ""};
      case Table::kWaterBoard:
        return {gazetteer_.water_board(entry), "waterschap", ""};
      case Table::kBothPlaces:
        break;
    }
    return {};
  };
  // The names of a list starting at `position`, matched in `table`; where they end, or `at`
  // when there are none.
  const auto add_names = [&](Table table, size_t position) {
    size_t end = at;
    for (position = skip_separators(folded, position); position < folded.size();
         position = skip_separators(folded, position)) {
      if (end != at && folded.find_first_not_of(' ', end) == position) {
        break;  // "Westvoorne putten uit ...": a word after a name, not a list
      }
      if (end != at && folded.compare(position, 4, "van ") == 0) {
        position += 4;  // "de hoogheemraadschappen van Rijnland, van Delfland en ..."
      }
      if (table == Table::kBothPlaces) {
        const auto municipality = match_in(Table::kMunicipality, position);
        const auto province = match_in(Table::kProvince, position);
        if (province) {
          items.partners.push_back(partner_of(Table::kProvince, province->entry));
        }
        if (municipality) {
          items.partners.push_back(partner_of(Table::kMunicipality, municipality->entry));
        }
        return municipality || province
                   ? position + std::max(municipality ? municipality->length : 0,
                                         province ? province->length : 0)
                   : at;
      }
      auto match = match_in(table, position);
      if (!match && skip_article(folded, position) != position) {
        position = skip_article(folded, position);
        match = match_in(table, position);
      }
      if (!match && table == Table::kMunicipality) {
        // "gemeente Bergen": which one, the deal says
        if (const auto shared = gazetteer_.shared_place_name_at(folded, position)) {
          items.shared_places.emplace_back(items.partners.size(), shared->entry);
          items.partners.emplace_back();
          position += shared->length;
          end = position;
          continue;
        }
      }
      if (!match) {
        break;
      }
      items.partners.push_back(partner_of(table, match->entry));
      position += match->length;
      end = position;
    }
    return end;
  };

  for (const Trigger& trigger : kTriggers) {
    if (folded.compare(at, trigger.words.size(), trigger.words) != 0) {
      continue;
    }
    if (trigger.words.ends_with(" van ") && trigger.table == Table::kMunicipality &&
        text.capitalised(at + trigger.words.size() - 4)) {
      break;  // "wethouder Van Buren": a person's name
    }
    if (is_example(text, at) ||
        (trigger.table == Table::kMinistry && !office_holder_takes_part(text, at))) {
      return at;
    }
    if (trigger.table == Table::kWaterBoard && match_in(trigger.table, at)) {
      return add_names(trigger.table, at);  // "Waterschap Aa en Maas", "Wetterskip Fryslân"
    }
    if (const size_t end = add_names(trigger.table, at + trigger.words.size()); end != at) {
      return end;
    }
    break;  // "staatssecretaris Van Huffelen van ...": a person's name comes first
  }
  for (const Trigger& office : kOfficeHolders) {
    if (folded.compare(at, office.words.size(), office.words) != 0 || is_example(text, at)) {
      continue;
    }
    size_t position = at + office.words.size();
    for (size_t words = 0; words <= kMaxWordsOfPersonName && position < folded.size(); ++words) {
      for (std::string_view link : {"van ", "voor ", "("}) {
        // "Van" with a capital belongs to the person's name: "wethouder Van Tiel (Druten)".
        if (folded.compare(position, link.size(), link) == 0 && !text.capitalised(position) &&
            match_in(office.table, position + link.size()) && office_holder_takes_part(text, at)) {
          return add_names(office.table, position + link.size());
        }
      }
      if (std::string_view(",;:").find(folded[word_end(folded, position) - 1]) !=
          std::string_view::npos) {
        break;  // the clause ends before a ministry is named
      }
      position = word_end(folded, position) + 1;
    }
  }
  return at;
}

// A bare name of a government or a known organisation at `at`, as the list's kind allows.
bool PartnerFinder::add_bare_name(const Text& text, size_t at, ListKind kind,
                                  ListItems& items) const {
  const std::string_view folded = text.folded;
  const bool places = kind == ListKind::kMunicipalities || kind == ListKind::kGovernments ||
                      kind == ListKind::kPartners;
  const bool provinces = kind != ListKind::kMunicipalities && kind != ListKind::kMinistries;
  const bool governments = kind == ListKind::kGovernments || kind == ListKind::kPartners;
  const bool ministries = governments || kind == ListKind::kMinistries;

  struct Candidate {
    std::optional<NameMatch> match;
    int rank;  // which table, for equal lengths: the list's own kind first
  };
  // A place or a ministry is written with a capital ("met de hoorn des overvloeds" names no
  // Hoorn); an organisation may not be ("evofenedex").
  const size_t after_article = skip_article(folded, at);
  const bool capital = text.capitalised(at) || folded[at] == '\'' || text.all_capitals(at) ||
                       (after_article != at && text.capitalised(after_article));  // "het Bildt"
  const auto may = [&](bool allowed, uint32_t kind) {
    return allowed && (capital || kind == Gazetteer::kOrganisationName) && text.may_start(at, kind);
  };
  const std::optional<NameMatch> municipality = may(places, Gazetteer::kMunicipalityName)
                                                    ? gazetteer_.municipality_at(folded, at)
                                                    : std::nullopt;
  const std::optional<NameMatch> shared = may(places, Gazetteer::kSharedPlaceName)
                                              ? gazetteer_.shared_place_name_at(folded, at)
                                              : std::nullopt;
  const std::optional<NameMatch> province =
      may(provinces, Gazetteer::kProvinceName) ? gazetteer_.province_at(folded, at) : std::nullopt;
  const std::optional<NameMatch> water_board = may(governments, Gazetteer::kWaterBoardName)
                                                   ? gazetteer_.water_board_at(folded, at)
                                                   : std::nullopt;
  const std::optional<NameMatch> ministry =
      may(ministries, Gazetteer::kMinistryName) ? gazetteer_.ministry_at(folded, at) : std::nullopt;
  const std::optional<NameMatch> organisation = may(governments, Gazetteer::kOrganisationName)
                                                    ? gazetteer_.organisation_at(folded, at)
                                                    : std::nullopt;

  size_t length = 0;
  for (const auto* match :
       {&municipality, &shared, &province, &water_board, &ministry, &organisation}) {
    length = std::max(length, match->has_value() ? (*match)->length : 0);
  }
  if (length == 0) {
    return false;
  }
  // A name that goes on ("Groningen Seaports", "Rotterdam-Zuid") is not this one.
  const size_t end = at + length;
  if (end < folded.size() &&
      (folded[end] == '-' || folded[end] == '\'' ||
       (folded[end] == ' ' && end + 1 < folded.size() && is_word_byte(folded[end + 1]) &&
        text.capitalised(end + 1) && folded.compare(end + 1, 3, "en ") != 0))) {
    return false;
  }
  const auto is = [&](const std::optional<NameMatch>& match) {
    return match && match->length == length;
  };
  if (is(province) && (kind == ListKind::kProvinces || !is(municipality))) {
    items.partners.push_back(
        {"Provincie " + gazetteer_.province(province->entry), "provincie", ""});
  } else if (is(municipality)) {
    if (is(province)) {
      items.province_or_municipality.push_back(items.partners.size());
      items.provinces_of_those.push_back("Provincie " + gazetteer_.province(province->entry));
    }
    items.partners.push_back(municipality_partner(municipality->entry));
  } else if (is(shared)) {
    items.shared_places.emplace_back(items.partners.size(), shared->entry);
    items.partners.emplace_back();
  } else if (is(water_board)) {
    items.partners.push_back({gazetteer_.water_board(water_board->entry), "waterschap", ""});
  } else if (is(ministry)) {
    items.partners.push_back(ministry_partner(ministry->entry));
  } else {
    const KnownOrganisation& known = gazetteer_.organisation(organisation->entry);
    items.partners.push_back({known.name, known.type, ""});
  }
  items.end = end;
  return true;
}

// "Centrum voor Criminaliteitspreventie en Veiligheid (CCV)": a name with "en" in it, told by
// the abbreviation that follows, whose letters are the initials of the name's capitalised
// words. Returns the end of the whole name, or `name_end` when this is not one.
size_t PartnerFinder::through_and_by_acronym(const Text& text, size_t at, size_t name_end) {
  const std::string_view folded = text.folded;
  if (folded.compare(name_end, 4, " en ") != 0) {
    return name_end;
  }
  const size_t open = folded.find(" (", name_end + 4);
  const size_t close = open == std::string_view::npos ? open : folded.find(')', open);
  if (close == std::string_view::npos || close - open > 12 ||
      folded.substr(name_end + 4, open - name_end - 4).find_first_of(",;:.()") !=
          std::string_view::npos) {
    return name_end;
  }
  std::string initials;
  for (size_t word = at; word < open; word = folded.find(' ', word) + 1) {
    if (text.capitalised(word)) {
      initials += folded[word];
    }
    if (folded.find(' ', word) == std::string_view::npos) {
      break;
    }
  }
  return initials == folded.substr(open + 2, close - open - 2) ? open : name_end;
}

// An organisation written as a name at `at`: capitalised words, with "van", "voor", "&" and
// the like between them ("Stichting Warm Thuis", "Warmtebedrijf Noord B.V.", "Platform31",
// "Ieder(in)"), or a known organisation after a type word in lower case ("drinkwaterbedrijf
// Vitens"). The first item of a list must end where the list goes on or ends: "De City Deal
// is ..." is a sentence, not a list; a later item may end its sentence's subject ("samen met
// Humanitas en de GGD Drenthe een City Deal").
bool PartnerFinder::add_organisation_name(const Text& text, size_t at, bool first_item,
                                          ListItems& items) const {
  const std::string_view folded = text.folded;
  const size_t type_word_end = word_end(folded, at);
  if (!text.capitalised(at) && type_word_end < folded.size() &&
      gazetteer_.is_type_marker(folded.substr(at, type_word_end - at))) {
    if (const auto known = gazetteer_.organisation_at(folded, type_word_end + 1)) {
      const KnownOrganisation& organisation = gazetteer_.organisation(known->entry);
      items.partners.push_back({organisation.name, organisation.type, ""});
      items.end = type_word_end + 1 + known->length;
      return true;
    }
  }
  const bool led_by_type = !text.capitalised(at) && type_word_end < folded.size() &&
                           gazetteer_.is_type_marker(folded.substr(at, type_word_end - at)) &&
                           text.capitalised(type_word_end + 1);
  const auto starts = [&](Cue cue) {
    const auto match = gazetteer_.cue_at(cue, folded, at);
    return match && (cue == Cue::kNotAPartner ||
                     (at + match->length == type_word_end && !text.all_capitals(at)));
  };
  if ((!text.capitalised(at) && !led_by_type) || starts(Cue::kNotANameStart) ||
      starts(Cue::kNotAPartner) || is_initials_or_title(folded.substr(at, type_word_end - at))) {
    return false;  // "Met Waterschap Aa en Maas", "City Deal Gooi", "R.A.A. Jetten"
  }
  size_t name_end = at;
  size_t words = 0;
  bool ended_by_separator = false;
  for (size_t position = at; position < folded.size();) {
    size_t end = word_end(folded, position);
    std::string_view word = folded.substr(position, end - position);
    // A comma, semicolon, colon or bracket ends the name, but not a bracket inside a word
    // ("Ieder(in)"); so does a full stop that ends a sentence rather than an abbreviation
    // ("B.V.").
    size_t stop = word.find_first_of(",;:()");
    if (stop != std::string_view::npos && stop > 0 && word[stop] == '(' &&
        word.find(')', stop) != std::string_view::npos) {
      stop = word.find_first_of(",;:", word.find(')', stop));
    }
    if (stop != std::string_view::npos) {
      word = word.substr(0, stop);
      end = position + stop;
    }
    const bool sentence_end =
        stop == std::string_view::npos && word.ends_with('.') && word.find('.') == word.size() - 1;
    if (sentence_end) {
      word.remove_suffix(1);
      --end;
    }
    // "Staatscourant-tekst" is a word, "Sittard-Geleen" and "VNO-NCW" are names.
    const size_t hyphen = word.rfind('-');
    const bool lower_case_tail = hyphen != std::string_view::npos && hyphen + 1 < word.size() &&
                                 !text.capitalised(position + hyphen + 1);
    const bool is_name_word = !word.empty() && !lower_case_tail &&
                              (text.capitalised(position) || (led_by_type && position == at) ||
                               (words > 0 && word[0] >= '0' && word[0] <= '9'));
    const bool particle_before_no_name =
        kNameParticles.contains(word) &&
        gazetteer_.cue_at(Cue::kNotAPartner, folded, skip_spaces(folded, end));
    if (word == "en" || particle_before_no_name ||
        (!is_name_word && !kNameParticles.contains(word))) {
      ended_by_separator = word == "en" || word.empty() || !first_item ||
                           gazetteer_.is_type_marker(folded.substr(at, type_word_end - at));
      break;
    }
    if (is_name_word) {
      name_end = end;
    }
    if (++words > kMaxWordsInName) {
      return false;
    }
    if (stop != std::string_view::npos || sentence_end) {
      ended_by_separator = true;
      break;
    }
    position = end + 1;
  }
  const bool at_end = folded.find_first_not_of(' ', name_end) == std::string_view::npos;
  if (name_end == at || !(ended_by_separator || at_end)) {
    return false;
  }
  name_end = through_and_by_acronym(text, at, name_end);
  items.partners.push_back(organisation_partner(capitalise(text.source(at, name_end))));
  items.end = name_end;
  return true;
}

// The names of a list from `at` on, each a triggered name, a bare name or (in a list of
// partners) an organisation, separated by commas, "en", ";" or bullets; up to the first thing
// that is none of these. `after_a_name`: the list goes on after a name, so a separator must
// come first.
PartnerFinder::ListItems PartnerFinder::parse_list(const Text& text, size_t at, ListKind kind,
                                                   bool after_a_name) const {
  const std::string_view folded = text.folded;
  ListItems items;
  items.end = at;
  size_t parsed = after_a_name ? 1 : 0;  // items, with or without a partner
  for (at = skip_list_separators(folded, at); at < folded.size();
       at = skip_list_separators(folded, skip_appositive(folded, items.end)), ++parsed) {
    if (parsed > 0 && folded.find_first_not_of(' ', items.end) == at) {
      break;  // two names with only a space between are no list: "Hilversum de City Deal"
    }
    if (folded.substr(0, at).ends_with("hierna: ") ||
        folded.substr(0, at).ends_with("te noemen: ")) {
      break;  // "..., hierna te noemen: de Stichting": a short name for a party already named
    }
    size_t name = skip_article(folded, at);
    if (const size_t end = add_triggered_names(text, at, items); end != at) {
      items.end = end;
      continue;
    }
    if (const size_t end = add_triggered_names(text, name, items); end != name) {
      items.end = end;  // "de gemeente Zwolle", "de gemeenten Heerenveen en Harlingen"
      continue;
    }
    if (const auto lead_in = gazetteer_.lead_in_at(folded, name); lead_in) {
      // "Woningcorporaties Portaal, ...", "Steden: Leeuwarden, ...": a list of its own kind.
      const size_t after = skip_spaces(folded, name + lead_in->length);
      const bool colon = after < folded.size() && folded[after] == ':';
      if (colon || !gazetteer_.lead_in(lead_in->entry).needs_colon) {
        kind = gazetteer_.lead_in(lead_in->entry).kind;
        at = skip_spaces(folded, colon ? after + 1 : after);
        name = skip_article(folded, at);
        if (const size_t end = add_triggered_names(text, name, items); end != name) {
          items.end = end;  // "Samen met waterschap Vallei en Veluwe"
          continue;
        }
      }
    }
    if (const auto not_a_partner = gazetteer_.cue_at(Cue::kNotAPartner, folded, name);
        not_a_partner && ends_item(folded, name + not_a_partner->length)) {
      items.end = name + not_a_partner->length;  // "het Rijk": an item, but no partner
      continue;
    }
    const bool added =
        add_bare_name(text, at, kind, items) ||
        (name != at && add_bare_name(text, name, kind, items)) ||
        (kind == ListKind::kPartners && add_organisation_name(text, name, parsed == 0, items));
    if (!added) {
      break;
    }
  }
  items.whole_paragraph = only_punctuation_left(folded, items.end) ||
                          only_punctuation_left(folded, skip_list_separators(folded, items.end));
  items.settle_places();
  return items;
}

// Past filler words at the start of a list: "verder de G4", "inmiddels Assen".
size_t PartnerFinder::skip_fillers(const Text& text, size_t at) const {
  const std::string_view folded = text.folded;
  for (at = skip_spaces(folded, at); at < folded.size(); at = skip_spaces(folded, at)) {
    const auto filler = text.may_start(at, cue_bit(Cue::kFiller))
                            ? gazetteer_.cue_at(Cue::kFiller, folded, at)
                            : std::nullopt;
    if (!filler) {
      break;
    }
    at += filler->length;
  }
  return at;
}

// Whether the word before `at` is a word of place or an example: "in Rotterdam en Den Haag",
// "zoals Utrecht en Amersfoort".
bool PartnerFinder::follows_place_word(const Text& text, size_t at) const {
  const std::string_view folded = text.folded;
  const auto [start, end] = word_before(folded, at);
  if (start == end) {
    return false;
  }
  for (const Cue cue : {Cue::kPlace, Cue::kExample}) {
    if (const auto match = gazetteer_.cue_at(cue, folded, start);
        match && start + match->length == end) {
      return true;
    }
  }
  return false;
}

// Whether the word before `at` is a type word of a name ("Hogeschool Arnhem en Nijmegen",
// "GGD Twente") or of a government ("provincie Groningen").
bool PartnerFinder::follows_type_word(const Text& text, size_t at) const {
  const std::string_view folded = text.folded;
  const auto [start, end] = word_before(folded, at);
  const std::string_view word = folded.substr(start, end - start);
  return start < end && ((text.capitalised(start) && gazetteer_.is_type_marker(word)) ||
                         trigger_first_words().contains(word));
}

// Two or more municipalities named bare in a row, anywhere: "Breda en Roosendaal hebben ...".
void PartnerFinder::find_place_lists(const Text& text, Found& found) const {
  const std::string_view folded = text.folded;
  for (size_t at = 0; at < folded.size(); ++at) {
    if (!text.may_start(at, Gazetteer::kMunicipalityName | Gazetteer::kSharedPlaceName) ||
        !(gazetteer_.municipality_at(folded, at) || gazetteer_.shared_place_name_at(folded, at)) ||
        follows_type_word(text, at)) {
      continue;
    }
    ListItems items = parse_list(text, at, ListKind::kPartners);
    const bool two_places = items.partners.size() >= 2 && items.partners[0].type == "gemeente" &&
                            items.partners[1].type == "gemeente";
    // "bijvoorbeeld Amsterdam, Utrecht en Zwolle": the whole list is examples, not only its
    // first name.
    if (two_places && !follows_place_word(text, at) && !denied(text, at)) {
      add_to(found, items);
    }
    at = std::max(at, items.end);
  }
}

// A list that begins a sentence names partners when it holds a government ("Het Havenbedrijf
// Rotterdam, Deltalinqs en de gemeente Schiedam hebben ...") or a verb of taking part follows
// it ("Ook Rendo en Gasunie tekenden.").
void PartnerFinder::find_sentence_lists(const Text& text, Found& found) const {
  const std::string_view folded = text.folded;
  for (size_t at = 0; at < folded.size();) {
    const auto [begin, end] = text.sentence_around(at);
    ListItems items = parse_list(text, skip_fillers(text, begin), ListKind::kPartners);
    const bool holds_a_government =
        items.partners.size() >= 2 &&
        std::any_of(items.partners.begin(), items.partners.end(), [](const Partner& p) {
          return p.type == "gemeente" || p.type == "provincie" || p.type == "waterschap" ||
                 p.type == "ministerie";
        });
    // "Ook Rendo en Gasunie tekenden.", "Ook Dura Vermeer Groep en Stichting Cirkelstad zijn
    // partij bij de deal."
    bool takes_part = false;
    const size_t verbs_end = std::min(end, items.end + kCueWindow);
    for (size_t word = items.end; !items.partners.empty() && word < verbs_end && !takes_part;
         word = word_end(folded, word) + 1) {
      takes_part = (text.may_start(word, cue_bit(Cue::kTakesPart)) &&
                    gazetteer_.cue_at(Cue::kTakesPart, folded, word)) ||
                   (text.may_start(word, cue_bit(Cue::kPartyWord)) &&
                    gazetteer_.cue_at(Cue::kPartyWord, folded, word));
    }
    const bool heads_a_list = folded.compare(skip_spaces(folded, items.end), 1, ":") == 0;
    if ((holds_a_government || takes_part) && !heads_a_list && !denied(text, begin)) {
      add_to(found, items);
    }
    at = skip_spaces(folded, end + 1);
  }
}

// Whether the sentence of `at` says that what it names takes no part: "De gemeente Sluis doet
// niet mee", "Waterschap De Dommel is adviseur en tekent niet".
bool PartnerFinder::denied(const Text& text, size_t at) const {
  const std::string_view folded = text.folded;
  const auto [begin, end] = text.sentence_around(at);
  const size_t window_end = std::min(end, at + kCueWindow);
  for (size_t word = std::max(begin, at); word < window_end; word = word_end(folded, word) + 1) {
    word = skip_spaces(folded, word);
    if (text.may_start(word, cue_bit(Cue::kDenial)) &&
        gazetteer_.cue_at(Cue::kDenial, folded, word)) {
      return true;
    }
  }
  return false;
}

// "De Vereniging van Nederlandse Gemeenten (VNG) en ...": a known organisation in full with its
// abbreviation, a party unless the sentence makes it a source.
void PartnerFinder::find_spelled_out_organisations(const Text& text, Found& found) const {
  const std::string_view folded = text.folded;
  for (size_t at = 0; at < folded.size(); ++at) {
    if (!text.may_start(at, Gazetteer::kOrganisationName)) {
      continue;
    }
    const auto match = gazetteer_.organisation_at(folded, at);
    if (!match || folded.compare(at + match->length, 2, " (") != 0) {
      continue;
    }
    const KnownOrganisation& organisation = gazetteer_.organisation(match->entry);
    if (folder_.fold(organisation.name).size() == match->length &&
        office_holder_takes_part(text, at) && !is_example(text, at)) {
      found.add({organisation.name, organisation.type, ""});
    }
    at += match->length;
  }
}

void PartnerFinder::find_triggered(const Text& text, Found& found) const {
  const std::string_view folded = text.folded;
  for (size_t at = 0; at < folded.size(); ++at) {
    if (!word_start(folded, at) || !is_word_byte(folded[at])) {
      continue;
    }
    ListItems items;
    const size_t end = add_triggered_names(text, at, items);
    if (end == at) {
      continue;
    }
    // "Gemeente Venlo, IenM en EZ", "de gemeente Amersfoort, de provincie Utrecht en Stichting
    // Nieuwe Energie": the list goes on with other names. The names it took are not looked at
    // again, so that a list of many names costs each name once.
    ListItems more = parse_list(text, end, ListKind::kPartners, /*after_a_name=*/true);
    if (!denied(text, at)) {
      add_to(found, items);
      add_to(found, more);
    }
    at = std::max(end, more.end) - 1;
  }
}

// The lead-in at `at`, if one is: a phrase of partner-cues-nl.tsv, or a word ending in
// "partners" or "partijen" ("Onderwijspartners:", "Uitvoeringspartners zijn").
std::optional<std::pair<NameMatch, LeadIn>> PartnerFinder::lead_in_at(const Text& text,
                                                                      size_t at) const {
  const std::string_view folded = text.folded;
  if (text.may_start(at, Gazetteer::kLeadInPhrase)) {
    if (const auto lead_in = gazetteer_.lead_in_at(folded, at)) {
      return std::pair{*lead_in, gazetteer_.lead_in(lead_in->entry)};
    }
  }
  const std::string_view word = folded.substr(at, word_length(folded, at));
  if (word_start(folded, at) && (word.ends_with("partners") || word.ends_with("partijen"))) {
    return std::pair{NameMatch{0, word.size()}, LeadIn{}};
  }
  return std::nullopt;
}

// The list after a lead-in that ends at `start`: right there ("De steden A, B en C"), in the
// bracket that follows ("twaalf gemeenten (A, B, ...)"), after a ":" or "|", or after a ":" or
// "zijn" later in the sentence ("De gemeenten die meedoen zijn: A, B en C"). Nothing after an
// example word ("steden zoals ...").
PartnerFinder::ListItems PartnerFinder::list_after_lead_in(const Text& text, size_t start,
                                                           const LeadIn& cue) const {
  const std::string_view folded = text.folded;
  start = skip_spaces(folded, start);
  const bool colon = start < folded.size() &&
                     std::string_view(":?|").find(folded[start]) != std::string_view::npos;
  const bool sentence_ends = start < folded.size() &&
                             std::string_view(".;!").find(folded[start]) != std::string_view::npos;
  if ((cue.needs_colon && !colon) || sentence_ends ||
      gazetteer_.cue_at(Cue::kExample, folded, start)) {
    return ListItems{.end = start};
  }
  const bool bracket = start < folded.size() && folded[start] == '(';
  ListItems items =
      parse_list(text, skip_fillers(text, colon || bracket ? start + 1 : start), cue.kind);
  if (!items.partners.empty() || colon) {
    return items;
  }
  size_t position = start;
  for (size_t words = 0; words < kMaxWordsBeforeList && position < folded.size(); ++words) {
    const size_t end = word_end(folded, position);
    const std::string_view word = folded.substr(position, end - position);
    if (gazetteer_.cue_at(Cue::kExample, folded, position) || word.ends_with('.')) {
      break;
    }
    if (word.ends_with(':') || word == "zijn" || word == "waren" || word == "is") {
      return parse_list(text, skip_fillers(text, end), cue.kind);
    }
    position = end + 1;
  }
  return items;
}

// Whether the lead-in at `at` heads its paragraph: it begins it, and the paragraph is short
// and no sentence ("Partners van de City Deal Samen Warm", "Deelnemende partijen").
bool PartnerFinder::is_heading(const Text& text, size_t at) const {
  const std::string_view folded = text.folded;
  const size_t begin = skip_fillers(text, skip_article(folded, skip_spaces(folded, 0)));
  if (at != begin) {
    return false;
  }
  size_t words = 0;
  for (size_t i = 0; i < folded.size(); ++i) {
    words += word_start(folded, i) && is_word_byte(folded[i]) ? 1 : 0;
  }
  const size_t dot = folded.find('.');
  return at == begin && words <= kMaxWordsInHeading &&
         (dot == std::string_view::npos || !ends_sentence(folded, dot) ||
          folded.find_first_not_of(" .", dot) != std::string_view::npos) &&
         !folded.ends_with('.');
}

// A table rendered as lines, its cells apart by "|" or by two spaces or more, whose first
// column is headed by a lead-in or a "kolomkop" word ("Partij | Vertegenwoordigd door | Rol",
// "Gemeente      Contactpersoon"): the first cell of each row after it is a list of names.
void PartnerFinder::find_table_columns(const std::vector<Text>& paragraphs,
                                       const std::vector<size_t>& document_starts,
                                       Found& found) const {
  const auto first_cell = [](std::string_view folded) -> std::optional<size_t> {
    const size_t bar = folded.find('|');
    const size_t gap = folded.find("  ");
    const size_t end = std::min(bar, gap);
    if (end == std::string_view::npos ||
        folded.find_first_not_of(" |", end) == std::string_view::npos) {
      return std::nullopt;  // one cell: no table row
    }
    return end;
  };
  for (size_t index = 0; index < paragraphs.size(); ++index) {
    const std::optional<size_t> header_end = first_cell(paragraphs[index].folded);
    if (!header_end) {
      continue;
    }
    const std::string_view header = trim(paragraphs[index].source(0, *header_end));
    const Text header_text(header, folder_, gazetteer_);
    std::optional<ListKind> kind;
    if (const auto lead_in = lead_in_at(header_text, 0);
        lead_in && lead_in->first.length == header_text.folded.size()) {
      kind = lead_in->second.kind;
    } else if (const auto column = gazetteer_.cue_at(Cue::kColumnHeading, header_text.folded, 0);
               column && column->length == header_text.folded.size()) {
      kind = ListKind::kPartners;
    }
    if (!kind) {
      continue;
    }
    for (size_t row = index + 1; row < paragraphs.size(); ++row) {
      const std::optional<size_t> cell_end = first_cell(paragraphs[row].folded);
      if (!cell_end ||
          std::find(document_starts.begin(), document_starts.end(), row) != document_starts.end()) {
        break;
      }
      const Text cell(trim(paragraphs[row].source(0, *cell_end)), folder_, gazetteer_);
      ListItems items = parse_list(cell, 0, *kind);
      if (items.whole_paragraph) {
        add_to(found, items);
      }
      index = row;
    }
  }
}

// Lists after lead-ins in paragraph `index`, going on over the next paragraphs when the list
// ends its paragraph open ("Partners:" and one name a line) or its lead-in is a heading.
void PartnerFinder::find_lead_in_lists(const std::vector<Text>& paragraphs, size_t index,
                                       const std::vector<size_t>& document_starts,
                                       Found& found) const {
  const Text& text = paragraphs[index];
  const std::string_view folded = text.folded;
  for (size_t at = 0; at < folded.size(); ++at) {
    if (!word_start(folded, at) || !is_word_byte(folded[at])) {
      continue;
    }
    const auto lead_in = lead_in_at(text, at);
    if (!lead_in) {
      continue;
    }
    const size_t after = skip_spaces(folded, at + lead_in->first.length);
    if (lead_in->second.needs_colon && folded.compare(after, 1, ":") != 0 &&
        folded.compare(after, 1, "|") != 0) {
      continue;  // "Kennis maken" is no "Kennis:"
    }
    ListItems items = list_after_lead_in(text, after, lead_in->second);
    add_to(found, items);
    const std::string_view rest = folded.substr(std::min(items.end, folded.size()));
    const bool open_ended = items.whole_paragraph && rest.find('.') == std::string_view::npos;
    if (open_ended || (items.partners.empty() && is_heading(text, at))) {
      add_following_lines(paragraphs, index, lead_in->second.kind, document_starts, found);
    }
    if (!items.partners.empty()) {
      at = std::max(at, items.end - 1);  // a list of many names costs each name once
    }
  }
}

// The paragraphs after `index` that go on its list, one or more names each, up to one that
// names none. A party of a Staatscourant list may go on after its name ("3. Universiteit
// Twente, rechtsgeldig vertegenwoordigd door ..."), and a line between numbered parties may
// say something else ("hierna gezamenlijk te noemen: het Rijk;"). A list never runs on into
// the next document.
void PartnerFinder::add_following_lines(const std::vector<Text>& paragraphs, size_t index,
                                        ListKind kind, const std::vector<size_t>& document_starts,
                                        Found& found) const {
  for (size_t next = index + 1; next < paragraphs.size(); ++next) {
    if (std::find(document_starts.begin(), document_starts.end(), next) != document_starts.end()) {
      break;
    }
    ListItems more = parse_list(paragraphs[next], 0, kind);
    if (more.partners.empty()) {
      if (next + 1 < paragraphs.size() && is_numbered(paragraphs[next + 1].folded)) {
        continue;
      }
      break;
    }
    add_to(found, more);
  }
}

std::vector<Partner> PartnerFinder::find(const std::vector<std::string>& paragraphs,
                                         const std::vector<size_t>& document_starts) const {
  std::vector<Text> texts;
  texts.reserve(paragraphs.size());
  Found found;
  for (const std::string& paragraph : paragraphs) {
    texts.emplace_back(paragraph, folder_, gazetteer_);
    found.deal.append(texts.back().folded).push_back('\n');
  }
  for (const Text& text : texts) {
    find_triggered(text, found);
    find_place_lists(text, found);
    find_sentence_lists(text, found);
    find_spelled_out_organisations(text, found);
  }
  for (size_t index = 0; index < texts.size(); ++index) {
    find_lead_in_lists(texts, index, document_starts, found);
  }
  find_table_columns(texts, document_starts, found);
  return std::move(found.partners);
}

Partner PartnerFinder::classify(const std::string& name) const {
  const std::string_view trimmed = trim(name);
  const Text text(trimmed, folder_, gazetteer_);
  Found found;
  found.deal = text.folded;
  find_triggered(text, found);
  if (!found.partners.empty()) {
    return found.partners.front();
  }
  if (const std::optional<size_t> ministry = gazetteer_.find_ministry(text.folded)) {
    return ministry_partner(*ministry);
  }
  ListItems items = parse_list(text, 0, ListKind::kPartners);
  if (items.partners.size() == 1 && items.whole_paragraph) {
    add_to(found, items);
    return found.partners.front();
  }
  return organisation_partner(std::string(trimmed));
}

}  // namespace dealsearch::indexer
