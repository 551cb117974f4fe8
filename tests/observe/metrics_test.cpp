#include "observe/metrics.h"

#include <gtest/gtest.h>

#include <array>
#include <thread>
#include <vector>

namespace junction::observe {
namespace {

TEST(MetricsTest, CountersWithLabelsRenderInRegistrationOrder) {
  Registry registry;
  Counter& ok = registry.counter("jobs_total", "Jobs by result.", {{"result", "ok"}});
  Counter& failed = registry.counter("jobs_total", "ignored", {{"result", "failed"}});
  ok.add();
  ok.add(2);
  failed.add();
  EXPECT_EQ(&registry.counter("jobs_total", "", {{"result", "ok"}}), &ok);
  EXPECT_EQ(registry.render(),
            "# HELP jobs_total Jobs by result.\n# TYPE jobs_total counter\n"
            "jobs_total{result=\"ok\"} 3\njobs_total{result=\"failed\"} 1\n");
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithSumAndCount) {
  Registry registry;
  constexpr std::array<double, 2> kBounds = {0.1, 1};
  Histogram& latency = registry.histogram("latency_seconds", "Latency.", {{"subgraph", "a\"b"}}, kBounds);
  latency.observe(0.05);
  latency.observe(0.1);  // on the bound: counted in it (le)
  latency.observe(0.5);
  latency.observe(3);
  EXPECT_EQ(registry.render(),
            "# HELP latency_seconds Latency.\n# TYPE latency_seconds histogram\n"
            "latency_seconds_bucket{subgraph=\"a\\\"b\",le=\"0.10000000000000001\"} 2\n"
            "latency_seconds_bucket{subgraph=\"a\\\"b\",le=\"1\"} 3\n"
            "latency_seconds_bucket{subgraph=\"a\\\"b\",le=\"+Inf\"} 4\n"
            "latency_seconds_sum{subgraph=\"a\\\"b\"} 3.6499999999999999\n"
            "latency_seconds_count{subgraph=\"a\\\"b\"} 4\n");
}

TEST(MetricsTest, QuantilesInterpolateInsideTheirBucket) {
  constexpr std::array<double, 3> kBounds = {0.01, 0.1, 1};
  Histogram histogram(kBounds);
  EXPECT_EQ(histogram.snapshot().quantile(0.5), 0);
  for (int i = 0; i < 90; ++i) histogram.observe(0.005);
  for (int i = 0; i < 10; ++i) histogram.observe(0.5);
  Histogram::Snapshot snapshot = histogram.snapshot();
  EXPECT_DOUBLE_EQ(snapshot.quantile(0.5), 0.01 * 50 / 90);
  EXPECT_DOUBLE_EQ(snapshot.quantile(0.95), 0.1 + 0.9 * 5 / 10);
  histogram.observe(50);  // beyond the last bound: the highest bound is the estimate
  EXPECT_DOUBLE_EQ(histogram.snapshot().quantile(0.999), 1);
}

TEST(MetricsTest, GaugesAreReadWhenRendering) {
  Registry registry;
  int value = 1;
  registry.gauge("in_flight", "In flight.", [&] { return static_cast<double>(value); });
  value = 7;
  EXPECT_EQ(registry.render(), "# HELP in_flight In flight.\n# TYPE in_flight gauge\nin_flight 7\n");
}

TEST(MetricsTest, RecordingFromManyThreadsLosesNothing) {
  Registry registry;
  Counter& counter = registry.counter("hits_total", "Hits.");
  Histogram& histogram = registry.histogram("seconds", "Seconds.");
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) {
        counter.add();
        histogram.observe(0.002);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(counter.value(), 40000U);
  EXPECT_EQ(histogram.snapshot().count, 40000U);
}

}  // namespace
}  // namespace junction::observe
