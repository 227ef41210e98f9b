// Analyzer: segmentation, folding, lexicon-corrected stemming and decompounding, per unit.
#include "analyzers/analyzer.h"

#include <algorithm>
#include <utility>

#include "analyzers/schema.h"

namespace dealsearch::analyzers {
namespace {

// Slots in the cache of analysed words (a power of two). Dutch text of any size reaches a
// high hit rate with far fewer distinct words than this: the frequent ones are few.
constexpr size_t kCacheSlots = size_t{1} << 16;
// Longer words are analysed afresh each time, not cached. No word of the word list is longer
// (the longest has 50 bytes), and caching every pasted blob or 1,000-byte "word" a query can
// hold would let the slots grow to a hundred megabytes an analyzer, one a server worker.
constexpr size_t kMaxCachedWordBytes = 64;

bool has_digit(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c & 0x80) == 0; });
}

// The byte offset in the source of folded byte `at`, or `source_end` past the last byte.
uint32_t source_offset(const std::vector<uint32_t>& offsets, size_t at, uint32_t source_end) {
  return at < offsets.size() ? offsets[at] : source_end;
}

// "deals" -> "deal", "budgets" -> "budget": a plural in -s that the Lemmatizer leaves to
// Snowball (it strips -s only after the endings that take it in Dutch, so that "huis" keeps
// its s). "toets" and "kans" are no plurals: they have plurals of their own ("toetsen").
bool strips_plural_s(const AnalyzerData& data, std::string_view base, std::string_view stem) {
  return base.size() == stem.size() + 1 && base.ends_with('s') && base.starts_with(stem) &&
         !data.is_word(std::string(base) + "en");
}

}  // namespace

Analyzer::Analyzer(std::shared_ptr<const AnalyzerData> data, AnalyzerOptions options)
    : data_(std::move(data)),
      options_(options),
      lemmatizer_(*data_),
      decompounder_(*data_, options.decompounding),
      snowball_(std::string(kStemmerLanguage)),
      cache_(kCacheSlots) {}

std::string Analyzer::fingerprint() const {
  return std::string(kVersion) + ";stemmer=" + std::string(kStemmerLanguage) +
         ";decompound=" + (options_.decompound ? "1" : "0") +
         ";min_part=" + std::to_string(options_.decompounding.min_part_length) +
         ";data=" + data_->fingerprint();
}

bool Analyzer::is_own_stem(const std::string& stem) {
  if (stem.empty()) {
    return false;
  }
  const WordAnalysis& word = analyze_word(stem);
  return !word.stopword && !schema::has_stem_term(stem, word.stem, word.stopword);
}

std::vector<Token> Analyzer::analyze(std::string_view text) {
  std::vector<Token> tokens;
  const std::vector<TextUnit> units = segmenter_.segment(text);
  tokens.reserve(units.size() * 5 / 4);
  uint32_t position = 0;
  for (const TextUnit& unit : units) {
    add_unit(text, unit, position++, tokens);
  }
  return tokens;
}

void Analyzer::add_unit(std::string_view text, const TextUnit& unit, uint32_t position,
                        std::vector<Token>& tokens) {
  switch (unit.kind) {
    case UnitKind::kWord:
      if (unit.pieces.empty()) {
        add_word(text, unit.range, position, TokenRole::kWord, tokens);
      } else {
        add_hyphenated(text, unit, position, tokens);
      }
      return;
    case UnitKind::kNumber:
    case UnitKind::kUrl:
    case UnitKind::kEmail: {
      // "2,5", "https://agendastad.nl": findable as written; the words of a URL or address
      // ("agendastad") are parts, so a search for the name finds the address too.
      std::string term =
          data_->folder().fold(text.substr(unit.range.begin, unit.range.end - unit.range.begin));
      tokens.push_back(
          {term, term, position, unit.range.begin, unit.range.end, TokenRole::kWord, false});
      for (const ByteRange& piece : unit.pieces) {
        add_word(text, piece, position, TokenRole::kPart, tokens);
      }
      return;
    }
  }
}

// "Sittard-Geleen": the joined word "sittardgeleen" (so "energie-armoede" meets
// "energiearmoede"), then every piece as a part.
void Analyzer::add_hyphenated(std::string_view text, const TextUnit& unit, uint32_t position,
                              std::vector<Token>& tokens) {
  std::string joined;
  for (const ByteRange& piece : unit.pieces) {
    data_->folder().fold(text.substr(piece.begin, piece.end - piece.begin), joined);
  }
  // "'s-Hertogenbosch" joins to "shertogenbosch", as a person types it without apostrophe.
  joined.erase(std::remove(joined.begin(), joined.end(), '\''), joined.end());
  const WordAnalysis& whole = analyze_word(joined);
  tokens.push_back(
      {joined, whole.stem, position, unit.range.begin, unit.range.end, TokenRole::kWord, false});
  for (const ByteRange& piece : unit.pieces) {
    add_word(text, piece, position, TokenRole::kPart, tokens);
  }
}

void Analyzer::add_word(std::string_view text, ByteRange range, uint32_t position, TokenRole role,
                        std::vector<Token>& tokens) {
  const std::string_view written = text.substr(range.begin, range.end - range.begin);
  std::string term;
  std::vector<uint32_t> offsets;
  const bool ascii = is_ascii(written);
  data_->folder().fold(written, term, ascii ? nullptr : &offsets);
  if (term.empty()) {
    return;
  }
  const WordAnalysis& word = analyze_word(term);
  tokens.push_back({term, word.stem, position, range.begin, range.end, role, word.stopword});
  // Copy: analysing the parts may evict `word` from its cache slot (or replace uncached_).
  const std::vector<CompoundPart> parts = word.parts;
  for (const CompoundPart& part : parts) {
    std::string part_term = term.substr(part.offset, part.length);
    const uint32_t begin = ascii ? range.begin + part.offset : range.begin + offsets[part.offset];
    const uint32_t end = ascii ? range.begin + part.offset + part.length
                               : range.begin + source_offset(offsets, part.offset + part.length,
                                                             range.end - range.begin);
    const WordAnalysis& analysed_part = analyze_word(part_term);
    tokens.push_back({std::move(part_term), analysed_part.stem, position, begin, end,
                      TokenRole::kPart, analysed_part.stopword});
  }
}

const Analyzer::WordAnalysis& Analyzer::analyze_word(const std::string& term) {
  if (term.size() > kMaxCachedWordBytes) {
    uncached_ = compute_word(term);
    return uncached_;
  }
  CacheSlot& slot = cache_[StringHash{}(term) & (kCacheSlots - 1)];
  if (slot.term != term || term.empty()) {
    slot.analysis = compute_word(term);
    slot.term = term;
  }
  return slot.analysis;
}

Analyzer::WordAnalysis Analyzer::compute_word(const std::string& term) {
  WordAnalysis word;
  word.stopword = data_->is_stopword(term);
  if (has_digit(term)) {
    word.stem = term;  // "g40", "co2", "2023": no Dutch ending to strip
    return word;
  }
  std::string base = lemmatizer_.base_form(term);
  if (options_.decompound) {
    word.parts = decompounder_.split(term);
  }
  if (!word.parts.empty() && base != term && data_->is_word(base) &&
      decompounder_.split(base).empty()) {
    // "kinderen" is an inflection of "kind", not "kind" + "eren".
    word.parts.clear();
  }
  if (!word.parts.empty() && base == term && !data_->is_word(term)) {
    // A compound missing from the word list inflects on its head: "vastgoedeigenaren" ->
    // "vastgoed" + base("eigenaren") = "vastgoedeigenaar", the same base as the singular.
    const CompoundPart head = *std::min_element(
        word.parts.begin(), word.parts.end(), [&](const CompoundPart& a, const CompoundPart& b) {
          const bool a_ends = a.offset + a.length == term.size();
          const bool b_ends = b.offset + b.length == term.size();
          return a_ends != b_ends ? a_ends : a.offset < b.offset;
        });
    base = term.substr(0, head.offset) + lemmatizer_.base_form(term.substr(head.offset));
  }
  word.stem = stem_of(base);
  return word;
}

// Snowball shortens the vowel of a last syllable ("lees" -> "les", "zaak" -> "zak"), strips
// what looks like a verb's -t ("kort" -> "kor", "licht" -> "lich") and an -e ("hitte" ->
// "hit"), so that a lemma meets another word: "lezen" would find "les". When Snowball takes
// a letter or two off a word and leaves another word, the lemma is the term: every form of
// "lezen" still has the base "lees", so they all meet there, and "les" keeps "les". A
// longer suffix Snowball strips is a derivation the index means to join ("veiligheid" ->
// "veilig").
std::string Analyzer::stem_of(const std::string& base) {
  constexpr size_t kMostLettersOfAnInflection = 2;
  std::string stem = snowball_(base);
  if (stem.empty() ||
      (stem != base && stem.size() + kMostLettersOfAnInflection >= base.size() &&
       data_->is_word(stem) && data_->is_word(base) && !strips_plural_s(*data_, base, stem))) {
    return base;
  }
  return stem;
}

}  // namespace dealsearch::analyzers
