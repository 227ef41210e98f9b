// Deal ids: the id a record's deal gets, and which record is indexed when several share one.
#pragma once

#include <string>
#include <string_view>

#include "analyzers/folding.h"
#include "indexer/deal_record.h"

namespace dealsearch::indexer {

// "Fietsen voor iedereen" -> "fietsen-voor-iedereen"; "‘s-Hertogenbosch" -> "s-hertogenbosch".
// At most kMaxIdBytes, cut after a whole word where there is one.
[[nodiscard]] std::string slug(std::string_view title, const analyzers::Folder& folder);

// The id of the deal a record becomes: its given "id", else the slug of its title. Two
// records with one id are one deal (see last_of_each_id).
[[nodiscard]] std::string deal_id(const DealRecord& record, const analyzers::Folder& folder);

}  // namespace dealsearch::indexer
