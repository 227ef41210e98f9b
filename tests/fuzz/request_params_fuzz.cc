// Fuzzes parse_search_parameters, as the API and as the pages read them, on a URL's query
// string split as the server splits it.
#include <httplib.h>

#include <cstdint>
#include <string>
#include <variant>

#include "searcher/http/request_params.h"
#include "searcher/limits.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

namespace http = dealsearch::http;
namespace searcher = dealsearch::searcher;
using dealsearch::fuzz::check;

// What the searcher relies on, whichever way a route treats parameters it does not know:
// bounded work, whatever the URL asks for.
void check_parsed(const http::Parameters& parameters, http::UnknownParameters unknown) {
  const auto parsed = http::parse_search_parameters(parameters, unknown);
  if (const auto* error = std::get_if<http::ParameterError>(&parsed)) {
    check(!error->message.empty(), "a refusal explains itself");
    return;
  }
  const auto& request = std::get<searcher::SearchRequest>(parsed);
  check(request.query.size() <= searcher::kMaxQueryBytes, "the query is bounded");
  check(request.size >= 1 && request.size <= searcher::kMaxPageSize, "the page size is bounded");
  check(request.page >= 1 && request.page * request.size <= searcher::kMaxResultWindow,
        "the result window is bounded");
  for (const auto& [facet, values] : request.filters) {
    check(values.size() <= searcher::kMaxFilterValues, "a facet's values are bounded");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // "q=fiets&ministry=BZK&page=2", percent-decoded into name-value pairs by cpp-httplib.
  httplib::Params params;
  httplib::detail::parse_query_text(std::string(reinterpret_cast<const char*>(data), size), params);
  const http::Parameters parameters(params.begin(), params.end());
  check_parsed(parameters, http::UnknownParameters::kRefuse);
  check_parsed(parameters, http::UnknownParameters::kIgnore);
  return 0;
}
