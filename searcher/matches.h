// A query that matches every document, safe to make on any thread.
#pragma once

#include <xapian.h>

#include <string>

namespace dealsearch::searcher {

// A query that every document matches. Not Xapian::Query::MatchAll: that is one static object
// whose reference count is not atomic, so copying it on two threads at once corrupts the count
// and the server crashes (Xapian's query.h says as much).
[[nodiscard]] inline Xapian::Query every_document() { return Xapian::Query(std::string()); }

}  // namespace dealsearch::searcher
