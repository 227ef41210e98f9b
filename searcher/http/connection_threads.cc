// ConnectionThreads: a thread for each waiting task while there are fewer than the maximum.
#include "searcher/http/connection_threads.h"

#include <algorithm>

namespace dealsearch::http {

ConnectionThreads::ConnectionThreads(size_t min_threads, size_t max_threads,
                                     std::chrono::milliseconds idle_timeout)
    : min_threads_(min_threads),
      max_threads_(std::max<size_t>({1, min_threads, max_threads})),
      idle_timeout_(idle_timeout) {}

ConnectionThreads::~ConnectionThreads() { shutdown(); }

void ConnectionThreads::enqueue(std::function<void()> task) {
  {
    const std::lock_guard lock(mutex_);
    join_retired();
    tasks_.push_back(std::move(task));
    if (idle_ < tasks_.size() && threads_.size() < max_threads_) {
      threads_.emplace_back([this] { work(); });
    }
  }
  work_arrived_.notify_one();
}

void ConnectionThreads::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    ++idle_;
    const bool woken = work_arrived_.wait_for(lock, idle_timeout_,
                                              [&] { return shutting_down_ || !tasks_.empty(); });
    --idle_;
    if (tasks_.empty()) {
      if (shutting_down_) {
        return;
      }
      if (!woken && threads_.size() - retired_.size() > min_threads_) {
        retired_.push_back(std::this_thread::get_id());  // joined by the next enqueue()
        return;
      }
      continue;
    }
    std::function<void()> task = std::move(tasks_.front());
    tasks_.pop_front();
    lock.unlock();
    task();
    lock.lock();
  }
}

void ConnectionThreads::join_retired() {
  for (const std::thread::id id : retired_) {
    const auto thread = std::find_if(threads_.begin(), threads_.end(),
                                     [&](const std::thread& t) { return t.get_id() == id; });
    if (thread != threads_.end()) {
      thread->join();  // it has given up the lock for good: this is its last instant
      threads_.erase(thread);
    }
  }
  retired_.clear();
}

void ConnectionThreads::shutdown() {
  std::list<std::thread> threads;
  {
    const std::lock_guard lock(mutex_);
    shutting_down_ = true;
    threads.swap(threads_);
    retired_.clear();
  }
  work_arrived_.notify_all();
  for (std::thread& thread : threads) {
    if (thread.joinable()) {
      thread.join();
    }
  }
}

}  // namespace dealsearch::http
