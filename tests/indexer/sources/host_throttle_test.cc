// HostThrottle from several threads at once: never more than the limit per host, and never two
// starts closer than the delay. No assertion on how fast anything is.
#include "indexer/sources/host_throttle.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

namespace dealsearch::indexer {
namespace {

using std::chrono::milliseconds;

// Counts the leases out per host and the most there ever were.
class Occupancy {
 public:
  void enter() {
    const int now = ++current_;
    int seen = most_.load();
    while (now > seen && !most_.compare_exchange_weak(seen, now)) {
    }
  }
  void leave() { --current_; }
  int most() const { return most_.load(); }

 private:
  std::atomic<int> current_{0};
  std::atomic<int> most_{0};
};

TEST(HostThrottle, NeverLetsMoreThanTheLimitIntoOneHost) {
  HostThrottle throttle(ThrottleOptions{});  // 2 per host, no delay
  Occupancy agendastad, rijksoverheid;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const bool first = (t + i) % 2 == 0;
        // The host's name in another case is the same host.
        HostThrottle::Lease lease = throttle.acquire(
            first ? (t % 3 == 0 ? "AgendaStad.nl" : "agendastad.nl") : "rijksoverheid.nl");
        Occupancy& host = first ? agendastad : rijksoverheid;
        host.enter();
        std::this_thread::sleep_for(std::chrono::microseconds(200));
        host.leave();
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_LE(agendastad.most(), 2);
  EXPECT_LE(rijksoverheid.most(), 2);
  EXPECT_GE(agendastad.most(), 1);
}

TEST(HostThrottle, AMovedLeaseIsReleasedOnce) {
  HostThrottle throttle(ThrottleOptions{});
  {
    HostThrottle::Lease first = throttle.acquire("agendastad.nl");
    HostThrottle::Lease moved = std::move(first);
    EXPECT_EQ(throttle.leases_out("agendastad.nl"), 1);
    HostThrottle::Lease other = throttle.acquire("rijksoverheid.nl");
    other = std::move(moved);  // gives back rijksoverheid.nl's lease, keeps agendastad.nl's
    EXPECT_EQ(throttle.leases_out("rijksoverheid.nl"), 0);
    EXPECT_EQ(throttle.leases_out("AGENDASTAD.NL"), 1);
  }
  EXPECT_EQ(throttle.leases_out("agendastad.nl"), 0);
  EXPECT_EQ(throttle.leases_out("nooit-gezien.nl"), 0);
}

TEST(HostThrottle, SpacesTheStartsOfRequestsToOneHost) {
  ThrottleOptions options;
  options.delay = milliseconds(20);  // --crawl-delay
  HostThrottle throttle(options);
  throttle.set_delay("agendastad.nl", milliseconds(40));    // robots.txt's Crawl-delay
  throttle.set_delay("rijksoverheid.nl", milliseconds(1));  // shorter than --crawl-delay
  std::atomic<std::chrono::steady_clock::rep> agendastad_last{0}, rijksoverheid_last{0};
  const auto before = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const bool first = t % 2 == 0;
      for (int i = 0; i < 3; ++i) {
        HostThrottle::Lease lease = throttle.acquire(first ? "agendastad.nl" : "rijksoverheid.nl");
        const auto now = std::chrono::steady_clock::now().time_since_epoch().count();
        std::atomic<std::chrono::steady_clock::rep>& last =
            first ? agendastad_last : rijksoverheid_last;
        auto seen = last.load();
        while (now > seen && !last.compare_exchange_weak(seen, now)) {
        }
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  // A bound the throttle guarantees, not a speed: six leases on one host start no sooner than
  // five delays after the first could, so the last of them was taken at least that late.
  const auto since_before = [&](std::chrono::steady_clock::rep last) {
    return std::chrono::steady_clock::time_point(std::chrono::steady_clock::duration(last)) -
           before;
  };
  EXPECT_GE(since_before(agendastad_last.load()), 5 * milliseconds(40));
  EXPECT_GE(since_before(rijksoverheid_last.load()), 5 * milliseconds(20));
}

}  // namespace
}  // namespace dealsearch::indexer
