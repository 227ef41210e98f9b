// html_as_utf8: ICU's converters, chosen by the page's <meta> charset.
#include "indexer/formats/html_encoding.h"

#include <unicode/ucnv.h>

#include <algorithm>
#include <cctype>

#include "analyzers/utf8.h"

namespace dealsearch::indexer {
namespace {

// The charset named in the first 2 kB ("<meta charset=iso-8859-1>", "content="text/html;
// charset=windows-1252""), lower case; "" when none is.
std::string declared_charset(std::string_view bytes) {
  std::string head(bytes.substr(0, 2048));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const size_t at = head.find("charset=");
  if (at == std::string::npos) {
    return "";
  }
  size_t begin = at + 8;
  while (begin < head.size() && (head[begin] == '"' || head[begin] == '\'' || head[begin] == ' ')) {
    ++begin;
  }
  size_t end = begin;
  while (end < head.size() && (std::isalnum(static_cast<unsigned char>(head[end])) ||
                               head[end] == '-' || head[end] == '_' || head[end] == ':')) {
    ++end;
  }
  return head.substr(begin, end - begin);
}

std::optional<std::string> converted(std::string_view bytes, const std::string& charset) {
  UErrorCode status = U_ZERO_ERROR;
  // A byte may become up to three of UTF-8.
  std::string out(bytes.size() * 3 + 4, '\0');
  const int32_t length =
      ucnv_convert("UTF-8", charset.c_str(), out.data(), static_cast<int32_t>(out.size()),
                   bytes.data(), static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) {
    return std::nullopt;
  }
  out.resize(static_cast<size_t>(length));
  return out;
}

}  // namespace

std::optional<std::string> html_as_utf8(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    bytes.remove_prefix(3);
  }
  if (analyzers::is_valid_utf8(bytes)) {
    return std::string(bytes);
  }
  const std::string charset = declared_charset(bytes);
  if (charset == "utf-8" || charset == "utf8") {
    return std::nullopt;  // it says UTF-8 and is not: damaged, not another encoding
  }
  return converted(bytes, charset.empty() ? "windows-1252" : charset);
}

}  // namespace dealsearch::indexer
