// Fuzzes read_citydeal_page, then builds every deal it returns into a Xapian document.
#include <cstdint>
#include <string_view>
#include <vector>

#include "indexer/citydeal_page.h"
#include "indexer/input_files.h"
#include "tests/fuzz/deal_checks.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dealsearch::fuzz::check;
  static dealsearch::fuzz::DealChecker checker;
  const std::string_view page(reinterpret_cast<const char*>(data), size);
  std::vector<dealsearch::indexer::Diagnostic> diagnostics;
  const auto records = dealsearch::indexer::read_citydeal_page(page, "fuzz.txt", diagnostics);
  for (const dealsearch::indexer::Diagnostic& diagnostic : diagnostics) {
    // Line 0 stands for the whole input (see Diagnostic).
    check(diagnostic.line <= size + 1, "a diagnostic names a line of the input");
  }
  // `dealsearch index` reads no page with invalid UTF-8 (see read_inputs), so neither do we.
  if (dealsearch::indexer::first_invalid_utf8_line(page) == 0) {
    checker.build_and_check(records);
  }
  return 0;
}
