// to_json: SearchResult -> the API's response shape.
#include "searcher/result_json.h"

#include "analyzers/schema.h"
#include "searcher/html.h"

namespace dealsearch::searcher {
namespace {

using nlohmann::json;

json date_or_null(const std::optional<std::string>& date) { return date ? json(*date) : json(); }

json or_null(const std::string& text) { return text.empty() ? json() : json(text); }

json snippet_source_json(const std::optional<SnippetSource>& source) {
  if (!source) {
    return json();
  }
  return {{"url", or_null(source->url)},
          {"title", source->title},
          {"page", source->page ? json(*source->page) : json()}};
}

json hit_json(const Hit& hit) {
  const schema::StoredDeal& deal = hit.deal;
  json ministries = json::array();
  for (const schema::StoredMinistry& ministry : deal.ministries) {
    ministries.push_back(ministry.code);
  }
  json partners = json::array();
  for (const schema::StoredPartner& partner : deal.partners) {
    partners.push_back({{"name", partner.name}, {"type", partner.type}});
  }
  return {{"id", deal.id},
          {"title", deal.title},
          {"status", deal.status},
          {"signed", date_or_null(deal.signed_on)},
          {"ministries", ministries},
          {"partners", partners},
          {"themes", deal.themes},
          {"url", deal.url},
          {"score", hit.score},
          {"snippet", snippet_html(hit.snippet)},
          {"snippet_source", snippet_source_json(hit.snippet_source)}};
}

json documents_json(const std::vector<schema::StoredDocument>& documents) {
  json out = json::array();
  for (const schema::StoredDocument& document : documents) {
    out.push_back({{"url", or_null(document.url)},
                   {"title", document.title},
                   {"type", document.type},
                   {"pages", document.pages ? json(*document.pages) : json()},
                   {"first_paragraph", document.first_paragraph}});
  }
  return out;
}

}  // namespace

nlohmann::json facets_json(const FacetCounts& facets) {
  nlohmann::json out = nlohmann::json::object();
  for (const schema::Facet& facet : schema::kFacets) {
    const std::string name(facet.name);
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

nlohmann::json to_json(const SearchRequest& request, const SearchResult& result, double took_ms) {
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
                        {"partial", result.index.partial()},
                        {"index", index_json(result.index)}};
  if (result.drop_filter_hint) {
    out["hint"] = {{"drop_filter", *result.drop_filter_hint},
                   {"message", "no deal matches all filters; without " + *result.drop_filter_hint +
                                   " some do"}};
  }
  return out;
}

nlohmann::json index_json(const IndexInfo& index) {
  return {{"revision", index.revision},
          {"documents", index.documents},
          {"shards", {{"total", index.shards.size()}, {"answered", index.shards_answering()}}}};
}

nlohmann::json shards_json(const IndexInfo& index) {
  json shards = json::array();
  for (const ShardState& shard : index.shards) {
    json entry = {{"shard", shard.name}, {"remote", shard.remote}, {"answering", shard.answering}};
    if (!shard.answering) {
      entry["error"] = shard.error;
    }
    shards.push_back(std::move(entry));
  }
  return shards;
}

// The API's own shape, spelled out: it is a contract (openapi.json) that must not move when
// the stored layout does (stored_deal.cc), though today the two agree.
nlohmann::json deal_json(const schema::StoredDeal& deal) {
  json ministries = json::array();
  for (const schema::StoredMinistry& ministry : deal.ministries) {
    ministries.push_back({{"code", ministry.code}, {"name", ministry.name}});
  }
  json partners = json::array();
  for (const schema::StoredPartner& partner : deal.partners) {
    json entry = {{"name", partner.name}, {"type", partner.type}};
    if (!partner.code.empty()) {
      entry["code"] = partner.code;
    }
    partners.push_back(std::move(entry));
  }
  return {{"id", deal.id},
          {"title", deal.title},
          {"status", deal.status},
          {"signed", date_or_null(deal.signed_on)},
          {"started", date_or_null(deal.started_on)},
          {"ended", date_or_null(deal.ended_on)},
          {"year", deal.year},
          {"ministries", ministries},
          {"partners", partners},
          {"themes", deal.themes},
          {"url", deal.url},
          {"source", deal.source},
          {"documents", documents_json(deal.documents)},
          {"paragraphs", deal.paragraphs}};
}

}  // namespace dealsearch::searcher
