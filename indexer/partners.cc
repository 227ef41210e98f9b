// PartnerFinder: trigger words, then a list of gazetteer names; participant lists for the rest.
#include "indexer/partners.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <span>
#include <unordered_set>

#include "indexer/paragraphs.h"

namespace dealsearch::indexer {
namespace {

constexpr std::array<std::string_view, 9> kMinistryTriggers = {
    "ministerie van ",       "ministeries van ",         "minister van ",
    "ministers van ",        "minister voor ",           "ministerie voor ",
    "staatssecretaris van ", "staatssecretarissen van ", "ministers voor "};
constexpr std::array<std::string_view, 2> kMunicipalityTriggers = {"gemeente ", "gemeenten "};
constexpr std::array<std::string_view, 2> kProvinceTriggers = {"provincie ", "provincies "};
constexpr std::array<std::string_view, 6> kParticipantMarkers = {
    "deelnemende partijen", "wie doen er mee",    "de partners zijn",
    "deelnemers zijn",      "betrokken partijen", "ondertekenaars"};

// An item of more words than this is a sentence, not a name: it ends a participant list.
constexpr size_t kMaxWordsInName = 8;

// A bracketed abbreviation is short ("(DTC)"). Looking no further for its ")" keeps a text of
// many unclosed "gemeente (" from costing a search of its whole rest for each.
constexpr size_t kMaxBracketBytes = 40;

// Stands for a segment naming ministries in a participant list.
constexpr std::string_view kMinistryPlaceholder = "\x01ministries";

// Skips what separates names in a list: spaces, commas, "en", "&", and a bracketed
// abbreviation ("(DTC)"). Returns the position of the next name. An article ("het
// ministerie", "de gemeente") is skipped by the caller only when no name starts with it:
// "De Bilt" and "Het Hogeland" are municipalities.
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

// Every position just after one of `triggers` in `folded`.
std::vector<size_t> positions_after(std::string_view folded,
                                    std::span<const std::string_view> triggers) {
  std::vector<size_t> positions;
  for (std::string_view trigger : triggers) {
    for (size_t at = folded.find(trigger); at != std::string_view::npos;
         at = folded.find(trigger, at + 1)) {
      const bool word_start = at == 0 || folded[at - 1] == ' ' || folded[at - 1] == '(' ||
                              folded[at - 1] == ';' || folded[at - 1] == ',';
      if (word_start) {
        positions.push_back(at + trigger.size());
      }
    }
  }
  return positions;
}

// The names of a list starting at `at`, matched by `match_at`, as entries.
template <typename Match>
std::vector<size_t> names_in_list(std::string_view folded, size_t at, Match match_at) {
  std::vector<size_t> entries;
  for (at = skip_separators(folded, at); at < folded.size(); at = skip_separators(folded, at)) {
    auto match = match_at(folded, at);
    for (std::string_view article : {"de ", "het "}) {
      if (!match && folded.compare(at, article.size(), article) == 0) {
        at += article.size();
        match = match_at(folded, at);
      }
    }
    if (!match) {
      break;
    }
    entries.push_back(match->entry);
    at += match->length;
  }
  return entries;
}

size_t word_count(std::string_view text) {
  size_t words = 0;
  bool in_word = false;
  for (const char c : text) {
    const bool space = c == ' ';
    words += (!space && !in_word) ? 1 : 0;
    in_word = !space;
  }
  return words;
}

// "De ANWB, BOVAG en Heijmans." -> "ANWB", "BOVAG", "Heijmans": split at ",", " en ".
std::vector<std::string> list_items(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  const auto flush = [&] {
    std::string_view item = trim(current);
    while (!item.empty() && std::strchr(".:?!", item.back()) != nullptr) {
      // The sentence's full stop goes; the stops of "B.V." stay.
      const std::string_view last_word = item.substr(item.rfind(' ') + 1);
      if (item.back() == '.' && last_word.find('.') != last_word.size() - 1) {
        break;
      }
      item.remove_suffix(1);
    }
    for (std::string_view article : {"De ", "de ", "En ", "en ", "Het ", "het "}) {
      if (item.starts_with(article)) {
        item.remove_prefix(article.size());
      }
    }
    item = trim(item);
    if (!item.empty()) {
      items.emplace_back(item);
    }
    current.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',') {
      flush();
    } else if (text.compare(i, 4, " en ") == 0 || text.compare(i, 4, " En ") == 0) {
      flush();
      i += 3;
    } else {
      current += text[i];
    }
  }
  flush();
  return items;
}

}  // namespace

// In order of finding. The names are a set, so that a participant list of 100,000 items costs
// 100,000 look-ups, not 100,000 comparisons per item.
struct PartnerFinder::Found {
  std::vector<Partner> partners;
  std::unordered_set<std::string> names;

  void add(Partner partner) {
    if (names.insert(partner.name).second) {
      partners.push_back(std::move(partner));
    }
  }
};

Partner PartnerFinder::ministry_partner(size_t entry) const {
  const Ministry& ministry = gazetteer_.ministry(entry);
  return {ministry.name, "ministerie", ministry.code};
}

void PartnerFinder::find_ministries(const std::string& folded, Found& found) const {
  for (const size_t at : positions_after(folded, kMinistryTriggers)) {
    for (const size_t entry :
         names_in_list(folded, at, [&](std::string_view text, size_t position) {
           return gazetteer_.ministry_at(text, position);
         })) {
      found.add(ministry_partner(entry));
    }
  }
}

void PartnerFinder::find_places(const std::string& folded, Found& found) const {
  for (const size_t at : positions_after(folded, kMunicipalityTriggers)) {
    for (const size_t entry :
         names_in_list(folded, at, [&](std::string_view text, size_t position) {
           return gazetteer_.municipality_at(text, position);
         })) {
      found.add({"Gemeente " + gazetteer_.municipality(entry), "gemeente", ""});
    }
  }
  for (const size_t at : positions_after(folded, kProvinceTriggers)) {
    for (const size_t entry :
         names_in_list(folded, at, [&](std::string_view text, size_t position) {
           return gazetteer_.province_at(text, position);
         })) {
      found.add({"Provincie " + gazetteer_.province(entry), "provincie", ""});
    }
  }
}

// A ministry, municipality or province, found by the trigger scans already.
bool PartnerFinder::is_known_name(const std::string& folded_item) const {
  for (const auto& triggers : {std::span<const std::string_view>(kMinistryTriggers),
                               std::span<const std::string_view>(kMunicipalityTriggers),
                               std::span<const std::string_view>(kProvinceTriggers)}) {
    if (!positions_after(folded_item, triggers).empty()) {
      return true;
    }
  }
  for (const std::string_view bare : {"gemeente", "provincie", "rijk", "het rijk"}) {
    if (folded_item == bare) {
      return true;
    }
  }
  const auto whole = [&](const std::optional<NameMatch>& match) {
    return match && match->length == folded_item.size();
  };
  return whole(gazetteer_.ministry_at(folded_item, 0)) ||
         whole(gazetteer_.municipality_at(folded_item, 0)) ||
         whole(gazetteer_.province_at(folded_item, 0));
}

// The items of a participant list paragraph: segments at ";", and each segment split at ","
// and " en " unless it names a ministry, whose names hold commas and "en" themselves (the
// trigger scan finds those).
std::vector<std::string> PartnerFinder::participant_items(std::string_view text) const {
  std::vector<std::string> items;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find(';', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view segment = text.substr(start, end - start);
    start = end + 1;
    if (!positions_after(folder_.fold(segment), kMinistryTriggers).empty()) {
      items.emplace_back(kMinistryPlaceholder);
      continue;
    }
    for (std::string& item : list_items(segment)) {
      items.push_back(std::move(item));
    }
  }
  return items;
}

// A list runs from a marker ("Wie doen er mee?", "Deelnemende partijen zijn:") over the
// paragraphs that look like lists: every item short, and, after the marker's own paragraph,
// at least two items ("Op initiatief van" is a heading, not a partner).
void PartnerFinder::find_organisations(const std::vector<std::string>& paragraphs,
                                       Found& found) const {
  bool in_list = false;
  for (const std::string& paragraph : paragraphs) {
    std::string_view rest = paragraph;
    const std::string folded = folder_.fold(paragraph);
    bool starts_list = false;
    for (std::string_view marker : kParticipantMarkers) {
      const size_t at = folded.find(marker);
      if (at != std::string::npos && at < 40) {
        starts_list = true;
        const size_t colon = paragraph.find_first_of("?:", at);
        rest = colon == std::string::npos ? std::string_view() : rest.substr(colon + 1);
        break;
      }
    }
    if (!starts_list && !in_list) {
      continue;
    }
    const std::vector<std::string> items = participant_items(rest);
    const bool is_list = (starts_list || items.size() >= 2) &&
                         std::all_of(items.begin(), items.end(), [](const std::string& item) {
                           return word_count(item) <= kMaxWordsInName;
                         });
    if (!is_list) {
      in_list = false;
      continue;
    }
    in_list = true;
    for (const std::string& item : items) {
      const std::string folded_item = folder_.fold(item);
      if (item != kMinistryPlaceholder && !is_known_name(folded_item)) {
        found.add({item, gazetteer_.organisation_type(folded_item), ""});
      }
    }
  }
}

std::vector<Partner> PartnerFinder::find(const std::vector<std::string>& paragraphs) const {
  Found found;
  for (const std::string& paragraph : paragraphs) {
    const std::string folded = folder_.fold(paragraph);
    find_ministries(folded, found);
    find_places(folded, found);
  }
  find_organisations(paragraphs, found);
  return std::move(found.partners);
}

Partner PartnerFinder::classify(const std::string& name) const {
  const std::string folded = folder_.fold(trim(name));
  Found found;
  find_ministries(folded, found);
  find_places(folded, found);
  if (found.partners.empty()) {
    if (const std::optional<size_t> ministry = gazetteer_.find_ministry(folded)) {
      return ministry_partner(*ministry);
    }
    return {std::string(trim(name)), gazetteer_.organisation_type(folded), ""};
  }
  return found.partners.front();
}

}  // namespace dealsearch::indexer
