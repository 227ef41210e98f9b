// The JSON of a search result, as the HTTP API and `dealsearch search --json` return it.
#pragma once

#include <nlohmann/json.hpp>

#include "searcher/search.h"

namespace dealsearch::searcher {

// {"query", "total", "page", "size", "took_ms", "relaxed", "corrected", "suggestion",
//  "hits": [{"id", "title", "status", "signed", "ministries": [codes], "partners":
//  [{"name", "type"}], "themes", "url", "score", "snippet", "snippet_source": {"url" (or
//  null), "title", "page" (a PDF's, 1-based, or null)} or null}], "facets": {name: [{"value",
//  "count"} and "label" for ministries]}, "partial" (some shard did not answer: these are the
//  others' results), "index": index_json(), "hint"?}
[[nodiscard]] nlohmann::json to_json(const SearchRequest& request, const SearchResult& result,
                                     double took_ms);

// {"revision", "documents", "shards": {"total", "answered"}}: the index a response comes from.
[[nodiscard]] nlohmann::json index_json(const IndexInfo& index);
// [{"shard" (a directory, or "host:port"), "remote", "answering", "error" (when not)}], in
// the stub's order: what /health says of each shard.
[[nodiscard]] nlohmann::json shards_json(const IndexInfo& index);

[[nodiscard]] nlohmann::json facets_json(const FacetCounts& facets);

// The whole deal, as /api/deals/{id} returns it: {"id", "title", "status", "signed",
// "started", "ended" (ISO dates or null), "year", "ministries": [{"code", "name"}],
// "partners": [{"name", "type", "code"?}], "themes", "url", "source", "documents": [{"url"
// (or null), "title", "type" ("text", "jsonl", "html", "pdf"), "pages" (a PDF's, or null),
// "first_paragraph"}], "paragraphs"}.
[[nodiscard]] nlohmann::json deal_json(const schema::StoredDeal& deal);

}  // namespace dealsearch::searcher
