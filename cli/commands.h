// The subcommands of the dealsearch executable, one *_command.cc each.
#pragma once

#include <span>
#include <string>

#include "cli/options.h"

namespace dealsearch::cli {

// Each subcommand's name, usage and option table; main prints its --help from it.
extern const Command kAnalyzeCommand;
extern const Command kExtractPdfCommand;
extern const Command kIndexCommand;
extern const Command kSearchCommand;
extern const Command kServeCommand;

// Each takes the arguments after the subcommand's name (which do not ask for --help) and
// returns the process exit code. They print usage errors themselves (exit 2, see
// cli/options.h) and let dealsearch::Error reach main (exit 1).
int run_analyze(std::span<const std::string> args);
int run_extract_pdf(std::span<const std::string> args);
int run_index(std::span<const std::string> args);
int run_search(std::span<const std::string> args);
int run_serve(std::span<const std::string> args);

}  // namespace dealsearch::cli
