#include "composition/compose.h"

#include <algorithm>
#include <optional>
#include <thread>

#include "common/parallel.h"
#include "composition/merge.h"
#include "composition/satisfiability.h"
#include "graphql/parser.h"

namespace junction::composition {

namespace {

// UTF-16 code units of a UTF-8 string.
std::u16string to_utf16(const std::string& text) {
  std::u16string out;
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    uint32_t code = c;
    size_t length = 1;
    if (c >= 0xF0) {
      length = 4;
      code = c & 0x07U;
    } else if (c >= 0xE0) {
      length = 3;
      code = c & 0x0FU;
    } else if (c >= 0xC0) {
      length = 2;
      code = c & 0x1FU;
    }
    for (size_t k = 1; k < length && i + k < text.size(); ++k) {
      code = (code << 6U) | (static_cast<unsigned char>(text[i + k]) & 0x3FU);
    }
    if (code >= 0x10000) {
      code -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (code >> 10U)));
      out.push_back(static_cast<char16_t>(0xDC00 + (code & 0x3FFU)));
    } else {
      out.push_back(static_cast<char16_t>(code));
    }
    i += length;
  }
  return out;
}

// Below this much SDL, starting threads costs more than it saves.
constexpr size_t kParallelSdlBytes = size_t{256} * 1024;

}  // namespace

bool utf16_less(const std::string& a, const std::string& b) { return to_utf16(a) < to_utf16(b); }

ComposeResult compose(const std::vector<SubgraphSource>& sources, const ComposeOptions& options) {
  ComposeResult result;
  std::vector<const SubgraphSource*> ordered;
  for (const SubgraphSource& source : sources) ordered.push_back(&source);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const SubgraphSource* a, const SubgraphSource* b) { return utf16_less(a->name, b->name); });
  // Subgraphs are parsed and built independently: on every core for a large graph.
  size_t sdl_bytes = 0;
  for (const SubgraphSource* source : ordered) sdl_bytes += source->sdl.size();
  bool parallel = sdl_bytes >= kParallelSdlBytes;
  std::vector<std::optional<Result<graphql::Document>>> parses(ordered.size());
  for_each_index(ordered.size(), parallel, [&](size_t i) {
    const SubgraphSource* source = ordered[i];
    parses[i] = graphql::parse(Source::make(source->path.empty() ? source->name : source->path, source->sdl));
  });
  // Parse every subgraph first: a syntax error is reported for each subgraph that has one.
  std::vector<std::shared_ptr<const graphql::Document>> documents;
  for (size_t i = 0; i < ordered.size(); ++i) {
    const SubgraphSource* source = ordered[i];
    Result<graphql::Document>& parsed = *parses[i];
    if (!parsed.ok()) {
      federation::FederationError error{"INVALID_GRAPHQL", "[" + source->name + "] " + parsed.error().message(),
                                        source->name, std::nullopt};
      const Diagnostic& diagnostic = parsed.error().diagnostics.front();
      if (!diagnostic.locations.empty()) error.location = diagnostic.locations.front();
      result.errors.push_back(std::move(error));
      documents.push_back(nullptr);
      continue;
    }
    documents.push_back(std::make_shared<const graphql::Document>(std::move(parsed).value()));
  }
  if (!result.errors.empty()) return result;
  for (size_t i = 1; i < ordered.size(); ++i) {
    if (ordered[i]->name == ordered[i - 1]->name) {
      result.errors.push_back({"INVALID_GRAPHQL",
                               "A subgraph named " + ordered[i]->name + " already exists" +
                                   (ordered[i]->url.empty() ? "" : " (with url '" + ordered[i]->url + "')"),
                               ordered[i]->name, std::nullopt});
      return result;
    }
  }
  std::vector<federation::SubgraphResult> builds(ordered.size());
  for_each_index(ordered.size(), parallel, [&](size_t i) {
    builds[i] = federation::build_subgraph(ordered[i]->name, ordered[i]->url, documents[i]);
  });
  std::vector<federation::Subgraph> subgraphs;
  for (federation::SubgraphResult& built : builds) {
    for (auto& error : built.errors) result.errors.push_back(std::move(error));
    if (built.subgraph) subgraphs.push_back(std::move(*built.subgraph));
  }
  if (!result.errors.empty()) return result;
  result.errors = upgrade_subgraphs(subgraphs);
  if (!result.errors.empty()) return result;
  std::vector<const federation::Subgraph*> pointers;
  for (const federation::Subgraph& subgraph : subgraphs) pointers.push_back(&subgraph);
  MergeResult merged = merge_subgraphs(pointers);
  if (!merged.errors.empty()) {
    result.errors = std::move(merged.errors);
    return result;
  }
  result.hints = std::move(merged.hints);
  // Nothing past the merge reads the subgraphs or their syntax trees: they are freed now rather
  // than on return, which lowers the peak. (Freeing them on another core saved no time there,
  // busy with printing and the API graph, and kept them alive longer.)
  subgraphs.clear();
  documents.clear();
  // Printing only reads the supergraph, as satisfiability does: for a large graph, both at once.
  federation::PrintOptions print_options;
  print_options.sort_definitions = true;
  auto print = [&] { result.supergraph_sdl = federation::print_model(*merged.supergraph, print_options); };
  std::jthread printer = run_beside(parallel, print);
  if (options.satisfiability && merged.api_schema) {
    SatisfiabilityResult satisfiable = validate_satisfiability(*merged.supergraph, *merged.api_schema);
    if (!satisfiable.errors.empty()) {
      if (printer.joinable()) printer.join();
      result.supergraph_sdl.reset();
      result.errors = std::move(satisfiable.errors);
      result.hints.clear();
      return result;
    }
    for (auto& hint : satisfiable.hints) result.hints.push_back(std::move(hint));
  }
  if (printer.joinable()) printer.join();
  result.supergraph = std::move(merged.supergraph);
  return result;
}

}  // namespace junction::composition
