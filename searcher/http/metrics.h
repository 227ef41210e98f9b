// Metrics: request counts and latencies by route, in Prometheus' text format.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace dealsearch::http {

// Counts requests by route and status and keeps a latency histogram per route. Thread-safe.
class Metrics {
 public:
  // `path` is reduced to its route ("/api/deals/x" -> "/api/deals/{id}").
  void record(std::string_view path, int status, double seconds);
  // The exposition text, with the index's document count as a gauge.
  [[nodiscard]] std::string prometheus_text(size_t index_documents) const;

  static constexpr std::array<double, 10> kBucketsSeconds = {0.0005, 0.001, 0.0025, 0.005, 0.01,
                                                             0.025,  0.05,  0.1,    0.25,  1.0};

 private:
  struct Histogram {
    std::array<uint64_t, kBucketsSeconds.size()> buckets{};  // cumulative when printed
    uint64_t count = 0;
    double sum = 0;
  };
  static std::string route_of(std::string_view path);

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
};

}  // namespace dealsearch::http
