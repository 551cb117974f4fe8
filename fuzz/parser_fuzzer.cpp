// libFuzzer target for the GraphQL core. Any input must parse or fail with a located syntax
// error, never crash, hang or leak; whatever parses must print to text that parses back to
// the same printed text; SDL that validates must build, validate, print and introspect; and
// every document is validated as an operation against a fixed schema.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "graphql/parser.h"
#include "graphql/printer.h"
#include "schema/introspection.h"
#include "schema/print_schema.h"
#include "schema/validate_schema.h"
#include "validation/validate.h"

namespace {

using namespace junction;

void require(bool condition, const char* what, const std::string& detail) {
  if (condition) return;
  std::fprintf(stderr, "fuzz invariant broken: %s\n%s\n", what, detail.c_str());
  std::abort();
}

const schema::Schema& fixed_schema() {
  static std::shared_ptr<const schema::Schema> schema = [] {
    auto parsed = graphql::parse(R"(
      interface Node { id: ID! }
      type Query { node(id: ID!): Node search(text: String, first: Int = 10): [Result!]! me: User }
      type User implements Node { id: ID! name: String friends(first: Int): [User] }
      type Post implements Node { id: ID! title: String author: User }
      union Result = User | Post
      input Filter { text: String! tags: [String!] }
      type Mutation { post(filter: Filter): Post }
    )");
    auto built = validation::build_schema(std::make_shared<const graphql::Document>(std::move(parsed).value()));
    return std::move(built).value();
  }();
  return *schema;
}

// graphql-js prints a shorthand query `{ ... }` right after a type-system definition that
// ended without a body, where reading it back attaches the block to that definition. This is
// graphql-js's behaviour too (print is not always parseable then), so the round trip is not
// checked for such documents.
bool has_ambiguous_shorthand(const graphql::Document& document) {
  auto definitions = document.definitions();
  for (size_t i = 1; i < definitions.size(); ++i) {
    const auto* operation = graphql::as<graphql::OperationDefinition>(definitions[i]);
    bool shorthand = operation != nullptr && operation->name.empty() && operation->variable_definitions.empty() &&
                     operation->directives.empty() && operation->description == nullptr &&
                     operation->operation == graphql::OperationType::Query;
    if (shorthand && graphql::is_type_system_definition_or_extension(definitions[i - 1]->kind)) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  graphql::ParseOptions options;
  options.max_depth = 200;
  std::string text(reinterpret_cast<const char*>(data), size);
  auto parsed = graphql::parse(text, "fuzz", options);
  if (!parsed.ok()) {
    require(parsed.error().diagnostics.size() == 1 && !parsed.error().diagnostics[0].locations.empty(),
            "a syntax error has one located diagnostic", text);
    return 0;
  }
  std::string printed = graphql::print(*parsed);
  if (has_ambiguous_shorthand(*parsed)) return 0;
  auto reparsed = graphql::parse(printed, "printed", options);
  require(reparsed.ok(), "printed text parses",
          printed + "\n---\n" + (reparsed.ok() ? "" : reparsed.error().message()));
  std::string reprinted = graphql::print(*reparsed);
  require(reprinted == printed, "printing is stable", printed + "\n---\n" + reprinted);

  auto document = std::make_shared<const graphql::Document>(std::move(parsed).value());
  (void)validation::validate(fixed_schema(), *document);
  if (validation::validate_sdl(*document).empty()) {
    auto built = schema::build_schema_unchecked(document);
    if (built.ok()) {
      auto errors = schema::validate_schema(**built);
      (void)schema::print_schema(**built);
      if (errors.empty()) (void)schema::introspect(**built);
    }
  }
  return 0;
}
