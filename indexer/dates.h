// Dates a deal's text states: when it was signed, started and ended.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace dealsearch::indexer {

struct DealDates {
  std::optional<std::string> signed_on;   // "is op 9 oktober 2023 ondertekend"
  std::optional<std::string> started_on;  // "Op 14 december 2020 is ... van start gegaan"
  std::optional<std::string> ended_on;    // "is op 22 juni 2023 definitief afgerond"
  bool operator==(const DealDates&) const = default;
};

// Finds Dutch dates ("9 oktober 2023", "1 mei 2019") and reads from the words of the same
// sentence what happened then: "ondertekend"/"getekend" -> signed, "van start"/"gestart"/
// "gelanceerd" -> started, "afgerond"/"beëindigd"/"afgesloten" -> ended. The first date of
// each kind wins. Dates are ISO "YYYY-MM-DD"; impossible dates (31 februari) are skipped.
// Thread-safe (no state).
[[nodiscard]] DealDates find_deal_dates(std::string_view text);

// "2023-10-09" for 9 oktober 2023; nullopt for a date that does not exist.
[[nodiscard]] std::optional<std::string> iso_date(int year, int month, int day);

// Whether `text` is an ISO date "YYYY-MM-DD" that exists.
[[nodiscard]] bool is_iso_date(std::string_view text);

}  // namespace dealsearch::indexer
