// Analyzer: Dutch text -> terms with positions and byte ranges; the one code path for
// documents and queries.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer_data.h"
#include "analyzers/decompounder.h"
#include "analyzers/lemmatizer.h"
#include "analyzers/segmenter.h"

namespace dealsearch::analyzers {

struct AnalyzerOptions {
  // Split compounds into their parts ("energiearmoede" -> "energie", "armoede"). Default on.
  bool decompound = true;
  DecompoundOptions decompounding;
};

enum class TokenRole {
  kWord,  // what the text says at this position: "energiearmoede", "sittardgeleen"
  kPart,  // a part of the word before it, at the same position: "energie", "sittard"
};

struct Token {
  // The folded form: "energiearmoede", "creeren", "regio's", "sittardgeleen" (a hyphenated
  // word is joined, so "energie-armoede" meets "energiearmoede"), "https://agendastad.nl".
  std::string term;
  // What related forms share: "fietsen" and "fiets" -> "fiet", "kinderen" and "kind" ->
  // "kind". Equal to `term` for numbers, URLs and e-mail addresses.
  std::string stem;
  // Counts words from 0; the parts of a word share its position, so a phrase query over the
  // words matches however each word was split.
  uint32_t position = 0;
  // The byte range [begin, end) in the analysed text that this token stands for; for a
  // compound part only that part ("armoede" in "energiearmoede"), for highlighting.
  uint32_t begin = 0;
  uint32_t end = 0;
  TokenRole role = TokenRole::kWord;
  // A function word ("de", "van", "zo'n"): indexed, so phrases find it, but not searched alone.
  bool stopword = false;
};

// Turns Dutch text into tokens: ICU segmentation (see Segmenter), folding (see Folder),
// stemming corrected by a lexicon (see Lemmatizer, then Xapian's Snowball "dutch"),
// decompounding (see Decompounder) and stopword marking. Documents and queries go through
// analyze() alike, so that whatever a person types meets what the text says.
//
// Never throws for any input text, including ill-formed UTF-8. Construction throws
// dealsearch::Error when ICU data is missing. Not thread-safe (it keeps an ICU iterator and a
// cache of analysed words): use one Analyzer per thread, all sharing one AnalyzerData.
class Analyzer {
 public:
  // Bump whenever the terms produced for some text change: indexes record it, and a searcher
  // with another version refuses to serve them.
  static constexpr std::string_view kVersion = "nl-4";
  static constexpr std::string_view kStemmerLanguage = "dutch";

  explicit Analyzer(std::shared_ptr<const AnalyzerData> data, AnalyzerOptions options = {});

  [[nodiscard]] std::vector<Token> analyze(std::string_view text);

  // Whether the folded word `stem` is, as a word of a text, its own stem and no stopword: the
  // index then holds that word's own term for the stem, not a stem term (schema.h,
  // has_stem_term()). "fiets": yes; "fiet", "de": no.
  [[nodiscard]] bool is_own_stem(const std::string& stem);

  const AnalyzerData& data() const { return *data_; }

  // Identifies everything that shapes the terms: version, stemmer, options and data.
  [[nodiscard]] std::string fingerprint() const;

 private:
  struct WordAnalysis {
    std::string stem;
    bool stopword = false;
    std::vector<CompoundPart> parts;  // byte ranges of the folded word
  };
  struct CacheSlot {
    std::string term;  // empty: the slot is free
    WordAnalysis analysis;
  };

  const WordAnalysis& analyze_word(const std::string& term);
  WordAnalysis compute_word(const std::string& term);
  std::string stem_of(const std::string& base);
  void add_unit(std::string_view text, const TextUnit& unit, uint32_t position,
                std::vector<Token>& tokens);
  void add_hyphenated(std::string_view text, const TextUnit& unit, uint32_t position,
                      std::vector<Token>& tokens);
  void add_word(std::string_view text, ByteRange range, uint32_t position, TokenRole role,
                std::vector<Token>& tokens);

  std::shared_ptr<const AnalyzerData> data_;
  AnalyzerOptions options_;
  Segmenter segmenter_;
  Lemmatizer lemmatizer_;
  Decompounder decompounder_;
  Xapian::Stem snowball_;
  // Direct-mapped: a word's hash picks its one slot, and a newer word evicts an older one.
  // Bounded memory and one memory access a lookup, where a node-based map stalls on the
  // pointer chase once it holds hundreds of thousands of words.
  std::vector<CacheSlot> cache_;
  // The analysis of the last word too long to cache (see analyze_word).
  WordAnalysis uncached_;
};

}  // namespace dealsearch::analyzers
