// dealsearch extract-pdf: one PDF's text lines as JSON, in a process the indexer can afford
// to lose (it runs this for each PDF; see indexer/formats/pdf_reader.h).
#include <iostream>
#include <new>
#include <optional>
#include <string>

#include "analyzers/error.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "indexer/formats/pdf_lines.h"
#include "indexer/formats/pdf_reader.h"

// Under AddressSanitizer, LeakSanitizer checks the process at exit. Fontconfig, which poppler
// asks where the standard 14 fonts ("Helvetica") are, keeps its configuration for the life of
// the process: not our leak, and reported it would turn every extraction into a failure.
#if defined(__SANITIZE_ADDRESS__)
#define DEALSEARCH_LEAK_CHECKED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DEALSEARCH_LEAK_CHECKED 1
#endif
#endif
#ifdef DEALSEARCH_LEAK_CHECKED
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif

namespace dealsearch::cli {
namespace {

constexpr Option kOptions[] = {
    {"--cpu-seconds", "N", "stop after N seconds of CPU time; 0: no limit (default: 30)",
     CountRange{0, 86400}},
    {"--memory-mb", "N",
     "use at most N MB (MiB) of address space; 0: no limit (default: 1024;\n"
     "not applied in a build with AddressSanitizer)",
     CountRange{0, 1 << 20}},
};

constexpr std::string_view kAbout =
    R"(Prints the text lines of the PDF FILE as JSON: its metadata (title, creator, producer)
and, page by page, each line's text, position, height and font size, in reading order.
'dealsearch index' runs this for each PDF, so that a hostile file can crash, or use up its
CPU time or memory, without taking the indexer with it.
)";

constexpr std::string_view kExitStatus =
    R"(Exit status: 0 on success, 1 when FILE is no readable PDF (corrupt, encrypted, out of
memory), 2 for a usage error; killed by SIGXCPU at the CPU limit.
)";

}  // namespace

constexpr Command kExtractPdfCommand{.name = "extract-pdf",
                                     .synopsis = "[--cpu-seconds N] [--memory-mb N] FILE",
                                     .about = kAbout,
                                     .options = kOptions,
                                     .operands = Operands::kWords,
                                     .epilogue = kExitStatus};

int run_extract_pdf(std::span<const std::string> args) {
  const std::optional<ParsedArgs> given = parse_args(kExtractPdfCommand, args, std::cerr);
  if (!given) {
    return 2;
  }
  if (given->operands().size() != 1) {
    print_usage_error(kExtractPdfCommand,
                      given->operands().empty() ? "no FILE given" : "give exactly one FILE",
                      std::cerr);
    return 2;
  }
  // Before anything else: the limits must hold for everything poppler does.
  indexer::PdfLimits limits;
  given->set_if_given("--cpu-seconds", limits.cpu_seconds);
  if (const std::optional<size_t> megabytes = given->count("--memory-mb")) {
    limits.memory_bytes = *megabytes << 20;
  }
  indexer::limit_this_process(limits);

  const std::string& file = given->operands().front();
  std::string json;
  try {
    json = indexer::pdf_lines_to_json(indexer::read_pdf_lines(file));
  } catch (const std::bad_alloc&) {
    // Poppler's memory is given back by now, enough to say why.
    throw Error(ErrorKind::kBadInput, "out of memory", file,
                "the PDF needs more than --memory-mb allows");
  }
  std::cout << json << "\n" << std::flush;
  return std::cout ? 0 : 1;
}

}  // namespace dealsearch::cli
