// A PDF's text lines as poppler lays them out, page by page: what the extraction child reads
// from the file and sends to the indexer as JSON.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace dealsearch::indexer {

// One line of text on a page. Coordinates are PDF points (1/72 inch) from the page's top-left
// corner, y growing downwards.
struct PdfLine {
  std::string text;  // UTF-8, words separated by one space
  double left = 0;
  double top = 0;
  double width = 0;
  double height = 0;
  double font_size = 0;  // of the line's first word; 0 when poppler does not know it

  bool operator==(const PdfLine&) const = default;
};

struct PdfPage {
  double width = 0;  // the page's crop box, in points
  double height = 0;
  std::vector<PdfLine> lines;  // in reading order

  bool operator==(const PdfPage&) const = default;
};

// What the document information dictionary says (empty when it does not say), and the pages.
struct PdfLines {
  std::string title;     // "Convenant City Deal Energiearmoede", or a tool's "Microsoft Word - x"
  std::string creator;   // the program that made the original: "Microsoft Word"
  std::string producer;  // the program that wrote the PDF: "Acrobat Distiller 11.0"
  std::vector<PdfPage> pages;

  bool operator==(const PdfLines&) const = default;
};

// Reads `file` with poppler, in this process: its metadata, and every page's words grouped
// into lines (words whose baselines agree, in poppler's reading order).
//
// Throws dealsearch::Error (kBadInput) when poppler cannot open the file ("not a readable
// PDF": corrupt, truncated, not a PDF) or when it is encrypted with a password. Poppler's own
// messages are silenced (they go to no one). Poppler has crashed and run away on hostile files
// before: call this only in a process that may die, with its CPU time and memory limited (the
// extract-pdf subcommand; see formats/pdf_reader.h). Thread-safe (no state).
[[nodiscard]] PdfLines read_pdf_lines(const std::filesystem::path& file);

// The JSON that passes PdfLines from the extraction child to the indexer:
// {"title", "creator", "producer", "pages": [{"width", "height", "lines": [{"text", "left",
// "top", "width", "height", "font_size"}]}]}. Text that is not valid UTF-8 is written with
// U+FFFD in its place.
[[nodiscard]] std::string pdf_lines_to_json(const PdfLines& lines);

// The PdfLines that `json` spells. Throws dealsearch::Error (kBadInput) when it is not JSON of
// that shape. Thread-safe.
[[nodiscard]] PdfLines pdf_lines_from_json(std::string_view json);

}  // namespace dealsearch::indexer
