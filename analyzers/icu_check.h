// Converts ICU's error codes into dealsearch::Error, once, at the edge.
#pragma once

#include <unicode/utypes.h>

#include <string_view>

namespace dealsearch::analyzers {

// Throws dealsearch::Error (kLibrary) naming `what` when `status` is a failure.
void check_icu(UErrorCode status, std::string_view what);

}  // namespace dealsearch::analyzers
