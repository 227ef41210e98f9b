// Special-use addresses and same-site redirects.
#include "indexer/sources/fetch_policy.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>

namespace dealsearch::indexer {
namespace {

std::string_view ipv4_kind(uint32_t address) {  // host byte order
  const auto in = [address](uint32_t network, int bits) {
    const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
    return (address & mask) == network;
  };
  if (in(0x7f000000, 8)) {
    return "loopback";
  }
  if (in(0x0a000000, 8) || in(0xac100000, 12) || in(0xc0a80000, 16) || in(0x64400000, 10)) {
    return "private";
  }
  if (in(0xa9fe0000, 16)) {
    return "link-local";
  }
  if (in(0x00000000, 8)) {
    return "unspecified";
  }
  return "";
}

std::string_view ipv6_kind(const in6_addr& address) {
  const uint8_t* b = address.s6_addr;
  static constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(b, kMappedPrefix, 12) == 0) {
    // ::ffff:127.0.0.1 reaches 127.0.0.1 on a dual-stack socket.
    return ipv4_kind(uint32_t{b[12]} << 24 | uint32_t{b[13]} << 16 | uint32_t{b[14]} << 8 | b[15]);
  }
  if (IN6_IS_ADDR_LOOPBACK(&address)) {
    return "loopback";
  }
  if (IN6_IS_ADDR_UNSPECIFIED(&address)) {
    return "unspecified";
  }
  if ((b[0] & 0xfe) == 0xfc) {
    return "private";
  }
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) {
    return "link-local";
  }
  return "";
}

// The parts of a URL that decide its site, from libcurl's own URL parser (the one that will
// fetch it, so no second opinion on what the host is).
struct UrlSite {
  std::string scheme, host, port;
};

std::optional<UrlSite> url_site(std::string_view url) {
  const std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> parsed(curl_url(), curl_url_cleanup);
  if (!parsed ||
      curl_url_set(parsed.get(), CURLUPART_URL, std::string(url).c_str(), 0) != CURLUE_OK) {
    return std::nullopt;
  }
  UrlSite site;
  const auto part = [&](CURLUPart which, unsigned flags, std::string& out) {
    char* text = nullptr;
    if (curl_url_get(parsed.get(), which, &text, flags) != CURLUE_OK) {
      return false;
    }
    out = text;
    curl_free(text);
    return true;
  };
  if (!part(CURLUPART_SCHEME, 0, site.scheme) || !part(CURLUPART_HOST, 0, site.host) ||
      !part(CURLUPART_PORT, CURLU_DEFAULT_PORT, site.port)) {
    return std::nullopt;
  }
  std::transform(site.host.begin(), site.host.end(), site.host.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  std::transform(site.scheme.begin(), site.scheme.end(), site.scheme.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return site;
}

std::string_view without_www(std::string_view host) {
  return host.starts_with("www.") ? host.substr(4) : host;
}

}  // namespace

std::string_view special_address_kind(const sockaddr& address) {
  if (address.sa_family == AF_INET) {
    sockaddr_in in;
    std::memcpy(&in, &address, sizeof in);
    return ipv4_kind(ntohl(in.sin_addr.s_addr));
  }
  if (address.sa_family == AF_INET6) {
    sockaddr_in6 in6;
    std::memcpy(&in6, &address, sizeof in6);
    return ipv6_kind(in6.sin6_addr);
  }
  return "not IP";
}

std::string_view special_address_kind(std::string_view ip) {
  const std::string text(ip);
  in_addr v4;
  if (inet_pton(AF_INET, text.c_str(), &v4) == 1) {
    return ipv4_kind(ntohl(v4.s_addr));
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, text.c_str(), &v6) == 1) {
    return ipv6_kind(v6);
  }
  return "";
}

std::string address_text(const sockaddr& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.sa_family == AF_INET) {
    sockaddr_in in;
    std::memcpy(&in, &address, sizeof in);
    inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
  } else if (address.sa_family == AF_INET6) {
    sockaddr_in6 in6;
    std::memcpy(&in6, &address, sizeof in6);
    inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
  }
  return text;
}

bool is_http_url(std::string_view url) {
  const std::optional<UrlSite> site = url_site(url);
  return site && (site->scheme == "http" || site->scheme == "https") && !site->host.empty();
}

std::string redirect_refusal(std::string_view from, std::string_view to) {
  const std::optional<UrlSite> source = url_site(from);
  const std::optional<UrlSite> target = url_site(to);
  const std::string target_text(to);
  if (!target || (target->scheme != "http" && target->scheme != "https")) {
    return "redirect to a URL that is not http or https refused: " + target_text;
  }
  if (!source) {
    return "redirect from a URL that is not http or https refused: " + target_text;
  }
  if (source->scheme == "https" && target->scheme == "http") {
    return "redirect from https to http refused: " + target_text;
  }
  const bool same_host =
      source->host == target->host || without_www(source->host) == without_www(target->host);
  const bool same_port =
      source->port == target->port || (source->scheme == "http" && source->port == "80" &&
                                       target->scheme == "https" && target->port == "443");
  if (!same_host || !same_port) {
    return "redirect to another site refused: " + target_text;
  }
  return "";
}

}  // namespace dealsearch::indexer
