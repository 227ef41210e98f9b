// Fuzzes PartnerFinder::find: any text, one paragraph a line (the first line of each half a
// document of its own), to partners, each once, with a name and a known type; and classify()
// of each name found gives a partner of a known type again.
#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/analyzer_data.h"
#include "indexer/gazetteer.h"
#include "indexer/partners.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

constexpr std::array<std::string_view, 10> kTypes = {
    "ministerie",       "gemeente",         "provincie",   "waterschap", "koepelorganisatie",
    "kennisinstelling", "woningcorporatie", "nutsbedrijf", "bedrijf",    "organisatie"};

bool known_type(std::string_view type) {
  return std::find(kTypes.begin(), kTypes.end(), type) != kTypes.end();
}

struct Finder {
  std::shared_ptr<const dealsearch::analyzers::AnalyzerData> data =
      dealsearch::analyzers::AnalyzerData::load({DEALSEARCH_SOURCE_DIR "/analyzers/data"});
  dealsearch::indexer::Gazetteer gazetteer =
      dealsearch::indexer::Gazetteer::load(DEALSEARCH_SOURCE_DIR "/indexer/data", data->folder());
  dealsearch::indexer::PartnerFinder finder{gazetteer, data->folder()};
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using dealsearch::fuzz::check;
  static const Finder finder;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> paragraphs;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end;
    paragraphs.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  const std::vector<dealsearch::indexer::Partner> partners =
      finder.finder.find(paragraphs, {paragraphs.size() / 2});
  std::set<std::string> names;
  for (const dealsearch::indexer::Partner& partner : partners) {
    check(!partner.name.empty(), "a partner has a name");
    check(known_type(partner.type), "a partner has a known type: " + partner.type);
    check((partner.type == "ministerie") == !partner.code.empty(),
          "a ministry, and only a ministry, has a code");
    check(names.insert(partner.name).second, "each partner is found once: " + partner.name);
    check(known_type(finder.finder.classify(partner.name).type),
          "a name found classifies to a known type");
  }
  return 0;
}
