// read_pdf_lines with poppler-cpp, and the JSON that carries its result out of the child.
#include "indexer/formats/pdf_lines.h"

#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <utility>

#include "analyzers/error.h"

namespace dealsearch::indexer {
namespace {

using nlohmann::json;

std::string utf8(const poppler::ustring& text) {
  const poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

// Poppler tells stderr about every oddity it repairs ("Syntax Error: Couldn't find trailer
// dictionary"); our own error says what the user can do, and theirs would only confuse.
void silence_poppler() {
  static std::once_flag once;
  std::call_once(
      once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

// A word belongs to the line being built when its baseline is that line's (within a third of
// the smaller height: a superscript "2" in "m2" stays on its line) and it does not start left
// of where the line ends (poppler's next column starts at the left again).
bool continues_line(const PdfLine& line, double line_bottom, const poppler::rectf& word) {
  const double tolerance = std::min(line.height, word.height()) / 3;
  return std::abs(word.bottom() - line_bottom) <= tolerance &&
         word.left() >= line.left + line.width - tolerance;
}

void extend(PdfLine& line, const poppler::rectf& word) {
  const double right = std::max(line.left + line.width, word.right());
  const double bottom = std::max(line.top + line.height, word.bottom());
  line.left = std::min(line.left, word.left());
  line.top = std::min(line.top, word.top());
  line.width = right - line.left;
  line.height = bottom - line.top;
}

std::vector<PdfLine> page_lines(const poppler::page& page) {
  std::vector<PdfLine> lines;
  double line_bottom = 0;
  bool space_pending = false;
  for (const poppler::text_box& box : page.text_list(poppler::page::text_list_include_font)) {
    std::string word = utf8(box.text());
    if (word.empty()) {
      continue;
    }
    const poppler::rectf bbox = box.bbox();
    if (!lines.empty() && continues_line(lines.back(), line_bottom, bbox)) {
      PdfLine& line = lines.back();
      // Words of one line without a space between ("CO" "2" set in two fonts) stay joined;
      // a visible gap is a space even when poppler saw none (a table's cells).
      const double gap = bbox.left() - (line.left + line.width);
      if (space_pending || gap > bbox.height() / 4) {
        line.text += ' ';
      }
      line.text += word;
      extend(line, bbox);
    } else {
      lines.push_back({std::move(word), bbox.left(), bbox.top(), bbox.width(), bbox.height(),
                       box.has_font_info() ? box.get_font_size() : 0});
      line_bottom = bbox.bottom();
    }
    space_pending = box.has_space_after();
  }
  return lines;
}

void check_readable(const std::filesystem::path& file) {
  if (!std::ifstream(file, std::ios::binary).is_open()) {
    throw Error(ErrorKind::kMissingFile, "cannot open the file", file.string(),
                "check that it exists and is readable");
  }
}

// Two decimals are a hundredth of a point: more than any layout decision needs.
double rounded(double points) { return std::round(points * 100) / 100; }

}  // namespace

PdfLines read_pdf_lines(const std::filesystem::path& file) {
  silence_poppler();
  check_readable(file);
  const std::unique_ptr<poppler::document> document(
      poppler::document::load_from_file(file.string()));
  if (!document) {
    throw Error(ErrorKind::kBadInput, "not a readable PDF", file.string(),
                "is the file complete? open it in a PDF viewer to check");
  }
  if (document->is_locked()) {
    throw Error(ErrorKind::kBadInput, "encrypted: the PDF needs a password", file.string(),
                "save it without one");
  }
  PdfLines result;
  result.title = utf8(document->info_key("Title"));
  result.creator = utf8(document->info_key("Creator"));
  result.producer = utf8(document->info_key("Producer"));
  for (int i = 0; i < document->pages(); ++i) {
    const std::unique_ptr<poppler::page> page(document->create_page(i));
    if (!page) {
      result.pages.emplace_back();  // keeps the page numbers of the pages after it right
      continue;
    }
    const poppler::rectf box = page->page_rect();
    result.pages.push_back({box.width(), box.height(), page_lines(*page)});
  }
  return result;
}

std::string pdf_lines_to_json(const PdfLines& lines) {
  json pages = json::array();
  for (const PdfPage& page : lines.pages) {
    json page_lines = json::array();
    for (const PdfLine& line : page.lines) {
      page_lines.push_back({{"text", line.text},
                            {"left", rounded(line.left)},
                            {"top", rounded(line.top)},
                            {"width", rounded(line.width)},
                            {"height", rounded(line.height)},
                            {"font_size", rounded(line.font_size)}});
    }
    pages.push_back({{"width", rounded(page.width)},
                     {"height", rounded(page.height)},
                     {"lines", std::move(page_lines)}});
  }
  const json document = {{"title", lines.title},
                         {"creator", lines.creator},
                         {"producer", lines.producer},
                         {"pages", std::move(pages)}};
  // A PDF's strings are whatever its producer wrote: a lone UTF-16 surrogate must not stop the
  // extraction of everything else.
  return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

PdfLines pdf_lines_from_json(std::string_view text) {
  try {
    const json document = json::parse(text);
    PdfLines lines;
    lines.title = document.at("title").get<std::string>();
    lines.creator = document.at("creator").get<std::string>();
    lines.producer = document.at("producer").get<std::string>();
    for (const json& page : document.at("pages")) {
      PdfPage& decoded = lines.pages.emplace_back();
      decoded.width = page.at("width").get<double>();
      decoded.height = page.at("height").get<double>();
      for (const json& line : page.at("lines")) {
        decoded.lines.push_back({line.at("text").get<std::string>(), line.at("left").get<double>(),
                                 line.at("top").get<double>(), line.at("width").get<double>(),
                                 line.at("height").get<double>(),
                                 line.at("font_size").get<double>()});
      }
    }
    return lines;
  } catch (const json::exception& error) {
    throw Error(ErrorKind::kBadInput, std::string("not the JSON of a PDF's lines: ") + error.what(),
                "", "");
  }
}

}  // namespace dealsearch::indexer
