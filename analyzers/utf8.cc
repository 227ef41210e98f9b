// is_valid_utf8: ICU's U8_NEXT, which rejects every ill-formed sequence.
#include "analyzers/utf8.h"

#include <unicode/utf8.h>

#include <cstdint>

namespace dealsearch::analyzers {

bool is_valid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      return false;
    }
  }
  return true;
}

}  // namespace dealsearch::analyzers
