// Politeness towards each site, shared by the crawl's threads: a few requests to one host at a
// time, and a pause between the starts of two requests to it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

namespace dealsearch::indexer {

struct ThrottleOptions {
  // The most requests to one host at the same time. Default: 2.
  int max_per_host = 2;
  // The least time between the starts of two requests to one host (--crawl-delay), unless
  // set_delay gave that host a longer one. Default: 0 (only max_per_host limits).
  std::chrono::milliseconds delay{0};
};

// Hands out leases, one per request: acquire(host) waits until the host has fewer than
// max_per_host leases out and its delay has passed since the last lease started, then
// returns a lease that lets the next request go when it is destroyed. Hosts are keys the
// caller chooses ("agendastad.nl"); they compare case-insensitively, and "www.x.nl" and "x.nl"
// are two hosts unless the caller passes one key for both.
//
// Thread-safe: any number of threads may acquire and release at once; waiting threads are
// woken as leases end, not in any guaranteed order. The throttle must outlive its leases.
// Throws nothing but std::bad_alloc and std::system_error (from the mutex).
class HostThrottle {
 public:
  // The right to make one request to one host, until it is destroyed or moved from.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();

   private:
    friend class HostThrottle;
    Lease(HostThrottle* throttle, std::string host);
    void release();

    HostThrottle* throttle_ = nullptr;  // null once released or moved from
    std::string host_;
  };

  explicit HostThrottle(ThrottleOptions options);

  // Blocks until a request to `host` may start, then returns its lease.
  [[nodiscard]] Lease acquire(std::string_view host);

  // Gives `host` a delay of its own: the larger of `delay` and the default delay is used from
  // the next acquire on. For robots.txt's Crawl-delay.
  void set_delay(std::string_view host, std::chrono::milliseconds delay);

  // How many leases on `host` are out now (for diagnostics and tests; it may change as soon
  // as it is returned).
  [[nodiscard]] int leases_out(std::string_view host) const;

 private:
  struct HostState {
    int active = 0;
    std::chrono::steady_clock::time_point next_start;  // the earliest the next may start
    std::chrono::milliseconds delay{0};
  };

  void release(const std::string& host);

  const ThrottleOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, HostState> hosts_;  // guarded by mutex_
};

}  // namespace dealsearch::indexer
