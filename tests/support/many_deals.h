// Many deals as JSON Lines, for tests that need a build to take a while.
#pragma once

#include <string>

#include "tests/support/test_files.h"

namespace dealsearch::testing {

// `count` deals of the seed text's first 6,000 bytes each, under other titles ("Deal nummer
// 0", "Deal nummer 1", ...), as JSON Lines.
inline std::string many_deals(int count) {
  const std::string body = read_text_file(DEALSEARCH_SOURCE_DIR "/corpus/agendastad-citydeals.txt");
  std::string escaped;
  for (const char c : body.substr(0, 6000)) {
    escaped += c == '"' ? std::string("\\\"") : c == '\n' ? std::string("\\n") : std::string(1, c);
  }
  std::string deals;
  for (int i = 0; i < count; ++i) {
    deals +=
        "{\"title\": \"Deal nummer " + std::to_string(i) + "\", \"body\": \"" + escaped + "\"}\n";
  }
  return deals;
}

}  // namespace dealsearch::testing
