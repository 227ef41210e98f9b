// Segmenter: UTF-8 text -> the units that take one position each (words, numbers, hyphenated
// groups, URLs, e-mail addresses), with byte ranges.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace dealsearch::analyzers {

// A half-open byte range [begin, end) in the segmented text.
struct ByteRange {
  uint32_t begin = 0;
  uint32_t end = 0;
  bool operator==(const ByteRange&) const = default;
};

enum class UnitKind { kWord, kNumber, kUrl, kEmail };

// One position's worth of text.
struct TextUnit {
  UnitKind kind = UnitKind::kWord;
  ByteRange range;
  // The words inside a hyphenated group ("Sittard-Geleen" -> "Sittard", "Geleen"), a URL or an
  // e-mail address; empty for a plain word or number.
  std::vector<ByteRange> pieces;
};

// Splits text into units with ICU's word BreakIterator (UAX #29 with ICU's Dutch locale data),
// then applies what UAX #29 does not know about Dutch and the web:
//   - "regio's", "regio’s" and "zo’n" stay one word (UAX #29 already does this);
//   - "'s-Hertogenbosch" / "‘s-Hertogenbosch": the apostrophe belongs to the "'s";
//   - words joined by hyphens ("Sittard-Geleen", "Súdwest-Fryslân", "e-mail") form one unit
//     whose pieces are the words;
//   - URLs ("https://agendastad.nl/citydeals", "www.agendastad.nl") and e-mail addresses
//     ("info@agendastad.nl") are one unit each.
// Ill-formed UTF-8 is read as U+FFFD and never stops segmentation.
//
// Construction throws dealsearch::Error if ICU's break rules are missing. Not thread-safe (the
// ICU iterator holds the text): use one Segmenter per thread.
class Segmenter {
 public:
  Segmenter();
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  [[nodiscard]] std::vector<TextUnit> segment(std::string_view text);

 private:
  struct Icu;
  std::unique_ptr<Icu> icu_;
};

}  // namespace dealsearch::analyzers
