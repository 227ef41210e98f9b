// DealBuilder: DealRecord -> Deal (extracted metadata) -> Xapian::Document (the schema).
#pragma once

#include <xapian.h>

#include <memory>
#include <string>

#include "analyzers/analyzer.h"
#include "indexer/deal.h"
#include "indexer/gazetteer.h"
#include "indexer/partners.h"
#include "indexer/themes.h"

namespace dealsearch::indexer {

// A deal with its Xapian document, ready to add.
struct BuiltDeal {
  Deal deal;
  Xapian::Document document;
};

// Turns a record into a deal (metadata extracted from its text) and the deal into a Xapian
// document laid out as analyzers/schema.h says, analysing the text once. Given metadata wins
// over extracted metadata: a record's status, signing date, partners and themes replace what
// the text would give.
//
// build() throws dealsearch::Error (kLibrary) should Xapian refuse the document.
//
// Not thread-safe (it owns an Analyzer): use one DealBuilder per indexing thread. The
// Gazetteer must outlive it.
class DealBuilder {
 public:
  DealBuilder(std::shared_ptr<const analyzers::AnalyzerData> analyzer_data,
              const Gazetteer& gazetteer, const std::filesystem::path& themes_file);

  [[nodiscard]] BuiltDeal build(const DealRecord& record);

  const analyzers::Analyzer& analyzer() const { return analyzer_; }
  const std::shared_ptr<const analyzers::AnalyzerData>& analyzer_data() const { return data_; }
  const Gazetteer& gazetteer() const { return gazetteer_; }
  const ThemeMatcher& themes() const { return themes_; }

 private:
  Deal extract_metadata(const DealRecord& record) const;
  void add_text(std::string_view text, Xapian::termpos& position, Xapian::termcount weight,
                BuiltDeal& built, std::vector<analyzers::Token>& all_tokens);
  void add_boolean_terms(const Deal& deal, Xapian::Document& doc) const;

  std::shared_ptr<const analyzers::AnalyzerData> data_;
  const Gazetteer& gazetteer_;
  analyzers::Analyzer analyzer_;
  PartnerFinder partners_;
  ThemeMatcher themes_;
};

// "In uitvoering" -> "in uitvoering", "Afgerond." -> "afgerond", "Lopend" -> "in uitvoering";
// any other value folded as written.
[[nodiscard]] std::string normalise_status(std::string_view status,
                                           const analyzers::Folder& folder);

}  // namespace dealsearch::indexer
