// libFuzzer target for composition: the input is a subgraph's SDL, composed with a fixed second
// subgraph, or (when it starts with "yaml:") a supergraph config. Composition must never crash,
// whatever the bytes; errors are expected and fine.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "composition/compose.h"
#include "composition/config.h"
#include "federation/api_schema.h"
#include "federation/extract.h"

namespace {

constexpr const char* kOther =
    R"(extend schema @link(url: "https://specs.apollo.dev/federation/v2.8", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@override", "@interfaceObject", "@inaccessible", "@tag", "@context", "@fromContext"])
type Query { t: T @shareable products: [Product] }
type T @key(fields: "id") { id: ID! name: String @shareable }
interface Product @key(fields: "upc") { upc: String! }
type Book implements Product @key(fields: "upc") { upc: String! title: String }
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  if (input.rfind("yaml:", 0) == 0) {
    std::map<std::string, std::string> environment{{"HOME", "/tmp"}};
    auto config = junction::composition::parse_supergraph_config(input.substr(5), "fuzz.yaml", environment);
    (void)config;
    return 0;
  }
  std::vector<junction::composition::SubgraphSource> sources{{"fuzzed", "http://fuzzed", input, "fuzzed.graphql"},
                                                             {"other", "http://other", kOther, "other.graphql"}};
  junction::composition::ComposeResult result = junction::composition::compose(sources);
  if (result.supergraph) {
    // A composed supergraph must also read back: API schema and extraction.
    (void)junction::federation::to_api_schema(*result.supergraph);
    (void)junction::federation::extract_subgraphs(*result.supergraph);
  }
  return 0;
}
