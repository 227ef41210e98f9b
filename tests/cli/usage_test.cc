// Every subcommand's options as a user meets them: --help lists them all, a wrong one is a
// usage error (exit 2) that names it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/run_command.h"

namespace dealsearch {
namespace {

struct HelpCase {
  const char* command;
  std::vector<const char*> options;
};

TEST(Usage, HelpListsEveryOptionOfEveryCommand) {
  const HelpCase cases[] = {
      {"analyze", {"--json", "--no-decompound", "--data-dir", "--word-list", "-h, --help"}},
      {"extract-pdf", {"--cpu-seconds", "--memory-mb", "-h, --help"}},
      {"search",
       {"--db", "--status", "--ministry", "--partner", "--partner-type", "--theme", "--year",
        "--page", "--size", "--sort", "--json", "--data-dir", "--word-list", "-h, --help"}},
      {"serve",
       {"--db", "--host", "--port", "--cors-origin", "--threads", "--max-connections", "--quiet",
        "--data-dir", "--word-list", "-h, --help"}},
  };
  for (const HelpCase& c : cases) {
    SCOPED_TRACE(c.command);
    const testing::RunResult result = testing::run_dealsearch(std::string(c.command) + " --help");
    EXPECT_EQ(result.exit_code, 0);
    EXPECT_EQ(result.output.rfind(std::string("usage: dealsearch ") + c.command, 0), 0u);
    for (const char* option : c.options) {
      EXPECT_NE(result.output.find(option), std::string::npos) << option;
    }
  }
}

struct UsageErrorCase {
  const char* arguments;
  const char* expected;  // in the message
};

TEST(Usage, AWrongOptionIsAUsageErrorThatNamesIt) {
  const UsageErrorCase cases[] = {
      {"analyze --frobnicate", "unknown option '--frobnicate'"},
      {"analyze --data-dir", "--data-dir needs a value (DIR)"},
      {"extract-pdf", "no FILE given"},
      {"extract-pdf a.pdf b.pdf", "give exactly one FILE"},
      {"extract-pdf --cpu-seconds x a.pdf",
       "--cpu-seconds takes a whole number from 0 to 86400, got 'x'"},
      {"extract-pdf --memory-mb 1048577 a.pdf",
       "--memory-mb takes a whole number from 0 to 1048576, got '1048577'"},
      {"index --db", "--db needs a value (PATH)"},
      {"index --quiet", "no INPUT given"},
      {"search --page 0", "--page takes a whole number from 1 to 10000, got '0'"},
      {"search --page 101 --size 100",
       "--page 101 of --size 100 is beyond the first 10000 results; narrow the search instead"},
      {"search --partner-type", "--partner-type needs a value (T)"},
      {"serve --port x", "--port takes a whole number from 0 to 65535, got 'x'"},
      {"serve --port 65536", "--port takes a whole number from 0 to 65535, got '65536'"},
      {"serve --threads 0", "--threads takes a whole number from 1 to 256, got '0'"},
      {"serve --threads 3.5", "--threads takes a whole number from 1 to 256, got '3.5'"},
      {"serve --max-connections 4097",
       "--max-connections takes a whole number from 1 to 4096, got '4097'"},
      {"serve data/index", "unexpected argument 'data/index'"},
  };
  for (const UsageErrorCase& c : cases) {
    SCOPED_TRACE(c.arguments);
    const testing::RunResult result = testing::run_dealsearch(c.arguments);
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.output.find(c.expected), std::string::npos) << result.output;
    EXPECT_NE(result.output.find("--help' describes every option"), std::string::npos)
        << result.output;
  }
}

}  // namespace
}  // namespace dealsearch
