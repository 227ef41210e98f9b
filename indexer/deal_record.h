// DealRecord: one deal as the indexer sees it, whatever format it came in.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace dealsearch::indexer {

// Where a record came from, for messages: "corpus/agendastad-citydeals.txt:37".
struct SourceLocation {
  std::string file;
  size_t line = 0;
  std::string to_string() const {
    std::string out = file;
    return out.append(":").append(std::to_string(line));
  }
};

struct Partner {
  std::string name;  // canonical: "Gemeente Zwolle", "Ministerie van Binnenlandse Zaken en ..."
  std::string type;  // gemeente, ministerie, provincie, organisatie, bedrijf, kennisinstelling
  std::string code;  // the ministry's code ("BZK") for type ministerie; empty otherwise
  bool operator==(const Partner&) const = default;
};

// Limits on a record's fields. A record over one is a bad record: read_inputs() reports it
// with file and line and does not index it. Every other field may be as long as it likes and
// costs time in proportion to its length.
//
// A title is a line people read in a list of results: 1,000 bytes is twenty times the longest
// title in corpus/, and a longer one is a body in the wrong place. An id becomes a term
// ("Q" + id), and Xapian refuses terms over 245 bytes.
constexpr size_t kMaxTitleBytes = 1000;
constexpr size_t kMaxIdBytes = 160;

// The given fields of a record; what the text states is extracted later, and given metadata
// wins over extracted metadata.
struct DealRecord {
  std::string id;                        // empty: a slug of the title; at most kMaxIdBytes
  std::string title;                     // at most kMaxTitleBytes
  std::string status;                    // empty: from "Status citydeal: ..." or unknown
  std::optional<std::string> signed_on;  // ISO date, given in JSONL as "signed"
  std::vector<std::string> partners;     // names as given in JSONL
  std::vector<std::string> themes;       // as given in JSONL
  std::string url;
  std::vector<std::string> paragraphs;  // the text, paragraph by paragraph
  SourceLocation source;
};

}  // namespace dealsearch::indexer
