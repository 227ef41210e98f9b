// The subcommands' option table: arguments read, usage errors that name the option, --help.
#include "cli/options.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace dealsearch::cli {
namespace {

constexpr Option kOptions[] = {
    {"--db", "PATH", "the index (default: data/index)"},
    {"--quiet", "", "no progress"},
    {"--delete", "ID", "delete the deal with this id\n(repeatable)"},
    {"--size", "N", "results a page", CountRange{1, 100}},
};

constexpr Command kIndex{.name = "index",
                         .synopsis = "[options] INPUT...",
                         .about = "Turns deal documents into the index.\n",
                         .options = kOptions,
                         .operands = Operands::kWords,
                         .epilogue = "Exit status: 0, 1 or 2.\n"};

constexpr Command kSearch{.name = "search",
                          .synopsis = "[options] [QUERY...]",
                          .about = "Searches.\n",
                          .options = kOptions,
                          .operands = Operands::kWordsAndDashWords};

constexpr Command kServe{.name = "serve",
                         .synopsis = "[options]",
                         .about = "Serves.\n",
                         .options = kOptions,
                         .operands = Operands::kNone};

// Parses, failing the test on a usage error.
ParsedArgs parse(const Command& command, const std::vector<std::string>& args) {
  std::ostringstream errors;
  std::optional<ParsedArgs> parsed = parse_args(command, args, errors);
  EXPECT_TRUE(parsed.has_value()) << errors.str();
  return parsed.value_or(ParsedArgs(command.options));
}

TEST(Options, ReadsFlagsValuesRepeatsAndOperandsInAnyOrder) {
  const ParsedArgs parsed =
      parse(kIndex, {"corpus", "--delete", "a", "--quiet", "-", "--delete", "b", "--size", "20"});
  EXPECT_TRUE(parsed.has("--quiet"));
  EXPECT_FALSE(parsed.has("--db"));
  EXPECT_EQ(parsed.value("--db"), std::nullopt);
  EXPECT_EQ(parsed.values("--delete"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(parsed.count("--size"), 20u);
  EXPECT_EQ(parsed.operands(), (std::vector<std::string>{"corpus", "-"}));
}

TEST(Options, TheLastValueOfAnOptionWins) {
  const ParsedArgs parsed = parse(kIndex, {"--db", "een", "--db", "twee", "x"});
  EXPECT_EQ(parsed.value("--db"), "twee");
}

TEST(Options, AValueIsTheNextArgumentWhateverItLooksLike) {
  const ParsedArgs parsed = parse(kIndex, {"--db", "--quiet", "--delete", "-x"});
  EXPECT_EQ(parsed.value("--db"), "--quiet");
  EXPECT_FALSE(parsed.has("--quiet"));
  EXPECT_EQ(parsed.values("--delete"), std::vector<std::string>{"-x"});
}

TEST(Options, SetIfGivenKeepsTheDefaultOfWhatWasNotGiven) {
  const ParsedArgs parsed = parse(kIndex, {"--size", "7", "x"});
  std::filesystem::path db = "data/index";
  size_t size = 10;
  parsed.set_if_given("--db", db);
  parsed.set_if_given("--size", size);
  EXPECT_EQ(db, "data/index");
  EXPECT_EQ(size, 7u);
  parse(kIndex, {"--db", "elders/index"}).set_if_given("--db", db);
  EXPECT_EQ(db, "elders/index");
}

TEST(Options, WhichWordsAreOperandsDependsOnTheCommand) {
  // Standard input is "-" for index; search's query language excludes words with "-".
  EXPECT_EQ(parse(kIndex, {"-"}).operands(), std::vector<std::string>{"-"});
  EXPECT_EQ(parse(kSearch, {"fiets", "-auto", "-"}).operands(),
            (std::vector<std::string>{"fiets", "-auto", "-"}));
}

struct UsageErrorCase {
  const Command* command;
  std::vector<std::string> args;
  std::string message;  // the first line
};

TEST(Options, UsageErrorsNameTheOptionAndPointToHelp) {
  const UsageErrorCase cases[] = {
      {&kIndex, {"--frobnicate", "corpus"}, "dealsearch index: unknown option '--frobnicate'"},
      {&kIndex, {"-x"}, "dealsearch index: unknown option '-x'"},
      {&kSearch, {"fiets", "--frobnicate"}, "dealsearch search: unknown option '--frobnicate'"},
      {&kIndex, {"corpus", "--db"}, "dealsearch index: --db needs a value (PATH)"},
      {&kIndex,
       {"--size", "x"},
       "dealsearch index: --size takes a whole number from 1 to 100, got 'x'"},
      {&kIndex,
       {"--size", "0"},
       "dealsearch index: --size takes a whole number from 1 to 100, got '0'"},
      {&kIndex,
       {"--size", "101"},
       "dealsearch index: --size takes a whole number from 1 to 100, got '101'"},
      {&kServe,
       {"8080"},
       "dealsearch serve: unexpected argument '8080' (serve takes options only)"},
  };
  for (const UsageErrorCase& c : cases) {
    SCOPED_TRACE(c.message);
    std::ostringstream errors;
    EXPECT_FALSE(parse_args(*c.command, c.args, errors).has_value());
    const std::string name(c.command->name);
    EXPECT_EQ(errors.str(), c.message + "\nusage: dealsearch " + name + " " +
                                std::string(c.command->synopsis) + "\n'dealsearch " + name +
                                " --help' describes every option.\n");
  }
}

TEST(Options, HelpListsEveryOptionInOneColumn) {
  EXPECT_EQ(help_text(kIndex),
            "usage: dealsearch index [options] INPUT...\n"
            "\n"
            "Turns deal documents into the index.\n"
            "\n"
            "options:\n"
            "  --db PATH    the index (default: data/index)\n"
            "  --quiet      no progress\n"
            "  --delete ID  delete the deal with this id\n"
            "               (repeatable)\n"
            "  --size N     results a page, 1-100\n"
            "  -h, --help   show this help\n"
            "\n"
            "Exit status: 0, 1 or 2.\n");
}

TEST(Options, HelpIsAskedForWithHOrHelpAnywhere) {
  EXPECT_TRUE(asks_for_help(std::vector<std::string>{"corpus", "--help"}));
  EXPECT_TRUE(asks_for_help(std::vector<std::string>{"-h", "--db", "x"}));
  EXPECT_FALSE(asks_for_help(std::vector<std::string>{"--helpful", "-H"}));
}

struct CountCase {
  std::string text;
  std::optional<size_t> expected;
};

TEST(Options, ACountIsAWholeNumberInItsRangeAndNothingElse) {
  const CountCase cases[] = {
      {"1", 1},
      {"4096", 4096},
      {"0", std::nullopt},
      {"4097", std::nullopt},
      {"", std::nullopt},
      {"12a", std::nullopt},
      {"-1", std::nullopt},
      {"+1", std::nullopt},
      {" 1", std::nullopt},
      {"1e3", std::nullopt},
      {"1.0", std::nullopt},
      {"99999999999999999999999", std::nullopt},
  };
  for (const CountCase& c : cases) {
    SCOPED_TRACE("'" + c.text + "'");
    EXPECT_EQ(parse_count(c.text, {1, 4096}), c.expected);
  }
}

}  // namespace
}  // namespace dealsearch::cli
