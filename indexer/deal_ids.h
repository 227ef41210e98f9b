// Deal ids: the id a record's deal gets, and which record is indexed when several share one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/folding.h"
#include "indexer/deal_record.h"
#include "indexer/diagnostic.h"

namespace dealsearch::indexer {

// "Fietsen voor iedereen" -> "fietsen-voor-iedereen"; "‘s-Hertogenbosch" -> "s-hertogenbosch".
// At most kMaxIdBytes, cut after a whole word where there is one.
[[nodiscard]] std::string slug(std::string_view title, const analyzers::Folder& folder);

// The id of the deal a record becomes: its given "id", else the slug of its title. Two
// records with one id are one deal (see last_of_each_id).
[[nodiscard]] std::string deal_id(const DealRecord& record, const analyzers::Folder& folder);

// The records to index when several share an id: the last of each, in input order, whether
// the others stand earlier in its file or in another file. Each record dropped gives a warning
// naming both places. The pointers point into `records`.
[[nodiscard]] std::vector<const DealRecord*> last_of_each_id(const std::vector<DealRecord>& records,
                                                             const analyzers::Folder& folder,
                                                             std::vector<Diagnostic>& warnings);

}  // namespace dealsearch::indexer
