// Deals as programmes publish them: a saved web site of deal pages with the PDF agreements
// they link to, indexed by the real `dealsearch index` and searched by the real Searcher,
// against the same deals given as corpus/'s text pages.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "indexer/formats/pdf_reader.h"
#include "searcher/search.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/support/run_command.h"
#include "tests/support/test_files.h"

namespace dealsearch {
namespace {

namespace fs = std::filesystem;
using searcher::Searcher;
using searcher::SearchRequest;
using searcher::SearchResult;

// One PDF deal as tests/support/make_site.py reports it: which paragraph it put on which page.
struct PdfDeal {
  std::string id;
  std::string pdf;
  int pages = 0;
  std::vector<std::pair<int, std::string>> paragraphs;
};

std::unique_ptr<Searcher> open_searcher(const fs::path& index) {
  const auto data = testing::shared_analyzer_data();
  return std::make_unique<Searcher>(
      searcher::open_index(index, analyzers::Analyzer(data).fingerprint()), data);
}

std::set<std::string> hit_ids(const SearchResult& result) {
  std::set<std::string> ids;
  for (const searcher::Hit& hit : result.hits) {
    ids.insert(hit.deal.id);
  }
  return ids;
}

class PublishedDocuments : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TemporaryDirectory();
    const fs::path root = dir_->path();
    const testing::RunResult site = testing::run_command(
        DEALSEARCH_REPORTLAB_PYTHON " " DEALSEARCH_SOURCE_DIR
                                    "/tests/support/make_site.py " DEALSEARCH_SOURCE_DIR
                                    "/corpus/agendastad-citydeals.txt " +
        (root / "saved").string());
    ASSERT_EQ(site.exit_code, 0) << site.output;
    std::istringstream lines(site.output);
    for (std::string line; std::getline(lines, line);) {
      if (!line.starts_with('{')) {
        continue;  // not the generator's report (a warning on stderr, say)
      }
      const nlohmann::json deal = nlohmann::json::parse(line);
      PdfDeal& pdf = pdf_deals_.emplace_back();
      pdf.id = deal["id"];
      pdf.pdf = deal["pdf"];
      pdf.pages = deal["pages"];
      for (const nlohmann::json& placed : deal["paragraphs"]) {
        pdf.paragraphs.emplace_back(placed[0].get<int>(), placed[1].get<std::string>());
      }
    }
    index("--quiet --db " + (root / "text").string() + " " DEALSEARCH_SOURCE_DIR "/corpus");
    index("--quiet --db " + (root / "site").string() + " --include '/citydeals/' " +
          (root / "saved").string());
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  static void index(const std::string& arguments) {
    const testing::RunResult run = testing::run_dealsearch("index " + arguments);
    ASSERT_EQ(run.exit_code, 0) << run.output;
  }

  static fs::path path(const std::string& name) { return dir_->path() / name; }

  static SearchResult search(Searcher& searcher, const std::string& query,
                             searcher::Filters filters = {}) {
    SearchRequest request;
    request.query = query;
    request.filters = std::move(filters);
    request.size = 100;
    return searcher.search(request);
  }

  static testing::TemporaryDirectory* dir_;
  static std::vector<PdfDeal> pdf_deals_;
};

testing::TemporaryDirectory* PublishedDocuments::dir_ = nullptr;
std::vector<PdfDeal> PublishedDocuments::pdf_deals_;

TEST_F(PublishedDocuments, TheSiteHasPdfDealsOfSeveralPages) {
  ASSERT_GE(pdf_deals_.size(), 3u);
  EXPECT_TRUE(std::any_of(pdf_deals_.begin(), pdf_deals_.end(),
                          [](const PdfDeal& deal) { return deal.pages > 1; }));
}

TEST_F(PublishedDocuments, TheSiteGivesEachDealWithTheFactsOfItsTextPage) {
  auto text = open_searcher(path("text"));
  auto site = open_searcher(path("site"));
  const SearchResult from_text = search(*text, "");
  const SearchResult from_site = search(*site, "");
  ASSERT_EQ(from_site.total, from_text.total);
  ASSERT_EQ(hit_ids(from_site), hit_ids(from_text));
  for (const searcher::Hit& hit : from_text.hits) {
    SCOPED_TRACE(hit.deal.id);
    const std::optional<schema::StoredDeal> deal = site->deal(hit.deal.id);
    ASSERT_TRUE(deal);
    EXPECT_EQ(deal->title, hit.deal.title);
    EXPECT_EQ(deal->status, hit.deal.status);
    EXPECT_EQ(deal->signed_on, hit.deal.signed_on);
    EXPECT_EQ(deal->themes, hit.deal.themes);
    std::vector<std::string> site_partners, text_partners;
    for (const schema::StoredPartner& partner : deal->partners) {
      site_partners.push_back(partner.name);
    }
    for (const schema::StoredPartner& partner : hit.deal.partners) {
      text_partners.push_back(partner.name);
    }
    EXPECT_EQ(site_partners, text_partners);
    EXPECT_EQ(deal->url, "https://agendastad.nl/citydeals/" + hit.deal.id + "/");
  }
}

TEST_F(PublishedDocuments, TheSiteAnswersSearchesAsTheTextPagesDo) {
  auto text = open_searcher(path("text"));
  auto site = open_searcher(path("site"));
  const std::vector<std::pair<std::string, searcher::Filters>> queries = {
      {"energiearmoede", {}},
      {"armoede", {}},
      {"fiets", {}},
      {"creeren", {}},
      {"\"energie armoede\"", {}},
      {"vastgoedeigenaren", {}},
      {"binnenstad vastgoed", {}},
      {"digitalisering", {}},
      {"uiteenlopende", {}},
      {"samenwerking", {}},
      {"ondernemers", {}},
      {"", {{"ministry", {"BZK"}}}},
      {"gemeente", {{"ministry", {"IenW"}}}},
      {"wonen", {{"status", {"in uitvoering"}}}},
  };
  for (const auto& [query, filters] : queries) {
    SCOPED_TRACE(query);
    const SearchResult a = search(*text, query, filters);
    const SearchResult b = search(*site, query, filters);
    EXPECT_EQ(b.total, a.total);
    EXPECT_EQ(hit_ids(b), hit_ids(a));
    EXPECT_EQ(b.facets, a.facets);
  }
}

TEST_F(PublishedDocuments, BoilerplateWordsFindNothing) {
  auto text = open_searcher(path("text"));
  auto site = open_searcher(path("site"));
  // Menu, breadcrumbs, cookie notice, share buttons, comment form, sidebar, footer, script:
  // what the site finds of them is what the text pages find (a compound's part, relaxed,
  // "beleid" of "cookiebeleid"), never a deal for its boilerplate.
  for (const std::string query :
       {"cookiebeleid", "accepteren", "kruimelpad", "hoofdmenu", "nieuwsoverzicht",
        "delen linkedin", "reageer", "gepubliceerd", "kwartaalbrief", "nieuwsbrief",
        "trackingpixel", "springen", "\"andere city deals\"", "twitter"}) {
    SCOPED_TRACE(query);
    const SearchResult from_site = search(*site, query);
    const SearchResult from_text = search(*text, query);
    EXPECT_EQ(from_site.total, from_text.total);
    EXPECT_EQ(from_site.relaxed, from_text.relaxed);
    EXPECT_TRUE(from_site.total == 0 || from_site.relaxed) << from_site.total;
  }
}

TEST_F(PublishedDocuments, TheFooterMinistryCountsOnlyWhereTheDealNamesIt) {
  auto text = open_searcher(path("text"));
  auto site = open_searcher(path("site"));
  const auto bzk = [](const SearchResult& result) {
    for (const searcher::FacetValue& value : result.facets.at("ministry")) {
      if (value.value == "BZK") {
        return value.count;
      }
    }
    return size_t{0};
  };
  const SearchResult all = search(*site, "");
  EXPECT_LT(bzk(all), all.total);
  EXPECT_EQ(bzk(all), bzk(search(*text, "")));
}

// Words of `paragraph` that no other paragraph of corpus/ holds, in lower case.
std::vector<std::string> words_only_in(const std::string& paragraph) {
  const std::string corpus =
      testing::read_text_file(DEALSEARCH_SOURCE_DIR "/corpus/agendastad-citydeals.txt");
  std::vector<std::string> unique;
  std::istringstream words(paragraph);
  for (std::string word; words >> word;) {
    if (word.size() < 9 ||
        !std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
      continue;
    }
    const size_t first = corpus.find(word);
    if (first != std::string::npos && corpus.find(word, first + 1) == std::string::npos) {
      unique.push_back(word);
    }
  }
  return unique;
}

TEST_F(PublishedDocuments, AMatchInAPdfNamesTheDocumentAndItsPage) {
  auto text = open_searcher(path("text"));
  auto site = open_searcher(path("site"));
  size_t checked = 0;
  for (const PdfDeal& deal : pdf_deals_) {
    for (const auto& [page, paragraph] : deal.paragraphs) {
      for (const std::string& word : words_only_in(paragraph)) {
        if (search(*text, word).total != 1) {
          continue;  // another form of it is elsewhere: "regionale" for "regionaal"
        }
        SCOPED_TRACE(deal.id + ": " + word);
        const SearchResult result = search(*site, word);
        ASSERT_EQ(result.hits.size(), 1u);
        const searcher::Hit& hit = result.hits.front();
        EXPECT_EQ(hit.deal.id, deal.id);
        ASSERT_TRUE(hit.snippet_source);
        EXPECT_EQ(hit.snippet_source->title, "Staatscourant-tekst");
        EXPECT_EQ(hit.snippet_source->url, "https://agendastad.nl/wp-content/uploads/" + deal.pdf);
        EXPECT_EQ(hit.snippet_source->page, std::optional<uint32_t>(page));
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 5u);
}

TEST_F(PublishedDocuments, AMatchOnThePageNamesThePageWithoutAPageNumber) {
  auto site = open_searcher(path("site"));
  const SearchResult result = search(*site, "\"Status citydeal\"");
  EXPECT_EQ(result.total, 0u);  // the status line is the status, not text
  const SearchResult ondertekend = search(*site, "ondertekend");
  ASSERT_FALSE(ondertekend.hits.empty());
  for (const searcher::Hit& hit : ondertekend.hits) {
    ASSERT_TRUE(hit.snippet_source);
    if (hit.snippet_source->page) {
      continue;  // a deal whose PDF says so too
    }
    EXPECT_EQ(hit.snippet_source->url, hit.deal.url);
  }
}

TEST_F(PublishedDocuments, ADealListsItsDocuments) {
  auto site = open_searcher(path("site"));
  for (const PdfDeal& pdf : pdf_deals_) {
    SCOPED_TRACE(pdf.id);
    const std::optional<schema::StoredDeal> deal = site->deal(pdf.id);
    ASSERT_TRUE(deal);
    ASSERT_EQ(deal->documents.size(), 2u);
    EXPECT_EQ(deal->documents[0].type, "html");
    EXPECT_EQ(deal->documents[0].url, deal->url);
    EXPECT_EQ(deal->documents[1].type, "pdf");
    EXPECT_EQ(deal->documents[1].title, "Staatscourant-tekst");
    EXPECT_EQ(deal->documents[1].pages, std::optional<uint32_t>(pdf.pages));
  }
}

TEST_F(PublishedDocuments, WithoutIncludeTheSiteHomePageIsADealToo) {
  const fs::path index = path("everything");
  PublishedDocuments::index("--quiet --db " + index.string() + " " + path("saved").string());
  auto everything = open_searcher(index);
  auto site = open_searcher(path("site"));
  EXPECT_EQ(search(*everything, "").total, search(*site, "").total + 1);
  const fs::path excluded = path("excluded");
  PublishedDocuments::index("--quiet --db " + excluded.string() +
                            " --exclude 'agendastad\\.nl/index\\.html$' " + path("saved").string());
  EXPECT_EQ(search(*open_searcher(excluded), "").total, search(*site, "").total);
}

TEST_F(PublishedDocuments, AFolderOfPdfsAloneIsAFolderOfDeals) {
  const fs::path index = path("pdfs");
  PublishedDocuments::index("--quiet --db " + index.string() + " " +
                            (path("saved") / "agendastad.nl" / "wp-content").string());
  auto pdfs = open_searcher(index);
  const SearchResult all = search(*pdfs, "");
  ASSERT_EQ(all.total, pdf_deals_.size());
  std::set<std::string> titles;
  for (const searcher::Hit& hit : all.hits) {
    titles.insert(hit.deal.title);
    EXPECT_EQ(hit.deal.documents.size(), 1u);
  }
  // A title is the PDF's own, or its first heading where the metadata has a tool's
  // ("Microsoft Word - fietsen-voor-iedereen.docx").
  EXPECT_TRUE(titles.contains("Fietsen voor iedereen")) << ::testing::PrintToString(titles);
  for (const std::string& title : titles) {
    EXPECT_EQ(title.find("Microsoft Word"), std::string::npos);
  }
}

// The PDFs of tests/support/make_pdfs.py: a good one and every kind of bad one.
class BadPdfs : public PublishedDocuments {
 protected:
  void SetUp() override {
    const testing::RunResult made = testing::run_command(
        DEALSEARCH_REPORTLAB_PYTHON " " DEALSEARCH_SOURCE_DIR "/tests/support/make_pdfs.py " +
        pdfs_.path().string());
    ASSERT_EQ(made.exit_code, 0) << made.output;
    fs::remove(pdfs_.path() / "agreement.pdf");  // the good one left is note.pdf
    if (!indexer_memory_limit_applies()) {
      fs::remove(pdfs_.path() / "memory_bomb.pdf");  // AddressSanitizer: no memory limit
    }
  }

  // Whether the dealsearch under test (built as this test is) limits a PDF parser's memory.
  static bool indexer_memory_limit_applies() { return indexer::kPdfMemoryLimitApplies; }

  testing::TemporaryDirectory pdfs_;
};

TEST_F(BadPdfs, EachBadPdfIsNamedWithItsProblemAndTheIndexIsLeftAlone) {
  const fs::path index = pdfs_.path() / "index";
  const std::string limits = " --pdf-cpu-seconds 1 --pdf-memory-mb 128 --pdf-wall-seconds 20 ";
  const testing::RunResult refused = testing::run_dealsearch(
      "index --quiet --db " + index.string() + limits + pdfs_.path().string());
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_FALSE(fs::exists(index));
  const std::vector<std::pair<std::string, std::string>> problems = {
      {"encrypted.pdf", "needs a password"},
      {"scanned.pdf", "has no text"},
      {"truncated.pdf", "not a readable PDF"},
      {"cpu_bomb.pdf", "ran out of time"},
  };
  for (const auto& [file, problem] : problems) {
    SCOPED_TRACE(file);
    const size_t named = refused.output.find(file + ": cannot read this PDF: ");
    ASSERT_NE(named, std::string::npos) << refused.output;
    EXPECT_NE(refused.output.find(problem, named), std::string::npos) << refused.output;
  }
  if (indexer_memory_limit_applies()) {
    EXPECT_NE(
        refused.output.find("memory_bomb.pdf: cannot read this PDF: the PDF parser ran out of"),
        std::string::npos)
        << refused.output;
  }

  // A hostile or broken PDF costs that one document: --skip-bad indexes the rest.
  const testing::RunResult skipped = testing::run_dealsearch(
      "index --quiet --skip-bad --db " + index.string() + limits + pdfs_.path().string());
  ASSERT_EQ(skipped.exit_code, 0) << skipped.output;
  EXPECT_NE(skipped.output.find("indexed 1 deal(s)"), std::string::npos) << skipped.output;
  auto searcher = open_searcher(index);
  EXPECT_EQ(search(*searcher, "warmtescan").hits.at(0).deal.title, "Notitie over de warmtescan");
}

TEST_F(BadPdfs, ABadPdfThatAPageLinksToCostsOnlyThatDocument) {
  const fs::path site = pdfs_.path() / "site";
  fs::create_directories(site);
  std::ofstream(site / "deal.html")
      << "<html><head><title>Deal | Site</title></head><body><main><h1>Warmte in de wijk</h1>"
         "<p>Status citydeal: afgerond</p><p>Een deal over warmtenetten.</p>"
         "<p><a href=\"../truncated.pdf\">Convenant</a> <a href=\"../note.pdf\">Notitie</a></p>"
         "</main></body></html>";
  const fs::path index = pdfs_.path() / "index";
  const testing::RunResult run = testing::run_dealsearch("index --quiet --skip-bad --db " +
                                                         index.string() + " " + site.string());
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("truncated.pdf: cannot read this PDF: not a readable PDF"),
            std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("(linked from " + (site / "deal.html").string() + ")"),
            std::string::npos)
      << run.output;
  auto searcher = open_searcher(index);
  const SearchResult found = search(*searcher, "warmtescan");
  ASSERT_EQ(found.hits.size(), 1u);
  EXPECT_EQ(found.hits[0].deal.title, "Warmte in de wijk");
  ASSERT_TRUE(found.hits[0].snippet_source);
  EXPECT_EQ(found.hits[0].snippet_source->title, "Notitie");
  EXPECT_EQ(found.hits[0].snippet_source->page, std::optional<uint32_t>(1));
  EXPECT_EQ(found.hits[0].snippet_source->url, "");  // a page read from a file without a URL
  EXPECT_EQ(found.hits[0].deal.documents.size(), 2u);
}

TEST_F(BadPdfs, AnIncludeThatIsNoRegularExpressionIsAUsageError) {
  const testing::RunResult run =
      testing::run_dealsearch("index --include '[citydeal' " + pdfs_.path().string());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("--include '[citydeal' is not a regular expression"), std::string::npos)
      << run.output;
}

}  // namespace
}  // namespace dealsearch
