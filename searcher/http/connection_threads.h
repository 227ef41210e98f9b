// ConnectionThreads: cpp-httplib's task queue, one thread a connection, grown on demand.
#pragma once

#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <list>
#include <mutex>
#include <thread>
#include <vector>

namespace dealsearch::http {

// cpp-httplib serves a connection on one task from accept to close, keep-alive included. With
// a fixed pool of N threads, N clients that keep a connection open and idle, or send their
// request one byte at a time, would stop every other client. This queue runs each task on a
// free thread, starting a new one when none is free, up to `max_threads` (the most connections
// served at once); beyond that, tasks wait in line. Threads beyond `min_threads` end after
// `idle_timeout` without work. The searches themselves are bounded elsewhere (SearcherPool):
// threads here mostly wait on sockets.
//
// Thread-safe: enqueue() is called by the server's accepting thread, the tasks run on this
// queue's threads, shutdown() from any thread; all shared state is under mutex_.
class ConnectionThreads : public httplib::TaskQueue {
 public:
  ConnectionThreads(size_t min_threads, size_t max_threads,
                    std::chrono::milliseconds idle_timeout = std::chrono::seconds(30));
  ~ConnectionThreads() override;
  ConnectionThreads(const ConnectionThreads&) = delete;
  ConnectionThreads& operator=(const ConnectionThreads&) = delete;

  void enqueue(std::function<void()> task) override;
  // Runs what is queued, then ends every thread; returns when they have ended.
  void shutdown() override;

 private:
  void work();
  void join_retired();  // with mutex_ held

  const size_t min_threads_;
  const size_t max_threads_;
  const std::chrono::milliseconds idle_timeout_;
  std::mutex mutex_;
  std::condition_variable work_arrived_;
  std::deque<std::function<void()>> tasks_;
  std::list<std::thread> threads_;
  std::vector<std::thread::id> retired_;  // ended for idleness, to be joined
  size_t idle_ = 0;
  bool shutting_down_ = false;
};

}  // namespace dealsearch::http
