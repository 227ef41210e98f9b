// dealsearch: the one executable; dispatches to a subcommand and is the CLI's error boundary.
#include <xapian.h>

#include <array>
#include <exception>
#include <iostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/error.h"
#include "cli/commands.h"

namespace {

struct Subcommand {
  std::string_view name;
  std::string_view summary;
  int (*run)(std::span<const std::string>);
};

constexpr std::array kSubcommands = {
    Subcommand{"analyze", "show the terms the Dutch analyzer makes of a text",
               &dealsearch::cli::run_analyze},
    Subcommand{"index", "turn deal documents into the search index", &dealsearch::cli::run_index},
    Subcommand{"search", "search the index from the command line", &dealsearch::cli::run_search},
    Subcommand{"serve", "serve the HTTP API", &dealsearch::cli::run_serve},
};

void print_usage(std::ostream& out) {
  out << "usage: dealsearch <command> [options]\n\ncommands:\n";
  for (const Subcommand& command : kSubcommands) {
    out << "  " << command.name << std::string(10 - command.name.size(), ' ') << command.summary
        << "\n";
  }
  out << "\n'dealsearch <command> --help' describes a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_usage(args.empty() ? std::cerr : std::cout);
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "dealsearch " << DEALSEARCH_VERSION << "\n";
    return 0;
  }
  for (const Subcommand& command : kSubcommands) {
    if (args[0] != command.name) {
      continue;
    }
    try {
      return command.run(std::span(args).subspan(1));
    } catch (const dealsearch::Error& error) {
      std::cerr << "dealsearch " << command.name << ": " << error.what() << "\n";
      return 1;
    } catch (const std::exception& error) {
      std::cerr << "dealsearch " << command.name << ": internal error: " << error.what()
                << "\nplease report this with the command you ran\n";
      return 1;
    } catch (const Xapian::Error& error) {
      // Converted where Xapian is called; this is the net under a call that was missed.
      std::cerr << "dealsearch " << command.name << ": " << error.get_description()
                << "\nplease report this with the command you ran\n";
      return 1;
    }
  }
  std::cerr << "dealsearch: unknown command '" << args[0] << "'\n\n";
  print_usage(std::cerr);
  return 2;
}
