// StoredDeal: a deal as its Xapian document's data holds it (schema.h, "Document data"). The
// indexer encodes one, everything else decodes one; nothing else spells its field names.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dealsearch::schema {

struct StoredMinistry {
  std::string code;  // "BZK"
  std::string name;  // "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"
};

struct StoredPartner {
  std::string name;  // as the deal writes it, canonical: "Gemeente Zwolle"
  std::string type;  // "gemeente", "ministerie", "kennisinstelling", ...
  std::string code;  // a ministry's code, "" for any other partner
};

// A file the deal's text came from (indexer/deal_record.h, SourceDocument).
struct StoredDocument {
  std::string url;                 // "" for a file read without one
  std::string title;               // "Staatscourant-tekst"
  std::string type;                // "text", "jsonl", "html" or "pdf"
  std::optional<uint32_t> pages;   // a PDF's number of pages
  size_t first_paragraph = 0;      // its text starts at this paragraph of the deal
  std::string etag = {};           // a fetched document's validators ("" if none): the next
  std::string last_modified = {};  // fetch asks whether it changed since
};

// Where a page of a PDF begins inside a paragraph that runs on from the page before.
struct PageBreak {
  size_t paragraph = 0;  // the paragraph's index
  size_t offset = 0;     // the byte of the paragraph where the page's text begins
  uint32_t page = 0;     // 1-based
  bool operator==(const PageBreak&) const = default;
};

struct StoredDeal {
  std::string id;      // "fietsen-voor-iedereen"
  std::string title;   // "Fietsen voor iedereen"
  std::string status;  // "in uitvoering", "afgerond", or as written; "" if unknown
  // ISO dates ("2023-10-09"), when the deal says.
  std::optional<std::string> signed_on, started_on, ended_on;
  std::string year;                        // of the first of those dates: "2023"; "" if none
  std::vector<StoredMinistry> ministries;  // the partners that are ministries
  std::vector<StoredPartner> partners;     // every partner, ministries included
  std::vector<std::string> themes;         // "mobiliteit", "wonen en bouwen"
  std::string url;                         // where the deal is published; "" if unknown
  std::string source;                      // where it was read: "file:line"
  std::vector<std::string> paragraphs;     // the text, one string a paragraph
  // The files the text came from, in paragraph order; empty in an index built before
  // documents were recorded.
  std::vector<StoredDocument> documents;
  // Each paragraph's PDF page (1-based) where it begins, 0 where it has none; empty when none
  // has one.
  std::vector<uint32_t> paragraph_pages;
  std::vector<PageBreak> page_breaks;  // pages that begin inside a paragraph, in order
};

// The document that byte `offset` of paragraph `paragraph` of `deal` comes from, with its
// page there (0: none); nullptr when the deal records no documents.
struct DocumentPlace {
  const StoredDocument* document = nullptr;
  uint32_t page = 0;
};
[[nodiscard]] DocumentPlace document_place(const StoredDeal& deal, size_t paragraph,
                                           size_t offset = 0);

// `deal` as document data.
[[nodiscard]] std::string encode_stored_deal(const StoredDeal& deal);

// Whether a decode reads the text too: a results page needs it for its snippets, a facet
// label or a completion only the fields.
enum class StoredText { kRead, kSkip };

// The deal in `data`; nullopt when `data` is not in the schema's form (an index written by
// something else, or damaged): a field missing or of another type, say.
[[nodiscard]] std::optional<StoredDeal> decode_stored_deal(std::string_view data,
                                                           StoredText text = StoredText::kRead);

}  // namespace dealsearch::schema
