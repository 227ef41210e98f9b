// Folder: per-code-point NFKC casefold + diacritics removal with a precomputed BMP table.
#include "analyzers/folding.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "analyzers/icu_check.h"

namespace dealsearch::analyzers {
namespace {

constexpr int32_t kBmpSize = 0x10000;

// Typographic apostrophes and their look-alikes all mean the same in Dutch:
// "regio’s" and "regio's", "‘s-Hertogenbosch" and "'s-Hertogenbosch".
bool is_apostrophe_variant(int32_t c) {
  return c == 0x2018 || c == 0x2019 || c == 0x201B || c == 0x02BC || c == 0x0060 || c == 0x00B4 ||
         c == 0x2032 || c == 0xFF07;
}

std::string fold_with_icu(int32_t code_point, const icu::Normalizer2& casefold,
                          const icu::Normalizer2& decompose) {
  if (is_apostrophe_variant(code_point)) {
    return "'";
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString folded = casefold.normalize(icu::UnicodeString(code_point), status);
  check_icu(status, "NFKC casefold");
  icu::UnicodeString decomposed = decompose.normalize(folded, status);
  check_icu(status, "NFD decomposition");
  icu::UnicodeString kept;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) {
      kept.append(c);
    }
    i += U16_LENGTH(c);
  }
  std::string utf8;
  kept.toUTF8String(utf8);
  return utf8;
}

void append_utf8(int32_t code_point, std::string& out) {
  char buffer[U8_MAX_LENGTH];
  int32_t length = 0;
  UBool unencodable = false;
  U8_APPEND(buffer, length, U8_MAX_LENGTH, code_point, unencodable);
  if (unencodable) {
    out += "\xEF\xBF\xBD";
    return;
  }
  out.append(buffer, static_cast<size_t>(length));
}

}  // namespace

Folder::Folder() : bmp_table_(kBmpSize) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  check_icu(status, "loading ICU's NFKC casefold data");
  const icu::Normalizer2* decompose = icu::Normalizer2::getNFDInstance(status);
  check_icu(status, "loading ICU's NFD data");
  for (int32_t c = 0; c < kBmpSize; ++c) {
    if (c < 0x80) {
      bmp_table_[c] = std::string(1, static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else if (U_IS_SURROGATE(c)) {
      bmp_table_[c] = "\xEF\xBF\xBD";  // U+FFFD
    } else {
      bmp_table_[c] = fold_with_icu(c, *casefold, *decompose);
    }
  }
}

void Folder::append_folded(int32_t code_point, std::string& out) const {
  if (code_point < 0) {
    out += "\xEF\xBF\xBD";
  } else if (code_point < kBmpSize) {
    out += bmp_table_[static_cast<size_t>(code_point)];
  } else {
    // Outside the BMP (emoji, historic scripts): rare enough to leave as is, lower-cased.
    append_utf8(u_foldCase(code_point, U_FOLD_CASE_DEFAULT), out);
  }
}

void Folder::fold(std::string_view text, std::string& out,
                  std::vector<uint32_t>* source_offsets) const {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    if (bytes[i] < 0x80) {  // ASCII fast path: most of a Dutch text
      const char c = static_cast<char>(bytes[i]);
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      ++i;
    } else {
      UChar32 c = 0;
      U8_NEXT(bytes, i, length, c);
      append_folded(c, out);
    }
    if (source_offsets != nullptr) {
      source_offsets->resize(out.size(), static_cast<uint32_t>(start));
    }
  }
}

std::string Folder::fold(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  fold(text, out);
  return out;
}

}  // namespace dealsearch::analyzers
