#include "common/arena.h"

#include <algorithm>

namespace junction {

void Arena::grow(size_t at_least) {
  size_t size = std::max(next_block_bytes_, at_least);
  blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
  cursor_ = blocks_.back().get();
  end_ = cursor_ + size;
  reserved_ += size;
  next_block_bytes_ = std::min<size_t>(next_block_bytes_ * 2, size_t{1} << 20);
}

}  // namespace junction
