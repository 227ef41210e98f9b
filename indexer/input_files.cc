// read_inputs: files, directories and "-", each parsed by its format.
#include "indexer/input_files.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <variant>

#include "indexer/citydeal_page.h"
#include "indexer/fan_out.h"
#include "indexer/formats/deal_documents.h"
#include "indexer/formats/html_encoding.h"
#include "indexer/formats/html_page.h"
#include "indexer/jsonl_reader.h"
#include "indexer/paragraphs.h"

namespace dealsearch::indexer {
namespace {

namespace fs = std::filesystem;

bool looks_like_jsonl(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && text[first] == '{';
}

// Why `record` breaks a limit of deal_record.h, or nullopt if it keeps them all.
std::optional<std::string> over_limit(const DealRecord& record) {
  const auto too_long = [](std::string_view field, size_t bytes, size_t limit) {
    return std::string(field) + " has " + std::to_string(bytes) + " bytes; at most " +
           std::to_string(limit) + " are allowed";
  };
  if (record.title.size() > kMaxTitleBytes) {
    return too_long("the title", record.title.size(), kMaxTitleBytes) +
           " (is the text in the title's place?)";
  }
  if (record.id.size() > kMaxIdBytes) {
    return too_long("\"id\"", record.id.size(), kMaxIdBytes);
  }
  return std::nullopt;
}

// Where records and problems go while reading.
struct Reading {
  const RecordSink& sink;
  InputSummary& summary;
};

// Passes on the records within the limits; the others become diagnostics. A record that names
// no documents is its own, of `type`.
void add_record(DealRecord record, std::string_view type, Reading& out) {
  if (record.documents.empty()) {
    record.documents.push_back(
        {record.url, std::string(trim(record.title)), std::string(type), std::nullopt, 0});
  }
  if (std::optional<std::string> problem = over_limit(record)) {
    out.summary.diagnostics.push_back({record.source.file, record.source.line, *problem});
  } else {
    out.sink(std::move(record));
  }
}

// A page in the text layout, read whole (a page is a few deals).
void read_text_page(std::string_view text, const std::string& name, Reading& out) {
  if (const size_t bad_line = first_invalid_utf8_line(text); bad_line != 0) {
    out.summary.diagnostics.push_back(
        {name, bad_line, "invalid UTF-8; save the file as UTF-8 (the page was not read)"});
    return;
  }
  for (DealRecord& record : read_citydeal_page(text, name, out.summary.diagnostics)) {
    add_record(std::move(record), kDocumentText, out);
  }
}

// JSON Lines, a line at a time however large the file: `first_lines` (already read from
// `in`, e.g. to tell the format) and then the rest of `in`. Invalid UTF-8 costs its line only.
void read_jsonl_stream(std::istream& in, std::vector<std::string> first_lines,
                       const std::string& name, Reading& out) {
  size_t line_number = 0;
  const auto read_line = [&](const std::string& line) {
    ++line_number;
    if (first_invalid_utf8_line(line) != 0) {
      out.summary.diagnostics.push_back(
          {name, line_number, "invalid UTF-8; save the file as UTF-8"});
      return;
    }
    if (std::optional<DealRecord> record =
            read_jsonl_line(line, name, line_number, out.summary.diagnostics)) {
      add_record(std::move(*record), kDocumentJsonl, out);
    }
  };
  for (const std::string& line : first_lines) {
    read_line(line);
  }
  for (std::string line; std::getline(in, line);) {
    read_line(line);
  }
  if (in.bad()) {
    out.summary.diagnostics.push_back(
        {name, line_number + 1, "cannot read the rest of this file (a read error)"});
  }
}

// Standard input: JSON Lines if its first non-blank character is "{", streamed; else a text
// page, read whole.
void read_standard_input(Reading& out) {
  ++out.summary.files;
  std::vector<std::string> blank_lines;
  for (std::string line; std::getline(std::cin, line);) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) {
      blank_lines.push_back(std::move(line));
      continue;
    }
    const bool jsonl = looks_like_jsonl(line);
    blank_lines.push_back(std::move(line));
    if (jsonl) {
      read_jsonl_stream(std::cin, std::move(blank_lines), "<stdin>", out);
      return;
    }
    std::string text;
    for (const std::string& first : blank_lines) {
      text.append(first).append("\n");
    }
    text.append(std::istreambuf_iterator<char>(std::cin), {});
    read_text_page(text, "<stdin>", out);
    return;
  }
}

// The file opened for reading, or nothing with a diagnostic in `out` saying so.
std::optional<std::ifstream> open_input(const fs::path& path, Reading& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    out.summary.diagnostics.push_back(
        {path.string(), 0, "cannot read this file; check it exists and is readable"});
    return std::nullopt;
  }
  return in;
}

std::optional<std::string> file_contents(const fs::path& path, Reading& out) {
  std::optional<std::ifstream> in = open_input(path, out);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream contents;
  contents << in->rdbuf();
  return std::move(contents).str();
}

void read_jsonl_file(const fs::path& path, Reading& out) {
  std::optional<std::ifstream> in = open_input(path, out);
  if (!in) {
    return;
  }
  ++out.summary.files;
  read_jsonl_stream(*in, {}, path.string(), out);
}

enum class Format { kText, kJsonl, kHtml, kPdf };

Format format_of(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (extension == ".jsonl") {
    return Format::kJsonl;
  }
  if (extension == ".html" || extension == ".htm") {
    return Format::kHtml;
  }
  return extension == ".pdf" ? Format::kPdf : Format::kText;
}

bool is_indexed_in_directory(const fs::path& path) {
  std::string extension = path.extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return extension == ".txt" || extension == ".jsonl" || extension == ".html" ||
         extension == ".htm" || extension == ".pdf";
}

bool is_chosen(const fs::path& path, const InputOptions& options) {
  const std::string whole = path.string();
  const auto found = [&](const std::regex& pattern) { return std::regex_search(whole, pattern); };
  if (!options.include.empty() &&
      std::none_of(options.include.begin(), options.include.end(), found)) {
    return false;
  }
  return std::none_of(options.exclude.begin(), options.exclude.end(), found);
}

// The files `inputs` name, directories walked, in input order; problems to `out`.
std::vector<fs::path> chosen_files(const std::vector<std::string>& inputs,
                                   const InputOptions& options, Reading& out) {
  std::vector<fs::path> chosen;
  for (const std::string& input : inputs) {
    std::error_code error;
    std::vector<fs::path> files;
    if (input == "-") {
      files.emplace_back("-");
    } else if (fs::is_directory(input, error)) {
      for (auto it = fs::recursive_directory_iterator(input, error);
           !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file() && is_indexed_in_directory(it->path())) {
          files.push_back(it->path());
        }
      }
      if (error) {
        out.summary.diagnostics.push_back(
            {input, 0, "cannot read this directory: " + error.message()});
      }
      std::sort(files.begin(), files.end());
    } else if (fs::exists(input, error)) {
      files.emplace_back(input);
    } else {
      out.summary.diagnostics.push_back({input, 0, "no such file or directory"});
    }
    for (fs::path& file : files) {
      if (file == "-" || is_chosen(file, options)) {
        chosen.push_back(std::move(file));
      }
    }
  }
  return chosen;
}

// A web page's deal, or nullopt with a diagnostic.
std::optional<HtmlDeal> read_html(const fs::path& path, const InputOptions& options, Reading& out) {
  const std::string name = path.string();
  if (!options.analyzer_data) {
    out.summary.diagnostics.push_back(
        {name, 0, "web pages are not read here (no analyzer data given)"});
    return std::nullopt;
  }
  const std::optional<std::string> bytes = file_contents(path, out);
  if (!bytes) {
    return std::nullopt;
  }
  const std::optional<std::string> text = html_as_utf8(*bytes);
  if (!text) {
    out.summary.diagnostics.push_back(
        {name, first_invalid_utf8_line(*bytes),
         "invalid UTF-8 in a page that declares UTF-8 (or an unknown charset); save it as "
         "UTF-8 (the page was not read)"});
    return std::nullopt;
  }
  HtmlDeal deal = html_deal(read_html_page(*text), path, options.analyzer_data->folder());
  if (trim(deal.record.title).empty()) {
    out.summary.diagnostics.push_back(
        {name, 0,
         "no title: the page has no <h1> in its content, no og:title and "
         "no <title>; give it one"});
    return std::nullopt;
  }
  if (deal.record.paragraphs.empty() && deal.pdfs.empty()) {
    out.summary.diagnostics.push_back({name, 0,
                                       "no text: the page's main content is empty (is it a menu or "
                                       "an index page? --exclude it)"});
    return std::nullopt;
  }
  return deal;
}

using PdfResult = std::variant<PdfText, std::string>;

// Each of `files` read by the PDF parser, `workers` at a time, in the order given.
std::vector<PdfResult> read_pdfs(const std::vector<fs::path>& files, const InputOptions& options) {
  std::vector<PdfResult> results(files.size());
  for_each_on_threads(files.size(), options.pdf_workers, [&](size_t i) {
    results[i] = options.pdf && options.analyzer_data
                     ? read_pdf(files[i], *options.pdf, *options.analyzer_data)
                     : PdfResult("PDFs are not read here (no PDF parser given)");
  });
  return results;
}

// What one chosen file gives, in input order: a text/JSONL file is read at once, a page and a
// PDF once every PDF is parsed.
struct Slot {
  fs::path file;
  Format format;
  std::optional<HtmlDeal> page;  // for kHtml, when it could be read
};

std::string pdf_problem(const std::string& why) { return "cannot read this PDF: " + why; }

// A page's deal with the text of each PDF it links to; a PDF that cannot be read is a
// diagnostic, and the deal goes on without it.
void add_page(HtmlDeal& page, const std::map<fs::path, size_t>& pdf_index,
              const std::vector<PdfResult>& parsed, Reading& out) {
  for (LinkedPdf& pdf : page.pdfs) {
    const PdfResult& result = parsed[pdf_index.at(pdf.file.lexically_normal())];
    if (const auto* why = std::get_if<std::string>(&result)) {
      out.summary.diagnostics.push_back(
          {pdf.file.string(), 0,
           pdf_problem(*why) + " (linked from " + page.record.source.file + ")"});
      continue;
    }
    const PdfText& text = std::get<PdfText>(result);
    add_pdf_document(
        page.record, text,
        {.url = pdf.url, .title = linked_pdf_title(pdf.title, text, pdf.file.filename().string())});
  }
  add_record(std::move(page.record), kDocumentHtml, out);
}

}  // namespace

size_t first_invalid_utf8_line(std::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  size_t line = 1;
  for (int32_t i = 0; i < length;) {
    if (bytes[i] == '\n') {
      ++line;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      return line;
    }
  }
  return 0;
}

InputSummary read_inputs(const std::vector<std::string>& inputs, const InputOptions& options,
                         const RecordSink& sink) {
  InputSummary summary;
  Reading out{sink, summary};
  std::vector<Slot> slots;
  for (fs::path& file : chosen_files(inputs, options, out)) {
    const Format format = file == "-" ? Format::kText : format_of(file);
    slots.push_back({std::move(file), format, std::nullopt});
    if (format == Format::kHtml) {
      slots.back().page = read_html(slots.back().file, options, out);
    }
  }
  std::vector<HtmlDeal*> read_pages;
  std::vector<DealRecord*> page_records;
  for (Slot& slot : slots) {
    if (slot.page) {
      read_pages.push_back(&*slot.page);
      page_records.push_back(&slot.page->record);
    }
  }
  if (options.analyzer_data) {
    make_page_ids_distinct(page_records, options.analyzer_data->folder());
  }

  // Every PDF to parse: those the pages link to (whatever --include says), then the others.
  std::vector<fs::path> pdfs;
  std::map<fs::path, size_t> pdf_index;
  const auto want = [&](const fs::path& file) {
    if (pdf_index.emplace(file.lexically_normal(), pdfs.size()).second) {
      pdfs.push_back(file);
    }
  };
  for (const HtmlDeal* page : read_pages) {
    for (const LinkedPdf& pdf : page->pdfs) {
      want(pdf.file);
    }
  }
  std::set<fs::path> linked(pdfs.begin(), pdfs.end());
  for (const Slot& slot : slots) {
    if (slot.format == Format::kPdf && !linked.contains(slot.file.lexically_normal())) {
      want(slot.file);
    }
  }
  const std::vector<PdfResult> parsed = read_pdfs(pdfs, options);

  for (Slot& slot : slots) {
    const std::string name = slot.file.string();
    switch (slot.format) {
      case Format::kText:
        if (name == "-") {
          read_standard_input(out);
        } else if (const std::optional<std::string> text = file_contents(slot.file, out)) {
          ++summary.files;
          read_text_page(*text, name, out);
        }
        break;
      case Format::kJsonl:
        read_jsonl_file(slot.file, out);
        break;
      case Format::kHtml:
        ++summary.files;
        if (slot.page) {
          add_page(*slot.page, pdf_index, parsed, out);
        }
        break;
      case Format::kPdf: {
        const fs::path normal = slot.file.lexically_normal();
        if (linked.contains(normal)) {
          break;  // a page's document, read with it
        }
        ++summary.files;
        const PdfResult& result = parsed[pdf_index.at(normal)];
        if (const auto* why = std::get_if<std::string>(&result)) {
          summary.diagnostics.push_back({name, 0, pdf_problem(*why)});
        } else {
          add_record(pdf_deal(std::get<PdfText>(result), slot.file), kDocumentPdf, out);
        }
        break;
      }
    }
  }
  return summary;
}

InputRecords read_inputs(const std::vector<std::string>& inputs, const InputOptions& options) {
  InputRecords out;
  InputSummary summary = read_inputs(
      inputs, options, [&](DealRecord&& record) { out.records.push_back(std::move(record)); });
  out.diagnostics = std::move(summary.diagnostics);
  out.files = summary.files;
  return out;
}

}  // namespace dealsearch::indexer
