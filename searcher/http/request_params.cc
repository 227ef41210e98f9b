// Reading a route's parameters: first which ones it reads at all, then one rule a parameter,
// each failure naming it.
#include "searcher/http/request_params.h"

#include <algorithm>
#include <charconv>
#include <span>
#include <vector>

#include "analyzers/schema.h"
#include "analyzers/utf8.h"
#include "searcher/limits.h"

namespace dealsearch::http {
namespace {

using searcher::SearchRequest;

// The names a route reads, in the order a refusal lists them.
using KnownNames = std::span<const std::string>;

const std::vector<std::string>& search_parameter_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all = {"q", "page", "size", "sort"};
    for (const schema::Facet& facet : schema::kFacets) {
      all.emplace_back(facet.name);
    }
    return all;
  }();
  return names;
}

const std::vector<std::string> kSuggestParameterNames = {"q"};

std::optional<size_t> whole_number(const std::string& text) {
  size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

bool is_known(const std::string& name, KnownNames known) {
  return std::find(known.begin(), known.end(), name) != known.end();
}

ParameterError unknown_parameter(const std::string& name, KnownNames known) {
  if (known.empty()) {
    return {name, "unknown parameter '" + name + "'; this endpoint takes no parameters"};
  }
  std::string list;
  for (const std::string& known_name : known) {
    list += (list.empty() ? "" : ", ") + known_name;
  }
  return {name, "unknown parameter '" + name + "'; known: " + list};
}

// The parameters that `known` names, the others dropped or refused as `unknown` says. This
// is the one place where the API and the pages differ in what they accept.
std::variant<Parameters, ParameterError> known_parameters(const Parameters& parameters,
                                                          KnownNames known,
                                                          UnknownParameters unknown) {
  Parameters kept;
  for (const auto& parameter : parameters) {
    if (is_known(parameter.first, known)) {
      kept.insert(kept.end(), parameter);
    } else if (unknown == UnknownParameters::kRefuse) {
      return unknown_parameter(parameter.first, known);
    }
  }
  return kept;
}

std::optional<ParameterError> check_utf8(const std::string& name, const std::string& value) {
  if (!analyzers::is_valid_utf8(value)) {
    return ParameterError{name, "not valid UTF-8; encode the text as UTF-8"};
  }
  return std::nullopt;
}

// q, of a search or a suggestion: what a person typed, bounded.
std::optional<ParameterError> check_query(const std::string& value) {
  if (auto error = check_utf8("q", value)) {
    return error;
  }
  if (value.size() > searcher::kMaxQueryBytes) {
    return ParameterError{"q", "the query is longer than " +
                                   std::to_string(searcher::kMaxQueryBytes) + " bytes; shorten it"};
  }
  return std::nullopt;
}

// page or size: a whole number from 1 to `max`.
std::optional<ParameterError> read_count(const std::string& name, const std::string& value,
                                         size_t max, size_t& count) {
  const std::optional<size_t> number = whole_number(value);
  if (!number || *number < 1 || *number > max) {
    return ParameterError{name, name + " must be a whole number from 1 to " + std::to_string(max) +
                                    ", got '" + value + "'"};
  }
  count = *number;
  return std::nullopt;
}

std::optional<ParameterError> read_sort(const std::string& value, SearchRequest& request) {
  if (value == "relevance") {
    request.sort = searcher::SortOrder::kRelevance;
  } else if (value == "date") {
    request.sort = searcher::SortOrder::kDate;
  } else if (value == "title") {
    request.sort = searcher::SortOrder::kTitle;
  } else {
    return ParameterError{"sort", "sort must be relevance, date or title, got '" + value + "'"};
  }
  return std::nullopt;
}

// One value of a facet's filter. An empty one (a form's "ministry=") filters on nothing.
std::optional<ParameterError> read_filter(const std::string& facet, const std::string& value,
                                          SearchRequest& request) {
  std::vector<std::string>& values = request.filters[facet];
  if (values.size() == searcher::kMaxFilterValues) {
    return ParameterError{
        facet, "at most " + std::to_string(searcher::kMaxFilterValues) + " values of one filter"};
  }
  if (!value.empty()) {
    values.push_back(value);
  }
  return std::nullopt;
}

// One known parameter of a search into `request`.
std::optional<ParameterError> read_search_parameter(const std::string& name,
                                                    const std::string& value,
                                                    SearchRequest& request) {
  if (name == "q") {
    if (auto error = check_query(value)) {
      return error;
    }
    request.query = value;
    return std::nullopt;
  }
  if (auto error = check_utf8(name, value)) {
    return error;
  }
  if (name == "page") {
    return read_count(name, value, searcher::kMaxResultWindow, request.page);
  }
  if (name == "size") {
    return read_count(name, value, searcher::kMaxPageSize, request.size);
  }
  if (name == "sort") {
    return read_sort(value, request);
  }
  return read_filter(name, value, request);
}

std::optional<ParameterError> check_result_window(const SearchRequest& request) {
  if (request.page * request.size > searcher::kMaxResultWindow) {
    return ParameterError{"page", "page " + std::to_string(request.page) + " of size " +
                                      std::to_string(request.size) + " is beyond the first " +
                                      std::to_string(searcher::kMaxResultWindow) +
                                      " results; narrow the search instead"};
  }
  return std::nullopt;
}

}  // namespace

std::variant<SearchRequest, ParameterError> parse_search_parameters(const Parameters& parameters,
                                                                    UnknownParameters unknown) {
  const auto known = known_parameters(parameters, search_parameter_names(), unknown);
  if (const auto* error = std::get_if<ParameterError>(&known)) {
    return *error;
  }
  SearchRequest request;
  request.size = searcher::kDefaultPageSize;
  for (const auto& [name, value] : std::get<Parameters>(known)) {
    if (auto error = read_search_parameter(name, value, request)) {
      return *error;
    }
  }
  if (auto error = check_result_window(request)) {
    return *error;
  }
  return request;
}

std::variant<std::string, ParameterError> parse_suggest_parameters(const Parameters& parameters,
                                                                   UnknownParameters unknown) {
  const auto known = known_parameters(parameters, kSuggestParameterNames, unknown);
  if (const auto* error = std::get_if<ParameterError>(&known)) {
    return *error;
  }
  std::string typed;
  for (const auto& [name, value] : std::get<Parameters>(known)) {
    if (auto error = check_query(value)) {
      return *error;
    }
    typed = value;
  }
  return typed;
}

std::optional<ParameterError> check_no_parameters(const Parameters& parameters,
                                                  UnknownParameters unknown) {
  const auto known = known_parameters(parameters, {}, unknown);
  if (const auto* error = std::get_if<ParameterError>(&known)) {
    return *error;
  }
  return std::nullopt;
}

}  // namespace dealsearch::http
