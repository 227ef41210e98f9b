// Fetching one URL over HTTP(S) for the crawl, safely: a time limit on the whole request, a
// size cap, redirects only within the site, no private addresses it was not asked for, retries
// with backoff, and conditional requests. Bytes and a URL, nothing more.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace dealsearch::indexer {

struct HttpOptions {
  // The User-Agent header, e.g. "dealsearch/0.1.0" (the caller passes the version). Its first
  // word is the product token robots.txt groups name. Default: "dealsearch".
  std::string user_agent = "dealsearch";
  // Milliseconds one attempt may take from start to last byte, connecting included
  // (CURLOPT_TIMEOUT_MS): a page that never ends is cut. Default: 30000.
  int timeout_ms = 30000;
  // Milliseconds to connect, TLS handshake included. Default: 10000.
  int connect_timeout_ms = 10000;
  // The most body bytes one response may have after decoding its Content-Encoding; past it the
  // transfer is aborted and the response is an error. Default: 50 MiB.
  size_t max_bytes = size_t{50} << 20;
  // Redirects followed (within the site, see fetch_policy.h), then an error. Default: 5.
  int max_redirects = 5;
  // Further attempts after a network error (no connection, connection reset, nothing sent
  // back), a 429 or a 5xx, waiting retry_backoff_ms, then twice that, and so on, or as long as
  // the response's Retry-After says if that is longer. A time-out of a whole attempt
  // (timeout_ms) is not retried: it would multiply the time a page may take. Default: 2.
  int retries = 2;
  // Milliseconds before the first retry; each next one waits twice as long. Default: 500.
  int retry_backoff_ms = 500;
  // The longest Retry-After honoured, in milliseconds. A response asking for longer is
  // returned as it is, not retried. Default: 30000.
  int max_retry_after_ms = 30000;
  // Host names resolved to given addresses instead of by DNS, as "host:port:address"
  // ("deals.example:8080:127.0.0.1"), like curl's --resolve: for a site not yet in DNS, and
  // for tests. The address rules below apply to these addresses as to any. Default: none.
  std::vector<std::string> resolve;
};

struct HttpRequest {
  // The absolute http:// or https:// URL to fetch.
  std::string url;
  // Sent as If-None-Match when not empty: the ETag of the copy the caller has.
  std::string if_none_match;
  // Sent as If-Modified-Since when not empty: the Last-Modified of the copy the caller has.
  std::string if_modified_since;
};

struct HttpResponse {
  // The status of the last response: 200, 304, 404, ...; 0 when there was none (see error).
  int status = 0;
  // The URL the response came from, after redirects.
  std::string url;
  // The body, its Content-Encoding (gzip, deflate, br) decoded. Empty when error is not.
  std::string body;
  // These headers of the response, "" when absent.
  std::string content_type, etag, last_modified;
  // "" or why there is no usable response; then only status (what the server last said, if
  // anything), url and error mean anything. In words for the user:
  //   "timed out after 30 s", "could not connect within 10 s", "larger than 50 MB",
  //   "redirect to another site refused: https://x/", "more than 5 redirects",
  //   "address refused: 10.0.0.5 (private)", "could not connect: <why>",
  //   "could not resolve host: <why>", "TLS: <why>", "not an http or https URL: <url>"
  std::string error;
};

// Fetches URLs with libcurl. Redirects (301, 302, 303, 307, 308) are followed only within the
// site (see redirect_refusal in fetch_policy.h), each with the same conditional headers.
// Connections go only to http and https, never through a proxy (a proxy would hide the
// address from the address check), and never to a loopback, private, link-local or
// unspecified address (special_address_kind) unless the start URL's own host is, or resolves
// to, that address: a page of a public site that redirects to http://127.0.0.1/ or to a name
// that resolves to 10.0.0.5 is refused. The check sees the address each socket connects to,
// after DNS, so a name that resolves to another address the second time is caught too.
// Sends User-Agent, Accept-Encoding (all that libcurl decodes), and If-None-Match and
// If-Modified-Since when given (a value with a line break is not sent).
//
// get() never throws for anything the network or the server does: that is HttpResponse::error.
// Thread-safe: any number of threads may call get() on one client at once; each call has its
// own libcurl handle and connections, and may sleep between retries. The constructor
// initialises libcurl for the process once (curl_global_init, thread-safely) and throws
// dealsearch::Error (kLibrary) if that fails.
class HttpClient {
 public:
  explicit HttpClient(HttpOptions options);

  [[nodiscard]] HttpResponse get(const HttpRequest& request) const;

  const HttpOptions& options() const { return options_; }

 private:
  HttpOptions options_;
};

}  // namespace dealsearch::indexer
