// HostThrottle: one mutex, one condition variable, and per host a count and a time.
#include "indexer/sources/host_throttle.h"

#include <algorithm>
#include <cassert>
#include <utility>

namespace dealsearch::indexer {
namespace {

std::string host_key(std::string_view host) {
  std::string key(host);
  std::transform(key.begin(), key.end(), key.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return key;
}

}  // namespace

HostThrottle::Lease::Lease(HostThrottle* throttle, std::string host)
    : throttle_(throttle), host_(std::move(host)) {}

HostThrottle::Lease::Lease(Lease&& other) noexcept
    : throttle_(std::exchange(other.throttle_, nullptr)), host_(std::move(other.host_)) {}

HostThrottle::Lease& HostThrottle::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    release();
    throttle_ = std::exchange(other.throttle_, nullptr);
    host_ = std::move(other.host_);
  }
  return *this;
}

HostThrottle::Lease::~Lease() { release(); }

void HostThrottle::Lease::release() {
  if (throttle_ != nullptr) {
    std::exchange(throttle_, nullptr)->release(host_);
  }
}

HostThrottle::HostThrottle(ThrottleOptions options) : options_(options) {
  assert(options_.max_per_host > 0);
}

HostThrottle::Lease HostThrottle::acquire(std::string_view host) {
  std::string key = host_key(host);
  std::unique_lock lock(mutex_);
  for (;;) {
    HostState& state = hosts_[key];  // std::map: the reference survives other hosts' inserts
    const auto now = std::chrono::steady_clock::now();
    if (state.active < options_.max_per_host && now >= state.next_start) {
      ++state.active;
      state.next_start = now + std::max(options_.delay, state.delay);
      return Lease(this, std::move(key));
    }
    if (state.active >= options_.max_per_host) {
      changed_.wait(lock);
    } else {
      changed_.wait_until(lock, state.next_start);
    }
  }
}

void HostThrottle::set_delay(std::string_view host, std::chrono::milliseconds delay) {
  const std::lock_guard lock(mutex_);
  hosts_[host_key(host)].delay = delay;
}

int HostThrottle::leases_out(std::string_view host) const {
  const std::lock_guard lock(mutex_);
  const auto found = hosts_.find(host_key(host));
  return found == hosts_.end() ? 0 : found->second.active;
}

void HostThrottle::release(const std::string& host) {
  {
    const std::lock_guard lock(mutex_);
    --hosts_[host].active;
  }
  // One condition variable for all hosts: every waiter looks again at its own host.
  changed_.notify_all();
}

}  // namespace dealsearch::indexer
