// The composition benchmark's Junction side: reads a rover supergraph config once, composes it
// RUNS times after one warm-up run (parsing included, as the peer does), and prints
// {"ms": mean milliseconds per run, "max_rss_kb": peak resident memory of this process}.
//
//   compose_bench CONFIG [RUNS]
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/expand.h"
#include "common/file.h"
#include "composition/compose.h"
#include "composition/config.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: compose_bench CONFIG [RUNS]\n");
    return 2;
  }
  int runs = argc > 2 ? std::atoi(argv[2]) : 5;
  auto text = junction::read_file(argv[1]);
  if (!text.ok()) {
    std::fprintf(stderr, "%s\n", text.error().message().c_str());
    return 1;
  }
  auto config = junction::composition::parse_supergraph_config(*text, argv[1], junction::process_environment());
  if (!config.ok()) {
    std::fprintf(stderr, "%s\n", config.error().message().c_str());
    return 1;
  }
  std::vector<junction::composition::SubgraphSource> sources;
  for (const auto& subgraph : config->subgraphs) {
    auto sdl = junction::read_file(subgraph.schema.file);
    if (!sdl.ok()) {
      std::fprintf(stderr, "%s\n", sdl.error().message().c_str());
      return 1;
    }
    sources.push_back({subgraph.name, subgraph.routing_url, std::move(sdl).value(), subgraph.schema.file});
  }
  auto compose_once = [&]() {
    auto result = junction::composition::compose(sources);
    if (!result.errors.empty()) {
      std::fprintf(stderr, "composition failed: %s\n", result.errors.front().message.c_str());
      std::exit(1);
    }
  };
  compose_once();
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < runs; ++i) compose_once();
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count() / runs;
  struct rusage usage {};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("{\"ms\":%.3f,\"max_rss_kb\":%ld}\n", ms, usage.ru_maxrss);
  return 0;
}
