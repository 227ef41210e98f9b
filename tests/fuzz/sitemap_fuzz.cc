// Fuzzes read_sitemap: a site's sitemap bytes, XML or text, to the URLs it lists, or a
// dealsearch::Error saying why it is no sitemap.
#include <cstdint>
#include <string>
#include <string_view>

#include "analyzers/error.h"
#include "analyzers/utf8.h"
#include "indexer/formats/sitemap.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

bool starts_with_ignoring_case(std::string_view text, std::string_view lower_prefix) {
  if (text.size() < lower_prefix.size()) {
    return false;
  }
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    const char c =
        text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
    if (c != lower_prefix[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dealsearch::fuzz::check;
  namespace indexer = dealsearch::indexer;
  indexer::Sitemap sitemap;
  try {
    sitemap = indexer::read_sitemap(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const dealsearch::Error& error) {
    check(error.kind() == dealsearch::ErrorKind::kBadInput, "a refusal is kBadInput");
    check(std::string_view(error.what()).starts_with("not a sitemap: "),
          "a refusal says it is no sitemap");
    check(error.where().starts_with("line "), "a refusal names a line");
    return 0;
  }
  check(sitemap.entries.size() <= indexer::kMaxSitemapEntries, "at most 50,000 entries");
  for (const indexer::SitemapEntry& entry : sitemap.entries) {
    const std::string_view loc = entry.loc;
    check(!loc.empty() && loc.size() <= indexer::kMaxSitemapUrlBytes, "a loc has 1 to 2,048 bytes");
    check(starts_with_ignoring_case(loc, "http://") || starts_with_ignoring_case(loc, "https://"),
          "a loc is an absolute http(s) URL");
    const size_t host = loc.find("://") + 3;
    check(host < loc.size() && loc[host] != '/' && loc[host] != '?' && loc[host] != '#',
          "a loc has a host");
    for (const char c : loc) {
      const auto byte = static_cast<unsigned char>(c);
      check(byte >= 0x20 && byte != 0x7F, "a loc has no control character");
    }
    check(loc.find_first_of(" \t\r\n") != 0 && loc.find_last_of(" \t\r\n") != loc.size() - 1,
          "a loc is trimmed");
    check(dealsearch::analyzers::is_valid_utf8(loc), "a loc is UTF-8");
    check(dealsearch::analyzers::is_valid_utf8(entry.lastmod), "a lastmod is UTF-8");
  }
  return 0;
}
