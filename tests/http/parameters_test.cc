// What the pages and the API accept, on the real server: both hold the limits of
// searcher/limits.h exactly.
#include <gtest/gtest.h>
#include <httplib.h>

#include <string>
#include <vector>

#include "searcher/limits.h"
#include "tests/http/running_server.h"

namespace dealsearch::http {
namespace {

using searcher::kDefaultPageSize;
using searcher::kMaxFilterValues;
using searcher::kMaxPageSize;
using searcher::kMaxQueryBytes;
using searcher::kMaxResultWindow;

// The Dutch page that explains a bad parameter (render_bad_request_page).
constexpr std::string_view kBadRequestHeading = "Deze zoekopdracht klopt niet";

// A limit as a query string: the most that is accepted, and one more.
struct Limit {
  std::string name;  // the parameter a refusal names
  std::string at_limit;
  std::string past_limit;
};

std::string repeated_filter(size_t values) {
  std::string query = "q=fiets";
  for (size_t i = 0; i < values; ++i) {
    query += "&theme=thema" + std::to_string(i);
  }
  return query;
}

std::vector<Limit> limits() {
  const size_t deepest_page = kMaxResultWindow / kDefaultPageSize;
  const size_t deepest_full_page = kMaxResultWindow / kMaxPageSize;
  const std::string size = "&size=" + std::to_string(kMaxPageSize);
  return {
      {"q", "q=" + std::string(kMaxQueryBytes, 'a'), "q=" + std::string(kMaxQueryBytes + 1, 'a')},
      {"size", "size=" + std::to_string(kMaxPageSize), "size=" + std::to_string(kMaxPageSize + 1)},
      {"page", "page=" + std::to_string(deepest_page), "page=" + std::to_string(deepest_page + 1)},
      {"page", "page=" + std::to_string(deepest_full_page) + size,
       "page=" + std::to_string(deepest_full_page + 1) + size},
      {"theme", repeated_filter(kMaxFilterValues), repeated_filter(kMaxFilterValues + 1)},
  };
}

TEST_F(HttpApi, TheApiHoldsEachLimitExactly) {
  for (const Limit& limit : limits()) {
    SCOPED_TRACE(limit.past_limit.substr(0, 80));
    EXPECT_EQ(get("/api/search?" + limit.at_limit).first, 200);
    const auto [status, body] = get("/api/search?" + limit.past_limit);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(body["error"]["parameter"], limit.name);
  }
  EXPECT_EQ(get("/api/suggest?q=" + std::string(kMaxQueryBytes, 'a')).first, 200);
  const auto [status, body] = get("/api/suggest?q=" + std::string(kMaxQueryBytes + 1, 'a'));
  EXPECT_EQ(status, 400);
  EXPECT_EQ(body["error"]["parameter"], "q");
}

TEST_F(HttpApi, ThePagesHoldEachLimitExactly) {
  for (const Limit& limit : limits()) {
    SCOPED_TRACE(limit.past_limit.substr(0, 80));
    const httplib::Result at = client_->Get("/?" + limit.at_limit);
    ASSERT_TRUE(at);
    EXPECT_EQ(at->status, 200);
    const httplib::Result past = client_->Get("/?" + limit.past_limit);
    ASSERT_TRUE(past);
    EXPECT_EQ(past->status, 400);
    EXPECT_NE(past->body.find(kBadRequestHeading), std::string::npos);
  }
}

TEST_F(HttpApi, ThePageOffersWhatTheServerAccepts) {
  const httplib::Result page = client_->Get("/");
  ASSERT_TRUE(page);
  EXPECT_NE(page->body.find("maxlength=\"" + std::to_string(kMaxQueryBytes) + "\""),
            std::string::npos)
      << "the search box takes no more than a query may hold";
  EXPECT_EQ(page->body.find("name=\"size\""), std::string::npos)
      << "the default page size goes without saying";
  const auto [status, body] = get("/api/search");
  EXPECT_EQ(body["size"], kDefaultPageSize);
}

}  // namespace
}  // namespace dealsearch::http
