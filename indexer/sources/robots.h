// robots.txt as RFC 9309 reads it: which paths of a site dealsearch may fetch, and how long to
// wait between requests.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dealsearch::indexer {

struct HttpResponse;

// The product token dealsearch looks for in "User-agent:" lines (case-insensitively).
inline constexpr std::string_view kRobotsProductToken = "dealsearch";

// The rules of one site's robots.txt that apply to dealsearch. A value: copy it, share it
// between threads (all members are const), keep it as long as you like.
class Robots {
 public:
  // One Allow or Disallow line, its path pattern normalised (see allows()).
  struct Rule {
    bool allow = false;
    std::string pattern;
  };

  // Everything allowed: the answer for a site without robots.txt (RFC 9309 section 2.3.1.3).
  Robots() = default;
  // Nothing allowed but /robots.txt itself: the answer while the site's robots.txt cannot be
  // reached (section 2.3.1.4).
  [[nodiscard]] static Robots disallow_all();

  // Whether dealsearch may fetch `path_and_query` ("/citydeals/zwolle/?p=2", as the URL has
  // it after its host; "" counts as "/"). The longest matching pattern decides, Allow when an
  // Allow and a Disallow pattern are as long; no matching pattern allows. In patterns, "*"
  // matches any characters and a final "$" the end of the path. Paths and patterns are
  // compared with their percent-encoding normalised: bytes outside ASCII are escaped ("ë" and
  // "%C3%AB" match), escaped unreserved characters decoded ("%7Ezwolle" and "~zwolle" match).
  // "/robots.txt" is always allowed.
  [[nodiscard]] bool allows(std::string_view path_and_query) const;

  // The group's "Crawl-delay:" in seconds (not in RFC 9309, but widely written), if it has a
  // number that is not negative.
  [[nodiscard]] std::optional<double> crawl_delay_seconds() const { return crawl_delay_; }

  // The "Sitemap:" lines' URLs, from anywhere in the file, in order.
  [[nodiscard]] const std::vector<std::string>& sitemaps() const { return sitemaps_; }

  // The rules of the group that applies, in file order (for tests and diagnostics).
  [[nodiscard]] const std::vector<Rule>& rules() const { return rules_; }

 private:
  friend Robots parse_robots(std::string_view text);

  std::vector<Rule> rules_;
  std::optional<double> crawl_delay_;
  std::vector<std::string> sitemaps_;
  bool disallow_all_ = false;
};

// The rules in robots.txt `text` that apply to dealsearch: those of the groups whose
// "User-agent:" names the product token "dealsearch" (case-insensitively; "dealsearch/0.1"
// names it too), merged; if none does, those of the "User-agent: *" groups, merged; if there
// are none either, everything is allowed. Lines that mean nothing (no colon, an unknown key,
// a rule before any User-agent line) are skipped, as RFC 9309 section 2.2 asks. Only the first
// 500 KiB are read (section 2.5). A UTF-8 byte order mark and CR, LF or CRLF line ends are
// accepted. Throws nothing but std::bad_alloc.
[[nodiscard]] Robots parse_robots(std::string_view text);

// What a site's robots.txt, fetched as `response` (after the client's redirects), means for
// dealsearch, as RFC 9309 section 2.3.1 says:
//   2xx with a body            the parsed rules
//   4xx ("unavailable")        everything allowed, also 401 and 403
//   3xx left over              everything allowed: a redirect refused or one too many
//                              (section 2.3.1.2: more than five redirects is "unavailable")
//   5xx, no response, or a 2xx that could not be read whole (response.error)
//                              nothing allowed ("unreachable", section 2.3.1.4)
// A 304 (the caller asked with If-None-Match) means the rules the caller has still hold: do
// not pass it here (an assertion; a Release build reads it as "unreachable"). The caller keeps
// the answer for at most 24 hours (section 2.4). Throws nothing but std::bad_alloc.
[[nodiscard]] Robots robots_from_response(const HttpResponse& response);

// `text` with its percent-encoding normalised as Robots::allows() compares it: bytes outside
// printable ASCII escaped as %XX, %XX of an unreserved character (A-Z a-z 0-9 - . _ ~) decoded,
// other escapes' hex digits in upper case. "/caf%c3%a9/%7e" -> "/caf%C3%A9/~".
[[nodiscard]] std::string normalise_robots_path(std::string_view text);

}  // namespace dealsearch::indexer
