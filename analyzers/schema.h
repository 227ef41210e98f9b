// The index schema: how a deal is stored in Xapian. The indexer writes it, the searcher reads
// it; nothing else spells a prefix, a value slot or a metadata key.
#pragma once

#include <xapian.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dealsearch::schema {

// Bump when anything below changes meaning; a searcher refuses an index of another version.
inline constexpr int kVersion = 4;

// --- Free-text terms (from the analyzer; see analyzers/analyzer.h) ---------------------------
// Unprefixed: a word of the title or the text as written (folded), with positions, so that
// phrases work: "energiearmoede", "sittardgeleen", "zo'n".
// Words sort from kWordsFrom on: a word begins with a lower-case letter or a byte of a
// multi-byte character, a prefix with an upper-case letter, and a number (also unprefixed,
// never a spelling word) with a digit, which sorts before both. skip_to(kWordsFrom) on a
// term list or on all terms passes every prefixed term at once.
inline constexpr std::string_view kWordsFrom = "a";
// A word of the title, with positions, to rank title matches first: "Senergieke".
inline constexpr std::string_view kTitle = "S";
// The stem of a word of the title or the text, without positions: "Zfiets" (fietsen), except
// where the stem is the word itself (see has_stem_term()).
inline constexpr std::string_view kStem = "Z";
// A compound part or a piece of a hyphenated word, without positions: "XCarmoede" (from
// "energiearmoede"), "XCgeleen" (from "Sittard-Geleen"). Apart from the words, so that an
// exact word ranks above a part.
inline constexpr std::string_view kPart = "XC";
// The stem of a compound part: "ZXCeigenaar" (from "vastgoedeigenaren"), except where the
// stem is the part itself (see has_stem_term()).
inline constexpr std::string_view kPartStem = "ZXC";
// Whether a word or part gets a stem term. Not a stopword: no query searches one alone. Not a
// word that is its own stem ("fiets", "energie", "co2"): its own term ("fiets",
// "XCenergie") stands for the stem, and a query for a stem asks for both in one OP_SYNONYM
// (QueryBuilder), which weighs them as one term. So a deal that says "fiets" holds "fiets"
// and a deal that says "fietsen" holds "fietsen" and "Zfiets"; "fiets" and "fietsen" both ask
// for "Zfiets" or "fiets". Most words of a text are their own stem: at 10,000 generated deals
// this leaves out a quarter of all postings.
[[nodiscard]] constexpr bool has_stem_term(std::string_view term, std::string_view stem,
                                           bool stopword) {
  return !stopword && stem != term;
}

// --- Boolean terms (wdf 0), for filters and facet counts -------------------------------------
// The deal's unique id, a slug of its title: "Qfietsen-voor-iedereen".
inline constexpr std::string_view kId = "Q";
// Status, normalised and folded: "XSTATUSin uitvoering", "XSTATUSafgerond".
inline constexpr std::string_view kStatus = "XSTATUS";
// Ministry code (see indexer/data/ministries-nl.tsv): "XMINBZK", "XMINIenW".
inline constexpr std::string_view kMinistry = "XMIN";
// Partner, canonical name folded: "XPARTgemeente zwolle", "XPARTfietsersbond".
inline constexpr std::string_view kPartner = "XPART";
// Partner type: "XTYPEgemeente", "XTYPEministerie", "XTYPEkennisinstelling".
inline constexpr std::string_view kPartnerType = "XTYPE";
// Theme (see indexer/data/themes-nl.tsv): "XTHEMEmobiliteit", "XTHEMEwonen en bouwen".
inline constexpr std::string_view kTheme = "XTHEME";
// Year of the deal's date (signed, else started, else ended): "XYEAR2023".
inline constexpr std::string_view kYear = "XYEAR";

// --- Value slots ----------------------------------------------------------------------------
// The deal's date as ISO "YYYY-MM-DD" (signed, else started, else ended), "" if unknown; sorts
// by date with a plain string compare: "2023-10-09".
inline constexpr Xapian::valueno kSlotDate = 0;
// The folded title, for sort=title: "fietsen voor iedereen".
inline constexpr Xapian::valueno kSlotTitle = 1;
// The id, for reading it back without the document data: "fietsen-voor-iedereen".
inline constexpr Xapian::valueno kSlotId = 2;

// --- Facet value slots ------------------------------------------------------------------------
// Each facet's values again, for counting with Xapian::ValueCountMatchSpy (built into Xapian, so
// that remote shards served by xapian-tcpsrv count too, and Xapian merges their counts). A
// deal's values of a facet are the suffixes of its boolean terms of that facet, exactly what
// follows the prefix: "XPARTgemeente zwolle" -> "gemeente zwolle", "XMINBZK" -> "BZK". A facet
// has `slot_count` slots from `first_slot` on (Facet below); value v goes to slot
// first_slot + FNV-1a-64(v) % slot_count (facet_slot()), and the values that land in one slot are
// stored sorted, joined by kFacetValueSeparator. A slot mostly holds one value, but values
// that share a slot make a string of their own, and a remote shard sends its spies' every
// string with every search: more slots, fewer strings, but more values to read a match
// (bench/RESULTS.md, "Facets on value slots (#17)"). A deal without values of a facet has
// its slots empty.
//   a deal of BZK and IenW: slot 4 "BZK\x1fIenW"; of 2023: slot 7 "2023";
//   partners "gemeente zwolle", "fietsersbond" and "woningcorporatie": slot 10 "gemeente
//   zwolle", slot 11 "fietsersbond\x1fwoningcorporatie" (the two collide), the others empty.
// Changing a slot count moves values between slots: bump kVersion then.
inline constexpr char kFacetValueSeparator = '\x1f';    // ASCII unit separator, in no value
inline constexpr Xapian::valueno kSlotStatus = 3;       // "in uitvoering"
inline constexpr Xapian::valueno kSlotMinistry = 4;     // "BZK\x1fIenW"
inline constexpr Xapian::valueno kSlotPartnerType = 5;  // "gemeente\x1fministerie"
inline constexpr Xapian::valueno kSlotTheme = 6;        // "mobiliteit\x1fwonen en bouwen"
inline constexpr Xapian::valueno kSlotYear = 7;         // "2023"
// Partners: many a deal, thousands of distinct names, so spread over kPartnerSlots slots (the
// number measured in bench/RESULTS.md, "Facets on value slots (#17)"). Last, so that their
// number may change without moving another facet's slot.
inline constexpr Xapian::valueno kSlotPartnerFirst = 8;  // "gemeente zwolle"
inline constexpr Xapian::valueno kPartnerSlots = 16;

// --- Facets: the boolean terms above a user filters and counts by ------------------------
// How a filter's value becomes a term.
enum class FacetValues {
  kFolded,        // the value folded (analyzers/folding.h): "In Uitvoering" -> "in uitvoering"
  kMinistryCode,  // a ministry's code or full name -> its code as the index writes it: "IenW"
};

struct Facet {
  std::string_view name;    // as the API, the page and the CLI call it: "partner_type"
  std::string_view prefix;  // of its terms (above)
  bool multi_valued;        // a deal may have several values (several ministries, say)
  FacetValues values;
  Xapian::valueno first_slot;  // of its values (Facet value slots above)
  Xapian::valueno slot_count;  // at least 1
};

// Every facet, in the order results list them. Display labels (Dutch, English) belong to the
// page and the widget, which learns the list from /api/facets.
inline constexpr std::array<Facet, 6> kFacets = {{
    {"status", kStatus, false, FacetValues::kFolded, kSlotStatus, 1},
    {"ministry", kMinistry, true, FacetValues::kMinistryCode, kSlotMinistry, 1},
    {"partner", kPartner, true, FacetValues::kFolded, kSlotPartnerFirst, kPartnerSlots},
    {"partner_type", kPartnerType, true, FacetValues::kFolded, kSlotPartnerType, 1},
    {"theme", kTheme, true, FacetValues::kFolded, kSlotTheme, 1},
    {"year", kYear, false, FacetValues::kFolded, kSlotYear, 1},
}};

// The facet called `name`, or nullptr when there is none.
[[nodiscard]] constexpr const Facet* find_facet(std::string_view name) {
  for (const Facet& facet : kFacets) {
    if (facet.name == name) {
      return &facet;
    }
  }
  return nullptr;
}

// The slot of `facet` that holds `value` (a term's suffix): first_slot + FNV-1a-64(value) %
// slot_count. It depends on nothing but the value and the slot count.
//   facet_slot(partner, "gemeente zwolle") == 10 (tests/analyzers/schema_test.cc pins more)
[[nodiscard]] Xapian::valueno facet_slot(const Facet& facet, std::string_view value);

// Fills every facet's value slots of `doc` from its boolean terms of that facet, so that the
// two can never disagree: call it once the terms are added. A value that holds
// kFacetValueSeparator (a control character, in no name), which could not be read back, and an
// empty value are left out of the slots, so not counted. Replaces what the slots held.
void set_facet_values(Xapian::Document& doc);

// The values one facet slot holds: "BZK\x1fIenW" -> {"BZK", "IenW"}; "" -> {}.
[[nodiscard]] std::vector<std::string_view> facet_slot_values(std::string_view slot);

// --- Spelling table ------------------------------------------------------------------------
// Xapian's spelling table (add_spelling) holds words of the text, AnalyzerData::is_spelling_word
// ones, each with the number of deals of its database that have it (its term frequency). A
// word is there when the collection's deals that have it are at least
// spelling_min_deals(collection size), or when it is a word of a name the gazetteer knows
// (a place, a ministry, an organisation), so that a rare place name is still corrected. The
// collection is what one `dealsearch index` writes: all shards of --shards N, or shard K of
// --shard K/N. A word in one deal of many is mostly a typo, which a suggestion should not
// offer; in a small collection every word counts.
inline constexpr Xapian::doccount kSpellingEveryWordBelow = 1000;  // deals in the collection
inline constexpr Xapian::doccount kSpellingMinDeals = 2;           // from that size on
[[nodiscard]] constexpr Xapian::doccount spelling_min_deals(Xapian::doccount collection_size) {
  return collection_size < kSpellingEveryWordBelow ? 1 : kSpellingMinDeals;
}

// --- Document data --------------------------------------------------------------------------
// The display fields as JSON, then the text's paragraphs as they are, apart: a hit on a
// results page needs the fields and, for its snippet, the text, but never a JSON parse of
// the whole text (which was a fifth of a search).
//   <JSON> '\0' (<decimal byte length> ':' <paragraph bytes>)*
// The JSON, UTF-8:
//   {"id", "title", "status", "signed", "started", "ended" (ISO dates or null), "year",
//    "ministries": [{"code", "name"}], "partners": [{"name", "type", "code"?}],
//    "themes": [...], "url", "source": "file:line",
//    "documents": [{"url", "title", "type": "text"|"jsonl"|"html"|"pdf", "pages": N or null,
//                   "first": the index of its first paragraph, "etag"?, "last_modified"?
//                   (a fetched document's validators)}],
//    "pages": [the PDF page where each paragraph begins, 0 for none; [] when none has one],
//    "page_breaks": [[paragraph, byte offset, page] where a page begins inside a paragraph]}
//   (the last three absent in an index built before they were: read as empty.)
[[nodiscard]] std::string encode_document_data(std::string_view display_json,
                                               const std::vector<std::string>& paragraphs);

struct DocumentData {
  std::string_view display_json;
  std::vector<std::string_view> paragraphs;
};
// Views into `data`; nullopt when it is not in the form above (an index written by something
// else).
[[nodiscard]] std::optional<DocumentData> decode_document_data(std::string_view data);

// --- Database metadata ----------------------------------------------------------------------
// The schema version above, as decimal text: "3".
inline constexpr std::string_view kMetaSchemaVersion = "dealsearch.schema";
// Analyzer::fingerprint() of the analyzer that built the index.
inline constexpr std::string_view kMetaAnalyzer = "dealsearch.analyzer";
// JSON object of ministry code -> full name, for facet labels: {"BZK": "Ministerie van ..."}.
inline constexpr std::string_view kMetaMinistryNames = "dealsearch.ministries";
// JSON object of another name or code of a ministry, former ones included -> its code today,
// so that a filter or a query may use any of them: {"IenM": "IenW", "Binnenlandse Zaken": "BZK"}.
inline constexpr std::string_view kMetaMinistryAliases = "dealsearch.ministry_aliases";
// JSON object of theme -> its keywords as the themes file lists them, for the searcher's
// related-theme fallback: {"mobiliteit": ["mobiliteit", "fiets", ...], ...}.
inline constexpr std::string_view kMetaThemeKeywords = "dealsearch.themes";
// When the index was built, ISO 8601 UTC: "2026-11-28T19:12:00Z".
inline constexpr std::string_view kMetaBuiltAt = "dealsearch.built_at";
// A token new with every commit to the database (32 hex digits, random): what tells a reader
// that a shard changed, also over the remote backend, which has no revision number
// ("UnimplementedError" from get_revision()): "9f86d081884c7d659a2feaa0c55ad015".
inline constexpr std::string_view kMetaCommit = "dealsearch.commit";
// Which shard of a collection split in N shards this database is, as "K/N" with K from 1 to N
// (see shard_of() below): "2/3". Absent when the database holds the whole collection. Each
// shard carries all the metadata above too, so that any one of them describes the collection.
inline constexpr std::string_view kMetaShard = "dealsearch.shard";

// --- Shards -----------------------------------------------------------------------------------
// A collection may be split into N shards, each a database of its own (`dealsearch index
// --shard K/N` on N machines, or `--shards N` on one), combined by a Xapian stub file.
// A deal with id X lives in shard shard_of(X, N): K from 1 to N, the FNV-1a hash (64 bits) of
// X's UTF-8 bytes modulo N, plus one. It depends on nothing but the id and N, so that every
// machine and every version puts a deal in the same shard; changing it moves deals between
// shards (bump kVersion then). `shard_count` is at least 1.
//   shard_of("fietsen-voor-iedereen", 3) == 2 (tests/analyzers/schema_test.cc pins more)
[[nodiscard]] size_t shard_of(std::string_view id, size_t shard_count);

// The most shards a collection may have.
inline constexpr size_t kMaxShards = 1024;

// Shard K of N as kMetaShard and the command line spell it: format_shard(2, 3) == "2/3".
[[nodiscard]] std::string format_shard(size_t shard, size_t shard_count);
// "2/3" -> {2, 3}; nullopt unless it is "K/N" in decimal digits with 1 <= K <= N <= kMaxShards.
[[nodiscard]] std::optional<std::pair<size_t, size_t>> parse_shard(std::string_view text);

// Within-document frequency increments: a title word counts as much as this many text words.
inline constexpr Xapian::termcount kTitleWeight = 5;
inline constexpr Xapian::termcount kTextWeight = 1;

}  // namespace dealsearch::schema
