// Subcommand options: one table per subcommand, which reads its arguments and writes its --help.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace dealsearch::cli {

// The whole numbers a count option takes, both ends included.
struct CountRange {
  size_t min = 0;
  size_t max = 0;
};

// One option of a subcommand's table.
struct Option {
  std::string_view name;   // "--db"
  std::string_view value;  // what it takes, as the help names it ("PATH"); empty for a flag
  std::string_view help;   // what it does; a '\n' starts another line of help
  // When set, the value must be a whole number in this range, which the help adds after
  // `help`: "results a page, 1-100".
  std::optional<CountRange> count = std::nullopt;
};

// What a subcommand takes besides its options.
enum class Operands {
  kNone,   // nothing: every argument is an option or an option's value (serve)
  kWords,  // words; "-" is one (standard input), other words that start with "-" are options
  // Words, "-word" too (the query language excludes with it); only "--..." are options.
  kWordsAndDashWords,
};

// A subcommand: its name, its usage, its options. "-h, --help" is every command's option and
// is not in the table.
struct Command {
  std::string_view name;      // "index"
  std::string_view synopsis;  // what follows "usage: dealsearch index ": "[options] INPUT..."
  std::string_view about;     // lines between the usage line and the options, each ending in '\n'
  std::span<const Option> options;
  Operands operands = Operands::kWords;
  std::string_view epilogue = {};  // lines after the options (default: none)
};

// One command line as its table reads it. Ask only for options the table has; the table
// must outlive it. A value: it may be copied, and read from several threads at once.
class ParsedArgs {
 public:
  explicit ParsedArgs(std::span<const Option> table) : table_(table) {}

  // Whether option `name` was given.
  [[nodiscard]] bool has(std::string_view name) const;
  // The last value option `name` was given, or nullopt.
  [[nodiscard]] std::optional<std::string> value(std::string_view name) const;
  // Every value option `name` was given, in order: a repeatable option ("--delete").
  [[nodiscard]] std::vector<std::string> values(std::string_view name) const;
  // The last value of count option `name` as a number (parse_args() checked it), or nullopt.
  [[nodiscard]] std::optional<size_t> count(std::string_view name) const;
  // The arguments that are not options nor their values, in order.
  [[nodiscard]] const std::vector<std::string>& operands() const { return operands_; }

  // Sets `target` to what option `name` was given last (a number for a count option), and
  // leaves it at its default when the option was not given.
  template <typename T>
  void set_if_given(std::string_view name, T& target) const {
    if constexpr (std::is_arithmetic_v<T>) {
      if (const std::optional<size_t> number = count(name)) {
        target = static_cast<T>(*number);
      }
    } else if (std::optional<std::string> given = value(name)) {
      target = T(std::move(*given));
    }
  }

 private:
  friend std::optional<ParsedArgs> parse_args(const Command& command,
                                              std::span<const std::string> args,
                                              std::ostream& errors);

  // The table's option `name`; asking for one the table has not is a programming error.
  const Option& option(std::string_view name) const;

  std::span<const Option> table_;
  std::vector<std::pair<const Option*, std::string>> given_;  // in argument order
  std::vector<std::string> operands_;
};

// Reads `args` (what follows the subcommand's name) by `command`'s table. An option's value is
// the next argument, whatever it looks like. On a usage error (an unknown option, an option
// without its value, a count that is no whole number in its range, an operand where the
// command takes none) writes it to `errors` as print_usage_error() does and returns nullopt.
[[nodiscard]] std::optional<ParsedArgs> parse_args(const Command& command,
                                                   std::span<const std::string> args,
                                                   std::ostream& errors);

// Writes a usage error: "dealsearch index: MESSAGE", the usage line, and where the options
// are described. For what a command finds wrong itself ("no INPUT given").
void print_usage_error(const Command& command, std::string_view message, std::ostream& errors);

// What `dealsearch NAME --help` prints: the usage line, the about lines, every option of the
// table (and -h, --help) with its help in one column, the epilogue.
[[nodiscard]] std::string help_text(const Command& command);

// Whether the arguments ask for help (-h or --help anywhere): help wins over any error.
[[nodiscard]] bool asks_for_help(std::span<const std::string> args);

// The whole number `text` spells ("12"), when it lies in `range`; nullopt for anything else
// ("", "12a", "-1", "+1", " 1", "1e3", or a number outside the range).
[[nodiscard]] std::optional<size_t> parse_count(std::string_view text, CountRange range);

}  // namespace dealsearch::cli
