// Formatting of dealsearch::Error messages.
#include "analyzers/error.h"

#include <utility>

namespace dealsearch {
namespace {

std::string compose(const std::string& what, const std::string& where, const std::string& hint) {
  std::string message = what;
  if (!where.empty()) {
    message += " (" + where + ")";
  }
  if (!hint.empty()) {
    message += "; " + hint;
  }
  return message;
}

}  // namespace

Error::Error(ErrorKind kind, std::string what, std::string where, std::string hint)
    : std::runtime_error(compose(what, where, hint)),
      kind_(kind),
      where_(std::move(where)),
      hint_(std::move(hint)) {}

}  // namespace dealsearch
