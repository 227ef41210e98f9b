// StoredDeal: a deal as its Xapian document's data holds it (schema.h, "Document data"). The
// indexer encodes one, everything else decodes one; nothing else spells its field names.
#pragma once

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
};

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
