// The bytes of a saved web page as UTF-8, whatever its declared encoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dealsearch::indexer {

// `bytes` as UTF-8: as they are when they are valid UTF-8 (a byte order mark dropped), else
// converted from the charset the page declares (<meta charset="...">, or http-equiv's
// "charset=..."), else from windows-1252, as HTML5 decodes an undeclared legacy page. nullopt
// when the page declares UTF-8 and is not, or declares a charset ICU does not know.
// Thread-safe (no state).
[[nodiscard]] std::optional<std::string> html_as_utf8(std::string_view bytes);

}  // namespace dealsearch::indexer
