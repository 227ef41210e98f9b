// dealsearch: the one executable; dispatches to a subcommand and is the CLI's error boundary.
#include <xapian.h>

#include <algorithm>
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
  const dealsearch::cli::Command* command;  // its name, options and --help
  std::string_view summary;
  int (*run)(std::span<const std::string>);
};

const std::array kSubcommands = {
    Subcommand{&dealsearch::cli::kAnalyzeCommand,
               "show the terms the Dutch analyzer makes of a text", &dealsearch::cli::run_analyze},
    Subcommand{&dealsearch::cli::kExtractPdfCommand,
               "print a PDF's text lines as JSON (the indexer runs it for each PDF)",
               &dealsearch::cli::run_extract_pdf},
    Subcommand{&dealsearch::cli::kIndexCommand, "turn deal documents into the search index",
               &dealsearch::cli::run_index},
    Subcommand{&dealsearch::cli::kSearchCommand, "search the index from the command line",
               &dealsearch::cli::run_search},
    Subcommand{&dealsearch::cli::kServeCommand, "serve the HTTP API", &dealsearch::cli::run_serve},
};

void print_usage(std::ostream& out) {
  out << "usage: dealsearch <command> [options]\n\ncommands:\n";
  size_t column = 0;
  for (const Subcommand& command : kSubcommands) {
    column = std::max(column, command.command->name.size() + 2);
  }
  for (const Subcommand& command : kSubcommands) {
    const std::string_view name = command.command->name;
    out << "  " << name << std::string(column - name.size(), ' ') << command.summary << "\n";
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
    const std::string_view name = command.command->name;
    if (args[0] != name) {
      continue;
    }
    const std::span<const std::string> command_args = std::span(args).subspan(1);
    if (dealsearch::cli::asks_for_help(command_args)) {
      std::cout << dealsearch::cli::help_text(*command.command);
      return 0;
    }
    try {
      return command.run(command_args);
    } catch (const dealsearch::Error& error) {
      std::cerr << "dealsearch " << name << ": " << error.what() << "\n";
      return 1;
    } catch (const std::exception& error) {
      std::cerr << "dealsearch " << name << ": internal error: " << error.what()
                << "\nplease report this with the command you ran\n";
      return 1;
    } catch (const Xapian::Error& error) {
      // Converted where Xapian is called; this is the net under a call that was missed.
      std::cerr << "dealsearch " << name << ": " << error.get_description()
                << "\nplease report this with the command you ran\n";
      return 1;
    }
  }
  std::cerr << "dealsearch: unknown command '" << args[0] << "'\n\n";
  print_usage(std::cerr);
  return 2;
}
