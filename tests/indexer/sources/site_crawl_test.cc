// crawl() in-process, on several threads, against a site served on loopback
// (tests/support/test_site.h): what it fetches, what an update asks, and that its threads share
// its results safely (this test runs under ThreadSanitizer too).
#include "indexer/sources/site_crawl.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/run_command.h"
#include "tests/support/test_files.h"
#include "tests/support/test_site.h"

namespace dealsearch::indexer {
namespace {

class Crawl : public ::testing::Test {
 protected:
  void SetUp() override {
    site_ = testing::serve_corpus_site(dir_.path());
    options_.crawl_delay_seconds = 0;
    options_.http.user_agent = "dealsearch/test";
    options_.pdf = {DEALSEARCH_BINARY, PdfLimits{}};
    options_.analyzer_data = testing::shared_analyzer_data();
    options_.workers = 4;
  }

  testing::TemporaryDirectory dir_;
  std::unique_ptr<testing::TestSite> site_;
  CrawlOptions options_;
};

TEST_F(Crawl, FetchesEveryListedPageWithItsPdfsOnSeveralThreads) {
  const CrawlResult result = crawl({site_->url("/sitemap.xml")}, options_);
  EXPECT_TRUE(result.complete);
  EXPECT_TRUE(result.diagnostics.empty()) << result.diagnostics.front().to_string();
  ASSERT_EQ(result.records.size(), site_->deal_pages().size());
  EXPECT_EQ(result.counts.sitemaps, 2u);  // the index and the deals' sitemap
  EXPECT_EQ(result.counts.pages, site_->deal_pages().size());
  size_t with_pdf = 0;
  std::set<std::string> ids;
  for (const DealRecord& record : result.records) {
    SCOPED_TRACE(record.url);
    ids.insert(record.id);
    EXPECT_EQ(record.url, site_->url("/citydeals/" + record.id + "/"));
    ASSERT_FALSE(record.documents.empty());
    EXPECT_FALSE(record.documents.front().etag.empty());
    EXPECT_FALSE(record.documents.front().last_modified.empty());
    if (record.documents.size() > 1) {
      ++with_pdf;
      EXPECT_EQ(record.documents[1].url, site_->url("/wp-content/uploads/" + record.id + ".pdf"));
      EXPECT_EQ(record.documents[1].type, "pdf");
    }
  }
  EXPECT_EQ(ids.size(), result.records.size());
  EXPECT_EQ(with_pdf, result.counts.pdfs);
  EXPECT_GE(with_pdf, 3u);
}

TEST_F(Crawl, AnUpdateAsksEachPageWhetherItChangedAndDeletesWhatIsGone) {
  const CrawlResult first = crawl({site_->url("/sitemap.xml")}, options_);
  ASSERT_TRUE(first.diagnostics.empty());
  for (const DealRecord& record : first.records) {
    options_.known[record.source.file] = {record.id, record.documents.front().etag,
                                          record.documents.front().last_modified};
  }
  site_->unlist("/citydeals/ruimte-voor-lopen/");
  site_->reset_counts();
  const CrawlResult again = crawl({site_->url("/sitemap.xml")}, options_);
  EXPECT_TRUE(again.complete);
  EXPECT_TRUE(again.records.empty());
  EXPECT_EQ(again.unchanged_ids.size(), site_->deal_pages().size());
  EXPECT_EQ(site_->answered_304(), site_->deal_pages().size());
  EXPECT_EQ(again.delete_ids, std::vector<std::string>{"ruimte-voor-lopen"});
}

TEST_F(Crawl, APageGivenAsASourceIsFetchedOnce) {
  const std::string page = "/citydeals/fietsen-voor-iedereen/";
  const CrawlResult result = crawl({site_->url(page)}, options_);
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0].id, "fietsen-voor-iedereen");
  EXPECT_EQ(site_->requests(page), 1u);
}

}  // namespace
}  // namespace dealsearch::indexer
