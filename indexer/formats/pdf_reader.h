// Reading a PDF document safely: poppler parses it in a child process with its CPU time,
// memory and wall-clock time limited, and the indexer gets the text or why there is none.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <variant>

#include "analyzers/analyzer_data.h"
#include "indexer/formats/pdf_text.h"

namespace dealsearch::indexer {

// What one PDF may cost. A signed agreement of 40 pages takes poppler well under a second and
// 100 MB; these limits only stop hostile or broken files.
struct PdfLimits {
  // CPU seconds the child may use (RLIMIT_CPU), then it is killed. 0: no limit. Default: 30.
  int cpu_seconds = 30;
  // Address space of the child (RLIMIT_AS), then its allocations fail. 0: no limit.
  // Default: 1 GiB. Not applied in a sanitizer build (see kPdfMemoryLimitApplies).
  size_t memory_bytes = size_t{1} << 30;
  // Seconds from the child's start until the parent kills it, whatever it is doing (waiting
  // on nothing uses no CPU). 0: no limit. Default: 60.
  int wall_seconds = 60;
};

// How to run the extraction child: `program` with the arguments
// `extract-pdf --cpu-seconds N --memory-mb N FILE`; in dealsearch itself, /proc/self/exe.
struct PdfExtractor {
  std::filesystem::path program;  // the dealsearch executable
  PdfLimits limits;
};

// Whether PdfLimits::memory_bytes is applied in this build. AddressSanitizer and
// ThreadSanitizer reserve terabytes of address space at start-up, so under them an RLIMIT_AS
// of any useful size would stop the child before main.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kPdfMemoryLimitApplies = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
inline constexpr bool kPdfMemoryLimitApplies = false;
#else
inline constexpr bool kPdfMemoryLimitApplies = true;
#endif
#else
inline constexpr bool kPdfMemoryLimitApplies = true;
#endif

// The text of PDF `file` (see pdf_text), or why it has none, in words for the user that name
// nothing but the problem (the caller adds the file name):
//   "cannot open the file; check that it exists and is readable"
//   "not a readable PDF; is the file complete? open it in a PDF viewer to check"
//   "encrypted: the PDF needs a password; save it without one"
//   "has no text (a scanned document? run OCR on it first)"
//   "the PDF parser crashed (signal 11)"
//   "the PDF parser ran out of time after 30 s of CPU"
//   "the PDF parser ran out of memory (more than 1024 MB)"
//   "the PDF parser did not finish within 60 s"
//   "the PDF parser's output is unreadable: ..."
//   "the PDF parser failed (exit status 2): ..." (the last line it wrote to stderr)
//
// Runs `extractor.program` as a child process (posix_spawn) and waits for it, reading its
// JSON (stdout) and error message (stderr) until it ends or `extractor.limits.wall_seconds`
// pass, when it is killed. Every call reaps its child and closes its pipes before returning,
// also when it throws. Thread-safe: any number of threads may call it at once (each has its
// own child; the pipes are close-on-exec, and each child closes every descriptor it has
// besides its standard three). The calling process must leave its children to their parents:
// no SIGCHLD handler that reaps any child, and SIGCHLD not ignored.
//
// Throws dealsearch::Error when the child cannot be started at all (kMissingFile: `program`
// is missing or not executable; kLibrary: no pipes or processes left), which no other PDF
// would fare better with.
[[nodiscard]] std::variant<PdfText, std::string> read_pdf(const std::filesystem::path& file,
                                                          const PdfExtractor& extractor,
                                                          const analyzers::AnalyzerData& lexicon);

// What the extraction child does first: limits its own CPU time and address space to
// `limits` (its wall-clock time is the parent's to watch), never above the limits it already
// has. Throws dealsearch::Error (kLibrary) when the system refuses.
void limit_this_process(const PdfLimits& limits);

}  // namespace dealsearch::indexer
