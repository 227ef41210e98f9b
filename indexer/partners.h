// Partners named in a deal's text: ministries, municipalities, provinces, water boards and
// organisations.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "analyzers/folding.h"
#include "indexer/deal_record.h"
#include "indexer/gazetteer.h"

namespace dealsearch::indexer {

// Finds the partners a deal's text names, each once, with a canonical name and a type, in
// the two ways indexer/data/partner-cues-nl.tsv describes:
//   - a name after its trigger, anywhere: "gemeente Zwolle", "de provincies Drenthe en
//     Fryslân", "Waterschap Aa en Maas", "Gedeputeerde Staten van Overijssel", ministries
//     after "ministerie(s) van", "minister van/voor", "staatssecretaris (name) van",
//     "minister Harbers (IenW)", in lists joined by commas and "en" although the names contain
//     "en" themselves ("de ministeries van Justitie en Veiligheid en Infrastructuur en
//     Waterstaat"), with codes ("Ministerie van BZK") and abbreviations in brackets skipped
//     ("EZK (DTC) en BZK"); the list may go on with bare names ("Gemeente X, IenM en EZ");
//   - a list after a lead-in ("De gemeenten die meedoen zijn: A, B en C.", "Partners:" and
//     one name a line), where a bare place name is a municipality and a name in capitals an
//     organisation, named as it names itself and typed by the markers in its name
//     ("Hogeschool" -> kennisinstelling) or by organisations-nl.tsv.
// A name given as an example ("steden zoals Utrecht") is not a partner, nor is a ministry a
// text only reports to ("rapporteren aan de minister van BZK"). Ministries are named by their
// canonical full name, with their code.
//
// Thread-safe (const; the Gazetteer and Folder must outlive it).
class PartnerFinder {
 public:
  PartnerFinder(const Gazetteer& gazetteer, const analyzers::Folder& folder)
      : gazetteer_(gazetteer), folder_(folder) {}

  // `document_starts`: the paragraphs where another document of the deal begins (a PDF after
  // its page); a list never runs on into the next document.
  [[nodiscard]] std::vector<Partner> find(const std::vector<std::string>& paragraphs,
                                          const std::vector<size_t>& document_starts = {}) const;

  // Classifies a partner name given in a record ("Ministerie van BZK", "Gemeente Zwolle",
  // "VNG", "Fietsersbond") the same way.
  [[nodiscard]] Partner classify(const std::string& name) const;

 private:
  struct Text;
  struct Found;
  struct ListItems;

  void find_triggered(const Text& text, Found& found) const;
  void find_place_lists(const Text& text, Found& found) const;
  void find_spelled_out_organisations(const Text& text, Found& found) const;
  void find_sentence_lists(const Text& text, Found& found) const;
  void find_table_columns(const std::vector<Text>& paragraphs,
                          const std::vector<size_t>& document_starts, Found& found) const;
  bool follows_type_word(const Text& text, size_t at) const;
  bool inside_lead_in(std::string_view folded, size_t at) const;
  size_t skip_fillers(const Text& text, size_t at) const;
  bool follows_place_word(const Text& text, size_t at) const;
  void find_lead_in_lists(const std::vector<Text>& paragraphs, size_t paragraph,
                          const std::vector<size_t>& document_starts, Found& found) const;
  std::optional<std::pair<NameMatch, LeadIn>> lead_in_at(const Text& text, size_t at) const;
  ListItems list_after_lead_in(const Text& text, size_t start, const LeadIn& cue) const;
  bool is_heading(const Text& text, size_t at) const;
  void add_following_lines(const std::vector<Text>& paragraphs, size_t index, ListKind kind,
                           const std::vector<size_t>& document_starts, Found& found) const;
  ListItems parse_list(const Text& text, size_t at, ListKind kind, bool after_a_name = false) const;
  size_t add_triggered_names(const Text& text, size_t at, ListItems& items) const;
  bool add_bare_name(const Text& text, size_t at, ListKind kind, ListItems& items) const;
  bool add_organisation_name(const Text& text, size_t at, bool first_item, ListItems& items) const;
  static size_t through_and_by_acronym(const Text& text, size_t at, size_t name_end);
  bool is_example(const Text& text, size_t at) const;
  bool denied(const Text& text, size_t at) const;
  bool office_holder_takes_part(const Text& text, size_t mention) const;
  Partner ministry_partner(size_t entry) const;
  Partner municipality_partner(size_t entry) const;
  Partner shared_place_partner(size_t entry, const Found& found) const;
  Partner organisation_partner(std::string name) const;
  void add_to(Found& found, ListItems& items) const;

  const Gazetteer& gazetteer_;
  const analyzers::Folder& folder_;
};

}  // namespace dealsearch::indexer
