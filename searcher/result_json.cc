// to_json: SearchResult -> the API's response shape.
#include "searcher/result_json.h"

namespace dealsearch::searcher {
namespace {

nlohmann::json hit_json(const Hit& hit) {
  const nlohmann::json& deal = hit.deal;
  nlohmann::json ministries = nlohmann::json::array();
  for (const auto& ministry : deal.value("ministries", nlohmann::json::array())) {
    ministries.push_back(ministry.value("code", ""));
  }
  nlohmann::json partners = nlohmann::json::array();
  for (const auto& partner : deal.value("partners", nlohmann::json::array())) {
    partners.push_back({{"name", partner.value("name", "")}, {"type", partner.value("type", "")}});
  }
  return {{"id", deal.value("id", "")},
          {"title", deal.value("title", "")},
          {"status", deal.value("status", "")},
          {"signed", deal.contains("signed") ? deal["signed"] : nlohmann::json(nullptr)},
          {"ministries", ministries},
          {"partners", partners},
          {"themes", deal.value("themes", nlohmann::json::array())},
          {"url", deal.value("url", "")},
          {"score", hit.score},
          {"snippet", hit.snippet}};
}

}  // namespace

nlohmann::json facets_json(const std::map<std::string, std::vector<FacetValue>>& facets) {
  nlohmann::json out = nlohmann::json::object();
  for (const std::string& name : kFacetNames) {
    nlohmann::json values = nlohmann::json::array();
    if (const auto found = facets.find(name); found != facets.end()) {
      for (const FacetValue& value : found->second) {
        nlohmann::json entry = {{"value", value.value}, {"count", value.count}};
        if (name == "ministry") {
          entry["label"] = value.label;
        }
        values.push_back(std::move(entry));
      }
    }
    out[name] = std::move(values);
  }
  return out;
}

nlohmann::json to_json(const SearchRequest& request, const SearchResult& result,
                       const IndexInfo& index, double took_ms) {
  nlohmann::json hits = nlohmann::json::array();
  for (const Hit& hit : result.hits) {
    hits.push_back(hit_json(hit));
  }
  nlohmann::json out = {{"query", request.query},
                        {"total", result.total},
                        {"page", request.page},
                        {"size", request.size},
                        {"took_ms", took_ms},
                        {"relaxed", result.relaxed},
                        {"corrected", result.corrected},
                        {"suggestion", result.suggestion ? nlohmann::json(*result.suggestion)
                                                         : nlohmann::json(nullptr)},
                        {"hits", hits},
                        {"facets", facets_json(result.facets)},
                        {"index", {{"revision", index.revision}, {"documents", index.documents}}}};
  if (result.drop_filter_hint) {
    out["hint"] = {{"drop_filter", *result.drop_filter_hint},
                   {"message", "no deal matches all filters; without " + *result.drop_filter_hint +
                                   " some do"}};
  }
  return out;
}

}  // namespace dealsearch::searcher
