// robots.txt: parsing the groups (RFC 9309 section 2.2) and matching paths against the rules.
#include "indexer/sources/robots.h"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstdint>

#include "indexer/sources/http_client.h"

namespace dealsearch::indexer {
namespace {

// RFC 9309 section 2.5: crawlers must parse at least 500 kibibytes; what follows is ignored.
constexpr size_t kMaxRobotsBytes = 500 * 1024;

std::string_view trim(std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  while (!text.empty() && blank(text.front())) {
    text.remove_prefix(1);
  }
  while (!text.empty() && blank(text.back())) {
    text.remove_suffix(1);
  }
  return text;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  c = lower(c);
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  return -1;
}

bool is_unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

void append_escaped(std::string& out, unsigned char c) {
  constexpr char kHex[] = "0123456789ABCDEF";
  out += '%';
  out += kHex[c >> 4];
  out += kHex[c & 0xf];
}

// The product token a "User-agent:" value names, lower-cased: "DealSearch/0.1 (+https://...)"
// names "dealsearch", "*" names "*".
std::string product_token(std::string_view value) {
  if (!value.empty() && value.front() == '*') {
    return "*";
  }
  size_t end = 0;
  while (end < value.size() &&
         ((value[end] >= 'a' && value[end] <= 'z') || (value[end] >= 'A' && value[end] <= 'Z') ||
          value[end] == '_' || value[end] == '-')) {
    ++end;
  }
  return lowercase(value.substr(0, end));
}

// Whether `pattern` ("*" any characters, a final "$" the end) matches a prefix of `path` (the
// whole of it with "$"). Tracks every position in `path` that the pattern so far can end at,
// so "*" costs no backtracking.
bool pattern_matches(std::string_view pattern, std::string_view path) {
  std::vector<size_t> ends = {0};
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '$' && i + 1 == pattern.size()) {
      return std::find(ends.begin(), ends.end(), path.size()) != ends.end();
    }
    if (c == '*') {
      const size_t first = ends.front();  // ends are ascending
      ends.clear();
      for (size_t at = first; at <= path.size(); ++at) {
        ends.push_back(at);
      }
      continue;
    }
    size_t kept = 0;
    for (const size_t at : ends) {
      if (at < path.size() && path[at] == c) {
        ends[kept++] = at + 1;
      }
    }
    ends.resize(kept);
    if (ends.empty()) {
      return false;
    }
  }
  return true;
}

std::optional<double> parse_delay(std::string_view value) {
  double seconds = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (error != std::errc() || end == value.data() || !(seconds >= 0)) {
    return std::nullopt;
  }
  return seconds;
}

// One group of the file: its user agents' product tokens and what follows them.
struct Group {
  std::vector<std::string> agents;
  std::vector<Robots::Rule> rules;
  std::optional<double> crawl_delay;
};

}  // namespace

std::string normalise_robots_path(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      const auto decoded =
          static_cast<unsigned char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      if (is_unreserved(decoded)) {
        out += static_cast<char>(decoded);
      } else {
        append_escaped(out, decoded);
      }
      i += 2;
    } else if (c <= 0x20 || c >= 0x7f) {
      append_escaped(out, c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

Robots Robots::disallow_all() {
  Robots robots;
  robots.disallow_all_ = true;
  return robots;
}

bool Robots::allows(std::string_view path_and_query) const {
  std::string path = normalise_robots_path(path_and_query);
  if (path.empty()) {
    path = "/";
  }
  // Section 2.3.1: "/robots.txt" is implicitly allowed.
  if (path == "/robots.txt") {
    return true;
  }
  if (disallow_all_) {
    return false;
  }
  bool allowed = true;
  size_t longest = 0;
  bool matched = false;
  for (const Rule& rule : rules_) {
    if (!pattern_matches(rule.pattern, path)) {
      continue;
    }
    // The most specific rule has the most octets; of two as long, the less restrictive wins.
    const size_t length = rule.pattern.size();
    if (!matched || length > longest || (length == longest && rule.allow)) {
      allowed = rule.allow;
      longest = length;
      matched = true;
    }
  }
  return allowed;
}

Robots parse_robots(std::string_view text) {
  if (text.size() > kMaxRobotsBytes) {
    text = text.substr(0, kMaxRobotsBytes);
  }
  if (text.starts_with("\xEF\xBB\xBF")) {
    text.remove_prefix(3);
  }
  Robots robots;
  std::vector<Group> groups;
  bool in_agent_lines = false;  // the last line that counted was "User-agent:"
  while (!text.empty()) {
    const size_t end = text.find_first_of("\r\n");
    std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    line = line.substr(0, line.find('#'));
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      continue;
    }
    const std::string key = lowercase(trim(line.substr(0, colon)));
    const std::string_view value = trim(line.substr(colon + 1));
    if (key == "user-agent") {
      // Consecutive "User-agent:" lines share the group that follows them.
      if (!in_agent_lines) {
        groups.emplace_back();
      }
      groups.back().agents.push_back(product_token(value));
      in_agent_lines = true;
    } else if (key == "sitemap") {
      // Not part of any group (section 2.2.4).
      if (!value.empty()) {
        robots.sitemaps_.emplace_back(value);
      }
    } else if (key == "allow" || key == "disallow" || key == "crawl-delay") {
      in_agent_lines = false;
      // A rule before any "User-agent:" line belongs to no group.
      if (groups.empty()) {
        continue;
      }
      if (key == "crawl-delay") {
        if (!groups.back().crawl_delay) {
          groups.back().crawl_delay = parse_delay(value);
        }
      } else if (!value.empty()) {
        // "Disallow:" with nothing after it disallows nothing.
        groups.back().rules.push_back({key == "allow", normalise_robots_path(value)});
      }
    }
  }
  for (const std::string_view wanted : {kRobotsProductToken, std::string_view("*")}) {
    bool found = false;
    for (const Group& group : groups) {
      if (std::find(group.agents.begin(), group.agents.end(), wanted) == group.agents.end()) {
        continue;
      }
      found = true;
      robots.rules_.insert(robots.rules_.end(), group.rules.begin(), group.rules.end());
      if (!robots.crawl_delay_) {
        robots.crawl_delay_ = group.crawl_delay;
      }
    }
    if (found) {
      break;
    }
  }
  return robots;
}

Robots robots_from_response(const HttpResponse& response) {
  const int status = response.status;
  // A 304 says the rules the caller already has still hold; they are not in `response`.
  assert(status != 304);
  if (status >= 200 && status < 300 && response.error.empty()) {
    return parse_robots(response.body);
  }
  if ((status >= 400 && status < 500) || (status >= 300 && status < 400)) {
    return Robots();
  }
  return Robots::disallow_all();
}

}  // namespace dealsearch::indexer
