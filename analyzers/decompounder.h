// Decompounder: finds the dictionary words a Dutch compound is written from
// ("energiearmoede" -> "energie" + "armoede").
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "analyzers/analyzer_data.h"

namespace dealsearch::analyzers {

struct DecompoundOptions {
  // Parts shorter than this (in bytes of the folded word) are never split off: keeps "verkeer"
  // from becoming "ver" + "keer". Default 4. The words of compound-shortparts-nl.txt ("hub",
  // "lab", "app") are parts whatever their length.
  size_t min_part_length = 4;
  // Words shorter than this are never split. Default 8.
  size_t min_word_length = 8;
  // Longer words are left alone: they are URLs, chemical names or garbage. Default 60.
  size_t max_word_length = 60;
  // The most parts one word is split into. Default 4.
  size_t max_parts = 4;
};

// A part of a compound: a byte range of the folded word.
struct CompoundPart {
  uint32_t offset = 0;
  uint32_t length = 0;
  bool operator==(const CompoundPart&) const = default;
};

// Splits a folded word into parts that are words of the lexicon (Debian's wdutch list plus our
// compound-parts list), allowing the linking -s- ("stadsdeel" -> "stad" + "deel"); the linking
// -en- needs no rule because plurals are words themselves ("schuldenproblematiek" -> "schulden"
// + "problematiek"). Of all splits it takes the one with the fewest parts, then the one whose
// shortest part is longest ("energie" + "armoede", not "energiearm" + "oede").
//
// Precision guards: a minimum part length, which the short words of compound-shortparts-nl.txt
// are spared ("innovatiehub" -> "innovatie" + "hub"); words in compound-nosplit-nl.txt are
// never split ("belangrijk"); words in compound-nohead-nl.txt never end a compound ("leefbaar" is
// not "leef" + "baar"); stopwords and compound-nomodifier-nl.txt words never begin one
// ("onderzoek" is not "onder" + "zoek"); an inflected form of a simple word is not a compound
// ("kinderen" is "kind" + plural, not "kind" + "eren": the caller checks the Lemmatizer first).
//
// Thread-safe: const, no state but the shared AnalyzerData, which must outlive it.
class Decompounder {
 public:
  Decompounder(const AnalyzerData& data, DecompoundOptions options)
      : data_(data), options_(options) {}

  // The parts of `word`, left to right ("woningbouwopgave" -> "woningbouw", "opgave"). A part
  // that is a word of the lexicon is not split further: "vastgoedeigenaren" -> "vastgoed",
  // "eigenaren", never "vast" + "goed". Empty when the word is not a compound.
  [[nodiscard]] std::vector<CompoundPart> split(std::string_view word) const;

 private:
  struct Split;
  bool best_split(std::string_view word, size_t depth, Split& best) const;
  bool long_enough(std::string_view part) const;
  bool can_begin(std::string_view part) const;
  bool can_end(std::string_view part) const;

  const AnalyzerData& data_;
  DecompoundOptions options_;
};

}  // namespace dealsearch::analyzers
