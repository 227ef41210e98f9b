// Partners named in a deal's text: ministries, municipalities, provinces, organisations.
#pragma once

#include <string>
#include <vector>

#include "analyzers/folding.h"
#include "indexer/deal_record.h"
#include "indexer/gazetteer.h"

namespace dealsearch::indexer {

// Finds the partners a deal's text names, each once, with a canonical name and a type:
//   - ministries after "ministerie(s) van", "minister(s) van/voor", "staatssecretaris van",
//     in lists joined by commas and "en" although the names contain "en" themselves ("de
//     ministeries van Justitie en Veiligheid en Infrastructuur en Waterstaat"), with codes
//     ("Ministerie van BZK") and abbreviations in brackets skipped ("EZK (DTC) en BZK");
//   - municipalities after "Gemeente"/"gemeenten", also as a list after one "Gemeente"
//     ("Gemeente Amsterdam, Apeldoorn, ... en Zwolle"); provinces after "Provincie";
//   - organisations in participant lists that follow "Deelnemende partijen", "Wie doen er
//     mee?" or "De partners zijn", items separated by ";", "," and "en", named as they name
//     themselves, typed by the markers in their names ("Hogeschool" -> kennisinstelling).
// Ministries are named by their canonical full name, with their code.
//
// Thread-safe (const; the Gazetteer and Folder must outlive it).
class PartnerFinder {
 public:
  PartnerFinder(const Gazetteer& gazetteer, const analyzers::Folder& folder)
      : gazetteer_(gazetteer), folder_(folder) {}

  [[nodiscard]] std::vector<Partner> find(const std::vector<std::string>& paragraphs) const;

  // Classifies a partner name given in a record ("Ministerie van BZK", "Gemeente Zwolle",
  // "Fietsersbond") the same way.
  [[nodiscard]] Partner classify(const std::string& name) const;

 private:
  struct Found;  // the partners found so far, each once

  void find_ministries(const std::string& folded, Found& found) const;
  void find_places(const std::string& folded, Found& found) const;
  void find_organisations(const std::vector<std::string>& paragraphs, Found& found) const;
  std::vector<std::string> participant_items(std::string_view text) const;
  bool is_known_name(const std::string& folded_item) const;
  Partner ministry_partner(size_t entry) const;

  const Gazetteer& gazetteer_;
  const analyzers::Folder& folder_;
};

}  // namespace dealsearch::indexer
