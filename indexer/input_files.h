// Input: the files, directories and standard input that `dealsearch index` reads.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "analyzers/analyzer_data.h"
#include "indexer/deal_record.h"
#include "indexer/diagnostic.h"
#include "indexer/formats/pdf_reader.h"

namespace dealsearch::indexer {

// What reading found besides the records.
struct InputSummary {
  std::vector<Diagnostic> diagnostics;  // every problem found, with file and line
  size_t files = 0;
};

// Takes each record as it is read.
using RecordSink = std::function<void(DealRecord&&)>;

// Every record, in memory: for inputs known to be small (tests, the seed corpus).
struct InputRecords {
  std::vector<DealRecord> records;
  std::vector<Diagnostic> diagnostics;
  size_t files = 0;
};

// How read_inputs() chooses and reads files. The defaults read text pages and JSON Lines only.
struct InputOptions {
  // Regular expressions searched for in a file's whole path (as given or found in a
  // directory): a file is read only when it matches one of `include` (if any is given) and
  // none of `exclude`. A PDF that a page links to is read whatever they say.
  std::vector<std::regex> include;
  std::vector<std::regex> exclude;
  // The analyzer's data: its folding makes the ids of HTML pages, its lexicon decides
  // hyphenation in PDFs. Needed for HTML and PDF files (without it they are diagnostics).
  std::shared_ptr<const analyzers::AnalyzerData> analyzer_data;
  // How to run the PDF parser's child process; without it a PDF is a diagnostic.
  std::optional<PdfExtractor> pdf;
  // PDFs are parsed this many at a time (each in its own child process).
  unsigned pdf_workers = 1;
};

// Reads every input: a file (by its extension: ".jsonl" JSON Lines, ".html"/".htm" a deal's
// web page, ".pdf" a PDF agreement, anything else City Deal pages in the text layout), a
// directory (recursively, its .txt, .jsonl, .html, .htm and .pdf files in sorted order), or "-"
// for standard input (JSON Lines if its first non-blank character is "{", else a text page).
// The records come in input order.
//
// A web page is one deal (formats/html_page.h, formats/deal_documents.h); the PDFs its content
// links to by relative links are documents of that deal, not deals of their own. A PDF that no
// page of the run links to is a deal of its own.
//
// Problems are diagnostics, not exceptions: an unreadable or missing file, invalid UTF-8 (the
// line of the first bad byte; a JSONL file loses only that line), a malformed JSON line, a
// record without title or body, a record over a limit of deal_record.h (a title over
// kMaxTitleBytes, an id over kMaxIdBytes), a page with no deal in it, a web page without title
// or text, a PDF that cannot be read (encrypted, without text, corrupt, or one that crashed or
// outran the parser: that PDF alone). Thread-safe (no state).
//
// Records go to `sink` in input order as they are read. JSON Lines (a file or standard input)
// stream a line at a time, whatever their size; a text page is read whole; web pages and the
// PDFs they link to are held until every PDF of the run is parsed (a PDF no page links to is a
// deal of its own, which is known only then).
InputSummary read_inputs(const std::vector<std::string>& inputs, const InputOptions& options,
                         const RecordSink& sink);
// The same, every record collected in memory.
[[nodiscard]] InputRecords read_inputs(const std::vector<std::string>& inputs,
                                       const InputOptions& options = {});

// The 1-based line of the first byte that is not valid UTF-8, or 0 when all of it is.
[[nodiscard]] size_t first_invalid_utf8_line(std::string_view text);

}  // namespace dealsearch::indexer
