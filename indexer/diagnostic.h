// Diagnostic: a problem with one input record, with where it is, for the user to fix.
#pragma once

#include <string>

namespace dealsearch::indexer {

struct Diagnostic {
  std::string file;
  size_t line = 0;  // 1-based; 0 when the problem is the whole file
  std::string message;
  std::string to_string() const {
    std::string out = file;
    if (line > 0) {
      out.append(":").append(std::to_string(line));
    }
    return out.append(": ").append(message);
  }
};

}  // namespace dealsearch::indexer
