// Deal ids: slugs of titles, and the last record of each id.
#include "indexer/deal_ids.h"

#include "indexer/paragraphs.h"

namespace dealsearch::indexer {

std::string slug(std::string_view title, const analyzers::Folder& folder) {
  const std::string folded = folder.fold(title);
  std::string out;
  for (const char c : folded) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (keep) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  if (out.size() > kMaxIdBytes) {
    // A long title gives an id of its first words; the slug is ASCII, so any cut is safe.
    const size_t last_dash = out.rfind('-', kMaxIdBytes);
    out.resize(last_dash == std::string::npos || last_dash == 0 ? kMaxIdBytes : last_dash);
  }
  while (!out.empty() && out.back() == '-') {
    out.pop_back();
  }
  return out.empty() ? "deal" : out;
}

std::string deal_id(const DealRecord& record, const analyzers::Folder& folder) {
  return record.id.empty() ? slug(trim(record.title), folder) : record.id;
}

}  // namespace dealsearch::indexer
