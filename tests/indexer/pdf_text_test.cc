// A PDF's lines -> its text, on hand-built pages: headers, footers and page numbers out,
// hyphenations undone, paragraphs, the title.
#include "indexer/formats/pdf_text.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/analyzers/shared_analyzer_data.h"

namespace dealsearch::indexer {
namespace {

const analyzers::AnalyzerData& lexicon() { return *testing::shared_analyzer_data(); }

// An A4 page set like the Staatscourant: body text 11 pt on 14 pt, a column from 72 to 532.
constexpr double kLeft = 72;
constexpr double kColumn = 460;

// A line at `top`: full column width unless `width` says otherwise.
PdfLine line(std::string text, double top, double size = 11, double width = kColumn) {
  return {std::move(text), kLeft, top, width, size * 0.93, size};
}

PdfPage page(std::vector<PdfLine> lines) { return {595.28, 841.89, std::move(lines)}; }

PdfLines document(std::vector<PdfPage> pages, std::string title = "") {
  return {std::move(title), "Microsoft Word", "Acrobat PDFMaker", std::move(pages)};
}

struct JoinCase {
  const char* first;
  const char* second;
  const char* expected;
};

TEST(PdfText, JoinsLinesUndoingOnlyTheTypesettersHyphens) {
  const JoinCase cases[] = {
      {"gewone regel", "volgende regel", "gewone regel volgende regel"},
      {"dat energie-", "armoede vaak", "dat energiearmoede vaak"},
      {"de gemeen-", "telijke taken", "de gemeentelijke taken"},
      {"de Rijks-", "overheid", "de Rijksoverheid"},
      {"een soft energie\xC2\xAD", "armoede", "een soft energiearmoede"},
      {"met U+2010 energie\xE2\x80\x90", "armoede", "met U+2010 energiearmoede"},
      // A capital, an acronym, digits: the hyphen is the word's.
      {"de provincie Noord-", "Holland en", "de provincie Noord-Holland en"},
      {"de CO2-", "uitstoot van", "de CO2-uitstoot van"},
      {"een BZK-", "subsidie voor", "een BZK-subsidie voor"},
      {"de periode 2016-", "2020 loopt", "de periode 2016-2020 loopt"},
      // The lexicon has it with its hyphen, or two vowels would read as one.
      {"Zoals de zee-", "egel zich", "Zoals de zee-egel zich"},
      {"in de auto-", "industrie werken", "in de auto-industrie werken"},
      {"een e-", "mail sturen", "een e-mail sturen"},
      // ... unless the lexicon has it joined ("coördinatie", folded): "oo" is no clash there.
      {"de co-", "ordinatie van", "de coordinatie van"},
      // A word's part left out before a conjunction keeps its hyphen and the space.
      {"de hoogste energie-", "en klimaatlasten", "de hoogste energie- en klimaatlasten"},
      {"het midden-", "of kleinbedrijf", "het midden- of kleinbedrijf"},
      // A dash is no hyphen.
      {"een kop thee -", "of twee", "een kop thee - of twee"},
      {"", "alleen de tweede", "alleen de tweede"},
  };
  for (const JoinCase& c : cases) {
    SCOPED_TRACE(std::string(c.first) + " | " + c.second);
    EXPECT_EQ(join_lines(c.first, c.second, lexicon()), c.expected);
  }
}

TEST(PdfText, KnowsPageNumbers) {
  const std::pair<const char*, bool> cases[] = {
      {"3", true},
      {"- 3 -", true},
      {"\xE2\x80\x93 3 \xE2\x80\x93", true},  // – 3 –
      {"3/12", true},
      {"3 / 12", true},
      {"3 van 12", true},
      {"Pagina 3", true},
      {"pagina 3 van 12", true},
      {"PAGINA 3 VAN 12", true},
      {"pag. 3", true},
      {"blz. 3", true},
      {"Blz 3", true},
      {"p. 3", true},
      {"Page 3 of 12", true},
      {"Artikel 3", false},
      {"3 juni 2016", false},
      {"Pagina", false},
      {"3.1", false},
      {"12345678", false},
      {"", false},
  };
  for (const auto& [text, expected] : cases) {
    SCOPED_TRACE(text);
    EXPECT_EQ(is_page_number(text), expected);
  }
}

TEST(PdfText, KnowsToolTitles) {
  const std::pair<const char*, bool> cases[] = {
      {"", true},
      {"   ", true},
      {"Microsoft Word - deal.docx", true},
      {"Microsoft PowerPoint - presentatie citydeal", true},
      {"Untitled", true},
      {"untitled", true},
      {"Naamloos document", true},
      {"Document1", true},
      {"deal_final_v3.pdf", true},
      {"deal_final_v3", true},
      {"Convenant.DOCX", true},
      {"C:\\Users\\jan\\deal.doc", true},
      {"/home/jan/deal", true},
      {"City Deal Energiearmoede", false},
      {"Convenant City Deal Energiearmoede", false},
      {"Green Deal 2.0", false},
  };
  for (const auto& [title, expected] : cases) {
    SCOPED_TRACE(title);
    EXPECT_EQ(is_tool_title(title), expected);
  }
}

struct TextCase {
  const char* behaviour;
  PdfLines pdf;
  std::vector<std::string> paragraphs;
  std::vector<uint32_t> pages;  // of each paragraph
  // Where a page begins inside a paragraph: {paragraph, byte, page}.
  std::vector<schema::PageBreak> page_breaks = {};
};

void expect_text(const TextCase& c) {
  SCOPED_TRACE(c.behaviour);
  const PdfText text = pdf_text(c.pdf, lexicon());
  EXPECT_EQ(text.paragraphs, c.paragraphs);
  EXPECT_EQ(text.paragraph_pages, c.pages);
  EXPECT_EQ(text.page_count, c.pdf.pages.size());
  EXPECT_EQ(text.page_breaks, c.page_breaks);
}

// Page `number` of a typeset agreement: running header, one line of text, footer.
PdfPage staatscourant_page(int number, std::string text) {
  return page({line("Staatscourant 2016 nr. 12345", 34, 8, 105),
               line(std::move(text), 100, 11, 300),
               line("City Deal Energiearmoede | " + std::to_string(number), 796, 8, 105)});
}

TEST(PdfText, DropsRunningHeadersFootersAndPageNumbers) {
  const TextCase cases[] = {
      {"a header and a footer on every page go",
       document({staatscourant_page(1, "Een."), staatscourant_page(2, "Twee."),
                 staatscourant_page(3, "Drie.")}),
       {"Een.", "Twee.", "Drie."},
       {1, 2, 3}},
      {"a header on half of the pages goes (left and right pages)",
       document(
           {page({line("Een.", 100, 11, 40)}),
            page({line("Staatscourant 2016 nr. 12345", 34, 8, 105), line("Twee.", 100, 11, 40)}),
            page({line("Drie.", 100, 11, 40)}),
            page({line("Staatscourant 2016 nr. 12346", 34, 8, 105), line("Vier.", 100, 11, 40)})}),
       {"Een.", "Twee.", "Drie.", "Vier."},
       {1, 2, 3, 4}},
      {"a line repeated at another height stays",
       document({page({line("Toelichting", 100, 14, 90), line("Een.", 130, 11, 40)}),
                 page({line("Twee.", 100, 11, 40), line("Toelichting", 300, 14, 90),
                       line("Drie.", 330, 11, 40)})}),
       {"Toelichting", "Een.", "Twee.", "Toelichting", "Drie."},
       {1, 1, 2, 2, 2}},
      {"a bare page number goes, in a document of one page too",
       document({page(
           {line("- 1 -", 30, 9, 20), line("Alleen tekst.", 100, 11, 80), line("1", 800, 9, 6)})}),
       {"Alleen tekst."},
       {1}},
      {"a page number under a footer goes",
       document({page({line("Tekst.", 100, 11, 40), line("Vertrouwelijk", 780, 8, 60),
                       line("Pagina 1 van 1", 800, 8, 60)})}),
       {"Tekst.", "Vertrouwelijk"},
       {1, 1}},
      {"a number in the middle of the page stays",
       document({page({line("Het bedrag in euro:", 400, 11, 100), line("2016", 414, 11, 30)})}),
       {"Het bedrag in euro: 2016"},
       {1}},
  };
  for (const TextCase& c : cases) {
    expect_text(c);
  }
}

TEST(PdfText, JoinsLinesIntoParagraphs) {
  const TextCase cases[] = {
      {"the lines of a paragraph join",
       document({page({line("De eerste regel loopt door", 100), line("op de tweede", 114),
                       line("en eindigt hier.", 128, 11, 90)})}),
       {"De eerste regel loopt door op de tweede en eindigt hier."},
       {1}},
      {"a vertical gap starts a paragraph",
       document({page(
           {line("Eerste alinea", 100), line("loopt door", 114), line("Tweede alinea", 137)})}),
       {"Eerste alinea loopt door", "Tweede alinea"},
       {1, 1}},
      {"a heading in a larger font is a paragraph of its own",
       document({page({line("Artikel 1 Doel", 100, 14, 100), line("Partijen werken", 122),
                       line("samen.", 136, 11, 40)})}),
       {"Artikel 1 Doel", "Partijen werken samen."},
       {1, 1}},
      {"a heading over two lines stays one",
       document({page({line("City Deal Energiearmoede:", 100, 18), line("samen tegen", 122, 18),
                       line("Tekst.", 150, 11, 40)})}),
       {"City Deal Energiearmoede: samen tegen", "Tekst."},
       {1, 1}},
      {"a list marker starts a paragraph",
       document({page({line("De middelen:", 100, 11, 70),
                       line("\xE2\x80\xA2 energiecoaches;", 114, 11, 90),
                       line("- kleine maatregelen die", 128), line("weinig kosten;", 142, 11, 80),
                       line("1. een loket;", 156, 11, 70), line("a) een fonds.", 170, 11, 70)})}),
       {"De middelen:", "\xE2\x80\xA2 energiecoaches;", "- kleine maatregelen die weinig kosten;",
        "1. een loket;", "a) een fonds."},
       {1, 1, 1, 1, 1}},
      {"a short line that ends a sentence ends its paragraph",
       document({page({line("Partijen willen samen optrekken", 100),
                       line("tegen energiearmoede.", 114, 11, 120),
                       line("Partijen komen het volgende overeen.", 128, 11, 190)})}),
       {"Partijen willen samen optrekken tegen energiearmoede.",
        "Partijen komen het volgende overeen."},
       {1, 1}},
      {"a full line that ends a sentence does not",
       document({page({line("Een zin eindigt aan het eind van de regel.", 100),
                       line("De volgende zin hoort erbij.", 114, 11, 150)})}),
       {"Een zin eindigt aan het eind van de regel. De volgende zin hoort erbij."},
       {1}},
      {"a sentence runs on to the next page, a hyphenated word too",
       document({page({line("De resultaten worden gedeeld met de", 700),
                       line("gemeenten die willen aansluiten bij de energie-", 714)}),
                 page({line("armoede-aanpak.", 100, 11, 80), line("Nieuw.", 123, 11, 40)})}),
       {"De resultaten worden gedeeld met de gemeenten die willen aansluiten bij de "
        "energiearmoede-aanpak.",
        "Nieuw."},
       {1, 2},
       // Page 2 begins inside the word joined across the pages: its page is the first's.
       {{0, 82, 2}}},
      {"a finished sentence does not run on to the next page",
       document({page({line("Dit is af.", 700)}), page({line("Dit is nieuw.", 100, 11, 60)})}),
       {"Dit is af.", "Dit is nieuw."},
       {1, 2}},
      {"a heading at the foot of a page does not run on into the text",
       document({page({line("Artikel 2", 700, 14, 60)}), page({line("De tekst.", 100, 11, 60)})}),
       {"Artikel 2", "De tekst."},
       {1, 2}},
  };
  for (const TextCase& c : cases) {
    expect_text(c);
  }
}

struct TitleCase {
  const char* behaviour;
  PdfLines pdf;
  const char* title;
};

TEST(PdfText, ChoosesTheTitle) {
  const PdfPage with_heading =
      page({line("City Deal Energiearmoede", 100, 18, 220), line("Partijen", 130, 14, 50),
            line("De Minister en de gemeenten.", 150, 11, 150)});
  const TitleCase cases[] = {
      {"the metadata's title", document({with_heading}, "Convenant City Deal Energiearmoede"),
       "Convenant City Deal Energiearmoede"},
      {"the metadata's title with its white space tidied",
       document({with_heading}, "  Convenant\tCity  Deal "), "Convenant City Deal"},
      {"a word processor's title: the first page's largest heading",
       document({with_heading}, "Microsoft Word - x.docx"), "City Deal Energiearmoede"},
      {"no metadata title: the heading", document({with_heading}), "City Deal Energiearmoede"},
      {"a heading over two lines",
       document({page({line("City Deal", 100, 18, 100), line("Energiearmoede", 122, 18, 150),
                       line("De tekst van de deal is langer dan de titel.", 150, 11, 250)})},
                "deal_final_v3.pdf"),
       "City Deal Energiearmoede"},
      {"a running header in a large font is no title",
       document({page({line("STAATSCOURANT", 30, 20, 200), line("Convenant", 100, 16, 100),
                       line("Tekst.", 130, 11, 40)}),
                 page({line("STAATSCOURANT", 30, 20, 200), line("Meer tekst.", 100, 11, 60)})},
                "Untitled"),
       "Convenant"},
      {"no font larger than the text's: no title",
       document({page({line("Alleen tekst.", 100, 11, 60)})}, "Untitled"), ""},
  };
  for (const TitleCase& c : cases) {
    SCOPED_TRACE(c.behaviour);
    EXPECT_EQ(pdf_text(c.pdf, lexicon()).title, c.title);
  }
}

}  // namespace
}  // namespace dealsearch::indexer
