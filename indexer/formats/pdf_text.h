// A PDF's lines -> its text: running headers, footers and page numbers out, words hyphenated
// at line ends joined, lines joined into paragraphs, the title chosen.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer_data.h"
#include "analyzers/stored_deal.h"
#include "indexer/formats/pdf_lines.h"

namespace dealsearch::indexer {

struct PdfText {
  // The metadata title unless it is empty or a tool's (see is_tool_title); else the first
  // heading: the first paragraph on the first page with text set in that page's largest font,
  // when that font is larger than the body text's. Empty when there is neither: the caller
  // names the document (by its file name, say).
  std::string title;
  std::vector<std::string> paragraphs;         // in reading order, the title's heading among them
  std::vector<uint32_t> paragraph_pages;       // for each paragraph, the 1-based page it starts on
  std::vector<schema::PageBreak> page_breaks;  // pages that begin inside a paragraph, in order
  uint32_t page_count = 0;                     // the PDF's pages, with or without text
};

// The text of `pdf`. Pure (no files, no poppler); thread-safe. `lexicon` decides whether a
// word split at a line end was hyphenated by the typesetter ("energie-" + "armoede") or is
// written with a hyphen ("zee-" + "egel"): see join_lines.
//
// - A line among the first or last three of a page is a running header or footer when its
//   text, with every run of digits read as one digit, is on at least half of the pages (two at
//   least) at the same height: "Staatscourant 2016 nr. 12345", "City Deal Energiearmoede | 4".
// - A page number ("3", "- 3 -", "3/12", "Pagina 3 van 12", "blz. 3"; see is_page_number)
//   among the first or last two lines of a page and in its top or bottom 15% is dropped, in a
//   document of one page too.
// - A new paragraph starts at a vertical gap clearly larger than the line spacing, at a change
//   of font size (a heading), at a line starting with a list marker ("•", "-", "1.", "a)"),
//   and after a line that ends a sentence and stops clearly short of the column's right edge.
//   A paragraph runs on to the next page (or column) only when its last line does not end a
//   sentence and the next line is in the same font and is no list item.
[[nodiscard]] PdfText pdf_text(const PdfLines& pdf, const analyzers::AnalyzerData& lexicon);

// Two consecutive lines of one paragraph as one text. Usually `first` + " " + `second`; when
// `first` ends in a word and a hyphen:
// - "energie-" + "armoede" -> "energiearmoede": a hyphenation, the hyphen goes (also when the
//   joined word is in the lexicon and the hyphenated one is not; a soft hyphen always goes);
// - "Noord-" + "Holland", "CO2-" + "uitstoot", "BZK-" + "subsidie", "2016-" + "2020",
//   "zee-" + "egel", "auto-" + "industrie" keep it: a capital, an acronym, digits, a word the
//   lexicon has with its hyphen, or two vowels that would read as one ("ee", "oi");
// - "energie-" + "en klimaatbeleid" -> "energie- en klimaatbeleid": a part of a word left out
//   before "en", "of" or "tot" keeps its hyphen and the space.
[[nodiscard]] std::string join_lines(std::string_view first, std::string_view second,
                                     const analyzers::AnalyzerData& lexicon);

// Whether a whole line is a page number: "3", "- 3 -", "– 3 –", "3/12", "3 van 12", "Pagina 3",
// "Pagina 3 van 12", "pag. 3", "blz. 3", "p. 3", "Page 3 of 12" (any case).
[[nodiscard]] bool is_page_number(std::string_view line);

// Whether a metadata title is a tool's rather than the document's: empty, "Microsoft Word -
// deal.docx", "Untitled", "Naamloos document", "Document1", a file name ("deal_final_v3.pdf",
// "convenant.docx", "deal_final_v3") or a path.
[[nodiscard]] bool is_tool_title(std::string_view title);

}  // namespace dealsearch::indexer
