// read_sitemap: a sitemap's XML with expat (no DTD ever read), or its text form line by line.
#include "indexer/formats/sitemap.h"

#include <expat.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <utility>

#include "analyzers/error.h"
#include "analyzers/utf8.h"

namespace dealsearch::indexer {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kWhiteSpace = " \t\r\n\f\v";
constexpr std::string_view kHint =
    "a sitemap is a <urlset> or <sitemapindex> of sitemaps.org 0.9, or one absolute URL per line";
constexpr std::string_view kUrlHint =
    "a sitemap lists absolute http(s) URLs of at most 2048 bytes (sitemaps.org 0.9)";
// How much of a bad value an error message quotes.
constexpr size_t kQuotedBytes = 60;

Error refusal(const std::string& what, size_t line, std::string_view hint = kHint) {
  return Error(ErrorKind::kBadInput, "not a sitemap: " + what, "line " + std::to_string(line),
               std::string(hint));
}

std::string_view trim(std::string_view text) {
  const size_t first = text.find_first_not_of(kWhiteSpace);
  if (first == std::string_view::npos) {
    return {};
  }
  return text.substr(first, text.find_last_not_of(kWhiteSpace) - first + 1);
}

// `text`'s first bytes for a message, printable ASCII as it is and other bytes as \xNN: what a
// site sent may be any bytes, and the message goes to a terminal or a log.
std::string printable(std::string_view text) {
  std::string result;
  for (const char c : text.substr(0, kQuotedBytes)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte < 0x7F) {
      result += c;
    } else {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
      result += escaped;
    }
  }
  return text.size() > kQuotedBytes ? result + "..." : result;
}

std::string quoted(std::string_view text) { return "'" + printable(text) + "'"; }

bool equals_ignoring_case(std::string_view text, std::string_view lower) {
  return std::equal(text.begin(), text.end(), lower.begin(), lower.end(),
                    [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b; });
}

// "https://agendastad.nl/x" yes; "/citydeal/zwolle/", "javascript:alert(1)", "https:///x",
// "https://user@/x", "ftp://x.nl/" no. A control character anywhere (a line break inside a
// <loc>) makes it no URL either: the fetcher must never send one in a request line.
bool is_absolute_http_url(std::string_view url) {
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    return false;
  }
  const std::string_view scheme = url.substr(0, scheme_end);
  if (!equals_ignoring_case(scheme, "http") && !equals_ignoring_case(scheme, "https")) {
    return false;
  }
  if (std::any_of(url.begin(), url.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte < 0x20 || byte == 0x7F;
      })) {
    return false;
  }
  std::string_view authority = url.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  const size_t at = authority.rfind('@');
  const std::string_view host = at == std::string_view::npos ? authority : authority.substr(at + 1);
  return !host.empty() && host.front() != ':' && host.find(' ') == std::string_view::npos;
}

// Throws unless `url` (trimmed) may be an entry's loc. `holder` names what held it in a
// message: "a <loc>", "a line".
void check_url(std::string_view url, std::string_view holder, size_t line) {
  const std::string what(holder);
  if (url.size() > kMaxSitemapUrlBytes) {
    throw refusal(what + " of " + std::to_string(url.size()) + " bytes, over the protocol's " +
                      std::to_string(kMaxSitemapUrlBytes) + ": " + quoted(url),
                  line, kUrlHint);
  }
  if (!analyzers::is_valid_utf8(url)) {
    throw refusal(what + " that is not UTF-8: " + quoted(url), line, kUrlHint);
  }
  if (!is_absolute_http_url(url)) {
    throw refusal(what + " that is not an absolute http(s) URL: " + quoted(url), line, kUrlHint);
  }
}

Error too_many_entries(size_t line) {
  return refusal(
      "more than " + std::to_string(kMaxSitemapEntries) + " entries, the protocol's limit", line,
      "split it into several sitemaps listed by a sitemap index");
}

// The text form: one URL per line.
Sitemap read_text_sitemap(std::string_view text) {
  Sitemap sitemap;
  size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t end = text.find('\n');
    const std::string_view url = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (url.empty()) {
      continue;
    }
    if (sitemap.entries.size() == kMaxSitemapEntries) {
      throw too_many_entries(line_number);
    }
    check_url(url, "a line", line_number);
    sitemap.entries.push_back({std::string(url), ""});
  }
  return sitemap;
}

// The XML form, one parse. Expat calls the handlers below; a handler that finds the input is no
// sitemap keeps the refusal and stops the parser, and read() throws it once expat has
// returned: exceptions must not cross expat's C frames.
class XmlSitemapReader {
 public:
  // `lines_before`: the lines of the input before the text expat is given (see read_sitemap).
  explicit XmlSitemapReader(size_t lines_before)
      : parser_(XML_ParserCreate(nullptr), &XML_ParserFree), lines_before_(lines_before) {
    if (parser_ == nullptr) {
      throw std::bad_alloc();
    }
    XML_Parser parser = parser_.get();
    XML_SetUserData(parser, this);
    XML_SetElementHandler(parser, &XmlSitemapReader::on_start, &XmlSitemapReader::on_end);
    XML_SetCharacterDataHandler(parser, &XmlSitemapReader::on_text);
    // No DTD at all, so no entity of any kind: an external one (XXE:
    // <!ENTITY e SYSTEM "file:///etc/passwd">) is never loaded, an internal one ("billion
    // laughs") never expanded. The DOCTYPE stops the parse before its subset is read; the
    // entity handler is a second lock. No external entity handler is set, so expat loads
    // nothing, and parameter entities are never parsed.
    XML_SetStartDoctypeDeclHandler(parser, &XmlSitemapReader::on_doctype);
    XML_SetEntityDeclHandler(parser, &XmlSitemapReader::on_entity);
    XML_SetParamEntityParsing(parser, XML_PARAM_ENTITY_PARSING_NEVER);
  }

  // Expat is given `this`: the reader stays where it is.
  XmlSitemapReader(const XmlSitemapReader&) = delete;
  XmlSitemapReader& operator=(const XmlSitemapReader&) = delete;

  Sitemap read(std::string_view xml) && {
    // XML_Parse takes an int length: feed a large input in pieces (expat joins a character or
    // a token split between them).
    constexpr size_t kPiece = size_t{1} << 24;
    do {
      const size_t size = std::min(xml.size(), kPiece);
      const bool last = size == xml.size();
      if (XML_Parse(parser_.get(), xml.data(), static_cast<int>(size),
                    last ? XML_TRUE : XML_FALSE) == XML_STATUS_ERROR) {
        throw_parse_error();
      }
      xml.remove_prefix(size);
    } while (!xml.empty());
    return std::move(sitemap_);
  }

 private:
  enum class Field { kNone, kLoc, kLastmod };

  static void XMLCALL on_start(void* self, const XML_Char* name, const XML_Char** /*attrs*/) {
    static_cast<XmlSitemapReader*>(self)->start_element(name);
  }
  static void XMLCALL on_end(void* self, const XML_Char* /*name*/) {
    static_cast<XmlSitemapReader*>(self)->end_element();
  }
  static void XMLCALL on_text(void* self, const XML_Char* text, int size) {
    static_cast<XmlSitemapReader*>(self)->text(std::string_view(text, static_cast<size_t>(size)));
  }
  static void XMLCALL on_doctype(void* self, const XML_Char* name, const XML_Char* /*sysid*/,
                                 const XML_Char* /*pubid*/, int /*has_internal_subset*/) {
    static_cast<XmlSitemapReader*>(self)->refuse(
        "it has a DOCTYPE (<!DOCTYPE " + printable(name) +
        ">), and no DTD is read: no entity is loaded or expanded");
  }
  static void XMLCALL on_entity(void* self, const XML_Char* name, int /*is_parameter_entity*/,
                                const XML_Char* /*value*/, int /*value_length*/,
                                const XML_Char* /*base*/, const XML_Char* /*sysid*/,
                                const XML_Char* /*pubid*/, const XML_Char* /*notation*/) {
    static_cast<XmlSitemapReader*>(self)->refuse("it declares an entity ('" + printable(name) +
                                                 "'), and no DTD is read");
  }

  size_t line() const { return lines_before_ + XML_GetCurrentLineNumber(parser_.get()); }

  // Keeps the first refusal and stops the parser; expat may still call a handler or two.
  void refuse(const std::string& what, std::string_view hint = kHint) {
    refuse(refusal(what, line(), hint));
  }
  void refuse(Error error) {
    if (!refusal_) {
      refusal_.emplace(std::move(error));
      XML_StopParser(parser_.get(), XML_FALSE);
    }
  }

  [[noreturn]] void throw_parse_error() const {
    if (refusal_) {
      throw *refusal_;
    }
    const XML_Error code = XML_GetErrorCode(parser_.get());
    throw Error(ErrorKind::kBadInput,
                std::string("not a sitemap: not well-formed XML: ") + XML_ErrorString(code),
                "line " + std::to_string(line()) + ", column " +
                    std::to_string(XML_GetCurrentColumnNumber(parser_.get()) + 1),
                std::string(kHint));
  }

  // The protocol's element `local_name` as this sitemap writes it: with the root's prefix, so
  // that <sm:url> counts in an <sm:urlset>, and <image:loc> never does.
  bool is(std::string_view name, std::string_view local_name) const {
    return name.size() == prefix_.size() + local_name.size() && name.starts_with(prefix_) &&
           name.ends_with(local_name);
  }

  void start_element(std::string_view name) {
    if (refusal_) {
      return;
    }
    ++depth_;
    if (depth_ == 1) {
      start_root(name);
    } else if (depth_ == 2) {
      in_entry_ = is(name, sitemap_.kind == Sitemap::Kind::kIndex ? "sitemap" : "url");
      entry_ = {};
      has_loc_ = has_lastmod_ = false;
    } else if (depth_ == 3 && in_entry_) {
      if (is(name, "loc") && !has_loc_) {
        field_ = Field::kLoc;
        field_line_ = line();
      } else if (is(name, "lastmod") && !has_lastmod_) {
        field_ = Field::kLastmod;
      }
      text_.clear();
    }
  }

  void start_root(std::string_view name) {
    const size_t colon = name.rfind(':');
    prefix_ = colon == std::string_view::npos ? "" : std::string(name.substr(0, colon + 1));
    if (is(name, "urlset")) {
      sitemap_.kind = Sitemap::Kind::kUrlSet;
    } else if (is(name, "sitemapindex")) {
      sitemap_.kind = Sitemap::Kind::kIndex;
    } else {
      refuse("the root element is <" + printable(name) + ">, not <urlset> or <sitemapindex>");
    }
  }

  // Only the text directly inside a <loc> or <lastmod>; expat may hand it over in several
  // pieces (around an entity or a CDATA section, at a buffer's end).
  void text(std::string_view piece) {
    if (!refusal_ && field_ != Field::kNone && depth_ == 3) {
      text_ += piece;
    }
  }

  void end_element() {
    if (refusal_) {
      return;
    }
    if (depth_ == 3 && field_ != Field::kNone) {
      end_field();
    } else if (depth_ == 2 && in_entry_) {
      end_entry();
    }
    --depth_;
  }

  void end_field() {
    const std::string_view value = trim(text_);
    if (field_ == Field::kLoc) {
      try {
        check_url(value, "a <loc>", field_line_);
      } catch (Error& error) {
        refuse(std::move(error));
        return;
      }
      entry_.loc = value;
      has_loc_ = true;
    } else {
      entry_.lastmod = value;
      has_lastmod_ = true;
    }
    field_ = Field::kNone;
  }

  void end_entry() {
    in_entry_ = false;
    if (!has_loc_) {
      return;  // nothing to fetch
    }
    if (sitemap_.entries.size() == kMaxSitemapEntries) {
      refuse(too_many_entries(line()));
      return;
    }
    sitemap_.entries.push_back(std::move(entry_));
  }

  std::unique_ptr<XML_ParserStruct, decltype(&XML_ParserFree)> parser_;
  size_t lines_before_;
  std::optional<Error> refusal_;
  Sitemap sitemap_;
  std::string prefix_;  // the root's namespace prefix with its colon ("sm:"), usually ""
  size_t depth_ = 0;    // of the element being read: 1 the root, 2 an entry, 3 its fields
  bool in_entry_ = false;
  SitemapEntry entry_;
  bool has_loc_ = false;
  bool has_lastmod_ = false;
  Field field_ = Field::kNone;
  size_t field_line_ = 0;  // where the <loc> being read starts
  std::string text_;       // of the field being read
};

}  // namespace

Sitemap read_sitemap(std::string_view xml) {
  // A UTF-16 sitemap starts with its byte order mark; expat reads it.
  if (xml.starts_with("\xFE\xFF") || xml.starts_with("\xFF\xFE")) {
    return XmlSitemapReader(0).read(xml);
  }
  if (xml.starts_with(kUtf8Bom)) {
    xml.remove_prefix(kUtf8Bom.size());
  }
  const size_t start = xml.find_first_not_of(kWhiteSpace);
  if (start != std::string_view::npos && xml[start] == '<') {
    // From the '<' on: sites that print a blank line before <?xml (a PHP file's trailing
    // newline) are common, and expat refuses an XML declaration anywhere but at the start.
    const auto lines_before =
        static_cast<size_t>(std::count(xml.begin(), xml.begin() + start, '\n'));
    return XmlSitemapReader(lines_before).read(xml.substr(start));
  }
  return read_text_sitemap(xml);
}

}  // namespace dealsearch::indexer
