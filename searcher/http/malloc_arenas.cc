// limit_malloc_arenas: mallopt(M_ARENA_MAX), leaving an operator's own choice alone.
#include "searcher/http/malloc_arenas.h"

#include <malloc.h>

#include <algorithm>
#include <cstdlib>
#include <string_view>
#include <thread>

namespace dealsearch::http {
namespace {

bool operator_chose_arenas() {
  if (std::getenv("MALLOC_ARENA_MAX") != nullptr) {
    return true;
  }
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  return tunables != nullptr &&
         std::string_view(tunables).find("arena_max") != std::string_view::npos;
}

}  // namespace

bool limit_malloc_arenas(size_t arenas) {
  if (operator_chose_arenas() || arenas == 0) {
    return false;
  }
  return ::mallopt(M_ARENA_MAX, static_cast<int>(arenas)) == 1;
}

size_t default_malloc_arenas() { return std::max<size_t>(2, std::thread::hardware_concurrency()); }

}  // namespace dealsearch::http
