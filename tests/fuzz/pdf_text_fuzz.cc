// Fuzzes what the indexer does with the PDF extraction child's output: its JSON read back
// (pdf_lines_from_json, which must refuse garbage with dealsearch::Error, never crash) and the
// lines made into text (pdf_text: headers, page numbers, hyphenation, paragraphs, pages).
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzers/error.h"
#include "analyzers/utf8.h"
#include "indexer/formats/pdf_lines.h"
#include "indexer/formats/pdf_text.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dealsearch::fuzz::check;
  namespace indexer = dealsearch::indexer;
  indexer::PdfLines lines;
  try {
    lines =
        indexer::pdf_lines_from_json(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const dealsearch::Error&) {
    return 0;  // garbage from a child: an error for that one PDF
  }
  const indexer::PdfText text =
      indexer::pdf_text(lines, *dealsearch::testing::shared_analyzer_data());
  check(text.paragraphs.size() == text.paragraph_pages.size(), "each paragraph has its page");
  check(text.page_count == lines.pages.size(), "the page count is the PDF's");
  for (size_t i = 0; i < text.paragraphs.size(); ++i) {
    check(text.paragraph_pages[i] >= 1 && text.paragraph_pages[i] <= text.page_count,
          "a paragraph's page is one of the PDF's");
    check(i == 0 || text.paragraph_pages[i] >= text.paragraph_pages[i - 1], "pages ascend");
  }
  for (const dealsearch::schema::PageBreak& page_break : text.page_breaks) {
    check(page_break.paragraph < text.paragraphs.size(), "a page break is in a paragraph");
    check(page_break.offset <= text.paragraphs[page_break.paragraph].size(),
          "a page break is inside its paragraph");
    check(page_break.page > text.paragraph_pages[page_break.paragraph],
          "a page that begins inside a paragraph comes after the one it began on");
  }
  return 0;
}
