// pdf_text: running headers, footers and page numbers out, hyphenations undone, lines into
// paragraphs, the title chosen.
#include "indexer/formats/pdf_text.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <regex>
#include <set>

#include "indexer/paragraphs.h"

namespace dealsearch::indexer {
namespace {

constexpr size_t kEdgeLines = 3;          // lines at each end of a page that may repeat
constexpr size_t kPageNumberLines = 2;    // lines at each end of a page that may be its number
constexpr double kPageNumberZone = 0.15;  // the top and bottom share of a page they must be in
constexpr double kSamePosition = 4;       // points: "the same height" on two pages
constexpr double kSameFontSize = 0.5;     // points
constexpr double kParagraphGap = 1.3;     // times the usual line spacing: a paragraph's gap
constexpr double kShortLine = 0.15;       // of the column's width short of its right edge
constexpr double kDefaultLeading = 1.2;   // line spacing / font size, when nothing tells

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
// Bytes of a word: ASCII letters and digits, and every byte of a non-ASCII character ("ë").
bool is_word_byte(char c) {
  return is_ascii_letter(c) || is_digit(c) || static_cast<unsigned char>(c) >= 0x80;
}
bool is_letter_byte(char c) { return is_ascii_letter(c) || static_cast<unsigned char>(c) >= 0x80; }

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (is_upper(c)) {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return lower;
}

// Lines dropped, by page and line.
using Dropped = std::vector<std::vector<bool>>;

// "Staatscourant 2016 nr. 12345" and "Pagina 3 van 12" as every page spells them: each run
// of digits one "#", white space collapsed.
std::string repeat_key(std::string_view text) {
  std::string key;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (is_digit(c)) {
      if (i == 0 || !is_digit(text[i - 1])) {
        key += '#';
      }
    } else if (c == ' ' || c == '\t') {
      if (!key.empty() && key.back() != ' ') {
        key += ' ';
      }
    } else {
      key += c;
    }
  }
  return std::string(trim(key));
}

struct EdgeLine {
  size_t page;
  size_t line;
  double top;
};

void drop_running_lines(const PdfLines& pdf, Dropped& dropped) {
  // "T" and "B" keep a header apart from a footer with the same text.
  std::map<std::string, std::vector<EdgeLine>> by_key;
  for (size_t p = 0; p < pdf.pages.size(); ++p) {
    const std::vector<PdfLine>& lines = pdf.pages[p].lines;
    const size_t edge = std::min(kEdgeLines, lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
      const EdgeLine at{p, i, lines[i].top};
      if (i < edge) {
        by_key["T" + repeat_key(lines[i].text)].push_back(at);
      }
      if (i >= lines.size() - edge) {
        by_key["B" + repeat_key(lines[i].text)].push_back(at);
      }
    }
  }
  for (auto& [key, lines] : by_key) {
    // At the same height on every page: the median's, within a few points. An article's
    // heading that happens to open two pages ("Artikel 3", "Artikel 5") seldom is.
    std::vector<double> tops;
    for (const EdgeLine& line : lines) {
      tops.push_back(line.top);
    }
    std::nth_element(tops.begin(), tops.begin() + tops.size() / 2, tops.end());
    const double median = tops[tops.size() / 2];
    std::erase_if(
        lines, [&](const EdgeLine& line) { return std::abs(line.top - median) > kSamePosition; });
    std::set<size_t> pages;
    for (const EdgeLine& line : lines) {
      pages.insert(line.page);
    }
    if (pages.size() >= 2 && pages.size() * 2 >= pdf.pages.size()) {
      for (const EdgeLine& line : lines) {
        dropped[line.page][line.line] = true;
      }
    }
  }
}

bool in_page_number_zone(const PdfLine& line, const PdfPage& page) {
  if (page.height <= 0) {
    return true;
  }
  return line.top < kPageNumberZone * page.height ||
         line.top + line.height > (1 - kPageNumberZone) * page.height;
}

// The page number of a page of one or two, where nothing repeats, goes too: among the first
// and last lines that are left, near the page's edge.
void drop_page_numbers(const PdfLines& pdf, Dropped& dropped) {
  for (size_t p = 0; p < pdf.pages.size(); ++p) {
    const PdfPage& page = pdf.pages[p];
    const size_t n = page.lines.size();
    auto consider = [&](size_t i, size_t& seen) {
      if (dropped[p][i] || seen == kPageNumberLines) {
        return;
      }
      ++seen;
      if (is_page_number(page.lines[i].text) && in_page_number_zone(page.lines[i], page)) {
        dropped[p][i] = true;
      }
    };
    size_t from_top = 0;
    size_t from_bottom = 0;
    for (size_t i = 0; i < n; ++i) {
      consider(i, from_top);
    }
    for (size_t i = n; i-- > 0;) {
      consider(i, from_bottom);
    }
  }
}

// How two lines of a paragraph join: drop `drop` bytes from the end of the first (a hyphen),
// then add `separator` and the second line.
struct Joint {
  size_t drop = 0;
  std::string_view separator = " ";
};

constexpr std::string_view kSoftHyphen = "\xC2\xAD";
constexpr std::string_view kUnicodeHyphen = "\xE2\x80\x90";  // U+2010

// The hyphen `text` ends in, right after a letter or digit: "-" or U+2010 (or empty).
std::string_view final_hyphen(std::string_view text) {
  for (const std::string_view hyphen : {std::string_view("-"), kUnicodeHyphen}) {
    if (text.size() > hyphen.size() && text.ends_with(hyphen) &&
        is_word_byte(text[text.size() - hyphen.size() - 1])) {
      return hyphen;
    }
  }
  return {};
}

// Two vowels that would read as one sound if written together: Dutch puts a hyphen between
// the parts of "zee-egel" and "auto-industrie" (and the lexicon may not know those).
bool is_vowel_clash(char last, char first) {
  static constexpr std::array<std::string_view, 15> kClashes = {
      "aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ij", "oe", "oi", "oo", "ou", "ui", "uu"};
  const std::string pair = ascii_lower(std::string{last, first});
  return std::find(kClashes.begin(), kClashes.end(), pair) != kClashes.end();
}

bool is_acronym_or_number(std::string_view part) {
  return std::any_of(part.begin(), part.end(), is_digit) ||
         std::all_of(part.begin(), part.end(), is_upper);
}

// Whether the hyphen between `left` and `right` (a word's parts, `right` starting with a
// lower-case letter) is the word's own, by the lexicon, else by a vowel clash.
bool hyphen_belongs_to_word(std::string_view left, std::string_view right,
                            const analyzers::AnalyzerData& lexicon) {
  const analyzers::Folder& folder = lexicon.folder();
  std::string hyphenated(left);
  hyphenated.append("-").append(right);
  if (lexicon.is_word(folder.fold(hyphenated))) {
    return true;  // "zee-egel", "e-mail": written so
  }
  std::string joined(left);
  joined.append(right);
  if (lexicon.is_word(folder.fold(joined))) {
    return false;  // "energiearmoede"
  }
  return is_vowel_clash(left.back(), right.front());
}

Joint joint(std::string_view first, std::string_view second,
            const analyzers::AnalyzerData& lexicon) {
  if (first.ends_with(kSoftHyphen)) {
    return {kSoftHyphen.size(), ""};  // a hyphenation point by definition
  }
  const std::string_view hyphen = final_hyphen(first);
  if (hyphen.empty() || second.empty()) {
    return {};
  }
  const std::string_view before = first.substr(0, first.size() - hyphen.size());
  size_t start = before.size();
  while (start > 0 && is_word_byte(before[start - 1])) {
    --start;
  }
  const std::string_view left = before.substr(start);  // "energie", "CO2", "Noord"
  const std::string_view next_word = second.substr(0, second.find(' '));
  // "energie- en klimaatbeleid": the hyphen stands for the "beleid" left out. (At the price of
  // "ideeën" broken at its trema as "idee-" + "en", which is rare.)
  for (const std::string_view conjunction : {"en", "of", "tot", "noch", "en/of"}) {
    if (next_word == conjunction) {
      return {0, " "};
    }
  }
  if (!is_letter_byte(second[0]) || is_upper(second[0]) || is_acronym_or_number(left)) {
    return {0, ""};  // "2016-2020", "Noord-Holland", "CO2-uitstoot", "BZK-subsidie"
  }
  size_t letters = 0;
  while (letters < next_word.size() && is_letter_byte(next_word[letters])) {
    ++letters;
  }
  if (hyphen_belongs_to_word(left, next_word.substr(0, letters), lexicon)) {
    return {0, ""};
  }
  return {hyphen.size(), ""};
}

void append_line(std::string& paragraph, std::string_view line,
                 const analyzers::AnalyzerData& lexicon) {
  if (paragraph.empty()) {
    paragraph = line;
    return;
  }
  const Joint how = joint(paragraph, line, lexicon);
  paragraph.resize(paragraph.size() - how.drop);
  paragraph.append(how.separator).append(line);
}

// What the body text looks like: its font size, line spacing and column.
struct Layout {
  double body_size = 0;
  double leading = kDefaultLeading;  // line spacing / font size
  double column_left = 0;
  double column_right = 0;
};

struct KeptLine {
  const PdfLine* line;
  uint32_t page;  // 1-based
};

double rounded_size(double size) { return std::round(size * 2) / 2; }

Layout measure(const std::vector<KeptLine>& lines) {
  Layout layout;
  std::map<double, size_t> characters_by_size;
  for (const KeptLine& kept : lines) {
    characters_by_size[rounded_size(kept.line->font_size)] += kept.line->text.size();
  }
  size_t most = 0;
  for (const auto& [size, characters] : characters_by_size) {
    if (characters > most) {
      most = characters;
      layout.body_size = size;
    }
  }
  std::vector<double> leadings;
  bool have_column = false;
  for (size_t i = 0; i < lines.size(); ++i) {
    const PdfLine& line = *lines[i].line;
    if (std::abs(line.font_size - layout.body_size) <= kSameFontSize) {
      layout.column_left = have_column ? std::min(layout.column_left, line.left) : line.left;
      layout.column_right = have_column ? std::max(layout.column_right, line.left + line.width)
                                        : line.left + line.width;
      have_column = true;
    }
    if (i == 0 || lines[i - 1].page != lines[i].page || line.font_size <= 0) {
      continue;
    }
    const PdfLine& previous = *lines[i - 1].line;
    const double step = line.top - previous.top;
    if (std::abs(line.font_size - previous.font_size) <= kSameFontSize && step > 0 &&
        step < 3 * line.font_size) {
      leadings.push_back(step / line.font_size);
    }
  }
  if (!leadings.empty()) {
    // The lower median: of one step within a paragraph and one between two, the first.
    const auto median = leadings.begin() + (leadings.size() - 1) / 2;
    std::nth_element(leadings.begin(), median, leadings.end());
    layout.leading = *median;
  }
  return layout;
}

// "." "!" "?" ":" ";" at the end, perhaps inside quotes or brackets: "(zie artikel 3.)".
bool ends_sentence(std::string_view text) {
  text = trim(text);
  // A footnote's mark after the full stop: "nooit of nauwelijks.[1]".
  if (text.ends_with(']')) {
    const size_t open = text.rfind('[');
    if (open != std::string_view::npos && text.size() - open <= 5) {
      text = text.substr(0, open);
    }
  }
  while (!text.empty() && (text.back() == ')' || text.back() == '"' || text.back() == '\'')) {
    text.remove_suffix(1);
  }
  for (const std::string_view closing : {"\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB"}) {
    if (text.ends_with(closing)) {  // ” ’ »
      text.remove_suffix(closing.size());
    }
  }
  return !text.empty() && std::string_view(".!?:;").find(text.back()) != std::string_view::npos;
}

// "• ", "- ", "1. ", "12) ", "a. ", "(b) ", and Word's Symbol-font bullet U+F0B7.
bool starts_with_list_marker(std::string_view text) {
  // • ◦ ▪ ■ · U+F0B7 – —, then the ASCII ones.
  static const std::regex kMarker(
      "(?:\xE2\x80\xA2|\xE2\x97\xA6|\xE2\x96\xAA|\xE2\x96\xA0|\xC2\xB7|\xEF\x82\xB7|"
      "\xE2\x80\x93|\xE2\x80\x94|-|\\*|\\(?[0-9]{1,2}[.)]|\\(?[a-zA-Z][.)]|\\([0-9a-z]{1,2}\\)) ");
  // Anchored at the line's start, not tried at every position.
  return std::regex_search(text.begin(), text.end(), kMarker,
                           std::regex_constants::match_continuous);
}

bool continues_paragraph(const PdfLine& previous, const PdfLine& line, bool new_page,
                         const Layout& layout) {
  if (std::abs(previous.font_size - line.font_size) > kSameFontSize ||
      starts_with_list_marker(line.text)) {
    return false;
  }
  const bool hyphenated = !final_hyphen(previous.text).empty() ||
                          std::string_view(previous.text).ends_with(kSoftHyphen);
  // The next page, or the next column (higher up on the page): only an unfinished sentence.
  if (new_page || line.top < previous.top - kSamePosition) {
    return hyphenated || !ends_sentence(previous.text);
  }
  const double size = line.font_size > 0 ? line.font_size : layout.body_size;
  if (line.top - previous.top > kParagraphGap * layout.leading * size) {
    return false;
  }
  const double width = layout.column_right - layout.column_left;
  const bool short_line = previous.left + previous.width < layout.column_right - kShortLine * width;
  return hyphenated || !(short_line && ends_sentence(previous.text));
}

struct Paragraph {
  std::string text;
  uint32_t page;  // of its first line
  double font_size;
  std::vector<schema::PageBreak> breaks;  // `paragraph` 0: this paragraph's
};

std::vector<Paragraph> paragraphs_of(const std::vector<KeptLine>& lines, const Layout& layout,
                                     const analyzers::AnalyzerData& lexicon) {
  std::vector<Paragraph> paragraphs;
  for (size_t i = 0; i < lines.size(); ++i) {
    const PdfLine& line = *lines[i].line;
    if (i == 0 || !continues_paragraph(*lines[i - 1].line, line, lines[i - 1].page != lines[i].page,
                                       layout)) {
      paragraphs.push_back({std::string(trim(line.text)), lines[i].page, line.font_size, {}});
    } else {
      Paragraph& paragraph = paragraphs.back();
      const std::string_view text = trim(line.text);
      append_line(paragraph.text, text, lexicon);
      if (lines[i - 1].page != lines[i].page) {
        // The line is appended whole, perhaps to a word hyphenated across the pages.
        paragraph.breaks.push_back({0, paragraph.text.size() - text.size(), lines[i].page});
      }
    }
  }
  return paragraphs;
}

std::string collapse_spaces(std::string_view text) {
  std::string collapsed;
  for (const char c : trim(text)) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (!space) {
      collapsed += c;
    } else if (!collapsed.empty() && collapsed.back() != ' ') {
      collapsed += ' ';
    }
  }
  return collapsed;
}

// The first paragraph in the largest font of the first page with text, when that font is
// larger than the body's.
std::string first_heading(const std::vector<Paragraph>& paragraphs, const Layout& layout) {
  if (paragraphs.empty()) {
    return "";
  }
  const uint32_t first_page = paragraphs.front().page;
  double largest = 0;
  for (const Paragraph& paragraph : paragraphs) {
    if (paragraph.page == first_page) {
      largest = std::max(largest, paragraph.font_size);
    }
  }
  if (largest <= layout.body_size + kSameFontSize) {
    return "";
  }
  for (const Paragraph& paragraph : paragraphs) {
    if (paragraph.page == first_page && paragraph.font_size >= largest - kSameFontSize) {
      return paragraph.text;
    }
  }
  return "";
}

}  // namespace

std::string join_lines(std::string_view first, std::string_view second,
                       const analyzers::AnalyzerData& lexicon) {
  std::string joined(first);
  append_line(joined, second, lexicon);
  return joined;
}

bool is_page_number(std::string_view line) {
  // Dashes around the number: "-", "–" (U+2013) or "—" (U+2014).
  static const std::regex kPageNumber(
      "(?:(?:pagina|page|pag\\.?|blz\\.?|p\\.) ?)?(?:(?:-|\xE2\x80\x93|\xE2\x80\x94) ?)?"
      "[0-9]{1,4}(?: ?(?:-|\xE2\x80\x93|\xE2\x80\x94))?(?: ?(?:/|van|of) ?[0-9]{1,4})?");
  const std::string text = ascii_lower(collapse_spaces(line));
  return std::regex_match(text, kPageNumber);
}

bool is_tool_title(std::string_view title) {
  static const std::regex kToolTitle(
      "microsoft [a-z]+ - .*|untitled.*|naamloos.*|document ?[0-9]*|titel|title|"
      ".*\\.(?:docx?|pdf|odt|rtf|txt|xlsx?|pptx?|indd|tex|dvi|ps|html?)|"
      "[^ ]*_[^ ]*|[a-z]:\\\\.*|/.*");
  const std::string text = ascii_lower(collapse_spaces(title));
  return text.empty() || std::regex_match(text, kToolTitle);
}

PdfText pdf_text(const PdfLines& pdf, const analyzers::AnalyzerData& lexicon) {
  Dropped dropped;
  for (const PdfPage& page : pdf.pages) {
    dropped.emplace_back(page.lines.size(), false);
  }
  drop_running_lines(pdf, dropped);
  drop_page_numbers(pdf, dropped);
  std::vector<KeptLine> kept;
  for (size_t p = 0; p < pdf.pages.size(); ++p) {
    for (size_t i = 0; i < pdf.pages[p].lines.size(); ++i) {
      if (!dropped[p][i] && !trim(pdf.pages[p].lines[i].text).empty()) {
        kept.push_back({&pdf.pages[p].lines[i], static_cast<uint32_t>(p + 1)});
      }
    }
  }
  const Layout layout = measure(kept);
  const std::vector<Paragraph> paragraphs = paragraphs_of(kept, layout, lexicon);

  PdfText text;
  text.page_count = static_cast<uint32_t>(pdf.pages.size());
  text.title =
      is_tool_title(pdf.title) ? first_heading(paragraphs, layout) : collapse_spaces(pdf.title);
  for (const Paragraph& paragraph : paragraphs) {
    for (schema::PageBreak page_break : paragraph.breaks) {
      page_break.paragraph = text.paragraphs.size();
      text.page_breaks.push_back(page_break);
    }
    text.paragraphs.push_back(paragraph.text);
    text.paragraph_pages.push_back(paragraph.page);
  }
  return text;
}

}  // namespace dealsearch::indexer
