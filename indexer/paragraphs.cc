// trim and split_paragraphs.
#include "indexer/paragraphs.h"

namespace dealsearch::indexer {
namespace {

// The byte length of the white space at the start of `text`, or 0.
size_t leading_space(std::string_view text) {
  if (!text.empty() && (text[0] == ' ' || text[0] == '\t' || text[0] == '\r')) {
    return 1;
  }
  return text.starts_with("\xC2\xA0") ? 2 : 0;
}

size_t trailing_space(std::string_view text) {
  if (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
    return 1;
  }
  return text.ends_with("\xC2\xA0") ? 2 : 0;
}

}  // namespace

std::string_view trim(std::string_view text) {
  while (size_t n = leading_space(text)) {
    text.remove_prefix(n);
  }
  while (size_t n = trailing_space(text)) {
    text.remove_suffix(n);
  }
  return text;
}

std::vector<std::string> split_paragraphs(std::string_view text) {
  std::vector<std::string> paragraphs;
  std::string current;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    const std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    if (line.empty()) {
      if (!current.empty()) {
        paragraphs.push_back(std::move(current));
        current.clear();
      }
      continue;
    }
    if (!current.empty()) {
      current += ' ';
    }
    current += line;
  }
  if (!current.empty()) {
    paragraphs.push_back(std::move(current));
  }
  return paragraphs;
}

}  // namespace dealsearch::indexer
