// Benchmarks of the GraphQL core on the inputs bench/run also gives graphql-js: GitHub's
// public schema (1.2 MB) and a 50-field operation against it.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "common/file.h"
#include "graphql/parser.h"
#include "graphql/printer.h"
#include "schema/print_schema.h"
#include "schema/validate_schema.h"
#include "validation/validate.h"

namespace {

using namespace junction;

const std::string& input(const char* relative) {
  static std::unordered_map<std::string, std::string> cache;
  auto it = cache.find(relative);
  if (it != cache.end()) return it->second;
  auto text = read_file(std::string(JUNCTION_SOURCE_DIR) + "/" + relative);
  if (!text.ok()) {
    std::fprintf(stderr, "%s\n", text.error().message().c_str());
    std::exit(1);
  }
  return cache.emplace(relative, std::move(text).value()).first->second;
}

const std::string& github_sdl() { return input("tests/corpus/github/schema.graphql"); }
const std::string& operation_text() { return input("bench/inputs/github_50_fields.graphql"); }

std::shared_ptr<const graphql::Document> parsed(const std::string& text) {
  return std::make_shared<const graphql::Document>(graphql::parse(text).value());
}

std::shared_ptr<const schema::Schema> github_schema() {
  static auto schema = validation::build_schema(parsed(github_sdl())).value();
  return schema;
}

void parse_github_schema(benchmark::State& state) {
  auto source = Source::make("schema", github_sdl());
  for (auto _ : state) {
    auto document = graphql::parse(source);
    benchmark::DoNotOptimize(document);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * github_sdl().size()));
}
BENCHMARK(parse_github_schema)->Unit(benchmark::kMillisecond);

// SDL validation, building and schema validation (graphql-js buildASTSchema + validateSchema).
void build_github_schema(benchmark::State& state) {
  auto document = parsed(github_sdl());
  for (auto _ : state) {
    auto schema = validation::build_schema(document);
    benchmark::DoNotOptimize(schema);
  }
}
BENCHMARK(build_github_schema)->Unit(benchmark::kMillisecond);

void print_github_schema(benchmark::State& state) {
  auto schema = github_schema();
  for (auto _ : state) {
    std::string printed = schema::print_schema(*schema);
    benchmark::DoNotOptimize(printed);
  }
}
BENCHMARK(print_github_schema)->Unit(benchmark::kMillisecond);

void validate_operation(benchmark::State& state) {
  auto schema = github_schema();
  auto document = parsed(operation_text());
  for (auto _ : state) {
    auto errors = validation::validate(*schema, *document);
    benchmark::DoNotOptimize(errors);
  }
}
BENCHMARK(validate_operation)->Unit(benchmark::kMicrosecond);

void parse_operation(benchmark::State& state) {
  auto source = Source::make("op", operation_text());
  for (auto _ : state) {
    auto document = graphql::parse(source);
    benchmark::DoNotOptimize(document);
  }
}
BENCHMARK(parse_operation)->Unit(benchmark::kMicrosecond);

void print_operation(benchmark::State& state) {
  auto document = parsed(operation_text());
  for (auto _ : state) {
    std::string printed = graphql::print(*document);
    benchmark::DoNotOptimize(printed);
  }
}
BENCHMARK(print_operation)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
