// Deal: everything the index stores about one deal, after extraction.
#pragma once

#include <string>
#include <vector>

#include "analyzers/stored_deal.h"
#include "indexer/dates.h"
#include "indexer/deal_record.h"

namespace dealsearch::indexer {

struct Deal {
  std::string id;      // "fietsen-voor-iedereen"
  std::string title;   // "Fietsen voor iedereen"
  std::string status;  // "in uitvoering", "afgerond", or as written; "" if unknown
  DealDates dates;
  std::vector<Partner> partners;  // ministries, municipalities, provinces, organisations
  std::vector<std::string> themes;
  std::string url;
  std::vector<std::string> paragraphs;
  std::vector<SourceDocument> documents;       // as DealRecord's
  std::vector<uint32_t> paragraph_pages;       // as DealRecord's
  std::vector<schema::PageBreak> page_breaks;  // as DealRecord's
  SourceLocation source;

  // The date that places the deal in time: signed, else started, else ended; "" if none.
  std::string date() const {
    return dates.signed_on.value_or(dates.started_on.value_or(dates.ended_on.value_or("")));
  }
  // "2023" from date(); "" if none.
  std::string year() const { return date().substr(0, 4); }
};

}  // namespace dealsearch::indexer
