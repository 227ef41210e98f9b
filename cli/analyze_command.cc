// dealsearch analyze: shows what the analyzer makes of a text, one token a line or as JSON.
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "analyzers/analyzer.h"
#include "cli/commands.h"

namespace dealsearch::cli {
namespace {

constexpr std::string_view kUsage = R"(usage: dealsearch analyze [options] [TEXT...]

Prints the terms the Dutch analyzer makes of TEXT (or of standard input when no TEXT is
given): one token a line with its position, byte range, term, stem and flags. The same
analysis runs over documents at index time and over queries at search time.

options:
  --json             print a JSON array of tokens instead
  --no-decompound    do not split compounds into their parts
  --data-dir DIR     read the analyzer's data files from DIR
                     (default: $DEALSEARCH_DATA_DIR, else the installed or source copy)
  --word-list FILE   Debian's Dutch word list (default: /usr/share/dict/dutch)
  -h, --help         show this help
)";

struct AnalyzeArgs {
  bool json = false;
  analyzers::AnalyzerDataPaths paths;
  analyzers::AnalyzerOptions options;
  std::string text;
  bool has_text = false;
};

// Returns nullopt after printing a usage error.
std::optional<AnalyzeArgs> parse(std::span<const std::string> args) {
  AnalyzeArgs parsed;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--json") {
      parsed.json = true;
    } else if (arg == "--no-decompound") {
      parsed.options.decompound = false;
    } else if ((arg == "--data-dir" || arg == "--word-list") && has_value) {
      (arg == "--data-dir" ? parsed.paths.data_dir : parsed.paths.word_list) = args[++i];
    } else if (arg.starts_with("-") && arg != "-") {
      std::cerr << "dealsearch analyze: unknown option or missing value: '" << arg << "'\n\n"
                << kUsage;
      return std::nullopt;
    } else {
      parsed.text += (parsed.has_text ? " " : "") + arg;
      parsed.has_text = true;
    }
  }
  return parsed;
}

std::string_view role_name(analyzers::TokenRole role) {
  return role == analyzers::TokenRole::kWord ? "word" : "part";
}

void print_tokens(const std::vector<analyzers::Token>& tokens, bool json) {
  if (json) {
    nlohmann::json out = nlohmann::json::array();
    for (const analyzers::Token& t : tokens) {
      out.push_back({{"term", t.term},
                     {"stem", t.stem},
                     {"position", t.position},
                     {"begin", t.begin},
                     {"end", t.end},
                     {"role", role_name(t.role)},
                     {"stopword", t.stopword}});
    }
    std::cout << out.dump(2) << "\n";
    return;
  }
  for (const analyzers::Token& t : tokens) {
    std::cout << t.position << "\t" << t.begin << "-" << t.end << "\t"
              << (t.role == analyzers::TokenRole::kPart ? "  " : "") << t.term << "\t" << t.stem
              << (t.stopword ? "\tstopword" : "") << "\n";
  }
}

}  // namespace

int run_analyze(std::span<const std::string> args) {
  if (asks_for_help(args)) {
    std::cout << kUsage;
    return 0;
  }
  std::optional<AnalyzeArgs> parsed = parse(args);
  if (!parsed) {
    return 2;
  }
  if (!parsed->has_text) {
    parsed->text.assign(std::istreambuf_iterator<char>(std::cin), {});
  }
  analyzers::Analyzer analyzer(analyzers::AnalyzerData::load(parsed->paths), parsed->options);
  print_tokens(analyzer.analyze(parsed->text), parsed->json);
  return 0;
}

}  // namespace dealsearch::cli
