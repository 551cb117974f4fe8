// Metrics for Prometheus: counters, histograms and computed gauges in a registry that renders
// the text exposition format (version 0.0.4). Recording is lock-free (atomics); creating a
// metric and rendering take the registry's lock, so create metrics up front, keep the
// reference (it stays valid for the registry's life) and record on the hot path.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace junction::observe {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  void add(uint64_t amount = 1) { value_.fetch_add(amount, std::memory_order_relaxed); }
  [[nodiscard]] uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// Observations in seconds, counted into fixed buckets (upper bounds, ascending).
class Histogram {
 public:
  explicit Histogram(std::span<const double> bounds);
  void observe(double seconds);

  struct Snapshot {
    std::vector<double> bounds;
    std::vector<uint64_t> cumulative;  // per bound, then +Inf
    double sum = 0;
    uint64_t count = 0;
    // The q-quantile (0 < q < 1) interpolated inside its bucket, as Prometheus's
    // histogram_quantile does; 0 without observations.
    [[nodiscard]] double quantile(double q) const;
  };
  [[nodiscard]] Snapshot snapshot() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // per bucket (not cumulative), then +Inf
  std::atomic<uint64_t> sum_nanos_{0};
};

// Request latencies from 1 ms to 10 s.
std::span<const double> latency_buckets();

class Registry {
 public:
  Registry();
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // The metric with this name and labels, created on first use. A name keeps the kind and
  // help it was first registered with.
  Counter& counter(const std::string& name, const std::string& help, const Labels& labels = {});
  Histogram& histogram(const std::string& name, const std::string& help, const Labels& labels = {},
                       std::span<const double> bounds = latency_buckets());
  // A gauge read when the registry renders.
  void gauge(const std::string& name, const std::string& help, std::function<double()> read);

  [[nodiscard]] std::string render() const;

 private:
  struct Family;
  Family& family(const std::string& name, const std::string& help, int kind);
  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<Family>> families_;
};

}  // namespace junction::observe
