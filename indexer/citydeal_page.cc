// read_citydeal_page: title line + "Status citydeal:" line + text, repeated.
#include "indexer/citydeal_page.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "indexer/paragraphs.h"

namespace dealsearch::indexer {
namespace {

constexpr std::string_view kStatusLabel = "status citydeal:";

struct Line {
  std::string_view text;  // trimmed, without the line break
  size_t number;          // 1-based
  size_t offset;          // of the line's first byte in the page
};

std::vector<Line> split_lines(std::string_view page) {
  std::vector<Line> lines;
  size_t number = 1;
  for (size_t start = 0; start <= page.size(); ++number) {
    size_t end = page.find('\n', start);
    if (end == std::string_view::npos) {
      end = page.size();
    }
    lines.push_back({trim(page.substr(start, end - start)), number, start});
    start = end + 1;
  }
  return lines;
}

bool is_status_line(std::string_view line) {
  if (line.size() < kStatusLabel.size()) {
    return false;
  }
  return std::equal(kStatusLabel.begin(), kStatusLabel.end(), line.begin(), [](char a, char b) {
    return a == std::tolower(static_cast<unsigned char>(b));
  });
}

// The index of the last non-blank line before `before`, or `before` if there is none after
// `floor`.
size_t title_index(const std::vector<Line>& lines, size_t before, size_t floor) {
  for (size_t i = before; i > floor; --i) {
    if (!lines[i - 1].text.empty()) {
      return i - 1;
    }
  }
  return before;
}

}  // namespace

std::optional<std::string_view> status_line_value(std::string_view line) {
  line = trim(line);
  if (!is_status_line(line)) {
    return std::nullopt;
  }
  return trim(line.substr(kStatusLabel.size()));
}

std::vector<DealRecord> read_citydeal_page(std::string_view page, std::string_view file_name,
                                           std::vector<Diagnostic>& diagnostics) {
  const std::vector<Line> lines = split_lines(page);
  struct Start {
    size_t title;
    size_t status;
  };
  std::vector<Start> starts;
  size_t floor = 0;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!is_status_line(lines[i].text)) {
      continue;
    }
    const size_t title = title_index(lines, i, floor);
    if (title == i) {
      diagnostics.push_back({std::string(file_name), lines[i].number,
                             "'Status citydeal:' line without a title line above it; put the "
                             "deal's title on the line before it"});
    } else {
      starts.push_back({title, i});
    }
    floor = i + 1;
  }
  if (starts.empty() && diagnostics.empty()) {
    diagnostics.push_back({std::string(file_name), 0,
                           "no deal found: a page needs a title line followed by a line "
                           "'Status citydeal: ...' for each deal"});
  }

  std::vector<DealRecord> deals;
  for (size_t k = 0; k < starts.size(); ++k) {
    const size_t after_status = starts[k].status + 1;
    const size_t body_begin =
        after_status < lines.size() ? lines[after_status].offset : page.size();
    const size_t body_end = k + 1 < starts.size() ? lines[starts[k + 1].title].offset : page.size();
    DealRecord deal;
    deal.title = std::string(lines[starts[k].title].text);
    deal.status = std::string(trim(lines[starts[k].status].text.substr(kStatusLabel.size())));
    deal.paragraphs = split_paragraphs(page.substr(body_begin, body_end - body_begin));
    deal.source = {std::string(file_name), lines[starts[k].title].number};
    deals.push_back(std::move(deal));
  }
  return deals;
}

}  // namespace dealsearch::indexer
