// What the pages and the API accept, on the real server: pages ignore parameters they do not
// know (a newsletter's utm_source, a social site's fbclid), the API refuses them, and both hold
// the limits of searcher/limits.h exactly.
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

// A page reached through a link someone else decorated, and the same page without the
// decoration.
struct DecoratedLink {
  std::string decorated;
  std::string plain;
};

TEST_F(HttpApi, PagesIgnoreParametersTheyDoNotKnow) {
  const DecoratedLink links[] = {
      {"/?q=fiets&utm_source=nieuwsbrief", "/?q=fiets"},
      {"/?utm_source=nieuwsbrief&utm_medium=email&utm_campaign=voorjaar&q=fiets", "/?q=fiets"},
      {"/?q=fiets&fbclid=IwAR0xYz", "/?q=fiets"},
      {"/?gclid=EAIaIQ&q=fiets&ministry=IenW", "/?q=fiets&ministry=IenW"},
      {"/?fbclid=IwAR0xYz", "/"},
      {"/?%FF=%FE&q=fiets", "/?q=fiets"},  // not even UTF-8: not ours to judge
      {"/deals/fietsen-voor-iedereen?utm_source=nieuwsbrief", "/deals/fietsen-voor-iedereen"},
      {"/deals/fietsen-voor-iedereen?fbclid=IwAR0xYz", "/deals/fietsen-voor-iedereen"},
  };
  for (const DecoratedLink& link : links) {
    SCOPED_TRACE(link.decorated);
    const httplib::Result decorated = client_->Get(link.decorated);
    const httplib::Result plain = client_->Get(link.plain);
    ASSERT_TRUE(decorated && plain);
    EXPECT_EQ(decorated->status, 200);
    EXPECT_EQ(decorated->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(decorated->body, plain->body) << "the page renders as if the link were plain";
  }
  const httplib::Result newsletter = client_->Get("/?q=fiets&utm_source=nieuwsbrief");
  ASSERT_TRUE(newsletter);
  EXPECT_NE(newsletter->body.find("href=\"/deals/fietsen-voor-iedereen\""), std::string::npos)
      << "with its results";
}

// A parameter the API does not know, and the route it was sent to.
struct UnknownOnRoute {
  std::string path;
  std::string parameter;
};

TEST_F(HttpApi, TheApiRefusesParametersItDoesNotKnowOnEveryRoute) {
  const UnknownOnRoute cases[] = {
      {"/api/search?q=fiets&utm_source=nieuwsbrief", "utm_source"},
      {"/api/search?fbclid=IwAR0xYz", "fbclid"},
      {"/api/deals/fietsen-voor-iedereen?utm_source=nieuwsbrief", "utm_source"},
      {"/api/deals/no-such-deal?gclid=EAIaIQ", "gclid"},  // the parameter is wrong before the id
      {"/api/facets?fbclid=IwAR0xYz", "fbclid"},
      {"/api/suggest?q=fiets&utm_source=nieuwsbrief", "utm_source"},
      {"/api/suggest?query=fiets", "query"},
  };
  for (const UnknownOnRoute& c : cases) {
    SCOPED_TRACE(c.path);
    const auto [status, body] = get(c.path);
    EXPECT_EQ(status, 400);
    EXPECT_EQ(body["error"]["code"], "bad_parameter");
    EXPECT_EQ(body["error"]["parameter"], c.parameter);
    EXPECT_NE(body["error"]["message"].get<std::string>().find("unknown parameter"),
              std::string::npos);
  }
  // The widget asks for "/api/facets?" with nothing after the question mark.
  EXPECT_EQ(get("/api/facets?").first, 200);
}

TEST_F(HttpApi, APageWithABadValueOfAKnownParameterExplainsItInDutch) {
  const char* const paths[] = {
      "/?size=1000", "/?q=fiets&page=0", "/?q=fiets&sort=beste",
      "/?q=fiets&utm_source=nieuwsbrief&size=tien",  // ignoring the one does not hide the other
  };
  for (const char* path : paths) {
    SCOPED_TRACE(path);
    const httplib::Result page = client_->Get(path);
    ASSERT_TRUE(page);
    EXPECT_EQ(page->status, 400);
    EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
    EXPECT_NE(page->body.find("<html lang=\"nl\">"), std::string::npos);
    EXPECT_NE(page->body.find(kBadRequestHeading), std::string::npos);
  }
}

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
