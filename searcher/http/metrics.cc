// Metrics: counters and histograms under one mutex, printed in Prometheus' text format.
#include "searcher/http/metrics.h"

#include <cstdio>

namespace dealsearch::http {

std::string Metrics::route_of(std::string_view path) {
  for (std::string_view route :
       {"/api/search", "/api/facets", "/api/suggest", "/health", "/metrics"}) {
    if (path == route) {
      return std::string(route);
    }
  }
  if (path.starts_with("/api/deals/")) {
    return "/api/deals/{id}";
  }
  return "other";
}

void Metrics::record(std::string_view path, int status, double seconds) {
  const std::string route = route_of(path);
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  Histogram& histogram = latency_[route];
  for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
    if (seconds <= kBucketsSeconds[i]) {
      ++histogram.buckets[i];
      break;
    }
  }
  ++histogram.count;
  histogram.sum += seconds;
}

std::string Metrics::prometheus_text(size_t index_documents) const {
  std::lock_guard lock(mutex_);
  std::string out =
      "# HELP dealsearch_requests_total HTTP requests by route and status.\n"
      "# TYPE dealsearch_requests_total counter\n";
  char line[256];
  for (const auto& [key, count] : requests_) {
    std::snprintf(line, sizeof line, "dealsearch_requests_total{route=\"%s\",status=\"%d\"} %llu\n",
                  key.first.c_str(), key.second, static_cast<unsigned long long>(count));
    out += line;
  }
  out +=
      "# HELP dealsearch_request_duration_seconds Time to handle a request, by route.\n"
      "# TYPE dealsearch_request_duration_seconds histogram\n";
  for (const auto& [route, histogram] : latency_) {
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
      cumulative += histogram.buckets[i];
      std::snprintf(line, sizeof line,
                    "dealsearch_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n",
                    route.c_str(), kBucketsSeconds[i], static_cast<unsigned long long>(cumulative));
      out += line;
    }
    std::snprintf(line, sizeof line,
                  "dealsearch_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n"
                  "dealsearch_request_duration_seconds_sum{route=\"%s\"} %.6f\n"
                  "dealsearch_request_duration_seconds_count{route=\"%s\"} %llu\n",
                  route.c_str(), static_cast<unsigned long long>(histogram.count), route.c_str(),
                  histogram.sum, route.c_str(), static_cast<unsigned long long>(histogram.count));
    out += line;
  }
  std::snprintf(line, sizeof line,
                "# HELP dealsearch_index_documents Deals in the index.\n"
                "# TYPE dealsearch_index_documents gauge\n"
                "dealsearch_index_documents %zu\n",
                index_documents);
  out += line;
  return out;
}

}  // namespace dealsearch::http
