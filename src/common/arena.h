// A bump allocator for trivially destructible objects that all die together (AST nodes,
// strings cooked from a source).
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <string_view>
#include <type_traits>
#include <vector>

namespace junction {

class Arena {
 public:
  explicit Arena(size_t first_block_bytes = 4096) : next_block_bytes_(first_block_bytes) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  Arena(Arena&&) noexcept = default;
  Arena& operator=(Arena&&) noexcept = default;
  ~Arena() = default;

  void* allocate(size_t bytes, size_t alignment) {
    size_t padding = cursor_ == nullptr ? 0 : padding_for(cursor_, alignment);
    if (cursor_ == nullptr || padding + bytes > static_cast<size_t>(end_ - cursor_)) {
      grow(bytes + alignment);
      padding = padding_for(cursor_, alignment);
    }
    char* result = cursor_ + padding;
    cursor_ = result + bytes;
    return result;
  }

  template <class T, class... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects are never destroyed");
    return new (allocate(sizeof(T), alignof(T))) T{std::forward<Args>(args)...};
  }

  // Copies `items` into the arena; the span stays valid as long as the arena.
  template <class T>
  std::span<const T> copy(std::span<const T> items) {
    static_assert(std::is_trivially_copyable_v<T>);
    if (items.empty()) return {};
    auto* out = static_cast<T*>(allocate(sizeof(T) * items.size(), alignof(T)));
    std::memcpy(out, items.data(), sizeof(T) * items.size());
    return {out, items.size()};
  }
  template <class T>
  std::span<const T> copy(const std::vector<T>& items) {
    return copy(std::span<const T>(items));
  }

  std::string_view copy(std::string_view text) {
    if (text.empty()) return {};
    auto* out = static_cast<char*>(allocate(text.size(), 1));
    std::memcpy(out, text.data(), text.size());
    return {out, text.size()};
  }

  // Bytes handed out so far, across blocks (for tests and metrics).
  [[nodiscard]] size_t bytes_reserved() const { return reserved_; }

 private:
  void grow(size_t at_least);
  static size_t padding_for(const char* pointer, size_t alignment) {
    auto address = reinterpret_cast<uintptr_t>(pointer);
    return (alignment - (address & (alignment - 1))) & (alignment - 1);
  }

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cursor_ = nullptr;
  char* end_ = nullptr;
  size_t next_block_bytes_;
  size_t reserved_ = 0;
};

}  // namespace junction
