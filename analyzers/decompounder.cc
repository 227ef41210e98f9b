// Decompounder: dictionary-driven splitting of Dutch compounds with a linking -s-.
#include "analyzers/decompounder.h"

#include <algorithm>

namespace dealsearch::analyzers {

struct Decompounder::Split {
  std::vector<CompoundPart> parts;  // top level only
  size_t shortest = 0;
};

namespace {

bool is_letter_word(std::string_view w) {
  return std::all_of(w.begin(), w.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c & 0x80) != 0; });
}

// Fewer parts first; then the longer shortest part ("energie" + "armoede", not "energiearm" +
// "oede"); then the shorter head, because Dutch compounds are right-headed and the modifier is
// the part that may be a compound itself ("aardgas" + "vrij", not "aard" + "gasvrij").
bool better(const std::vector<CompoundPart>& parts, size_t shortest,
            const std::vector<CompoundPart>& best_parts, size_t best_shortest) {
  if (best_parts.empty()) {
    return true;
  }
  if (parts.size() != best_parts.size()) {
    return parts.size() < best_parts.size();
  }
  if (shortest != best_shortest) {
    return shortest > best_shortest;
  }
  return parts.back().length < best_parts.back().length;
}

}  // namespace

// "hub", "lab", "app" are parts although shorter than the minimum: they are listed.
bool Decompounder::long_enough(std::string_view part) const {
  return part.size() >= options_.min_part_length || data_.is_short_part(part);
}

bool Decompounder::can_begin(std::string_view part) const {
  return long_enough(part) && data_.is_word(part) && !data_.is_stopword(part) &&
         !data_.never_begin(part);
}

bool Decompounder::can_end(std::string_view part) const {
  return long_enough(part) && data_.is_word(part) && !data_.never_head(part) &&
         !data_.is_stopword(part);
}

bool Decompounder::best_split(std::string_view word, size_t depth, Split& best) const {
  constexpr size_t kShortestListedPart = 3;
  const size_t min = std::min(options_.min_part_length, kShortestListedPart);
  if (depth >= options_.max_parts || word.size() < 2 * min) {
    return false;
  }
  for (size_t cut = min; cut + min <= word.size(); ++cut) {
    const std::string_view modifier = word.substr(0, cut);
    if (!can_begin(modifier)) {
      continue;
    }
    // "stadsdeel" is "stad" + linking s + "deel", even though "stads" is a word too: the part
    // is then the modifier without the s, which meets the simple word.
    const bool s_is_linking =
        modifier.ends_with('s') && cut > min && can_begin(modifier.substr(0, cut - 1));
    for (size_t link : {size_t{0}, size_t{1}}) {
      if ((link == 0 && s_is_linking) || (link == 1 && word[cut] != 's')) {
        continue;
      }
      const std::string_view head = word.substr(cut + link);
      if (head.size() < min) {
        continue;
      }
      std::vector<CompoundPart> candidate = {{0, static_cast<uint32_t>(cut)}};
      size_t shortest = cut;
      if (can_end(head)) {
        candidate.push_back(
            {static_cast<uint32_t>(cut + link), static_cast<uint32_t>(head.size())});
        shortest = std::min(cut, head.size());
      } else {
        Split rest;
        if (!best_split(head, depth + 1, rest)) {
          continue;
        }
        for (CompoundPart part : rest.parts) {
          part.offset += static_cast<uint32_t>(cut + link);
          candidate.push_back(part);
        }
        shortest = std::min(cut, rest.shortest);
      }
      if (better(candidate, shortest, best.parts, best.shortest)) {
        best.parts = std::move(candidate);
        best.shortest = shortest;
      }
    }
  }
  return !best.parts.empty();
}

std::vector<CompoundPart> Decompounder::split(std::string_view word) const {
  std::vector<CompoundPart> parts;
  if (word.size() < options_.min_word_length || word.size() > options_.max_word_length ||
      !is_letter_word(word)) {
    return parts;
  }
  Split split;
  if (!data_.never_split(word) && !data_.is_name(word) && best_split(word, 0, split)) {
    parts = std::move(split.parts);
  }
  return parts;
}

}  // namespace dealsearch::analyzers
