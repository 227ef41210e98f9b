// Segmenter: ICU word boundaries plus Dutch apostrophes, hyphenated groups, URLs and e-mail.
#include "analyzers/segmenter.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/utext.h>

#include <algorithm>
#include <cstring>

#include "analyzers/icu_check.h"

namespace dealsearch::analyzers {
namespace {

struct RawWord {
  ByteRange range;
  bool is_number = false;
};

bool is_ascii_alnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_ascii_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Characters that may appear in a URL; anything else (space, quotes, angle brackets,
// non-ASCII) ends it. Non-ASCII is rare in the URLs of Dutch government sites.
bool is_url_char(unsigned char c) {
  return c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' &&
         c != '`' && c != '{' && c != '|' && c != '}';
}

bool is_email_local_char(unsigned char c) {
  return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

bool is_domain_char(unsigned char c) { return is_ascii_alnum(c) || c == '.' || c == '-'; }

bool starts_with_ignoring_case(std::string_view text, size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) {
    return false;
  }
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[at + i])) != prefix[i]) {
      return false;
    }
  }
  return true;
}

// A sentence may end right after a URL: "zie www.agendastad.nl." The trailing punctuation is
// the sentence's, not the URL's.
uint32_t trim_trailing_punctuation(std::string_view text, uint32_t begin, uint32_t end) {
  while (end > begin && std::strchr(".,;:!?)]'\"", text[end - 1]) != nullptr) {
    --end;
  }
  return end;
}

uint32_t url_end(std::string_view text, size_t from) {
  size_t end = from;
  while (end < text.size() && is_url_char(static_cast<unsigned char>(text[end]))) {
    ++end;
  }
  return static_cast<uint32_t>(end);
}

// "https://..." at `colon` (the position of "://"): returns the URL's range, or an empty one.
ByteRange url_at_scheme(std::string_view text, size_t colon, uint32_t floor) {
  size_t begin = colon;
  while (begin > floor && (std::isalpha(static_cast<unsigned char>(text[begin - 1])) != 0)) {
    --begin;
  }
  if (begin == colon) {
    return {};
  }
  const uint32_t end =
      trim_trailing_punctuation(text, static_cast<uint32_t>(begin), url_end(text, colon + 3));
  if (end <= colon + 3) {
    return {};
  }
  return {static_cast<uint32_t>(begin), end};
}

// "www.example.nl" starting at `at`, when not preceded by part of a word.
ByteRange url_at_www(std::string_view text, size_t at) {
  if (at > 0 && (is_url_char(static_cast<unsigned char>(text[at - 1])) &&
                 std::strchr("([{'\"", text[at - 1]) == nullptr)) {
    return {};
  }
  const uint32_t end =
      trim_trailing_punctuation(text, static_cast<uint32_t>(at), url_end(text, at + 4));
  if (end <= at + 4) {
    return {};
  }
  return {static_cast<uint32_t>(at), end};
}

// "info@agendastad.nl" around the "@" at `at`; local part not before `floor`.
ByteRange email_at(std::string_view text, size_t at, uint32_t floor) {
  size_t begin = at;
  while (begin > floor && is_email_local_char(static_cast<unsigned char>(text[begin - 1]))) {
    --begin;
  }
  size_t end = at + 1;
  while (end < text.size() && is_domain_char(static_cast<unsigned char>(text[end]))) {
    ++end;
  }
  while (end > at + 1 && (text[end - 1] == '.' || text[end - 1] == '-')) {
    --end;
  }
  const std::string_view domain = text.substr(at + 1, end - at - 1);
  const size_t last_dot = domain.rfind('.');
  if (begin == at || last_dot == std::string_view::npos || last_dot == 0 ||
      domain.size() - last_dot < 3) {
    return {};
  }
  return {static_cast<uint32_t>(begin), static_cast<uint32_t>(end)};
}

// The names inside a URL or address: "info@agendastad.nl" -> "info", "agendastad", "nl".
std::vector<ByteRange> alphanumeric_runs(std::string_view text, ByteRange range) {
  std::vector<ByteRange> runs;
  for (uint32_t i = range.begin; i < range.end;) {
    const auto is_name_byte = [&](uint32_t at) {
      const auto c = static_cast<unsigned char>(text[at]);
      return is_ascii_alnum(c) || c >= 0x80;
    };
    if (!is_name_byte(i)) {
      ++i;
      continue;
    }
    const uint32_t begin = i;
    while (i < range.end && is_name_byte(i)) {
      ++i;
    }
    runs.push_back({begin, i});
  }
  return runs;
}

struct ProtectedSpan {
  ByteRange range;
  UnitKind kind;
};

std::vector<ProtectedSpan> find_urls_and_emails(std::string_view text) {
  std::vector<ProtectedSpan> spans;
  uint32_t floor = 0;  // nothing found may start inside an earlier span
  for (size_t i = 0; i < text.size(); ++i) {
    ProtectedSpan found{{}, UnitKind::kUrl};
    const char c = text[i];
    if (c == ':' && text.compare(i, 3, "://") == 0) {
      found.range = url_at_scheme(text, i, floor);
    } else if ((c == 'w' || c == 'W') && i >= floor && starts_with_ignoring_case(text, i, "www.")) {
      found.range = url_at_www(text, i);
    } else if (c == '@') {
      found = {email_at(text, i, floor), UnitKind::kEmail};
    }
    if (found.range.end > found.range.begin) {
      spans.push_back(found);
      floor = found.range.end;
      i = found.range.end - 1;
    }
  }
  return spans;
}

// Returns the byte length of the hyphen at `at` ("-", U+2010 or U+2011), or 0. Dashes (U+2013,
// U+2014) separate words: "Binnensteden – Regie".
size_t hyphen_length(std::string_view text, size_t at) {
  if (at < text.size() && text[at] == '-') {
    return 1;
  }
  if (text.compare(at, 3, "\xE2\x80\x90") == 0 || text.compare(at, 3, "\xE2\x80\x91") == 0) {
    return 3;
  }
  return 0;
}

// Returns the byte length of an apostrophe ending just before `at` (' ‘ ’), or 0.
size_t apostrophe_length_before(std::string_view text, size_t at) {
  if (at >= 1 && text[at - 1] == '\'') {
    return 1;
  }
  if (at >= 3 && (text.compare(at - 3, 3, "\xE2\x80\x98") == 0 ||
                  text.compare(at - 3, 3, "\xE2\x80\x99") == 0)) {
    return 3;
  }
  return 0;
}

// "'s", "'t" and "'n" are words of their own in Dutch ("'s-Hertogenbosch", "'t Zandt"): UAX #29
// drops their leading apostrophe because nothing precedes it.
ByteRange with_elided_article(std::string_view text, ByteRange word) {
  if (word.end - word.begin != 1 || std::strchr("stnSTN", text[word.begin]) == nullptr) {
    return word;
  }
  const size_t apostrophe = apostrophe_length_before(text, word.begin);
  if (apostrophe == 0) {
    return word;
  }
  const size_t before = word.begin - apostrophe;
  if (before > 0 && !is_ascii_space(static_cast<unsigned char>(text[before - 1])) &&
      std::strchr("([\"", text[before - 1]) == nullptr) {
    return word;
  }
  return {static_cast<uint32_t>(before), word.end};
}

}  // namespace

struct Segmenter::Icu {
  std::unique_ptr<icu::BreakIterator> words;
  UText* text = nullptr;
  ~Icu() { utext_close(text); }
};

Segmenter::Segmenter() : icu_(std::make_unique<Icu>()) {
  UErrorCode status = U_ZERO_ERROR;
  icu_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale("nl"), status));
  check_icu(status, "creating ICU's word break iterator");
}

Segmenter::~Segmenter() = default;

std::vector<TextUnit> Segmenter::segment(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  icu_->text = utext_openUTF8(icu_->text, text.data(), static_cast<int64_t>(text.size()), &status);
  check_icu(status, "opening UTF-8 text for ICU");
  icu_->words->setText(icu_->text, status);
  check_icu(status, "setting the word break iterator's text");

  std::vector<RawWord> raw;
  int32_t start = icu_->words->first();
  for (int32_t end = icu_->words->next(); end != icu::BreakIterator::DONE;
       start = end, end = icu_->words->next()) {
    const int32_t rule = icu_->words->getRuleStatus();
    if (rule >= UBRK_WORD_NONE_LIMIT) {
      raw.push_back({{static_cast<uint32_t>(start), static_cast<uint32_t>(end)},
                     rule >= UBRK_WORD_NUMBER && rule < UBRK_WORD_NUMBER_LIMIT});
    }
  }

  const std::vector<ProtectedSpan> spans = find_urls_and_emails(text);
  std::vector<TextUnit> units;
  units.reserve(raw.size());
  auto span = spans.begin();
  for (size_t i = 0; i < raw.size();) {
    while (span != spans.end() && span->range.end <= raw[i].range.begin) {
      ++span;
    }
    if (span != spans.end() && raw[i].range.begin < span->range.end &&
        raw[i].range.end > span->range.begin) {
      units.push_back({span->kind, span->range, alphanumeric_runs(text, span->range)});
      while (i < raw.size() && raw[i].range.begin < span->range.end) {
        ++i;
      }
      ++span;
      continue;
    }
    TextUnit unit{raw[i].is_number ? UnitKind::kNumber : UnitKind::kWord,
                  with_elided_article(text, raw[i].range),
                  {}};
    unit.pieces.push_back(unit.range);
    ++i;
    // "Sittard-Geleen", "'s-Hertogenbosch": words that touch a hyphen on both sides.
    while (i < raw.size()) {
      const size_t hyphen = hyphen_length(text, unit.range.end);
      if (hyphen == 0 || raw[i].range.begin != unit.range.end + hyphen ||
          (span != spans.end() && raw[i].range.end > span->range.begin)) {
        break;
      }
      unit.kind = UnitKind::kWord;
      unit.range.end = raw[i].range.end;
      unit.pieces.push_back(raw[i].range);
      ++i;
    }
    if (unit.pieces.size() == 1) {
      unit.pieces.clear();
    }
    units.push_back(std::move(unit));
  }
  return units;
}

}  // namespace dealsearch::analyzers
