// Which addresses and redirects a fetch may reach, row by row.
#include "indexer/sources/fetch_policy.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>

#include <string>

namespace dealsearch::indexer {
namespace {

TEST(FetchPolicy, NamesSpecialUseAddresses) {
  struct Row {
    std::string ip, kind;
  };
  const Row rows[] = {
      {"127.0.0.1", "loopback"},
      {"127.255.0.9", "loopback"},
      {"::1", "loopback"},
      {"10.0.0.5", "private"},
      {"172.16.0.1", "private"},
      {"172.31.255.255", "private"},
      {"172.32.0.1", ""},
      {"172.15.255.255", ""},
      {"192.168.1.1", "private"},
      {"100.64.0.1", "private"},
      {"100.128.0.1", ""},
      {"fc00::1", "private"},
      {"fd12:3456::1", "private"},
      {"169.254.169.254", "link-local"},
      {"fe80::1", "link-local"},
      {"febf::1", "link-local"},
      {"fec0::1", ""},
      {"0.0.0.0", "unspecified"},
      {"::", "unspecified"},
      {"::ffff:127.0.0.1", "loopback"},
      {"::ffff:10.1.2.3", "private"},
      {"::ffff:145.97.3.1", ""},
      {"145.97.3.1", ""},
      {"2a00:1450::1", ""},
      {"8.8.8.8", ""},
      {"not an address", ""},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.ip);
    EXPECT_EQ(special_address_kind(row.ip), row.kind);
  }
}

TEST(FetchPolicy, JudgesSocketAddressesAsTheirText) {
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  ASSERT_EQ(inet_pton(AF_INET, "10.0.0.5", &v4.sin_addr), 1);
  EXPECT_EQ(special_address_kind(reinterpret_cast<const sockaddr&>(v4)), "private");
  EXPECT_EQ(address_text(reinterpret_cast<const sockaddr&>(v4)), "10.0.0.5");
  sockaddr_in6 v6{};
  v6.sin6_family = AF_INET6;
  ASSERT_EQ(inet_pton(AF_INET6, "fe80::1", &v6.sin6_addr), 1);
  EXPECT_EQ(special_address_kind(reinterpret_cast<const sockaddr&>(v6)), "link-local");
  EXPECT_EQ(address_text(reinterpret_cast<const sockaddr&>(v6)), "fe80::1");
}

TEST(FetchPolicy, FollowsRedirectsWithinTheSiteOnly) {
  struct Row {
    std::string from, to, refusal;
  };
  const Row rows[] = {
      {"https://agendastad.nl/a", "https://agendastad.nl/b", ""},
      {"https://agendastad.nl/a", "https://www.agendastad.nl/a", ""},
      {"https://www.agendastad.nl/a", "https://agendastad.nl/a", ""},
      {"https://AgendaStad.NL/a", "https://agendastad.nl/b", ""},
      {"http://agendastad.nl/a", "https://agendastad.nl/a", ""},
      {"http://agendastad.nl/a", "https://www.agendastad.nl/a", ""},
      {"http://agendastad.nl:80/a", "https://agendastad.nl:443/a", ""},
      {"http://127.0.0.1:8080/a", "http://127.0.0.1:8080/b", ""},
      {"https://agendastad.nl/a", "http://agendastad.nl/a",
       "redirect from https to http refused: http://agendastad.nl/a"},
      {"https://agendastad.nl/a", "https://evil.example/a",
       "redirect to another site refused: https://evil.example/a"},
      {"https://agendastad.nl/a", "https://agendastad.nl.evil.example/a",
       "redirect to another site refused: https://agendastad.nl.evil.example/a"},
      {"https://agendastad.nl/a", "https://cdn.agendastad.nl/a",
       "redirect to another site refused: https://cdn.agendastad.nl/a"},
      {"https://www.agendastad.nl/a", "https://www2.agendastad.nl/a",
       "redirect to another site refused: https://www2.agendastad.nl/a"},
      {"https://agendastad.nl/a", "https://agendastad.nl:8443/a",
       "redirect to another site refused: https://agendastad.nl:8443/a"},
      {"http://agendastad.nl:8080/a", "https://agendastad.nl/a",
       "redirect to another site refused: https://agendastad.nl/a"},
      {"http://127.0.0.1:8080/a", "http://localhost:8080/a",
       "redirect to another site refused: http://localhost:8080/a"},
      {"http://127.0.0.1:8080/a", "http://127.0.0.2:8080/a",
       "redirect to another site refused: http://127.0.0.2:8080/a"},
      {"http://127.0.0.1:8080/a", "http://127.0.0.1:8081/a",
       "redirect to another site refused: http://127.0.0.1:8081/a"},
      {"https://agendastad.nl/a", "ftp://agendastad.nl/a",
       "redirect to a URL that is not http or https refused: ftp://agendastad.nl/a"},
      {"https://agendastad.nl/a", "file:///etc/passwd",
       "redirect to a URL that is not http or https refused: file:///etc/passwd"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.from + " -> " + row.to);
    EXPECT_EQ(redirect_refusal(row.from, row.to), row.refusal);
  }
}

TEST(FetchPolicy, TellsHttpUrls) {
  for (const std::string url : {"http://agendastad.nl/", "https://x.nl", "HTTPS://X.NL/a?b"}) {
    SCOPED_TRACE(url);
    EXPECT_TRUE(is_http_url(url));
  }
  for (const std::string url : {"ftp://x.nl/", "agendastad.nl/citydeals", "", "/citydeals",
                                "file:///etc/passwd", "mailto:info@x.nl"}) {
    SCOPED_TRACE(url);
    EXPECT_FALSE(is_http_url(url));
  }
}

}  // namespace
}  // namespace dealsearch::indexer
