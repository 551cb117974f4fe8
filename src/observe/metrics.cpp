#include "observe/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace junction::observe {

namespace {

constexpr int kCounter = 0;
constexpr int kHistogram = 1;
constexpr int kGauge = 2;

constexpr double kLatencyBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

std::string escape_label(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_labels(const Labels& labels, const std::string& extra = {}) {
  std::string out;
  for (const auto& [name, value] : labels) {
    out += (out.empty() ? "" : ",") + name + "=\"" + escape_label(value) + "\"";
  }
  if (!extra.empty()) out += (out.empty() ? "" : ",") + extra;
  return out.empty() ? "" : "{" + out + "}";
}

std::string format_number(double value) {
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == std::floor(value) && std::fabs(value) < 1e15) return std::to_string(static_cast<int64_t>(value));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

}  // namespace

Histogram::Histogram(std::span<const double> bounds)
    : bounds_(bounds.begin(), bounds.end()), counts_(new std::atomic<uint64_t>[bounds.size() + 1]) {
  for (size_t index = 0; index <= bounds_.size(); ++index) counts_[index].store(0);
}

void Histogram::observe(double seconds) {
  size_t bucket = static_cast<size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), seconds) - bounds_.begin());
  counts_[bucket].fetch_add(1, std::memory_order_relaxed);
  double nanos = std::max(0.0, seconds) * 1e9;
  sum_nanos_.fetch_add(static_cast<uint64_t>(nanos), std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot snapshot;
  snapshot.bounds = bounds_;
  uint64_t running = 0;
  for (size_t index = 0; index <= bounds_.size(); ++index) {
    running += counts_[index].load(std::memory_order_relaxed);
    snapshot.cumulative.push_back(running);
  }
  snapshot.count = running;
  snapshot.sum = static_cast<double>(sum_nanos_.load(std::memory_order_relaxed)) / 1e9;
  return snapshot;
}

double Histogram::Snapshot::quantile(double q) const {
  if (count == 0) return 0;
  double rank = q * static_cast<double>(count);
  for (size_t index = 0; index < cumulative.size(); ++index) {
    if (static_cast<double>(cumulative[index]) < rank) continue;
    if (index == bounds.size()) return bounds.empty() ? 0 : bounds.back();  // in +Inf: the highest bound
    double lower = index == 0 ? 0 : bounds[index - 1];
    double below = index == 0 ? 0 : static_cast<double>(cumulative[index - 1]);
    double inside = static_cast<double>(cumulative[index]) - below;
    return lower + (bounds[index] - lower) * (inside == 0 ? 1 : (rank - below) / inside);
  }
  return bounds.empty() ? 0 : bounds.back();
}

std::span<const double> latency_buckets() { return kLatencyBuckets; }

struct Registry::Family {
  std::string name;
  std::string help;
  int kind = kCounter;
  std::vector<std::pair<Labels, std::unique_ptr<Counter>>> counters;
  std::vector<std::pair<Labels, std::unique_ptr<Histogram>>> histograms;
  std::function<double()> read;
};

Registry::Registry() = default;
Registry::~Registry() = default;

Registry::Family& Registry::family(const std::string& name, const std::string& help, int kind) {
  for (auto& family : families_) {
    if (family->name == name) return *family;
  }
  auto family = std::make_unique<Family>();
  family->name = name;
  family->help = help;
  family->kind = kind;
  families_.push_back(std::move(family));
  return *families_.back();
}

Counter& Registry::counter(const std::string& name, const std::string& help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  Family& family = this->family(name, help, kCounter);
  for (auto& [existing, counter] : family.counters) {
    if (existing == labels) return *counter;
  }
  family.counters.emplace_back(labels, std::make_unique<Counter>());
  return *family.counters.back().second;
}

Histogram& Registry::histogram(const std::string& name, const std::string& help, const Labels& labels,
                               std::span<const double> bounds) {
  std::lock_guard lock(mutex_);
  Family& family = this->family(name, help, kHistogram);
  for (auto& [existing, histogram] : family.histograms) {
    if (existing == labels) return *histogram;
  }
  family.histograms.emplace_back(labels, std::make_unique<Histogram>(bounds));
  return *family.histograms.back().second;
}

void Registry::gauge(const std::string& name, const std::string& help, std::function<double()> read) {
  std::lock_guard lock(mutex_);
  family(name, help, kGauge).read = std::move(read);
}

std::string Registry::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  for (const auto& family : families_) {
    static constexpr const char* kKinds[] = {"counter", "histogram", "gauge"};
    out += "# HELP " + family->name + " " + family->help + "\n";
    out += "# TYPE " + family->name + " " + kKinds[family->kind] + "\n";
    if (family->kind == kGauge) {
      out += family->name + " " + format_number(family->read ? family->read() : 0) + "\n";
    }
    for (const auto& [labels, counter] : family->counters) {
      out += family->name + format_labels(labels) + " " + std::to_string(counter->value()) + "\n";
    }
    for (const auto& [labels, histogram] : family->histograms) {
      Histogram::Snapshot snapshot = histogram->snapshot();
      for (size_t index = 0; index < snapshot.cumulative.size(); ++index) {
        double bound = index < snapshot.bounds.size() ? snapshot.bounds[index] : INFINITY;
        out += family->name + "_bucket" + format_labels(labels, "le=\"" + format_number(bound) + "\"") + " " +
               std::to_string(snapshot.cumulative[index]) + "\n";
      }
      out += family->name + "_sum" + format_labels(labels) + " " + format_number(snapshot.sum) + "\n";
      out += family->name + "_count" + format_labels(labels) + " " + std::to_string(snapshot.count) + "\n";
    }
  }
  return out;
}

}  // namespace junction::observe
