// The server's malloc arena limit: set unless the operator chose a number. (ctest runs each
// test in a process of its own, so the environment and the limit do not leak between them.)
#include "searcher/http/malloc_arenas.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace dealsearch::http {
namespace {

// The sanitizers bring their own malloc, which ignores mallopt.
bool malloc_is_glibcs() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  return false;
#else
  return true;
#endif
}

class MallocArenas : public ::testing::Test {
 protected:
  void SetUp() override {
    ::unsetenv("MALLOC_ARENA_MAX");
    ::unsetenv("GLIBC_TUNABLES");
  }
};

TEST_F(MallocArenas, AreLimitedToOneACoreByDefault) {
  if (!malloc_is_glibcs()) {
    GTEST_SKIP() << "a sanitizer's malloc ignores mallopt";
  }
  EXPECT_GE(default_malloc_arenas(), 2u);
  EXPECT_TRUE(limit_malloc_arenas(default_malloc_arenas()));
}

TEST_F(MallocArenas, AreLeftAsTheOperatorSetThem) {
  ::setenv("MALLOC_ARENA_MAX", "8", 1);
  EXPECT_FALSE(limit_malloc_arenas(2));
  ::unsetenv("MALLOC_ARENA_MAX");
  ::setenv("GLIBC_TUNABLES", "glibc.malloc.check=0:glibc.malloc.arena_max=8", 1);
  EXPECT_FALSE(limit_malloc_arenas(2));
}

}  // namespace
}  // namespace dealsearch::http
