// The subcommands of the dealsearch executable, one *_command.cc each.
#pragma once

#include <span>
#include <string>

namespace dealsearch::cli {

// Whether the arguments ask for a command's help (-h or --help anywhere).
inline bool asks_for_help(std::span<const std::string> args) {
  for (const std::string& arg : args) {
    if (arg == "--help" || arg == "-h") {
      return true;
    }
  }
  return false;
}

// Each takes the arguments after the subcommand's name and returns the process exit code.
// They print usage errors themselves (exit 2) and let dealsearch::Error reach main (exit 1).
int run_analyze(std::span<const std::string> args);
int run_index(std::span<const std::string> args);
int run_search(std::span<const std::string> args);
int run_serve(std::span<const std::string> args);

}  // namespace dealsearch::cli
