// URLs of deal pages: links resolved as a browser resolves them, and the path's segments.
#include "indexer/urls.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "indexer/formats/html_encoding.h"

namespace dealsearch::indexer {
namespace {

TEST(Urls, ResolvesLinksAsRfc3986Says) {
  const std::string base = "https://agendastad.nl/citydeals/zwolle/index.html?p=1";
  struct Row {
    std::string reference, expected;
  };
  const Row rows[] = {
      {"deal.pdf", "https://agendastad.nl/citydeals/zwolle/deal.pdf"},
      {"./deal.pdf", "https://agendastad.nl/citydeals/zwolle/deal.pdf"},
      {"../../wp-content/uploads/deal.pdf", "https://agendastad.nl/wp-content/uploads/deal.pdf"},
      {"../../../../x.pdf", "https://agendastad.nl/x.pdf"},
      {"/wp-content/deal.pdf", "https://agendastad.nl/wp-content/deal.pdf"},
      {"//cdn.example.nl/a/b.pdf", "https://cdn.example.nl/a/b.pdf"},
      {"http://other.nl/c.pdf", "http://other.nl/c.pdf"},
      {"deal.pdf#page=3", "https://agendastad.nl/citydeals/zwolle/deal.pdf#page=3"},
      {"?p=2", "https://agendastad.nl/citydeals/zwolle/index.html?p=2"},
      {"#top", "https://agendastad.nl/citydeals/zwolle/index.html?p=1#top"},
      {"sub/", "https://agendastad.nl/citydeals/zwolle/sub/"},
      {"..", "https://agendastad.nl/citydeals/"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.reference);
    EXPECT_EQ(resolve_url(base, row.reference), row.expected);
  }
  EXPECT_EQ(resolve_url("https://agendastad.nl", "deal.pdf"), "https://agendastad.nl/deal.pdf");
  EXPECT_EQ(resolve_url("", "deal.pdf"), "");
  EXPECT_EQ(resolve_url("saved/page.html", "deal.pdf"), "");
}

TEST(Urls, TellsRelativeLinksFromOthers) {
  for (const std::string relative : {"deal.pdf", "../x/deal.pdf", "/wp-content/deal.pdf",
                                     "deal.pdf?x=1", "Deal%20Zwolle.pdf", "a:b/deal.pdf"}) {
    SCOPED_TRACE(relative);
    // "a:b/deal.pdf" has a colon, but "a" followed by ':' is a scheme: see below.
    if (relative == "a:b/deal.pdf") {
      EXPECT_FALSE(is_relative_reference(relative));
    } else {
      EXPECT_TRUE(is_relative_reference(relative));
    }
  }
  for (const std::string other : {"https://x.nl/deal.pdf", "mailto:info@x.nl", "//x.nl/deal.pdf",
                                  "#top", "", "tel:0201234"}) {
    SCOPED_TRACE(other);
    EXPECT_FALSE(is_relative_reference(other));
  }
}

TEST(Urls, DecodesPercentEscapes) {
  EXPECT_EQ(percent_decode("Deal%20Zwolle%2C%20def.pdf"), "Deal Zwolle, def.pdf");
  EXPECT_EQ(percent_decode("cre%C3%ABren"), "creëren");
  EXPECT_EQ(percent_decode("100%"), "100%");
  EXPECT_EQ(percent_decode("%zz%4"), "%zz%4");
}

TEST(Urls, SplitsThePathIntoSegments) {
  EXPECT_EQ(path_segments("https://agendastad.nl/citydeals/zwolle/?p=1#x"),
            (std::vector<std::string>{"citydeals", "zwolle"}));
  EXPECT_EQ(path_segments("https://agendastad.nl"), std::vector<std::string>{});
  EXPECT_EQ(path_segments("https://x.nl/a%20b/c.html"),
            (std::vector<std::string>{"a b", "c.html"}));
}

TEST(HtmlEncoding, KeepsUtf8AndConvertsWhatAPageDeclares) {
  EXPECT_EQ(html_as_utf8("<p>creëren</p>"), "<p>creëren</p>");
  EXPECT_EQ(html_as_utf8("\xEF\xBB\xBF<p>x</p>"), "<p>x</p>");
  EXPECT_EQ(html_as_utf8("<meta charset=\"iso-8859-1\"><p>cre\xEBren</p>"),
            "<meta charset=\"iso-8859-1\"><p>creëren</p>");
  EXPECT_EQ(
      html_as_utf8("<meta http-equiv=\"Content-Type\" content=\"text/html; "
                   "charset=windows-1252\"><p>\x93x\x94</p>"),
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>“x”</p>");
  // Undeclared legacy bytes: windows-1252, as HTML5 reads them.
  EXPECT_EQ(html_as_utf8("<p>cre\xEBren \x80</p>"), "<p>creëren €</p>");
  // Declared UTF-8 but not: damaged.
  EXPECT_EQ(html_as_utf8("<meta charset=utf-8><p>cre\xEBren</p>"), std::nullopt);
  EXPECT_EQ(html_as_utf8("<meta charset=\"x-no-such-charset\"><p>\xEB</p>"), std::nullopt);
}

}  // namespace
}  // namespace dealsearch::indexer
