// The option table's parser, usage errors and help text.
#include "cli/options.h"

#include <algorithm>
#include <cassert>
#include <charconv>

namespace dealsearch::cli {
namespace {

constexpr Option kHelpOption{"-h, --help", "", "show this help"};

const Option* find_option(std::span<const Option> table, std::string_view name) {
  const auto found =
      std::find_if(table.begin(), table.end(), [&](const Option& o) { return o.name == name; });
  return found == table.end() ? nullptr : &*found;
}

bool is_option(std::string_view arg, Operands operands) {
  if (operands == Operands::kWordsAndDashWords) {
    return arg.starts_with("--");
  }
  return arg.starts_with("-") && arg != "-";
}

std::string count_error(const Option& option, std::string_view value) {
  return std::string(option.name) + " takes a whole number from " +
         std::to_string(option.count->min) + " to " + std::to_string(option.count->max) +
         ", got '" + std::string(value) + "'";
}

// "  --db PATH" for the help's first column.
std::string option_label(const Option& option) {
  std::string label = "  " + std::string(option.name);
  if (!option.value.empty()) {
    label.append(" ").append(option.value);
  }
  return label;
}

// The label, padded to `column`, then the help, its further lines indented to `column`.
void append_option_help(const Option& option, size_t column, std::string& out) {
  std::string label = option_label(option);
  label.resize(column, ' ');
  out += label;
  for (const char c : option.help) {
    out += c;
    if (c == '\n') {
      out.append(column, ' ');
    }
  }
  if (option.count) {
    // The range from the table, so that the help never disagrees with the check.
    out += ", " + std::to_string(option.count->min) + "-" + std::to_string(option.count->max);
  }
  out += '\n';
}

}  // namespace

const Option& ParsedArgs::option(std::string_view name) const {
  const Option* found = find_option(table_, name);
  assert(found != nullptr && "an option the table does not have");
  return *found;
}

bool ParsedArgs::has(std::string_view name) const {
  const Option* wanted = &option(name);
  return std::any_of(given_.begin(), given_.end(),
                     [&](const auto& given) { return given.first == wanted; });
}

std::optional<std::string> ParsedArgs::value(std::string_view name) const {
  const Option* wanted = &option(name);
  for (auto given = given_.rbegin(); given != given_.rend(); ++given) {
    if (given->first == wanted) {
      return given->second;
    }
  }
  return std::nullopt;
}

std::vector<std::string> ParsedArgs::values(std::string_view name) const {
  const Option* wanted = &option(name);
  std::vector<std::string> found;
  for (const auto& [option, value] : given_) {
    if (option == wanted) {
      found.push_back(value);
    }
  }
  return found;
}

std::optional<size_t> ParsedArgs::count(std::string_view name) const {
  const Option& wanted = option(name);
  assert(wanted.count.has_value() && "not a count option");
  const std::optional<std::string> text = value(name);
  return text ? parse_count(*text, *wanted.count) : std::nullopt;
}

std::optional<ParsedArgs> parse_args(const Command& command, std::span<const std::string> args,
                                     std::ostream& errors) {
  const auto fail = [&](const std::string& message) {
    print_usage_error(command, message, errors);
    return std::nullopt;
  };
  ParsedArgs parsed(command.options);
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (!is_option(arg, command.operands)) {
      if (command.operands == Operands::kNone) {
        return fail("unexpected argument '" + arg + "' (" + std::string(command.name) +
                    " takes options only)");
      }
      parsed.operands_.push_back(arg);
      continue;
    }
    const Option* option = find_option(command.options, arg);
    if (option == nullptr) {
      return fail("unknown option '" + arg + "'");
    }
    if (option->value.empty()) {
      parsed.given_.emplace_back(option, "");
      continue;
    }
    if (i + 1 == args.size()) {
      return fail(arg + " needs a value (" + std::string(option->value) + ")");
    }
    const std::string& value = args[++i];
    if (option->count && !parse_count(value, *option->count)) {
      return fail(count_error(*option, value));
    }
    parsed.given_.emplace_back(option, value);
  }
  return parsed;
}

void print_usage_error(const Command& command, std::string_view message, std::ostream& errors) {
  errors << "dealsearch " << command.name << ": " << message << "\n"
         << "usage: dealsearch " << command.name << " " << command.synopsis << "\n"
         << "'dealsearch " << command.name << " --help' describes every option.\n";
}

std::string help_text(const Command& command) {
  size_t column = option_label(kHelpOption).size();
  for (const Option& option : command.options) {
    column = std::max(column, option_label(option).size());
  }
  column += 2;  // two spaces at least between an option and its help
  std::string out = "usage: dealsearch " + std::string(command.name) + " " +
                    std::string(command.synopsis) + "\n\n" + std::string(command.about) +
                    "\noptions:\n";
  for (const Option& option : command.options) {
    append_option_help(option, column, out);
  }
  append_option_help(kHelpOption, column, out);
  if (!command.epilogue.empty()) {
    out.append("\n").append(command.epilogue);
  }
  return out;
}

bool asks_for_help(std::span<const std::string> args) {
  return std::any_of(args.begin(), args.end(),
                     [](const std::string& arg) { return arg == "--help" || arg == "-h"; });
}

std::optional<size_t> parse_count(std::string_view text, CountRange range) {
  size_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stopped, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stopped != end || value < range.min ||
      value > range.max) {
    return std::nullopt;
  }
  return value;
}

}  // namespace dealsearch::cli
