// FanOut: one task per thread, every thread joined, the first failure rethrown.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace dealsearch::indexer {

// Runs task(0) ... task(count - 1), each on a thread of its own, from the constructor on.
// join() waits for all of them and then rethrows the exception of the lowest-numbered task
// that threw, if any: an exception never escapes while another task still runs, and no thread
// outlives the FanOut (the destructor joins what join() did not). A task that should stop
// early when another fails must be told so by the caller (an atomic flag the tasks check).
//
// Throws std::system_error when a thread cannot be started, after joining those that were.
// One FanOut belongs to the thread that made it; the tasks must be safe to run at once.
class FanOut {
 public:
  FanOut(size_t count, std::function<void(size_t index)> task);
  ~FanOut();
  FanOut(const FanOut&) = delete;
  FanOut& operator=(const FanOut&) = delete;

  // Waits up to `timeout` for every task to finish; true when all have.
  [[nodiscard]] bool wait_for(std::chrono::milliseconds timeout);
  // Waits for every task to finish, then rethrows the first failure.
  void join();

 private:
  void run(size_t index);
  void join_threads();

  std::function<void(size_t)> task_;
  std::vector<std::exception_ptr> failures_;  // one per task, set by its own thread only
  std::mutex mutex_;
  std::condition_variable finished_;
  size_t running_;  // guarded by mutex_
  std::vector<std::thread> threads_;
};

// Runs task(0) ... task(count - 1) on threads of their own and returns when all have
// finished, rethrowing the first failure as FanOut::join() does.
void fan_out(size_t count, const std::function<void(size_t index)>& task);

// Calls item(0) ... item(items - 1), `workers` at a time (at least one, at most `items`), each
// thread taking the next index as it gets done, and returns when all are; the first failure
// is rethrown as fan_out() does (the other threads finish their current item and stop).
void for_each_on_threads(size_t items, size_t workers,
                         const std::function<void(size_t index)>& item);

}  // namespace dealsearch::indexer
