// dealsearch analyze: shows what the analyzer makes of a text, one token a line or as JSON.
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "analyzers/analyzer.h"
#include "cli/commands.h"
#include "cli/options.h"

namespace dealsearch::cli {
namespace {

constexpr Option kOptions[] = {
    {"--json", "", "print a JSON array of tokens instead"},
    {"--no-decompound", "", "do not split compounds into their parts"},
    {"--data-dir", "DIR",
     "read the analyzer's data files from DIR\n"
     "(default: $DEALSEARCH_DATA_DIR, else the installed or source copy)"},
    {"--word-list", "FILE", "Debian's Dutch word list (default: /usr/share/dict/dutch)"},
};

constexpr std::string_view kAbout =
    R"(Prints the terms the Dutch analyzer makes of TEXT (or of standard input when no TEXT is
given): one token a line with its position, byte range, term, stem and flags. The same
analysis runs over documents at index time and over queries at search time.
)";

}  // namespace

constexpr Command kAnalyzeCommand{.name = "analyze",
                                  .synopsis = "[options] [TEXT...]",
                                  .about = kAbout,
                                  .options = kOptions,
                                  .operands = Operands::kWords};

namespace {

struct AnalyzeArgs {
  bool json = false;
  analyzers::AnalyzerDataPaths paths;
  analyzers::AnalyzerOptions options;
  std::string text;
  bool has_text = false;
};

// Returns nullopt after printing a usage error.
std::optional<AnalyzeArgs> parse(std::span<const std::string> args) {
  const std::optional<ParsedArgs> given = parse_args(kAnalyzeCommand, args, std::cerr);
  if (!given) {
    return std::nullopt;
  }
  AnalyzeArgs parsed;
  parsed.json = given->has("--json");
  if (given->has("--no-decompound")) {
    parsed.options.decompound = false;
  }
  given->set_if_given("--data-dir", parsed.paths.data_dir);
  given->set_if_given("--word-list", parsed.paths.word_list);
  for (const std::string& word : given->operands()) {
    parsed.text += (parsed.has_text ? " " : "") + word;
    parsed.has_text = true;
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
