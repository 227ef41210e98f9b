// Reading a stub: a line's kind and what it names.
#include "analyzers/index_stub_lines.h"

#include <fstream>
#include <string_view>

namespace dealsearch {
namespace {

namespace fs = std::filesystem;

std::string trimmed(const std::string& line) {
  const size_t first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) {
    return {};
  }
  return line.substr(first, line.find_last_not_of(" \t\r") - first + 1);
}

// "host:port" or "[v6]:port" into `line`'s host and port; false when it is neither.
bool read_remote(std::string_view text, IndexStubLine& line) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == text.size()) {
    return false;
  }
  std::string host(text.substr(0, colon));
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') {
      return false;
    }
    host = host.substr(1, host.size() - 2);
  }
  unsigned port = 0;
  for (const char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9' || port > 65535) {
      return false;
    }
    port = port * 10 + static_cast<unsigned>(c - '0');
  }
  if (port == 0 || port > 65535) {
    return false;
  }
  line.host = std::move(host);
  line.port = port;
  return true;
}

}  // namespace

std::optional<std::vector<IndexStubLine>> read_index_stub(const fs::path& stub) {
  std::ifstream in(stub);
  if (!in) {
    return std::nullopt;
  }
  const fs::path directory = stub.parent_path().empty() ? fs::path(".") : stub.parent_path();
  std::vector<IndexStubLine> lines;
  std::string raw;
  for (size_t number = 1; std::getline(in, raw); ++number) {
    IndexStubLine line;
    line.number = number;
    line.text = trimmed(raw);
    if (line.text.empty() || line.text.front() == '#') {
      continue;
    }
    const size_t space = line.text.find_first_of(" \t");
    const std::string kind = line.text.substr(0, space);
    const std::string rest = space == std::string::npos ? "" : trimmed(line.text.substr(space));
    if ((kind == "auto" || kind == "glass") && !rest.empty()) {
      line.kind = IndexStubLine::Kind::kLocal;
      const fs::path path(rest);
      line.path = path.is_absolute() ? path : directory / path;
    } else if (kind == "remote" && read_remote(rest, line)) {
      line.kind = IndexStubLine::Kind::kRemote;
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace dealsearch
