// Fuzzes Analyzer::analyze: any bytes, valid UTF-8 or not, give tokens that lie in the text.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/fuzz/fuzz_check.h"

namespace dealsearch::fuzz {
namespace {

// What the indexer and the snippets rely on: a term to index (Xapian refuses an empty one), a
// byte range inside the text (snippets cut the text there), and positions in text order.
void check_tokens(std::string_view text, const std::vector<analyzers::Token>& tokens) {
  uint32_t position = 0;
  for (const analyzers::Token& token : tokens) {
    check(!token.term.empty() && !token.stem.empty(), "a token has a term and a stem");
    check(token.begin <= token.end && token.end <= text.size(),
          "a token's byte range lies in the text");
    check(token.position >= position, "positions never decrease");
    position = token.position;
  }
}

}  // namespace
}  // namespace dealsearch::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // One analyzer for the whole run, as an indexing thread has: its word cache carries over
  // from input to input, so the fuzzer also explores a warm cache.
  static dealsearch::analyzers::Analyzer analyzer(dealsearch::testing::shared_analyzer_data());
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  dealsearch::fuzz::check_tokens(text, analyzer.analyze(text));
  return 0;
}
