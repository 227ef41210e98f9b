// FanOut: threads started together, joined together, failures kept until all have joined.
#include "indexer/fan_out.h"

#include <algorithm>
#include <atomic>

namespace dealsearch::indexer {

FanOut::FanOut(size_t count, std::function<void(size_t index)> task)
    : task_(std::move(task)), failures_(count), running_(count) {
  threads_.reserve(count);
  try {
    for (size_t index = 0; index < count; ++index) {
      threads_.emplace_back(&FanOut::run, this, index);
    }
  } catch (...) {
    // The threads that did start refer to this object: they must end before it is gone.
    {
      const std::lock_guard lock(mutex_);
      running_ -= count - threads_.size();
    }
    join_threads();
    throw;
  }
}

FanOut::~FanOut() { join_threads(); }

void FanOut::run(size_t index) {
  try {
    task_(index);
  } catch (...) {
    failures_[index] = std::current_exception();
  }
  const std::lock_guard lock(mutex_);
  --running_;
  finished_.notify_all();
}

bool FanOut::wait_for(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return finished_.wait_for(lock, timeout, [this] { return running_ == 0; });
}

void FanOut::join() {
  join_threads();
  for (const std::exception_ptr& failure : failures_) {
    if (failure) {
      std::rethrow_exception(failure);
    }
  }
}

void FanOut::join_threads() {
  for (std::thread& thread : threads_) {
    if (thread.joinable()) {
      thread.join();
    }
  }
}

void fan_out(size_t count, const std::function<void(size_t index)>& task) {
  FanOut(count, task).join();
}

void for_each_on_threads(size_t items, size_t workers,
                         const std::function<void(size_t index)>& item) {
  std::atomic<size_t> next = 0;
  std::atomic<bool> failed = false;
  fan_out(std::clamp<size_t>(workers, 1, std::max<size_t>(items, 1)), [&](size_t) {
    try {
      for (size_t i = next++; i < items && !failed; i = next++) {
        item(i);
      }
    } catch (...) {
      failed = true;
      throw;
    }
  });
}

}  // namespace dealsearch::indexer
