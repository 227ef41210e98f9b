// robots.txt read as RFC 9309 says, with its own examples (section 5) and tables.
#include "indexer/sources/robots.h"

#include <gtest/gtest.h>

#include <string>

#include "indexer/sources/http_client.h"

namespace dealsearch::indexer {
namespace {

struct PathRow {
  std::string path;
  bool allowed;
};

void expect_paths(const Robots& robots, std::initializer_list<PathRow> rows) {
  for (const PathRow& row : rows) {
    SCOPED_TRACE(row.path);
    EXPECT_EQ(robots.allows(row.path), row.allowed);
  }
}

// RFC 9309 section 5.1, with one of its crawlers renamed to dealsearch where a test says so.
std::string rfc_example(std::string_view foobot, std::string_view barbot, std::string_view quxbot) {
  return "User-Agent: *\n"
         "Disallow: *.gif$\n"
         "Disallow: /example/\n"
         "Allow: /publications/\n"
         "\n"
         "User-Agent: " +
         std::string(foobot) +
         "\n"
         "Disallow:/\n"
         "Allow:/example/page.html\n"
         "Allow:/example/allowed.gif\n"
         "\n"
         "User-Agent: " +
         std::string(barbot) +
         "\n"
         "User-Agent: bazbot\n"
         "Disallow: /example/page.html\n"
         "\n"
         "User-Agent: " +
         std::string(quxbot) +
         "\n"
         "\n"
         "EOF\n";
}

TEST(Robots, WithoutItsOwnGroupFollowsTheStarGroup) {
  expect_paths(parse_robots(rfc_example("foobot", "barbot", "quxbot")),
               {{"/", true},
                {"/citydeals/zwolle/", true},
                {"/images/logo.gif", false},
                {"/images/logo.gif?v=2", true},  // "$" anchors at the end of the path
                {"/example/", false},
                {"/example/page.html", false},
                {"/publications/", true},
                {"/robots.txt", true}});
}

TEST(Robots, FollowsTheGroupNamingDealsearchOnly) {
  expect_paths(parse_robots(rfc_example("dealsearch", "barbot", "quxbot")),
               {{"/", false},
                {"/citydeals/", false},
                {"/example/page.html", true},
                {"/example/allowed.gif", true},
                {"/example/other.gif", false},
                {"/publications/", false}});
}

TEST(Robots, SharesAGroupWithTheAgentsListedWithIt) {
  expect_paths(parse_robots(rfc_example("foobot", "dealsearch", "quxbot")),
               {{"/example/page.html", false}, {"/example/", true}, {"/images/logo.gif", true}});
}

TEST(Robots, AnEmptyGroupOfItsOwnAllowsEverything) {
  // quxbot's group has no rules: the star group does not apply to it.
  expect_paths(parse_robots(rfc_example("foobot", "barbot", "dealsearch")),
               {{"/example/", true}, {"/images/logo.gif", true}});
}

TEST(Robots, MatchesTheProductTokenCaseInsensitively) {
  for (const std::string agent :
       {"dealsearch", "DealSearch", "DEALSEARCH/0.1.0", "dealsearch (+https://agendastad.nl)"}) {
    SCOPED_TRACE(agent);
    const Robots robots = parse_robots("User-agent: *\nDisallow: /\n\nUser-agent: " + agent +
                                       "\nDisallow: /concept/\n");
    EXPECT_TRUE(robots.allows("/citydeals/"));
    EXPECT_FALSE(robots.allows("/concept/deal.html"));
  }
  // "dealsearchbot" and "deal" are other crawlers.
  for (const std::string agent : {"dealsearchbot", "deal", "search"}) {
    SCOPED_TRACE(agent);
    EXPECT_TRUE(parse_robots("User-agent: " + agent + "\nDisallow: /\n").allows("/x"));
  }
}

TEST(Robots, MergesGroupsThatNameTheSameAgent) {
  const Robots robots = parse_robots(
      "User-agent: dealsearch\nDisallow: /a/\n\nUser-agent: other\nDisallow: /b/\n\n"
      "User-agent: dealsearch\nDisallow: /c/\n");
  expect_paths(robots, {{"/a/", false}, {"/b/", true}, {"/c/", false}});
}

TEST(Robots, TheLongestMatchWinsAndAllowWinsATie) {
  // Section 5.2 ...
  const Robots rfc = parse_robots(
      "User-Agent: dealsearch\nAllow: /example/page/\nDisallow: /example/page/disallowed.gif\n");
  expect_paths(rfc, {{"/example/page/", true},
                     {"/example/page/disallowed.gif", false},
                     {"/example/page/other.gif", true}});
  // ... and ties, wildcards counted as the octets they are written with.
  const Robots ties = parse_robots(
      "User-agent: *\n"
      "Disallow: /deal\n"
      "Allow: /deal\n"
      "Disallow: /\n"
      "Allow: /$\n"
      "Allow: /*.pdf$\n"
      "Disallow: /concept/*.pdf$\n");
  expect_paths(ties, {{"/deal", true},
                      {"/deal/zwolle", true},
                      {"/", true},
                      {"", true},
                      {"/index.html", false},
                      {"/files/deal.pdf", true},
                      {"/files/deal.pdf?download=1", false},
                      {"/concept/deal.pdf", false},
                      {"/concept/sub/deal.pdf", false}});
}

TEST(Robots, MatchesStarAndDollarPatterns) {
  struct Row {
    std::string pattern, path;
    bool matches;
  };
  const Row rows[] = {
      {"/fish", "/fish", true},
      {"/fish", "/fish.html", true},
      {"/fish", "/fish/salmon.html", true},
      {"/fish", "/Fish.asp", false},
      {"/fish", "/catfish", false},
      {"/fish*", "/fishheads/yummy.html", true},
      {"/fish/", "/fish", false},
      {"/*.php", "/folder/filename.php?parameters", true},
      {"/*.php", "/windows.PHP", false},
      {"/*.php$", "/filename.php", true},
      {"/*.php$", "/filename.php?parameters", false},
      {"/fish*.php", "/fishheads/catfish.php?parameters", true},
      {"/fish*.php", "/Fish.PHP", false},
      {"/this/*/exactly", "/this/deal/exactly", true},
      {"/this/path/exactly$", "/this/path/exactly/not", false},
      {"/a$b", "/a$b", true},  // "$" inside a pattern is a character
      {"/**/x", "/y/x", true},
      {"*", "/anything", true},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.pattern + " on " + row.path);
    const Robots robots = parse_robots("User-agent: *\nDisallow: " + row.pattern + "\n");
    EXPECT_EQ(robots.allows(row.path), !row.matches);
  }
}

TEST(Robots, NormalisesPercentEncoding) {
  // Section 2.2.2's table.
  struct Row {
    std::string path, normalised;
  };
  const Row rows[] = {
      {"/foo/bar?baz=quz", "/foo/bar?baz=quz"},
      {"/foo/bar/\xE3\x83\x84", "/foo/bar/%E3%83%84"},
      {"/foo/bar/%E3%83%84", "/foo/bar/%E3%83%84"},
      {"/foo/bar/%e3%83%84", "/foo/bar/%E3%83%84"},
      {"/foo/bar/%62%61%7A", "/foo/bar/baz"},
      {"/regio%27s/%2F", "/regio%27s/%2F"},  // reserved characters stay escaped
      {"/city deal", "/city%20deal"},
      {"/100%", "/100%"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.path);
    EXPECT_EQ(normalise_robots_path(row.path), row.normalised);
  }
  const Robots robots = parse_robots(
      "User-agent: *\nDisallow: /gemeente/tilburg-\xC3\xABn/\nDisallow: /%7Econcept/\n");
  expect_paths(robots, {{"/gemeente/tilburg-%C3%ABn/deal", false},
                        {"/gemeente/tilburg-%c3%abn/deal", false},
                        {"/gemeente/tilburg-\xC3\xABn/deal", false},
                        {"/~concept/x", false},
                        {"/%7econcept/x", false},
                        {"/gemeente/tilburg/", true}});
}

TEST(Robots, SkipsWhatMeansNothing) {
  const Robots robots = parse_robots(
      "\xEF\xBB\xBF"
      "Disallow: /before-any-agent/\r\n"
      "# comment\r\n"
      "User-agent: *   # all crawlers\r\n"
      "Unknown-key: value\r\n"
      "this line has no colon\r\n"
      "Disallow: /concept/ # not public yet\r\n"
      "Disallow:\r\n"
      "DISALLOW: /upper/\r"
      "Sitemap: https://agendastad.nl/sitemap.xml\n"
      "Allow : /concept/zwolle/\n");
  expect_paths(robots, {{"/before-any-agent/", true},
                        {"/concept/x", false},
                        {"/concept/zwolle/", true},
                        {"/upper/", false},
                        {"/", true}});
  EXPECT_EQ(robots.sitemaps(), std::vector<std::string>{"https://agendastad.nl/sitemap.xml"});
  EXPECT_TRUE(parse_robots("").allows("/anything"));
  EXPECT_TRUE(parse_robots("User-agent: other\nDisallow: /\n").allows("/anything"));
}

TEST(Robots, ReadsTheCrawlDelayOfItsGroup) {
  struct Row {
    std::string text;
    std::optional<double> seconds;
  };
  const Row rows[] = {
      {"User-agent: *\nCrawl-delay: 5\n", 5.0},
      {"User-agent: *\nCrawl-delay: 2.5\n", 2.5},
      {"User-agent: *\ncrawl-delay: 0\n", 0.0},
      {"User-agent: *\nCrawl-delay: soon\n", std::nullopt},
      {"User-agent: *\nCrawl-delay: -1\n", std::nullopt},
      {"User-agent: *\nDisallow: /x\n", std::nullopt},
      {"User-agent: *\nCrawl-delay: 10\n\nUser-agent: dealsearch\nCrawl-delay: 1\n", 1.0},
      {"User-agent: *\nCrawl-delay: 10\n\nUser-agent: dealsearch\nDisallow: /x\n", std::nullopt},
      {"User-agent: otherbot\nCrawl-delay: 10\n", std::nullopt},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.text);
    EXPECT_EQ(parse_robots(row.text).crawl_delay_seconds(), row.seconds);
  }
}

TEST(Robots, ReadsOnlyTheFirst500KiB) {
  std::string text = "User-agent: *\n";
  while (text.size() < 500 * 1024) {
    text += "Disallow: /padding/\n";
  }
  text += "Disallow: /late/\n";
  EXPECT_TRUE(parse_robots(text).allows("/late/"));
  EXPECT_FALSE(parse_robots(text).allows("/padding/"));
}

TEST(Robots, DecidesFromTheResponseAsSection231Says) {
  struct Row {
    int status;
    std::string error, body;
    bool allows_deal, allows_concept;
  };
  const std::string body = "User-agent: *\nDisallow: /concept/\n";
  const Row rows[] = {
      {200, "", body, true, false},
      {200, "", "", true, true},
      {404, "", "", true, true},
      {410, "", "", true, true},
      {401, "", "", true, true},
      {403, "", "", true, true},
      {302, "redirect to another site refused: https://elders.example/robots.txt", "", true, true},
      {301, "more than 5 redirects", "", true, true},
      {500, "", "", false, false},
      {503, "", body, false, false},
      {0, "could not connect: Connection refused", "", false, false},
      {0, "timed out after 30 s", "", false, false},
      {200, "larger than 50 MB", "", false, false},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(std::to_string(row.status) + " " + row.error);
    HttpResponse response;
    response.status = row.status;
    response.error = row.error;
    response.body = row.body;
    const Robots robots = robots_from_response(response);
    EXPECT_EQ(robots.allows("/citydeals/zwolle/"), row.allows_deal);
    EXPECT_EQ(robots.allows("/concept/x"), row.allows_concept);
    EXPECT_TRUE(robots.allows("/robots.txt"));
  }
}

}  // namespace
}  // namespace dealsearch::indexer
