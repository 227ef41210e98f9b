// check_icu: ICU failures become dealsearch::Error with ICU's own name for the code.
#include "analyzers/icu_check.h"

#include <string>

#include "analyzers/error.h"

namespace dealsearch::analyzers {

void check_icu(UErrorCode status, std::string_view what) {
  if (U_SUCCESS(status)) {
    return;
  }
  throw Error(ErrorKind::kLibrary, std::string(what) + " failed: " + u_errorName(status), "ICU",
              "check that the libicu72 package is installed and complete");
}

}  // namespace dealsearch::analyzers
