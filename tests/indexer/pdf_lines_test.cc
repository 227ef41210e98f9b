// The JSON that carries a PDF's lines from the extraction child to the indexer.
#include "indexer/formats/pdf_lines.h"

#include <gtest/gtest.h>

#include "analyzers/error.h"

namespace dealsearch::indexer {
namespace {

TEST(PdfLinesJson, RoundTrips) {
  // Values of two decimals at most: the JSON keeps no more.
  const PdfLines pdf{
      "Convenant City Deal Energiearmoede",
      "Microsoft Word",
      "Acrobat PDFMaker",
      {{595.28,
        841.89,
        {{"Energiearmoede in Noord-Holland, \"zo'n\" geval.", 72, 100.25, 300, 10.5, 11},
         {"Pagina 1", 280, 796, 30.5, 7.5, 8}}},
       {595.28, 841.89, {}}}};
  EXPECT_EQ(pdf_lines_from_json(pdf_lines_to_json(pdf)), pdf);
}

TEST(PdfLinesJson, WritesInvalidUtf8AsReplacementCharacters) {
  const PdfLines pdf{"Convenant \xFF", "", "", {}};
  EXPECT_EQ(pdf_lines_from_json(pdf_lines_to_json(pdf)).title, "Convenant \xEF\xBF\xBD");
}

TEST(PdfLinesJson, RejectsWhatIsNotItsShape) {
  const char* cases[] = {
      "",
      "garbage",
      "{}",
      R"({"title": 1, "creator": "", "producer": "", "pages": []})",
      R"({"title": "", "creator": "", "producer": "", "pages": [{"width": 1}]})",
      R"({"title": "", "creator": "", "producer": "", "pages": [{"width": 1, "height": 1,
          "lines": [{"text": "x"}]}]})",
  };
  for (const char* json : cases) {
    SCOPED_TRACE(json);
    EXPECT_THROW((void)pdf_lines_from_json(json), Error);
  }
}

}  // namespace
}  // namespace dealsearch::indexer
