// Reading sitemaps as sites write them (namespaces or none, extensions, CDATA, a BOM, the text
// form) and refusing what is no sitemap: broken XML, other roots, any DTD (XXE, billion
// laughs), too many entries, URLs that are relative, of another scheme or too long.
#include "indexer/formats/sitemap.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "analyzers/error.h"

namespace dealsearch::indexer {

// For gtest's messages.
inline void PrintTo(const SitemapEntry& entry, std::ostream* out) {
  *out << "{\"" << entry.loc << "\", \"" << entry.lastmod << "\"}";
}

namespace {

using Entries = std::vector<SitemapEntry>;
using Kind = Sitemap::Kind;

constexpr std::string_view kDeclaration = R"(<?xml version="1.0" encoding="UTF-8"?>)";

// `ascii` as UTF-16 (little-endian), with its byte order mark.
std::string utf16le(std::string_view ascii) {
  std::string bytes = "\xFF\xFE";
  for (const char c : ascii) {
    bytes += c;
    bytes += '\0';
  }
  return bytes;
}

struct ReadCase {
  const char* name;
  std::string input;
  Kind kind;
  Entries expected;
};

TEST(Sitemap, ReadsTheEntriesOfUrlsetsAndIndexesAsSitesWriteThem) {
  const ReadCase cases[] = {
      {"the protocol's namespace, with lastmod",
       std::string(kDeclaration) + R"(
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url>
    <loc>https://agendastad.nl/citydeal/energiearmoede/</loc>
    <lastmod>2019-03-01T12:00:00+01:00</lastmod>
    <changefreq>monthly</changefreq>
    <priority>0.8</priority>
  </url>
  <url><loc>https://agendastad.nl/citydeal/fietsen-voor-iedereen/</loc></url>
</urlset>)",
       Kind::kUrlSet,
       {{"https://agendastad.nl/citydeal/energiearmoede/", "2019-03-01T12:00:00+01:00"},
        {"https://agendastad.nl/citydeal/fietsen-voor-iedereen/", ""}}},
      {"no namespace, no declaration",
       "<urlset><url><loc>http://www.citydeals.nl/zwolle</loc><lastmod>2018-11-05</lastmod>"
       "</url></urlset>",
       Kind::kUrlSet,
       {{"http://www.citydeals.nl/zwolle", "2018-11-05"}}},
      {"an old namespace (Google's 0.84)",
       R"(<urlset xmlns="http://www.google.com/schemas/sitemap/0.84">)"
       "<url><loc>https://agendastad.nl/</loc></url></urlset>",
       Kind::kUrlSet,
       {{"https://agendastad.nl/", ""}}},
      {"the protocol's elements with a prefix",
       R"(<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9">)"
       "<sm:url><sm:loc>https://agendastad.nl/a</sm:loc><sm:lastmod>2020-01-02</sm:lastmod>"
       "</sm:url><url><loc>https://agendastad.nl/not-ours</loc></url></sm:urlset>",
       Kind::kUrlSet,
       {{"https://agendastad.nl/a", "2020-01-02"}}},
      {"image, xhtml, news and video extensions: their own locs are not pages",
       R"(<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1"
        xmlns:xhtml="http://www.w3.org/1999/xhtml"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"
        xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">
  <url>
    <loc>https://agendastad.nl/citydeal/zwolle/</loc>
    <image:image><image:loc>https://agendastad.nl/wp-content/zwolle.jpg</image:loc></image:image>
    <image:loc>https://agendastad.nl/wp-content/los.jpg</image:loc>
    <xhtml:link rel="alternate" hreflang="en" href="https://agendastad.nl/en/zwolle/"/>
    <news:news><news:publication><news:name>Agenda Stad</news:name></news:publication>
      <news:title>Zwolle tekent</news:title></news:news>
    <video:video><video:content_loc>https://agendastad.nl/v.mp4</video:content_loc>
      <video:player_loc>https://agendastad.nl/player</video:player_loc></video:video>
    <lastmod>2021-06-30</lastmod>
  </url>
</urlset>)",
       Kind::kUrlSet,
       {{"https://agendastad.nl/citydeal/zwolle/", "2021-06-30"}}},
      {"an undeclared extension prefix (real sites forget xmlns:image)",
       "<urlset><url><loc>https://agendastad.nl/b</loc>"
       "<image:image><image:loc>https://agendastad.nl/b.png</image:loc></image:image>"
       "</url></urlset>",
       Kind::kUrlSet,
       {{"https://agendastad.nl/b", ""}}},
      {"a sitemap index",
       std::string(kDeclaration) + R"(
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://agendastad.nl/post-sitemap.xml</loc><lastmod>2023-01-05</lastmod></sitemap>
  <sitemap><loc>https://agendastad.nl/citydeal-sitemap.xml</loc></sitemap>
  <url><loc>https://agendastad.nl/not-in-an-index</loc></url>
</sitemapindex>)",
       Kind::kIndex,
       {{"https://agendastad.nl/post-sitemap.xml", "2023-01-05"},
        {"https://agendastad.nl/citydeal-sitemap.xml", ""}}},
      {"entities, character references and CDATA in a loc",
       "<urlset><url><loc>https://agendastad.nl/zoek?s=wonen&amp;page=2</loc></url>"
       "<url><loc>https://agendastad.nl/&#x63;ity&#100;eal/</loc></url>"
       "<url><loc><![CDATA[https://agendastad.nl/?a=1&b=2]]></loc></url>"
       "<url><loc>https://agendastad.nl/<![CDATA[x&y]]>/z</loc></url></urlset>",
       Kind::kUrlSet,
       {{"https://agendastad.nl/zoek?s=wonen&page=2", ""},
        {"https://agendastad.nl/citydeal/", ""},
        {"https://agendastad.nl/?a=1&b=2", ""},
        {"https://agendastad.nl/x&y/z", ""}}},
      {"a UTF-8 byte order mark",
       "\xEF\xBB\xBF" + std::string(kDeclaration) +
           "<urlset><url><loc>https://agendastad.nl/c</loc></url></urlset>",
       Kind::kUrlSet,
       {{"https://agendastad.nl/c", ""}}},
      {"blank lines before the declaration (a PHP site's)",
       "\n\n  " + std::string(kDeclaration) +
           "<urlset><url><loc>https://agendastad.nl/d</loc></url></urlset>",
       Kind::kUrlSet,
       {{"https://agendastad.nl/d", ""}}},
      {"white space around a loc and a lastmod",
       "<urlset><url><loc>\n\t  https://agendastad.nl/e  \r\n</loc>"
       "<lastmod> 2017-05-01 </lastmod></url></urlset>",
       Kind::kUrlSet,
       {{"https://agendastad.nl/e", "2017-05-01"}}},
      {"an entry without a loc is skipped, a second loc ignored",
       "<urlset><url><lastmod>2017-05-01</lastmod></url>"
       "<url><loc>https://agendastad.nl/f</loc><loc>javascript:alert(1)</loc></url></urlset>",
       Kind::kUrlSet,
       {{"https://agendastad.nl/f", ""}}},
      {"text inside a loc's child is not the loc's",
       "<urlset><url><loc>https://agendastad.nl/g<b>/h</b></loc></url></urlset>",
       Kind::kUrlSet,
       {{"https://agendastad.nl/g", ""}}},
      {"non-ASCII and a space inside a loc are kept as written",
       "<urlset><url><loc>https://agendastad.nl/ré gio</loc></url></urlset>",
       Kind::kUrlSet,
       {{"https://agendastad.nl/r\xC3\xA9 gio", ""}}},
      {"ISO-8859-1 comes out as UTF-8",
       "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>"
       "<urlset><url><loc>https://agendastad.nl/r\xE9gio</loc></url></urlset>",
       Kind::kUrlSet,
       {{"https://agendastad.nl/r\xC3\xA9gio", ""}}},
      {"UTF-16",
       utf16le("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
               "<urlset><url><loc>https://agendastad.nl/i</loc></url></urlset>"),
       Kind::kUrlSet,
       {{"https://agendastad.nl/i", ""}}},
      {"the scheme in capitals, a port, user info",
       "<urlset><url><loc>HTTPS://agendastad.nl:8443/j</loc></url>"
       "<url><loc>http://gast@agendastad.nl</loc></url></urlset>",
       Kind::kUrlSet,
       {{"HTTPS://agendastad.nl:8443/j", ""}, {"http://gast@agendastad.nl", ""}}},
      {"an empty urlset", "<urlset/>", Kind::kUrlSet, {}},
      {"an empty index", "<sitemapindex></sitemapindex>", Kind::kIndex, {}},
      {"a text sitemap",
       "https://agendastad.nl/citydeal/energiearmoede/\n"
       "https://agendastad.nl/citydeal/zwolle/\n",
       Kind::kUrlSet,
       {{"https://agendastad.nl/citydeal/energiearmoede/", ""},
        {"https://agendastad.nl/citydeal/zwolle/", ""}}},
      {"a text sitemap with a BOM, CRLF, blank lines and white space",
       "\xEF\xBB\xBF\r\n  https://agendastad.nl/a?x=1&y=2 \r\n\r\n\thttp://agendastad.nl/b",
       Kind::kUrlSet,
       {{"https://agendastad.nl/a?x=1&y=2", ""}, {"http://agendastad.nl/b", ""}}},
      {"nothing at all", "", Kind::kUrlSet, {}},
      {"only white space", " \n\r\n\t", Kind::kUrlSet, {}},
  };
  for (const ReadCase& test : cases) {
    SCOPED_TRACE(test.name);
    const Sitemap sitemap = read_sitemap(test.input);
    EXPECT_EQ(sitemap.kind, test.kind);
    EXPECT_EQ(sitemap.entries, test.expected);
  }
}

struct RefusalCase {
  const char* name;
  std::string input;
  const char* message;  // a part of what(): the reason
  const char* where;    // the start of where()
};

const char* const kXxe = R"(<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<urlset><url><loc>https://agendastad.nl/&e;</loc></url></urlset>)";

const char* const kBillionLaughs = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<urlset><url><loc>https://agendastad.nl/&lol9;</loc></url></urlset>)";

std::string urlset_with_loc(const std::string& loc) {
  return "<urlset>\n<url>\n<loc>" + loc + "</loc>\n</url>\n</urlset>";
}

TEST(Sitemap, RefusesWhatIsNoSitemapSayingWhatAndWhere) {
  const RefusalCase cases[] = {
      {"not well-formed", "<urlset>\n<url><loc>https://agendastad.nl/</url>\n</urlset>",
       "not well-formed XML: mismatched tag", "line 2, column 35"},
      {"an HTML page", "<html><body><p>Geen sitemap<br></body></html>",
       "the root element is <html>, not <urlset> or <sitemapindex>", "line 1"},
      {"binary", std::string("<\0\x01\xFF", 4), "not well-formed XML", "line 1"},
      {"an error page as text", "404 Not Found\n", "a line that is not an absolute http(s) URL",
       "line 1"},
      {"JSON", "{\"urls\": [\"https://agendastad.nl/\"]}",
       "a line that is not an absolute http(s) URL: '{\"urls\": [", "line 1"},
      {"cut short", "<urlset>\n<url><loc>https://agendastad.nl/a</loc></url>\n<url><loc>https://ag",
       "not well-formed XML", "line 3"},
      {"the wrong root", "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>",
       "the root element is <rss>, not <urlset> or <sitemapindex>", "line 2"},
      {"a root name that is long and not ASCII", "<r\xC3\xA9seau" + std::string(100, 'x') + "/>",
       "the root element is <r\\xC3\\xA9seauxxx", "line 1"},
      {"a sitemap's entries without their root", "<url><loc>https://agendastad.nl/</loc></url>",
       "the root element is <url>", "line 1"},
      {"an HTML page's DOCTYPE", "<!DOCTYPE html>\n<html><body></body></html>",
       "it has a DOCTYPE (<!DOCTYPE html>), and no DTD is read", "line 1"},
      {"XXE: an external entity", kXxe, "it has a DOCTYPE (<!DOCTYPE urlset>)", "line 2"},
      {"an external DTD",
       "<?xml version=\"1.0\"?>\n<!DOCTYPE urlset SYSTEM \"http://127.0.0.1:9/sitemap.dtd\">\n"
       "<urlset/>",
       "it has a DOCTYPE (<!DOCTYPE urlset>)", "line 2"},
      {"billion laughs", kBillionLaughs, "it has a DOCTYPE (<!DOCTYPE lolz>)", "line 2"},
      {"an undefined entity", urlset_with_loc("https://agendastad.nl/&nbsp;"),
       "not well-formed XML: undefined entity", "line 3"},
      {"a relative loc", urlset_with_loc("/citydeal/zwolle/"),
       "a <loc> that is not an absolute http(s) URL: '/citydeal/zwolle/'", "line 3"},
      {"a javascript: loc", urlset_with_loc("javascript:alert(document.cookie)"),
       "a <loc> that is not an absolute http(s) URL: 'javascript:alert(document.cookie)'",
       "line 3"},
      {"a javascript: loc that mentions ://", urlset_with_loc("javascript://%0Aalert(1)"),
       "a <loc> that is not an absolute http(s) URL", "line 3"},
      {"an ftp loc", urlset_with_loc("ftp://agendastad.nl/deals.zip"),
       "a <loc> that is not an absolute http(s) URL", "line 3"},
      {"a loc without a host", urlset_with_loc("https:///citydeal/"),
       "a <loc> that is not an absolute http(s) URL", "line 3"},
      {"an empty loc", urlset_with_loc("  "), "a <loc> that is not an absolute http(s) URL: ''",
       "line 3"},
      {"a line break inside a loc", urlset_with_loc("https://agendastad.nl/a\nb"),
       "a <loc> that is not an absolute http(s) URL: 'https://agendastad.nl/a\\x0Ab'", "line 3"},
      {"a character reference to a control character",
       urlset_with_loc("https://agendastad.nl/a&#13;&#10;Set-Cookie: x"),
       "a <loc> that is not an absolute http(s) URL", "line 3"},
      {"a loc of 2,049 bytes", urlset_with_loc("https://agendastad.nl/" + std::string(2027, 'a')),
       "a <loc> of 2049 bytes, over the protocol's 2048: 'https://agendastad.nl/aaa", "line 3"},
      {"a relative line in a text sitemap",
       "https://agendastad.nl/a\n\nhttps://agendastad.nl/b\n/c\n",
       "a line that is not an absolute http(s) URL: '/c'", "line 4"},
      {"a text line of 2,049 bytes", "https://agendastad.nl/" + std::string(2027, 'a'),
       "a line of 2049 bytes, over the protocol's 2048", "line 1"},
      {"a text line that is not UTF-8", "https://agendastad.nl/r\xE9gio",
       "a line that is not UTF-8: 'https://agendastad.nl/r\\xE9gio'", "line 1"},
  };
  for (const RefusalCase& test : cases) {
    SCOPED_TRACE(test.name);
    try {
      (void)read_sitemap(test.input);
      ADD_FAILURE() << "read";
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::kBadInput);
      EXPECT_NE(std::string(error.what()).find(std::string("not a sitemap: ") + test.message),
                std::string::npos)
          << error.what();
      EXPECT_TRUE(error.where().starts_with(test.where)) << error.where();
    }
  }
}

TEST(Sitemap, ReadsNoEntityOfADoctype) {
  // Whatever /etc/passwd holds, none of it can reach the message or an entry: the parse stops
  // at the DOCTYPE, before the entity is declared, let alone loaded.
  try {
    (void)read_sitemap(kXxe);
    ADD_FAILURE() << "read";
  } catch (const Error& error) {
    const std::string message = error.what();
    EXPECT_EQ(message.find("root:"), std::string::npos) << message;
    EXPECT_EQ(message.find("/bin/"), std::string::npos) << message;
    EXPECT_EQ(message.find("passwd"), std::string::npos) << message;
  }
  // An entity used without a DOCTYPE is undefined, not looked up.
  EXPECT_THROW((void)read_sitemap(urlset_with_loc("https://agendastad.nl/&e;")), Error);
}

// `count` entries of a urlset, or lines of a text sitemap.
std::string urlset_of(size_t count) {
  std::string xml = "<urlset>\n";
  for (size_t i = 0; i < count; ++i) {
    xml += "<url><loc>https://agendastad.nl/d/" + std::to_string(i) + "</loc></url>\n";
  }
  return xml + "</urlset>\n";
}
std::string text_sitemap_of(size_t count) {
  std::string text;
  for (size_t i = 0; i < count; ++i) {
    text += "https://agendastad.nl/d/" + std::to_string(i) + "\n";
  }
  return text;
}

TEST(Sitemap, ReadsUpTo50000EntriesAndRefusesMore) {
  EXPECT_EQ(read_sitemap(urlset_of(kMaxSitemapEntries)).entries.size(), kMaxSitemapEntries);
  EXPECT_EQ(read_sitemap(text_sitemap_of(kMaxSitemapEntries)).entries.size(), kMaxSitemapEntries);
  const struct {
    const char* name;
    std::string input;
    const char* where;
  } cases[] = {
      {"XML", urlset_of(kMaxSitemapEntries + 1), "line 50002"},
      {"text", text_sitemap_of(kMaxSitemapEntries + 1), "line 50001"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.name);
    try {
      (void)read_sitemap(test.input);
      ADD_FAILURE() << "read";
    } catch (const Error& error) {
      EXPECT_NE(std::string(error.what())
                    .find("not a sitemap: more than 50000 entries, the protocol's limit"),
                std::string::npos)
          << error.what();
      EXPECT_EQ(error.where(), test.where);
    }
  }
  // Entries without a loc do not count.
  std::string many_empty = "<urlset>";
  for (size_t i = 0; i <= kMaxSitemapEntries; ++i) {
    many_empty += "<url/>";
  }
  EXPECT_TRUE(read_sitemap(many_empty + "</urlset>").entries.empty());
}

TEST(Sitemap, ReadsALocThatExpatHandsOverInPieces) {
  // A loc of exactly 2,048 bytes written with entities and CDATA: many pieces of character data.
  std::string loc = "https://agendastad.nl/";
  std::string written = loc;
  while (loc.size() + 5 <= kMaxSitemapUrlBytes) {
    loc += "a&b=c";
    written += "a&amp;b<![CDATA[=]]>c";
  }
  const std::string padding(kMaxSitemapUrlBytes - loc.size(), 'z');
  loc += padding;
  written += padding;
  const Sitemap sitemap = read_sitemap(urlset_with_loc(written));
  ASSERT_EQ(sitemap.entries.size(), 1u);
  EXPECT_EQ(sitemap.entries[0].loc, loc);
}

}  // namespace
}  // namespace dealsearch::indexer
