// UTF-8 checks of text that comes from outside: files, web pages, request parameters.
#pragma once

#include <string_view>

namespace dealsearch::analyzers {

// Whether `text` is well-formed UTF-8 (no stray continuation byte, overlong form or
// surrogate). Thread-safe.
[[nodiscard]] bool is_valid_utf8(std::string_view text);

}  // namespace dealsearch::analyzers
