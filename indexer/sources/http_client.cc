// HttpClient: one libcurl easy handle per get(), redirects followed by hand, a socket hook that
// refuses special-use addresses.
#include "indexer/sources/http_client.h"

#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cassert>
#include <chrono>
#include <ctime>
#include <limits>
#include <memory>
#include <set>
#include <system_error>
#include <thread>
#include <utility>

#include "analyzers/error.h"
#include "indexer/sources/fetch_policy.h"
#include "indexer/sources/gzip.h"

namespace dealsearch::indexer {
namespace {

using CurlHandle = std::unique_ptr<CURL, decltype(&curl_easy_cleanup)>;
using CurlList = std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)>;

// curl_global_init is not safe to run twice at once; a function-local static runs it once
// for the process, whichever thread comes first. libcurl stays initialised until exit.
void init_curl_once() {
  static const CURLcode status = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (status != CURLE_OK) {
    throw Error(ErrorKind::kLibrary,
                std::string("libcurl did not initialise: ") + curl_easy_strerror(status),
                "curl_global_init", "check the libcurl4 and OpenSSL installation");
  }
}

// "30 s", "1.5 s", "250 ms".
std::string describe_ms(int ms) {
  if (ms < 1000) {
    return std::to_string(ms) + " ms";
  }
  std::string text = std::to_string(ms / 1000);
  if (ms % 1000 != 0) {
    std::string fraction = std::to_string(1000 + ms % 1000).substr(1);
    while (fraction.back() == '0') {
      fraction.pop_back();
    }
    text += "." + fraction;
  }
  return text + " s";
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return lower(x) == lower(y); });
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n')) {
    text.remove_suffix(1);
  }
  return text;
}

// What one get() shares with libcurl's callbacks, over all its redirects and retries.
struct Transfer {
  size_t max_bytes = 0;
  std::string body;
  bool too_large = false;
  std::string etag, last_modified, retry_after;
  // On the start URL every address is allowed (the caller named its host) and each one used
  // is remembered here; after a redirect only these may be special-use addresses.
  bool start_url = true;
  std::set<std::string> named_addresses;
  std::string refused_address;  // "10.0.0.5 (private)" when the socket hook refused one

  void start_attempt() {
    body.clear();
    too_large = false;
    etag.clear();
    last_modified.clear();
    retry_after.clear();
    refused_address.clear();
  }
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const size_t bytes = size * count;
  if (transfer->body.size() + bytes > transfer->max_bytes) {
    transfer->too_large = true;
    return 0;  // fewer bytes than given: libcurl aborts with CURLE_WRITE_ERROR
  }
  transfer->body.append(data, bytes);
  return bytes;
}

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string_view line(data, size * count);
  // Each response (a 100 Continue, then the real one) starts with its status line; only the
  // last response's headers count.
  if (line.starts_with("HTTP/")) {
    transfer->etag.clear();
    transfer->last_modified.clear();
    transfer->retry_after.clear();
    return line.size();
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) {
    return line.size();
  }
  const std::string_view name = trim(line.substr(0, colon));
  const std::string_view value = trim(line.substr(colon + 1));
  if (equals_ignoring_case(name, "etag")) {
    transfer->etag = value;
  } else if (equals_ignoring_case(name, "last-modified")) {
    transfer->last_modified = value;
  } else if (equals_ignoring_case(name, "retry-after")) {
    transfer->retry_after = value;
  }
  return line.size();
}

// Runs before each connection, with the address DNS (or HttpOptions::resolve) gave: the one
// place that sees where a socket really goes.
curl_socket_t on_open_socket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* transfer = static_cast<Transfer*>(user);
  const std::string text = address_text(address->addr);
  if (transfer->start_url) {
    transfer->named_addresses.insert(text);
  } else if (const std::string_view kind = special_address_kind(address->addr);
             !kind.empty() && !transfer->named_addresses.contains(text)) {
    transfer->refused_address = text + " (" + std::string(kind) + ")";
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

// Milliseconds a Retry-After value asks for ("120" or an HTTP date), or -1 when it says
// nothing readable.
long long retry_after_ms(const std::string& value) {
  if (value.empty()) {
    return -1;
  }
  if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return value.size() > 9 ? -1 : std::stoll(value) * 1000;
  }
  const time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) {
    return -1;
  }
  return std::max<long long>(0, (static_cast<long long>(when) - std::time(nullptr)) * 1000);
}

bool is_redirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

// One attempt's outcome: the response, where it redirects to, and whether to try again.
struct Attempt {
  HttpResponse response;
  std::string redirect_url;
  bool retryable = false;
};

class Fetch {
 public:
  Fetch(const HttpOptions& options, const HttpRequest& request)
      : options_(options),
        handle_(curl_easy_init(), curl_easy_cleanup),
        headers_(nullptr, curl_slist_free_all),
        resolve_(nullptr, curl_slist_free_all) {
    transfer_.max_bytes = options.max_bytes;
    add_header("If-None-Match", request.if_none_match);
    add_header("If-Modified-Since", request.if_modified_since);
    for (const std::string& entry : options.resolve) {
      append(resolve_, entry);
    }
  }

  HttpResponse get(std::string url) {
    if (!handle_) {
      return failure(url, "libcurl could not start a transfer (out of memory?)");
    }
    if (!is_http_url(url)) {
      return failure(url, "not an http or https URL: " + url);
    }
    configure();
    for (int redirects = 0;; ++redirects) {
      Attempt attempt = attempt_with_retries(url);
      if (!attempt.response.error.empty() || !is_redirect(attempt.response.status) ||
          attempt.redirect_url.empty()) {
        return std::move(attempt.response);
      }
      if (redirects == options_.max_redirects) {
        return refuse(std::move(attempt.response),
                      "more than " + std::to_string(options_.max_redirects) + " redirects");
      }
      std::string refusal = redirect_refusal(url, attempt.redirect_url);
      if (!refusal.empty()) {
        return refuse(std::move(attempt.response), std::move(refusal));
      }
      url = std::move(attempt.redirect_url);
      transfer_.start_url = false;
    }
  }

 private:
  static void append(CurlList& list, const std::string& line) {
    curl_slist* longer = curl_slist_append(list.get(), line.c_str());
    if (longer != nullptr) {
      list.release();
      list.reset(longer);
    }
  }

  void add_header(std::string_view name, const std::string& value) {
    // A value with a line break would add headers of its own.
    if (value.empty() || value.find_first_of("\r\n") != std::string::npos) {
      return;
    }
    append(headers_, std::string(name) + ": " + value);
  }

  void configure() {
    CURL* curl = handle_.get();
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM across threads
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_PROXY, "");  // "" ignores http_proxy and friends
    curl_easy_setopt(curl, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout_ms));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout_ms));
    // A Content-Length past the cap is refused before any body arrives. It counts encoded
    // bytes, which decode to at least about as many.
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(std::min<size_t>(
                         options_.max_bytes, std::numeric_limits<curl_off_t>::max())));
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers_.get());
    curl_easy_setopt(curl, CURLOPT_RESOLVE, resolve_.get());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer_);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer_);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &transfer_);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, on_open_socket);
    curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &transfer_);
  }

  Attempt attempt_with_retries(const std::string& url) {
    for (int retry = 0;; ++retry) {
      Attempt attempt = attempt_once(url);
      if (!attempt.retryable || retry >= options_.retries) {
        return attempt;
      }
      long long wait_ms = static_cast<long long>(options_.retry_backoff_ms) << std::min(retry, 16);
      const long long asked_ms = retry_after_ms(transfer_.retry_after);
      if (asked_ms > options_.max_retry_after_ms) {
        return attempt;  // "come back in an hour": not within this crawl's patience
      }
      wait_ms = std::max(wait_ms, asked_ms);
      std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms));
    }
  }

  Attempt attempt_once(const std::string& url) {
    CURL* curl = handle_.get();
    transfer_.start_attempt();
    error_buffer_[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    const CURLcode code = curl_easy_perform(curl);

    Attempt attempt;
    HttpResponse& response = attempt.response;
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    response.url = url;
    if (code != CURLE_OK) {
      response.error = describe_failure(code, url);
      attempt.retryable = is_transient(code);
      return attempt;
    }
    const char* content_type = nullptr;
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &content_type);
    response.content_type = content_type != nullptr ? content_type : "";
    const char* redirect = nullptr;
    curl_easy_getinfo(curl, CURLINFO_REDIRECT_URL, &redirect);
    attempt.redirect_url = redirect != nullptr ? redirect : "";
    response.etag = std::move(transfer_.etag);
    response.last_modified = std::move(transfer_.last_modified);
    response.body = std::move(transfer_.body);
    attempt.retryable = response.status == 429 || response.status >= 500;
    return attempt;
  }

  // Network trouble that may be gone in a second. Not: a whole attempt's time-out, TLS, a
  // refused address, a body past the cap, a URL libcurl cannot use.
  bool is_transient(CURLcode code) const {
    switch (code) {
      case CURLE_COULDNT_CONNECT:
        return transfer_.refused_address.empty();
      case CURLE_OPERATION_TIMEDOUT:
        return !connected();
      case CURLE_COULDNT_RESOLVE_HOST:
      case CURLE_SEND_ERROR:
      case CURLE_RECV_ERROR:
      case CURLE_GOT_NOTHING:
      case CURLE_PARTIAL_FILE:
        return true;
      default:
        return false;
    }
  }

  bool connected() const {
    curl_off_t connect_us = 0;
    curl_easy_getinfo(handle_.get(), CURLINFO_CONNECT_TIME_T, &connect_us);
    return connect_us > 0;
  }

  std::string describe_failure(CURLcode code, const std::string& url) const {
    const std::string why = error_buffer_[0] != '\0' ? error_buffer_ : curl_easy_strerror(code);
    if (transfer_.too_large || code == CURLE_FILESIZE_EXCEEDED) {
      return "larger than " + describe_size_limit(options_.max_bytes);
    }
    // The hook may refuse one address and libcurl connect to the next: only a failed
    // connection is the refusal's doing.
    if (code == CURLE_COULDNT_CONNECT && !transfer_.refused_address.empty()) {
      return "address refused: " + transfer_.refused_address;
    }
    switch (code) {
      case CURLE_OPERATION_TIMEDOUT:
        return connected()
                   ? "timed out after " + describe_ms(options_.timeout_ms)
                   : "could not connect within " +
                         describe_ms(std::min(options_.timeout_ms, options_.connect_timeout_ms));
      case CURLE_COULDNT_CONNECT:
        return "could not connect: " + with_system_reason(why);
      case CURLE_COULDNT_RESOLVE_HOST:
        // libcurl says "Could not resolve host: name.invalid".
        return "could not resolve host: " + after_prefix(why, "Could not resolve host: ");
      case CURLE_UNSUPPORTED_PROTOCOL:
      case CURLE_URL_MALFORMAT:
        return "not an http or https URL: " + url;
      case CURLE_SSL_CONNECT_ERROR:
      case CURLE_PEER_FAILED_VERIFICATION:
      case CURLE_SSL_CERTPROBLEM:
      case CURLE_SSL_CIPHER:
      case CURLE_SSL_CACERT_BADFILE:
      case CURLE_SSL_ISSUER_ERROR:
      case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      case CURLE_SSL_INVALIDCERTSTATUS:
      case CURLE_SSL_SHUTDOWN_FAILED:
      case CURLE_SSL_CRL_BADFILE:
      case CURLE_USE_SSL_FAILED:
        return "TLS: " + why;
      default:
        return why;
    }
  }

  // libcurl ends a failed connection with "Couldn't connect to server"; the system's reason
  // ("Connection refused", "No route to host") says more.
  std::string with_system_reason(std::string why) const {
    long os_error = 0;
    curl_easy_getinfo(handle_.get(), CURLINFO_OS_ERRNO, &os_error);
    constexpr std::string_view kVague = ": Couldn't connect to server";
    if (os_error != 0 && why.ends_with(kVague)) {
      why.resize(why.size() - kVague.size());
      why += ": " + std::system_category().message(static_cast<int>(os_error));
    }
    return why;
  }

  static std::string after_prefix(const std::string& text, std::string_view prefix) {
    return text.starts_with(prefix) ? text.substr(prefix.size()) : text;
  }

  HttpResponse refuse(HttpResponse response, std::string why) const {
    response.body.clear();
    response.error = std::move(why);
    return response;
  }

  HttpResponse failure(const std::string& url, std::string why) const {
    HttpResponse response;
    response.url = url;
    response.error = std::move(why);
    return response;
  }

  const HttpOptions& options_;
  CurlHandle handle_;
  CurlList headers_;
  CurlList resolve_;
  Transfer transfer_;
  char error_buffer_[CURL_ERROR_SIZE] = {};
};

}  // namespace

HttpClient::HttpClient(HttpOptions options) : options_(std::move(options)) {
  assert(options_.timeout_ms > 0 && options_.connect_timeout_ms > 0);
  assert(options_.max_redirects >= 0 && options_.retries >= 0);
  init_curl_once();
}

HttpResponse HttpClient::get(const HttpRequest& request) const {
  return Fetch(options_, request).get(request.url);
}

}  // namespace dealsearch::indexer
