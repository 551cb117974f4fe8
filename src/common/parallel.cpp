#include "common/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace junction {

void for_each_index(size_t count, bool parallel, const std::function<void(size_t)>& work) {
  size_t threads = parallel ? std::min<size_t>(count, std::max(1U, std::thread::hardware_concurrency())) : 1;
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) work(i);
  };
  std::vector<std::jthread> helpers;
  for (size_t t = 1; t < threads; ++t) helpers.emplace_back(run);
  run();
}

std::jthread run_beside(bool parallel, std::function<void()> work) {
  if (parallel) return std::jthread(std::move(work));
  work();
  return {};
}

}  // namespace junction
