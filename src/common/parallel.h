// Deterministic data parallelism for the pure core: independent pieces of one computation run
// on every core, each writing only its own slot, so the result is the same as a loop's.
#pragma once

#include <cstddef>
#include <functional>
#include <thread>

namespace junction {

// Schemas with fewer types than this are composed on one thread: starting threads would cost
// more than it saves.
inline constexpr size_t kParallelMinTypes = 500;

// Runs `work(i)` once for every i in [0, count): on this thread alone, or, when `parallel`, also
// on one more thread per other core. Returns when every call has returned. `work` must not throw.
void for_each_index(size_t count, bool parallel, const std::function<void(size_t)>& work);

// Runs `work` on a thread of its own when `parallel` (the returned thread joins when it goes out
// of scope, or earlier with join()), or right here otherwise (an empty thread is returned).
std::jthread run_beside(bool parallel, std::function<void()> work);

}  // namespace junction
