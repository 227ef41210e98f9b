// Fuzzes a saved web page's way into the index: its bytes as UTF-8 (html_as_utf8), its main
// content (read_html_page), its deal (html_deal), and that deal built into a Xapian document.
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/utf8.h"
#include "indexer/formats/deal_documents.h"
#include "indexer/formats/html_encoding.h"
#include "indexer/formats/html_page.h"
#include "tests/analyzers/shared_analyzer_data.h"
#include "tests/fuzz/deal_checks.h"
#include "tests/fuzz/fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dealsearch::fuzz::check;
  namespace indexer = dealsearch::indexer;
  static dealsearch::fuzz::DealChecker checker;
  const std::optional<std::string> text =
      indexer::html_as_utf8(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!text) {
    return 0;  // a page that says UTF-8 and is not: a diagnostic, never read
  }
  check(dealsearch::analyzers::is_valid_utf8(*text), "a page comes out as UTF-8");
  const indexer::HtmlPage page = indexer::read_html_page(*text);
  check(dealsearch::analyzers::is_valid_utf8(page.title), "the title is UTF-8");
  for (const std::string& paragraph : page.paragraphs) {
    check(!paragraph.empty(), "no paragraph is empty");
    check(dealsearch::analyzers::is_valid_utf8(paragraph), "each paragraph is UTF-8");
  }
  const indexer::HtmlDeal deal =
      indexer::html_deal(page, "saved/citydeals/fuzz/index.html",
                         dealsearch::testing::shared_analyzer_data()->folder());
  for (const indexer::LinkedPdf& pdf : deal.pdfs) {
    std::string extension = pdf.file.extension().string();
    for (char& c : extension) {
      c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    check(extension == ".pdf", "only a link to a PDF is a PDF");
  }
  if (!deal.record.title.empty() && deal.record.title.size() <= indexer::kMaxTitleBytes &&
      deal.record.id.size() <= indexer::kMaxIdBytes) {
    checker.build_and_check({deal.record});  // what read_inputs would index
  }
  return 0;
}
