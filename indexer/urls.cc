// resolve_url and friends: RFC 3986 reference resolution, by hand because no Debian library we
// already use offers it (cpp-httplib does not resolve references).
#include "indexer/urls.h"

#include <cctype>

namespace dealsearch::indexer {
namespace {

struct UrlParts {
  std::string_view scheme;     // "https", without ':'; empty when none
  std::string_view authority;  // "agendastad.nl"; has_authority says whether "//" was there
  bool has_authority = false;
  std::string_view path;
  std::string_view query;     // with its '?', or empty
  std::string_view fragment;  // with its '#', or empty
};

bool is_scheme_char(char c, bool first) {
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  return first ? letter : letter || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
}

// The scheme's length ("https" of "https://..."), or 0 when `text` has none.
size_t scheme_length(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ':') {
      return i;
    }
    if (!is_scheme_char(text[i], i == 0)) {
      return 0;
    }
  }
  return 0;
}

UrlParts split(std::string_view url) {
  UrlParts parts;
  if (const size_t hash = url.find('#'); hash != std::string_view::npos) {
    parts.fragment = url.substr(hash);
    url = url.substr(0, hash);
  }
  if (const size_t question = url.find('?'); question != std::string_view::npos) {
    parts.query = url.substr(question);
    url = url.substr(0, question);
  }
  if (const size_t scheme = scheme_length(url); scheme > 0) {
    parts.scheme = url.substr(0, scheme);
    url = url.substr(scheme + 1);
  }
  if (url.starts_with("//")) {
    url = url.substr(2);
    const size_t slash = url.find('/');
    parts.has_authority = true;
    parts.authority = url.substr(0, slash);
    url = slash == std::string_view::npos ? std::string_view() : url.substr(slash);
  }
  parts.path = url;
  return parts;
}

// RFC 3986 5.2.4: "/a/b/../c/./d" -> "/a/c/d".
std::string remove_dot_segments(std::string_view path) {
  std::vector<std::string_view> kept;
  const bool absolute = path.starts_with('/');
  size_t start = absolute ? 1 : 0;
  bool ends_in_directory = false;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) {
      end = path.size();
    }
    const std::string_view segment = path.substr(start, end - start);
    ends_in_directory = segment == "." || segment == "..";
    if (segment == "..") {
      if (!kept.empty()) {
        kept.pop_back();
      }
    } else if (segment != ".") {
      kept.push_back(segment);
    }
    start = end + 1;
  }
  std::string out = absolute ? "/" : "";
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i > 0) {
      out += '/';
    }
    out += kept[i];
  }
  if (ends_in_directory && !out.ends_with('/')) {
    out += '/';
  }
  return out;
}

// RFC 3986 5.2.3: the reference's path appended to the base's directory.
std::string merge_paths(const UrlParts& base, std::string_view path) {
  if (base.has_authority && base.path.empty()) {
    std::string merged = "/";
    return merged.append(path);
  }
  const size_t slash = base.path.rfind('/');
  return slash == std::string_view::npos
             ? std::string(path)
             : std::string(base.path.substr(0, slash + 1)) + std::string(path);
}

std::string join(std::string_view scheme, bool has_authority, std::string_view authority,
                 std::string_view path, std::string_view query, std::string_view fragment) {
  std::string out(scheme);
  out += ':';
  if (has_authority) {
    out += "//";
    out += authority;
  }
  out += path;
  out += query;
  out += fragment;
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

}  // namespace

std::string resolve_url(std::string_view base, std::string_view reference) {
  const UrlParts b = split(base);
  if (b.scheme.empty()) {
    return "";
  }
  const UrlParts r = split(reference);
  if (!r.scheme.empty()) {
    return join(r.scheme, r.has_authority, r.authority, remove_dot_segments(r.path), r.query,
                r.fragment);
  }
  if (r.has_authority) {
    return join(b.scheme, true, r.authority, remove_dot_segments(r.path), r.query, r.fragment);
  }
  if (r.path.empty()) {
    return join(b.scheme, b.has_authority, b.authority, b.path, r.query.empty() ? b.query : r.query,
                r.fragment);
  }
  const std::string path = r.path.starts_with('/') ? remove_dot_segments(r.path)
                                                   : remove_dot_segments(merge_paths(b, r.path));
  return join(b.scheme, b.has_authority, b.authority, path, r.query, r.fragment);
}

bool is_relative_reference(std::string_view reference) {
  if (reference.empty() || reference.starts_with('#') || reference.starts_with("//")) {
    return false;
  }
  return scheme_length(reference) == 0;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
        hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::vector<std::string> path_segments(std::string_view url) {
  const UrlParts parts = split(url);
  std::vector<std::string> segments;
  size_t start = 0;
  while (start <= parts.path.size()) {
    size_t end = parts.path.find('/', start);
    if (end == std::string_view::npos) {
      end = parts.path.size();
    }
    if (end > start) {
      segments.push_back(percent_decode(parts.path.substr(start, end - start)));
    }
    start = end + 1;
  }
  return segments;
}

std::string url_host(std::string_view url) {
  const UrlParts parts = split(url);
  std::string_view host = parts.authority;
  if (const size_t at = host.rfind('@'); at != std::string_view::npos) {
    host = host.substr(at + 1);
  }
  if (host.starts_with('[')) {
    host = host.substr(0, host.find(']') + 1);  // an IPv6 literal keeps its brackets
  } else if (const size_t colon = host.find(':'); colon != std::string_view::npos) {
    host = host.substr(0, colon);
  }
  std::string lower(host);
  for (char& c : lower) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return lower;
}

std::string url_origin(std::string_view url) {
  const UrlParts parts = split(url);
  std::string origin(parts.scheme);
  for (char& c : origin) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return origin + "://" + std::string(parts.authority);
}

std::string url_path_and_query(std::string_view url) {
  const UrlParts parts = split(url);
  std::string out = parts.path.empty() ? "/" : std::string(parts.path);
  return out + std::string(parts.query);
}

std::string_view without_fragment(std::string_view url) { return url.substr(0, url.find('#')); }

}  // namespace dealsearch::indexer
