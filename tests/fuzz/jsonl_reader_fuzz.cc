// Fuzzes read_jsonl, then builds every record it returns into a Xapian document.
#include <cstdint>
#include <string_view>
#include <vector>

#include "indexer/jsonl_reader.h"
#include "tests/fuzz/deal_checks.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dealsearch::fuzz::check;
  static dealsearch::fuzz::DealChecker checker;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<dealsearch::indexer::Diagnostic> diagnostics;
  const auto records = dealsearch::indexer::read_jsonl(text, "fuzz.jsonl", diagnostics);
  for (const dealsearch::indexer::Diagnostic& diagnostic : diagnostics) {
    // Line 0 stands for the whole input (see Diagnostic).
    check(diagnostic.line <= size + 1, "a diagnostic names a line of the input");
  }
  checker.build_and_check(records);
  return 0;
}
