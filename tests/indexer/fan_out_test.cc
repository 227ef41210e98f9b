// FanOut: every task runs on a thread of its own, all are joined, the first failure is rethrown.
#include "indexer/fan_out.h"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>

namespace dealsearch::indexer {
namespace {

using namespace std::chrono_literals;

void wait_until(const std::atomic<bool>& flag) {
  while (!flag) {
    std::this_thread::yield();
  }
}

TEST(FanOut, RunsEveryTaskOnceOnAThreadOfItsOwn) {
  std::array<std::atomic<int>, 6> runs{};
  std::array<std::thread::id, 6> threads;
  fan_out(runs.size(), [&](size_t index) {
    ++runs[index];
    threads[index] = std::this_thread::get_id();
  });
  for (const std::atomic<int>& count : runs) {
    EXPECT_EQ(count, 1);
  }
  const std::set<std::thread::id> distinct(threads.begin(), threads.end());
  EXPECT_EQ(distinct.size(), threads.size());
  EXPECT_EQ(distinct.count(std::this_thread::get_id()), 0u);
}

TEST(FanOut, NoTasksIsNothingToWaitFor) {
  fan_out(0, [](size_t) { ADD_FAILURE() << "no task was asked for"; });
  FanOut none(0, [](size_t) {});
  EXPECT_TRUE(none.wait_for(0ms));
}

TEST(FanOut, AFailureIsRethrownOnlyAfterEveryOtherTaskHasFinished) {
  std::atomic<bool> thrown{false};
  std::array<std::atomic<bool>, 4> finished{};
  EXPECT_THROW(fan_out(finished.size(),
                       [&](size_t index) {
                         if (index == 0) {
                           thrown = true;
                           throw std::runtime_error("kapot");
                         }
                         wait_until(thrown);
                         // Still running when task 0's exception has long been caught.
                         std::this_thread::sleep_for(20ms);
                         finished[index] = true;
                       }),
               std::runtime_error);
  for (size_t index = 1; index < finished.size(); ++index) {
    EXPECT_TRUE(finished[index]) << "task " << index << " was left running";
  }
}

TEST(FanOut, TheLowestNumberedFailureIsTheOneRethrown) {
  try {
    fan_out(4, [](size_t index) {
      if (index == 1 || index == 3) {
        throw std::runtime_error("taak " + std::to_string(index));
      }
    });
    ADD_FAILURE() << "nothing was rethrown";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "taak 1");
  }
}

TEST(FanOut, WaitForTellsWhetherEveryTaskHasFinished) {
  std::atomic<bool> release{false};
  FanOut tasks(2, [&](size_t) { wait_until(release); });
  EXPECT_FALSE(tasks.wait_for(1ms));
  release = true;
  EXPECT_TRUE(tasks.wait_for(1h));
  tasks.join();
}

TEST(FanOut, TheDestructorJoinsWhatJoinDidNot) {
  std::atomic<bool> release{false};
  std::atomic<int> finished{0};
  {
    FanOut tasks(3, [&](size_t) {
      wait_until(release);
      ++finished;
    });
    release = true;
  }
  EXPECT_EQ(finished, 3);
}

}  // namespace
}  // namespace dealsearch::indexer
