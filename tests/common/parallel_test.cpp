#include "common/parallel.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

namespace junction {

TEST(ParallelTest, EveryIndexRunsOnceAndWritesItsSlot) {
  for (bool parallel : {false, true}) {
    std::vector<int> slots(1000, 0);
    std::atomic<int> calls{0};
    for_each_index(slots.size(), parallel, [&](size_t i) {
      slots[i] += static_cast<int>(i) + 1;
      ++calls;
    });
    EXPECT_EQ(calls.load(), 1000);
    for (size_t i = 0; i < slots.size(); ++i) ASSERT_EQ(slots[i], static_cast<int>(i) + 1) << i;
  }
}

TEST(ParallelTest, UsesOtherThreadsOnlyWhenParallel) {
  auto threads_used = [](bool parallel) {
    std::mutex mutex;
    std::set<std::thread::id> ids;
    for_each_index(64, parallel, [&](size_t) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      std::lock_guard lock(mutex);
      ids.insert(std::this_thread::get_id());
    });
    return ids;
  };
  auto serial = threads_used(false);
  ASSERT_EQ(serial.size(), 1U);
  EXPECT_EQ(*serial.begin(), std::this_thread::get_id());
  size_t cores = std::max(1U, std::thread::hardware_concurrency());
  EXPECT_EQ(threads_used(true).size() > 1, cores > 1);
}

TEST(ParallelTest, NothingToDo) {
  int calls = 0;
  for_each_index(0, true, [&](size_t) { ++calls; });
  EXPECT_EQ(calls, 0);
}

}  // namespace junction
