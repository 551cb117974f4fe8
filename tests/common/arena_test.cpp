#include "common/arena.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace junction {

struct Pod {
  int a = 0;
  double b = 0;
};

TEST(ArenaTest, AllocatesAlignedObjectsAcrossBlocks) {
  Arena arena(64);
  std::vector<Pod*> pods;
  for (int i = 0; i < 1000; ++i) {
    Pod* pod = arena.make<Pod>(i, i * 0.5);
    ASSERT_EQ(reinterpret_cast<uintptr_t>(pod) % alignof(Pod), 0u);
    pods.push_back(pod);
  }
  for (int i = 0; i < 1000; ++i) EXPECT_EQ(pods[i]->a, i);
  EXPECT_GE(arena.bytes_reserved(), 1000 * sizeof(Pod));
}

TEST(ArenaTest, CopiesStringsAndSpans) {
  Arena arena;
  std::string text = "hello";
  std::string_view copy = arena.copy(std::string_view(text));
  text[0] = 'j';
  EXPECT_EQ(copy, "hello");
  std::vector<int> items{1, 2, 3};
  auto span = arena.copy(items);
  items.clear();
  EXPECT_EQ(span.size(), 3u);
  EXPECT_EQ(span[2], 3);
}

}  // namespace junction
