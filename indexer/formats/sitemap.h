// Reading a site's sitemap (sitemaps.org protocol 0.9): the addresses of its pages, or of its
// other sitemaps. Fetching, un-gzipping and crawling are the caller's business.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dealsearch::indexer {

// What the protocol allows: 50,000 entries in one sitemap, a URL of at most 2,048 bytes.
inline constexpr size_t kMaxSitemapEntries = 50'000;
inline constexpr size_t kMaxSitemapUrlBytes = 2'048;

// One page (in a <urlset>) or one sitemap (in a <sitemapindex>).
struct SitemapEntry {
  // The URL: trimmed, entities and CDATA decoded, otherwise as written (spaces or non-ASCII
  // inside it are kept: escaping them is the fetcher's business). Always an absolute http or
  // https URL with a host, of 1 to kMaxSitemapUrlBytes bytes, valid UTF-8, without control
  // characters: "https://agendastad.nl/citydeal/energiearmoede/".
  std::string loc;
  // The <lastmod> as written (a W3C datetime: "2019-03-01", "2019-03-01T12:00:00+01:00"),
  // trimmed and not checked; "" if none (always "" in a text sitemap).
  std::string lastmod;
  bool operator==(const SitemapEntry&) const = default;
};

struct Sitemap {
  // kUrlSet: the entries are pages; kIndex: they are sitemaps, to be read in turn.
  enum class Kind { kUrlSet, kIndex } kind = Kind::kUrlSet;
  // <url><loc> of a urlset, or <sitemap><loc> of a sitemapindex, in document order; at most
  // kMaxSitemapEntries.
  std::vector<SitemapEntry> entries;
};

// The sitemap in `xml`: its bytes as fetched (and un-gzipped), in one of the protocol's two
// forms, told apart by the first byte after an optional UTF-8 BOM and white space:
//
// - XML ('<', or a UTF-16 BOM): a <urlset> or a <sitemapindex> root. Its namespace may be
//   sitemaps.org's, missing or another, as real sites write them; the protocol's elements are
//   recognised by their local names written with the root's prefix (usually none). Only a <loc>
//   or <lastmod> directly inside a <url> (of a urlset) or a <sitemap> (of an index) counts:
//   the extensions' own elements (<image:loc>, <xhtml:link>, <news:...>, <video:...>) are
//   ignored, and so are unknown elements. An entry without a <loc> is skipped; of several
//   <loc> in one entry the first counts. The encodings are expat's: UTF-8, UTF-16, ISO-8859-1
//   and US-ASCII; entries come out in UTF-8.
// - Text (anything else): one URL per line, blank lines skipped, each line trimmed; it must be
//   UTF-8. Its kind is kUrlSet.
//
// Throws dealsearch::Error (ErrorKind::kBadInput) when `xml` is not a sitemap, saying what and
// where (the line): not well-formed XML (cut short, say); a root other than urlset or
// sitemapindex (an HTML page); a DOCTYPE (any DTD is refused before anything in it is read: no
// external entities are loaded and no entities expanded, so XXE and "billion laughs" get no
// further than their <!DOCTYPE); more than kMaxSitemapEntries entries; a <loc> (or a line)
// over kMaxSitemapUrlBytes; a <loc> (or a line) that is not an absolute http(s) URL
// ("/citydeal/zwolle/", "javascript:..."), or a text line that is not UTF-8. One bad entry
// refuses the whole sitemap.
//
// Time and memory are linear in the size of `xml`. Thread-safe (no state).
[[nodiscard]] Sitemap read_sitemap(std::string_view xml);

}  // namespace dealsearch::indexer
