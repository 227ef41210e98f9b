// Folding: NFKC, case folding and diacritics removal, identical for documents and queries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dealsearch::analyzers {

// Folds text to the form terms are made of: "Creëren" -> "creeren", "Fryslân" -> "fryslan",
// "ĳver" -> "ijver", "regio’s" -> "regio's", a soft hyphen disappears.
//
// Folding works code point by code point (NFKC casefold, then canonical decomposition, then
// every non-spacing mark dropped), which keeps a byte-exact map back to the source text for
// highlighting. For Latin script this equals folding the whole string at once; a combining
// mark typed separately ("e" + U+0308) is dropped just like the precomposed "ë".
//
// Construction builds a table for the Basic Multilingual Plane (about 2 MB, a few
// milliseconds) and throws dealsearch::Error if ICU's normalisation data is missing.
// Immutable afterwards: one Folder may be shared by any number of threads.
class Folder {
 public:
  Folder();

  // Appends the folded form of UTF-8 `text` to `out`. When `source_offsets` is given, appends
  // for each byte appended to `out` the byte offset in `text` of the code point it came from.
  // Ill-formed UTF-8 folds to U+FFFD and never stops the fold.
  void fold(std::string_view text, std::string& out,
            std::vector<uint32_t>* source_offsets = nullptr) const;

  // Convenience for whole words and data files.
  [[nodiscard]] std::string fold(std::string_view text) const;

 private:
  void append_folded(int32_t code_point, std::string& out) const;

  std::vector<std::string> bmp_table_;  // folded UTF-8 for U+0000..U+FFFF
};

}  // namespace dealsearch::analyzers
