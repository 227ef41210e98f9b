// What the fuzz targets share: stopping on a broken promise, the same way in every build.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>

namespace dealsearch::fuzz {

// Aborts with `what` unless `ok`. libFuzzer and the replay driver both report the abort as a
// crash, in Release builds too, where assert() would be gone.
inline void check(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "fuzz check failed: %s\n", what.c_str());
    std::abort();
  }
}

}  // namespace dealsearch::fuzz
