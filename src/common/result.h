// Result<T>: a value or the diagnostics that explain why there is none.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace junction {

// A 1-based line and column in a source, as GraphQL reports them (columns count UTF-16 code
// units, like graphql-js).
struct SourceLocation {
  uint32_t line = 0;
  uint32_t column = 0;
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

// One problem, with the places in the source it concerns.
struct Diagnostic {
  std::string message;
  std::vector<SourceLocation> locations;
  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

// Why an operation failed: one or more diagnostics.
struct Error {
  std::vector<Diagnostic> diagnostics;

  Error() = default;
  explicit Error(std::string message) { diagnostics.push_back({std::move(message), {}}); }
  explicit Error(Diagnostic diagnostic) { diagnostics.push_back(std::move(diagnostic)); }
  explicit Error(std::vector<Diagnostic> list) : diagnostics(std::move(list)) {}

  // The first diagnostic's message; what a one-line report prints.
  [[nodiscard]] const std::string& message() const { return diagnostics.front().message; }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  [[nodiscard]] bool ok() const { return state_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(state_); }
  const T& value() const& { return std::get<0>(state_); }
  T&& value() && { return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& { return std::get<1>(state_); }
  Error&& error() && { return std::get<1>(std::move(state_)); }

 private:
  std::variant<T, Error> state_;
};

// Result<void>: success or an error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT: implicit by design

  [[nodiscard]] bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  [[nodiscard]] const Error& error() const { return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

}  // namespace junction
