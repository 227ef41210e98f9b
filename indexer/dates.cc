// find_deal_dates: "<day> <maand> <year>" plus the verb of its sentence.
#include "indexer/dates.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cstdio>

namespace dealsearch::indexer {
namespace {

constexpr std::array<std::string_view, 12> kMonths = {
    "januari", "februari", "maart",     "april",   "mei",      "juni",
    "juli",    "augustus", "september", "oktober", "november", "december"};

struct Kind {
  std::optional<std::string> DealDates::*field;
  std::array<std::string_view, 4> markers;  // lower-case substrings of the sentence
};

const std::array<Kind, 3> kKinds = {{
    {&DealDates::signed_on, {"ondertekend", "getekend", "ondertekening", "bekrachtigd"}},
    {&DealDates::ended_on, {"afgerond", "beëindigd", "afgesloten", "beeindigd"}},
    {&DealDates::started_on, {"van start", "gestart", "gelanceerd", "begonnen"}},
}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

// The sentence around byte `at`: from after the previous ". " / line break to the next.
std::string_view sentence_around(std::string_view text, size_t at) {
  size_t begin = at;
  while (begin > 0 && text[begin - 1] != '\n' &&
         !(text[begin - 1] == ' ' && begin >= 2 && text[begin - 2] == '.')) {
    --begin;
  }
  size_t end = at;
  while (end < text.size() && text[end] != '\n' &&
         !(text[end] == '.' && (end + 1 == text.size() || text[end + 1] == ' '))) {
    ++end;
  }
  return text.substr(begin, end - begin);
}

// Which kinds of date the markers in `sentence` speak of.
std::array<bool, kKinds.size()> kinds_marked_in(std::string_view sentence) {
  const std::string lower = lower_ascii(sentence);
  std::array<bool, kKinds.size()> marked{};
  for (size_t k = 0; k < kKinds.size(); ++k) {
    marked[k] = std::any_of(kKinds[k].markers.begin(), kKinds[k].markers.end(),
                            [&](std::string_view m) { return lower.find(m) != std::string::npos; });
  }
  return marked;
}

int parse_int(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

struct FoundDate {
  std::string iso;
  size_t at;
};

// "9 oktober 2023" starting at a digit at `at`; nullopt if it is not a date.
std::optional<FoundDate> date_at(std::string_view text, size_t at) {
  size_t i = at;
  while (i < text.size() && is_digit(text[i]) && i - at < 2) {
    ++i;
  }
  if (i == at || i >= text.size() || text[i] != ' ' || is_digit(text[i])) {
    return std::nullopt;
  }
  const int day = parse_int(text.substr(at, i - at));
  ++i;
  size_t month_end = i;
  while (month_end < text.size() && std::isalpha(static_cast<unsigned char>(text[month_end]))) {
    ++month_end;
  }
  const std::string month_name = lower_ascii(text.substr(i, month_end - i));
  int month = 0;
  for (size_t m = 0; m < kMonths.size(); ++m) {
    if (month_name == kMonths[m]) {
      month = static_cast<int>(m) + 1;
    }
  }
  if (month == 0 || month_end + 5 > text.size() || text[month_end] != ' ') {
    return std::nullopt;
  }
  const std::string_view year = text.substr(month_end + 1, 4);
  if (!std::all_of(year.begin(), year.end(), is_digit) ||
      (month_end + 5 < text.size() && is_digit(text[month_end + 5]))) {
    return std::nullopt;
  }
  std::optional<std::string> iso = iso_date(parse_int(year), month, day);
  if (!iso) {
    return std::nullopt;
  }
  return FoundDate{*iso, at};
}

}  // namespace

std::optional<std::string> iso_date(int year, int month, int day) {
  constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 ||
      day > kDays[static_cast<size_t>(month - 1)]) {
    return std::nullopt;
  }
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap) {
    return std::nullopt;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return std::string(buffer);
}

bool is_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return false;
  }
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!is_digit(text[i])) {
      return false;
    }
  }
  return iso_date(parse_int(text.substr(0, 4)), parse_int(text.substr(5, 2)),
                  parse_int(text.substr(8, 2)))
      .has_value();
}

DealDates find_deal_dates(std::string_view text) {
  DealDates dates;
  // A sentence with many dates ("op 1 mei 2020, 2 mei 2020, ...") is read once, not once per
  // date: a 10 MB line of dates would otherwise be scanned and lowered a million times.
  size_t sentence_end = 0;  // of the sentence `marked` describes
  std::array<bool, kKinds.size()> marked{};
  for (size_t i = 0; i < text.size(); ++i) {
    if (!is_digit(text[i]) || (i > 0 && is_digit(text[i - 1]))) {
      continue;
    }
    const std::optional<FoundDate> found = date_at(text, i);
    if (!found) {
      continue;
    }
    if (i >= sentence_end) {
      const std::string_view sentence = sentence_around(text, i);
      sentence_end = static_cast<size_t>(sentence.data() - text.data()) + sentence.size();
      marked = kinds_marked_in(sentence);
    }
    for (size_t k = 0; k < kKinds.size(); ++k) {
      std::optional<std::string>& field = dates.*kKinds[k].field;
      if (marked[k] && !field) {
        field = found->iso;
        break;
      }
    }
  }
  return dates;
}

}  // namespace dealsearch::indexer
