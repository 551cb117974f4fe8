// Invariant checks. They guard the program's own logic, never user input: a failed check is a
// bug, reported with its place and turned into an exception caught at the program's entry.
#pragma once

namespace junction::detail {
[[noreturn]] void assertion_failed(const char* expression, const char* file, int line);
}  // namespace junction::detail

#define JN_CHECK(condition)                                                                 \
  do {                                                                                      \
    if (!(condition)) ::junction::detail::assertion_failed(#condition, __FILE__, __LINE__); \
  } while (false)

#ifdef NDEBUG
#define JN_ASSERT(condition) \
  do {                       \
  } while (false)
#else
#define JN_ASSERT(condition) JN_CHECK(condition)
#endif

#define JN_UNREACHABLE() ::junction::detail::assertion_failed("unreachable", __FILE__, __LINE__)
