// The subcommands of the dealsearch executable, one *_command.cc each.
#pragma once

#include <span>
#include <string>

namespace dealsearch::cli {

// Each takes the arguments after the subcommand's name and returns the process exit code.
// They print usage errors themselves (exit 2, see cli/options.h) and let dealsearch::Error
// reach main (exit 1).
int run_analyze(std::span<const std::string> args);
int run_index(std::span<const std::string> args);
int run_search(std::span<const std::string> args);
int run_serve(std::span<const std::string> args);

}  // namespace dealsearch::cli
