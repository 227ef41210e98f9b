// How many malloc arenas the server's threads share: a process-wide setting of glibc's.
#pragma once

#include <cstddef>

namespace dealsearch::http {

// Limits glibc's malloc to `arenas` arenas (M_ARENA_MAX), unless the operator chose a number
// already (MALLOC_ARENA_MAX, or glibc.malloc.arena_max in GLIBC_TUNABLES). Returns whether it
// set the limit.
//
// Why: the server runs a thread a connection. glibc gives busy threads arenas of their own,
// up to 8 a core, and memory freed in one stays there, fragmented by the next requests; over
// a 20-minute soak RSS grew from 79 to 110 MB while the heap in use stayed at 39 MB. With one
// arena a core it stayed between 55 and 67 MB (bench/RESULTS.md, the soak).
bool limit_malloc_arenas(size_t arenas);

// One arena a core, at least two.
[[nodiscard]] size_t default_malloc_arenas();

}  // namespace dealsearch::http
