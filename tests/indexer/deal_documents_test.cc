// What a deal's web page and its PDFs become as a record: title, status, id, documents, pages.
#include "indexer/formats/deal_documents.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/analyzers/shared_analyzer_data.h"

namespace dealsearch::indexer {
namespace {

const analyzers::Folder& folder() { return testing::shared_analyzer_data()->folder(); }

HtmlPage energy_page() {
  HtmlPage page;
  page.title = "Energiearmoede";
  page.url = "https://agendastad.nl/citydeals/energiearmoede/";
  page.paragraphs = {"Status citydeal: In uitvoering", "Huishoudens met hoge energielasten.",
                     "Partners: Gemeente Zwolle."};
  page.links = {
      {"../../wp-content/uploads/2016/05/Staatscourant%20deal.pdf#page=2", "Staatscourant-tekst"},
      {"bijlage.PDF?ver=3", "Download"},
      {"https://elders.nl/rapport.pdf", "Rapport"},
      {"/wp-content/root.pdf", "Root"},
      {"../andere-deal/", "Andere deal"},
      {"../../wp-content/uploads/2016/05/Staatscourant%20deal.pdf", "Nog eens"}};
  return page;
}

TEST(HtmlDeal, TakesTitleStatusUrlAndIdFromThePage) {
  const HtmlDeal deal =
      html_deal(energy_page(), "site/citydeals/energiearmoede/index.html", folder());
  EXPECT_EQ(deal.record.title, "Energiearmoede");
  EXPECT_EQ(deal.record.status, "In uitvoering");
  EXPECT_EQ(deal.record.url, "https://agendastad.nl/citydeals/energiearmoede/");
  EXPECT_EQ(deal.record.id, "energiearmoede");
  EXPECT_EQ(deal.record.paragraphs, (std::vector<std::string>{"Huishoudens met hoge energielasten.",
                                                              "Partners: Gemeente Zwolle."}));
  ASSERT_EQ(deal.record.documents.size(), 1u);
  EXPECT_EQ(deal.record.documents[0],
            (SourceDocument{"https://agendastad.nl/citydeals/energiearmoede/", "Energiearmoede",
                            "html", std::nullopt, 0}));
  EXPECT_EQ(deal.record.source.file, "site/citydeals/energiearmoede/index.html");
}

TEST(HtmlDeal, FindsThePdfsItsContentLinksToBesideItsFile) {
  const HtmlDeal deal =
      html_deal(energy_page(), "site/citydeals/energiearmoede/index.html", folder());
  // Relative links to PDFs only, each once; a root-relative one needs the site's root.
  ASSERT_EQ(deal.pdfs.size(), 2u);
  EXPECT_EQ(deal.pdfs[0].file, "site/wp-content/uploads/2016/05/Staatscourant deal.pdf");
  EXPECT_EQ(deal.pdfs[0].url,
            "https://agendastad.nl/wp-content/uploads/2016/05/Staatscourant%20deal.pdf");
  EXPECT_EQ(deal.pdfs[0].title, "Staatscourant-tekst");
  EXPECT_EQ(deal.pdfs[1].file, "site/citydeals/energiearmoede/bijlage.PDF");
  EXPECT_EQ(deal.pdfs[1].url, "https://agendastad.nl/citydeals/energiearmoede/bijlage.PDF");
  EXPECT_EQ(deal.pdfs[1].title, "") << "\"Download\" says what the link does, not what it is";
}

TEST(HtmlDeal, APageWithoutUrlHasNoIdNorPdfUrls) {
  HtmlPage page = energy_page();
  page.url.clear();
  const HtmlDeal deal = html_deal(page, "saved/energie.html", folder());
  EXPECT_EQ(deal.record.id, "") << "the slug of its title, later";
  ASSERT_EQ(deal.pdfs.size(), 2u);
  EXPECT_EQ(deal.pdfs[0].url, "");
}

TEST(HtmlDeal, TheIdIsTheUrlsLastSegment) {
  const struct {
    std::string url, id;
  } rows[] = {
      {"https://agendastad.nl/citydeals/energiearmoede/", "energiearmoede"},
      {"https://agendastad.nl/citydeals/Energie_Armoede.html", "energie-armoede"},
      {"https://agendastad.nl/citydeals/zwolle/index.html", "zwolle"},
      {"https://agendastad.nl/?p=123", ""},
      {"https://agendastad.nl/citydeals/cr%C3%A9%C3%ABren/", "creeren"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.url);
    HtmlPage page = energy_page();
    page.url = row.url;
    EXPECT_EQ(html_deal(page, "x.html", folder()).record.id, row.id);
  }
}

TEST(HtmlDeal, PagesSharingAnIdGetTheirParentSegment) {
  HtmlPage a = energy_page();
  a.url = "https://agendastad.nl/2016/energie/";
  HtmlPage b = energy_page();
  b.url = "https://agendastad.nl/2019/energie/";
  HtmlPage c = energy_page();
  c.url = "https://agendastad.nl/2019/wonen/";
  std::vector<HtmlDeal> deals = {html_deal(a, "a.html", folder()), html_deal(b, "b.html", folder()),
                                 html_deal(c, "c.html", folder())};
  make_page_ids_distinct({&deals[0].record, &deals[1].record, &deals[2].record}, folder());
  EXPECT_EQ(deals[0].record.id, "2016-energie");
  EXPECT_EQ(deals[1].record.id, "2019-energie");
  EXPECT_EQ(deals[2].record.id, "wonen");
}

TEST(HtmlDeal, APdfAddsItsParagraphsPagesAndPageBreaks) {
  HtmlDeal deal = html_deal(energy_page(), "x.html", folder());
  PdfText pdf;
  pdf.title = "Convenant";
  pdf.paragraphs = {"Artikel 1", "De partijen werken samen aan", "Artikel 2"};
  pdf.paragraph_pages = {1, 1, 3};
  pdf.page_breaks = {{1, 20, 2}};
  pdf.page_count = 3;
  add_pdf_document(deal.record, pdf, {.url = "https://x.nl/c.pdf", .title = "Staatscourant-tekst"});
  const DealRecord& record = deal.record;
  EXPECT_EQ(record.paragraphs.size(), 5u);
  EXPECT_EQ(record.paragraph_pages, (std::vector<uint32_t>{0, 0, 1, 1, 3}));
  EXPECT_EQ(record.page_breaks, (std::vector<schema::PageBreak>{{3, 20, 2}}));
  ASSERT_EQ(record.documents.size(), 2u);
  EXPECT_EQ(record.documents[1],
            (SourceDocument{"https://x.nl/c.pdf", "Staatscourant-tekst", "pdf", 3u, 2}));
}

TEST(PdfDeal, APdfAloneIsADealOfItsTitleOrFileName) {
  PdfText pdf;
  pdf.title = "Convenant City Deal Energiearmoede";
  pdf.paragraphs = {"Tekst."};
  pdf.paragraph_pages = {1};
  pdf.page_count = 1;
  DealRecord record = pdf_deal(pdf, "agreements/convenant.pdf");
  EXPECT_EQ(record.title, "Convenant City Deal Energiearmoede");
  EXPECT_EQ(
      record.documents,
      (std::vector<SourceDocument>{{"", "Convenant City Deal Energiearmoede", "pdf", 1u, 0}}));
  pdf.title.clear();
  EXPECT_EQ(pdf_deal(pdf, "agreements/convenant.pdf").title, "convenant");
}

}  // namespace
}  // namespace dealsearch::indexer
