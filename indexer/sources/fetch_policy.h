// What a fetch may reach: redirects only within the site it was asked for, and no loopback,
// private or link-local address that the request did not name itself. The HTTP client applies
// these; they are pure functions so that tests can show them row by row.
#pragma once

#include <string>
#include <string_view>

struct sockaddr;

namespace dealsearch::indexer {

// The kind of special-use address `address` (an IPv4 or IPv6 socket address) is, or "" for an
// address on the internet:
//   "loopback"     127.0.0.0/8, ::1
//   "private"      10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 (carrier-grade
//                  NAT), fc00::/7 (unique local)
//   "link-local"   169.254.0.0/16 (also cloud metadata services), fe80::/10
//   "unspecified"  0.0.0.0/8, ::
// An IPv4-mapped IPv6 address (::ffff:10.0.0.5) is judged by its IPv4 address. Another family
// than AF_INET and AF_INET6 is "not IP". Thread-safe.
[[nodiscard]] std::string_view special_address_kind(const sockaddr& address);

// The same for an address written as text ("10.0.0.5", "::1"); "" also for text that is not an
// IP address.
[[nodiscard]] std::string_view special_address_kind(std::string_view ip);

// `address` as text: "10.0.0.5", "::1" ("" for another family). Thread-safe.
[[nodiscard]] std::string address_text(const sockaddr& address);

// Whether `url` is an absolute http:// or https:// URL with a host, as libcurl reads it.
// Thread-safe.
[[nodiscard]] bool is_http_url(std::string_view url);

// Why a redirect from the absolute http(s) URL `from` to the absolute URL `to` is not
// followed, or "" when it stays within the site: the same host, or the host with or without a
// leading "www." ("agendastad.nl" <-> "www.agendastad.nl"), by the same scheme and port, or
// from http on port 80 to https on port 443 (an upgrade). Hosts compare case-insensitively.
//   "redirect to another site refused: https://evil.example/x"  (another host or port)
//   "redirect from https to http refused: http://agendastad.nl/"
//   "redirect to a URL that is not http or https refused: ftp://agendastad.nl/x"
// Another port on the same host is another site: it is another server, perhaps one that only
// the machine itself should talk to. Thread-safe.
[[nodiscard]] std::string redirect_refusal(std::string_view from, std::string_view to);

}  // namespace dealsearch::indexer
