// dealsearch index with a site's sitemap URL: the real binary crawling a real site served on
// loopback (tests/support/test_site.h), against the same deals read from files.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "searcher/search.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/run_command.h"
#include "tests/support/test_files.h"
#include "tests/support/test_site.h"

namespace dealsearch {
namespace {

namespace fs = std::filesystem;
using searcher::SearchRequest;
using searcher::SearchResult;

class SiteCrawl : public ::testing::Test {
 protected:
  void SetUp() override { site_ = testing::serve_corpus_site(dir_.path()); }

  fs::path path(const std::string& name) const { return dir_.path() / name; }

  // `dealsearch index ARGUMENTS` with a short crawl delay, so that tests do not wait.
  testing::RunResult index(const std::string& arguments) {
    return testing::run_dealsearch("index --crawl-delay 0 " + arguments);
  }

  static SearchResult search(const fs::path& index, const std::string& query) {
    const auto data = testing::shared_analyzer_data();
    searcher::Searcher searcher(
        searcher::open_index(index, analyzers::Analyzer(data).fingerprint()), data);
    SearchRequest request;
    request.query = query;
    request.size = 100;
    return searcher.search(request);
  }

  static std::set<std::string> ids(const SearchResult& result) {
    std::set<std::string> out;
    for (const searcher::Hit& hit : result.hits) {
      out.insert(hit.deal.id);
    }
    return out;
  }

  testing::TemporaryDirectory dir_;
  std::unique_ptr<testing::TestSite> site_;
};

TEST_F(SiteCrawl, ASiteIndexedFromItsSitemapAnswersAsItsFilesDo) {
  const testing::RunResult crawled =
      index("--quiet --db " + path("crawled").string() + " " + site_->url("/sitemap.xml"));
  ASSERT_EQ(crawled.exit_code, 0) << crawled.output;
  const testing::RunResult files = index("--quiet --db " + path("files").string() +
                                         " --include /citydeals/ " + path("saved").string());
  ASSERT_EQ(files.exit_code, 0) << files.output;
  for (const std::string query : {"", "energiearmoede", "fiets", "uiteenlopende", "vastgoed"}) {
    SCOPED_TRACE(query);
    const SearchResult a = search(path("files"), query);
    const SearchResult b = search(path("crawled"), query);
    EXPECT_EQ(b.total, a.total);
    EXPECT_EQ(ids(b), ids(a));
    EXPECT_EQ(b.facets, a.facets);
  }
  // Its url is where it was fetched; a PDF's is where that was.
  const SearchResult pdf_word = search(path("crawled"), "vrijblijvende");
  ASSERT_EQ(pdf_word.hits.size(), 1u);
  EXPECT_EQ(pdf_word.hits[0].deal.url, site_->url("/citydeals/fietsen-voor-iedereen/"));
  ASSERT_TRUE(pdf_word.hits[0].snippet_source);
  EXPECT_EQ(pdf_word.hits[0].snippet_source->url,
            site_->url("/wp-content/uploads/fietsen-voor-iedereen.pdf"));
  EXPECT_EQ(pdf_word.hits[0].snippet_source->page, std::optional<uint32_t>(2));
  for (const std::string& agent : site_->user_agents()) {
    EXPECT_TRUE(agent.starts_with("dealsearch/")) << agent;
  }
}

TEST_F(SiteCrawl, ASecondUpdateAsksOnlyWhetherPagesChangedAndChangesNothing) {
  const std::string sitemap = site_->url("/sitemap.xml");
  ASSERT_EQ(index("--quiet --db " + path("index").string() + " " + sitemap).exit_code, 0);
  const std::string revision = Xapian::Database(path("index").string()).get_uuid();
  const size_t before = search(path("index"), "").total;
  site_->reset_counts();
  const testing::RunResult again = index("--update --db " + path("index").string() + " " + sitemap);
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(site_->answered_304(), site_->deal_pages().size()) << again.output;
  EXPECT_EQ(site_->requests("/wp-content/uploads/fietsen-voor-iedereen.pdf"), 0u);
  EXPECT_NE(again.output.find(std::to_string(site_->deal_pages().size()) + " unchanged (304)"),
            std::string::npos)
      << again.output;
  EXPECT_EQ(search(path("index"), "").total, before);
}

TEST_F(SiteCrawl, APageThatLeavesTheSitemapOrAnswers404LeavesTheIndex) {
  const std::string sitemap = site_->url("/sitemap.xml");
  ASSERT_EQ(index("--quiet --db " + path("index").string() + " " + sitemap).exit_code, 0);
  ASSERT_EQ(ids(search(path("index"), "")).count("ruimte-voor-lopen"), 1u);
  site_->unlist("/citydeals/ruimte-voor-lopen/");
  fs::remove_all(path("saved") / "agendastad.nl" / "citydeals" / "slim-maatwerk");  // now a 404
  const testing::RunResult update =
      index("--quiet --update --db " + path("index").string() + " " + sitemap);
  ASSERT_EQ(update.exit_code, 0) << update.output;
  const std::set<std::string> left = ids(search(path("index"), ""));
  EXPECT_EQ(left.count("ruimte-voor-lopen"), 0u);
  EXPECT_EQ(left.count("slim-maatwerk"), 0u);
  EXPECT_EQ(left.count("fietsen-voor-iedereen"), 1u);
}

TEST_F(SiteCrawl, ObeysRobotsTxtAndFollowsARedirectOnTheSite) {
  site_->list("/prive/geheime-deal/");
  site_->list("/oud/slim-maatwerk/");
  site_->unlist("/citydeals/slim-maatwerk/");
  const testing::RunResult run =
      index("--quiet --db " + path("index").string() + " " + site_->url("/sitemap.xml"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(site_->requests("/prive/geheime-deal/"), 0u);
  EXPECT_GE(site_->requests("/robots.txt"), 1u);
  const SearchResult all = search(path("index"), "");
  EXPECT_EQ(ids(all).count("slim-maatwerk"), 1u);
}

TEST_F(SiteCrawl, ASitemapThatCannotBeReadLeavesTheOldIndexAndDeletesNothing) {
  const std::string sitemap = site_->url("/sitemap.xml");
  ASSERT_EQ(index("--quiet --db " + path("index").string() + " " + sitemap).exit_code, 0);
  const size_t before = search(path("index"), "").total;
  site_->add_child_sitemap("/sitemap-bomb.xml.gz");
  site_->unlist("/citydeals/ruimte-voor-lopen/");

  // A rebuild stops: the index stays as it was.
  const testing::RunResult rebuild =
      index("--quiet --db " + path("index").string() + " " + sitemap);
  EXPECT_EQ(rebuild.exit_code, 1) << rebuild.output;
  EXPECT_NE(rebuild.output.find("sitemap-bomb.xml.gz: the sitemap cannot be read"),
            std::string::npos)
      << rebuild.output;
  EXPECT_EQ(search(path("index"), "").total, before);

  // An update takes what it could read, deletes nothing and says so.
  const testing::RunResult update =
      index("--quiet --update --db " + path("index").string() + " " + sitemap);
  EXPECT_EQ(update.exit_code, 1) << update.output;
  EXPECT_NE(update.output.find("could not be read completely"), std::string::npos) << update.output;
  EXPECT_EQ(ids(search(path("index"), "")).count("ruimte-voor-lopen"), 1u);
}

TEST_F(SiteCrawl, ASitemapWithAnExternalEntityIsRefused) {
  const testing::RunResult run =
      index("--quiet --db " + path("index").string() + " " + site_->url("/sitemap-xxe.xml"));
  EXPECT_EQ(run.exit_code, 1) << run.output;
  EXPECT_NE(run.output.find("sitemap-xxe.xml: the sitemap cannot be read"), std::string::npos)
      << run.output;
  EXPECT_EQ(run.output.find("root:"), std::string::npos) << "no file of this machine is read";
  EXPECT_FALSE(fs::exists(path("index")));
}

TEST_F(SiteCrawl, APageThatNeverEndsIsCutAtTheTimeOut) {
  site_->list("/citydeals/traag/");
  const testing::RunResult run = index("--quiet --skip-bad --http-timeout 2 --db " +
                                       path("index").string() + " " + site_->url("/sitemap.xml"));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("/citydeals/traag/: cannot be fetched: "), std::string::npos)
      << run.output;
  EXPECT_EQ(search(path("index"), "").total, site_->deal_pages().size() - 1);
}

}  // namespace
}  // namespace dealsearch
