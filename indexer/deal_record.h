// DealRecord: one deal as the indexer sees it, whatever format it came in.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/stored_deal.h"

namespace dealsearch::indexer {

// Where a record came from, for messages: "corpus/agendastad-citydeals.txt:37", or a URL.
struct SourceLocation {
  std::string file;  // a path, or the URL of a fetched page
  size_t line = 0;   // 1-based; 0 for a whole file or a URL, which to_string() leaves out
  std::string to_string() const {
    std::string out = file;
    return line == 0 ? out : out.append(":").append(std::to_string(line));
  }
};

struct Partner {
  std::string name;  // canonical: "Gemeente Zwolle", "Ministerie van Binnenlandse Zaken en ..."
  std::string type;  // gemeente, ministerie, provincie, organisatie, bedrijf, kennisinstelling
  std::string code;  // the ministry's code ("BZK") for type ministerie; empty otherwise
  bool operator==(const Partner&) const = default;
};

// One file a deal's text came from: its page (text, JSON Lines, HTML) or a PDF the page links
// to. A deal is one result however many documents it has; a snippet names the one it is from.
struct SourceDocument {
  std::string url = {};                // where it is published; "" for a file read without one
  std::string title = {};              // "Energiearmoede", "Staatscourant-tekst"
  std::string type = {};               // kDocumentText, kDocumentJsonl, kDocumentHtml, kDocumentPdf
  std::optional<uint32_t> pages = {};  // a PDF's number of pages; nullopt for the other types
  size_t first_paragraph = 0;          // its text starts at this paragraph of the record
  // A fetched document's validators, for the next fetch's If-None-Match and
  // If-Modified-Since; "" when the server gave none, or for a file.
  std::string etag = {};
  std::string last_modified = {};
  bool operator==(const SourceDocument&) const = default;
};

inline constexpr std::string_view kDocumentText = "text";
inline constexpr std::string_view kDocumentJsonl = "jsonl";
inline constexpr std::string_view kDocumentHtml = "html";
inline constexpr std::string_view kDocumentPdf = "pdf";

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
  // The documents `paragraphs` come from, in order, the first at paragraph 0; empty for a
  // record that names none (the deal is then its own document).
  std::vector<SourceDocument> documents;
  // Each paragraph's page in its PDF (1-based), 0 where it has none; empty when none has one.
  std::vector<uint32_t> paragraph_pages;
  // Pages of a PDF that begin inside a paragraph (one running on from the page before).
  std::vector<schema::PageBreak> page_breaks;
  SourceLocation source;
};

}  // namespace dealsearch::indexer
