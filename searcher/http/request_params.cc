// parse_search_parameters: one rule a parameter, each failure naming it.
#include "searcher/http/request_params.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <charconv>

#include "searcher/limits.h"

namespace dealsearch::http {
namespace {

using searcher::kDefaultPageSize;
using searcher::kMaxFilterValues;
using searcher::kMaxPageSize;
using searcher::kMaxQueryBytes;
using searcher::kMaxResultWindow;

bool is_valid_utf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      return false;
    }
  }
  return true;
}

std::optional<size_t> whole_number(const std::string& text) {
  size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

std::variant<searcher::SearchRequest, ParameterError> parse_search_parameters(
    const Parameters& parameters) {
  searcher::SearchRequest request;
  request.size = kDefaultPageSize;
  for (const auto& [name, value] : parameters) {
    if (!is_valid_utf8(value) || !is_valid_utf8(name)) {
      return ParameterError{name, "not valid UTF-8; encode the text as UTF-8"};
    }
    const bool is_facet = std::find(searcher::kFacetNames.begin(), searcher::kFacetNames.end(),
                                    name) != searcher::kFacetNames.end();
    if (name == "q") {
      if (value.size() > kMaxQueryBytes) {
        return ParameterError{"q", "the query is longer than " + std::to_string(kMaxQueryBytes) +
                                       " bytes; shorten it"};
      }
      request.query = value;
    } else if (name == "page" || name == "size") {
      const std::optional<size_t> number = whole_number(value);
      const size_t max = name == "size" ? kMaxPageSize : kMaxResultWindow;
      if (!number || *number < 1 || *number > max) {
        return ParameterError{name, name + " must be a whole number from 1 to " +
                                        std::to_string(max) + ", got '" + value + "'"};
      }
      (name == "page" ? request.page : request.size) = *number;
    } else if (name == "sort") {
      if (value == "relevance") {
        request.sort = searcher::SortOrder::kRelevance;
      } else if (value == "date") {
        request.sort = searcher::SortOrder::kDate;
      } else if (value == "title") {
        request.sort = searcher::SortOrder::kTitle;
      } else {
        return ParameterError{"sort", "sort must be relevance, date or title, got '" + value + "'"};
      }
    } else if (is_facet) {
      std::vector<std::string>& values = request.filters[name];
      if (values.size() == kMaxFilterValues) {
        return ParameterError{
            name, "at most " + std::to_string(kMaxFilterValues) + " values of one filter"};
      }
      if (!value.empty()) {
        values.push_back(value);
      }
    } else {
      return ParameterError{name, "unknown parameter '" + name +
                                      "'; known: q, page, size, sort, status, ministry, partner, "
                                      "partner_type, theme, year"};
    }
  }
  if (request.page * request.size > kMaxResultWindow) {
    return ParameterError{"page", "page " + std::to_string(request.page) + " of size " +
                                      std::to_string(request.size) + " is beyond the first " +
                                      std::to_string(kMaxResultWindow) +
                                      " results; narrow the search instead"};
  }
  return request;
}

}  // namespace dealsearch::http
