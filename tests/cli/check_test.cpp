// `junction diff` and `junction check`: schema changes as clients see them, composition and
// operations checked before a change merges.
#include <gtest/gtest.h>

#include "cli/cli_harness.h"

namespace junction {
namespace {

class CheckTest : public CliTest {
 protected:
  std::string config(const std::string& products_sdl = kProductsSubgraph) {
    return products_and_reviews(products_sdl, kReviewsSubgraph);
  }
  // The supergraph the config composes to today, as published.
  std::string published() {
    std::string path = (dir_ / "published.graphql").string();
    Outcome composed = run("compose -c " + config() + " -o " + path);
    EXPECT_EQ(composed.exit_code, 0) << composed.err;
    return path;
  }
  // products with `name` removed (breaking) and `price` added (safe).
  static std::string changed_products() {
    std::string sdl = kProductsSubgraph;
    sdl.replace(sdl.find("name: String"), 12, "price: Float");
    return sdl;
  }
};

TEST_F(CheckTest, DiffPrintsBreakingChangesFirstAndFailsOnThem) {
  std::string before = write("before.graphql", "type Query { a: String b: Int }\nenum Color { RED GREEN }\n");
  std::string after = write("after.graphql", "type Query { a: String! c: Int }\nenum Color { RED }\n");
  Outcome result = run("diff " + before + " " + after);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out,
            "BREAKING: field Query.b was removed\n"
            "BREAKING: enum value Color.GREEN was removed\n"
            "safe: field Query.a changed type from String to String!\n"
            "safe: field Query.c was added\n")
      << result.out;
  EXPECT_EQ(result.err, "4 changes, 2 breaking\n");

  Outcome json = run("diff " + before + " " + after + " --format json");
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_EQ(
      json.out.rfind(R"({"changes":[{"breaking":true,"path":"Query.b","message":"field Query.b was removed"},{)", 0),
      0u)
      << json.out;
  EXPECT_NE(json.out.find(R"(],"breaking":2})"), std::string::npos) << json.out;

  Outcome safe = run("diff " + before + " " + before);
  EXPECT_EQ(safe.exit_code, 0);
  EXPECT_EQ(safe.out, "");
  EXPECT_EQ(safe.err, "no changes\n");
  Outcome additions =
      run("diff " + before + " " +
          write("more.graphql", "type Query { a: String b: Int d: ID }\n" + std::string("enum Color { RED GREEN }\n")));
  EXPECT_EQ(additions.exit_code, 0);
  EXPECT_EQ(additions.out, "safe: field Query.d was added\n");
}

TEST_F(CheckTest, DiffComparesSupergraphsByTheirApiSchemas) {
  std::string before = published();
  std::string after = (dir_ / "after.graphql").string();
  ASSERT_EQ(run("compose -c " + config(changed_products()) + " -o " + after).exit_code, 0);
  Outcome result = run("diff " + before + " " + after);
  EXPECT_EQ(result.exit_code, 1);
  // Nothing of join or link, nor the @inaccessible field, which clients never saw.
  EXPECT_EQ(result.out, "BREAKING: field Product.name was removed\nsafe: field Product.price was added\n");

  // An @inaccessible field dropped from the subgraph changes nothing clients see.
  std::string without_secret = kProductsSubgraph;
  without_secret.replace(without_secret.find(" secret: String @inaccessible"), 29, "");
  std::string hidden = (dir_ / "hidden.graphql").string();
  ASSERT_EQ(run("compose -c " + config(without_secret) + " -o " + hidden).exit_code, 0);
  Outcome unchanged = run("diff " + before + " " + hidden);
  EXPECT_EQ(unchanged.exit_code, 0) << unchanged.out;
  EXPECT_EQ(unchanged.err, "no changes\n");
}

TEST_F(CheckTest, DiffNamesTheFileThatCannotBeRead) {
  std::string good = write("good.graphql", "type Query { a: String }\n");
  Outcome missing = run("diff " + good + " " + (dir_ / "missing.graphql").string());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("missing.graphql"), std::string::npos) << missing.err;
  std::string broken = write("broken.graphql", "type Query {\n  a: \n}\n");
  Outcome syntax = run("diff " + broken + " " + good);
  EXPECT_EQ(syntax.exit_code, 1);
  EXPECT_EQ(syntax.err, broken + ":3:1: Syntax Error: Expected Name, found \"}\".\n");
  Outcome usage = run("diff " + good);
  EXPECT_EQ(usage.exit_code, 2);
}

TEST_F(CheckTest, CheckPassesAnUnchangedGraph) {
  std::string against = published();
  std::string operation = write("products.graphql.op", "{ products { name reviews } }\n");
  Outcome result = run("check -c " + config() + " --against " + against + " --operations " + operation);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out,
            "composition: 2 subgraphs composed\n"
            "against " +
                against +
                ": no changes\n"
                "operations: 1 operation document valid\n");
  EXPECT_EQ(result.err, "check passed\n");
}

TEST_F(CheckTest, CheckFailsOnACompositionError) {
  std::string conflicting = kProductsSubgraph;
  conflicting.replace(conflicting.find("@key(fields: \"id\")"), 19, "@key(fields: \"nope\")");
  Outcome result = run("check -c " + config(conflicting));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "");
  EXPECT_NE(result.err.find("error: composition failed with 1 error\n"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("  --> products ("), std::string::npos) << result.err;

  Outcome json = run("check -c " + config(conflicting) + " --format json");
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_EQ(json.err, "");
  EXPECT_EQ(json.out.rfind(R"({"passed":false,"errors":[{"code":")", 0), 0u) << json.out;
  EXPECT_NE(json.out.find(R"("error":"composition failed with 1 error"})"), std::string::npos) << json.out;
}

TEST_F(CheckTest, CheckFailsOnBreakingChangesUnlessAllowed) {
  std::string against = published();
  Outcome result = run("check -c " + config(changed_products()) + " --against " + against);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out,
            "composition: 2 subgraphs composed\n"
            "against " +
                against +
                ": 2 changes, 1 breaking\n"
                "  BREAKING: field Product.name was removed\n"
                "  safe: field Product.price was added\n");
  EXPECT_EQ(result.err, "error: check failed: 1 breaking change (pass --allow-breaking to accept)\n");

  Outcome allowed = run("check -c " + config(changed_products()) + " --against " + against + " --allow-breaking");
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_EQ(allowed.err, "check passed\n");
}

TEST_F(CheckTest, CheckValidatesOperationsAgainstTheNewApiSchema) {
  std::string uses_name = write("uses-name.graphql", "query Names {\n  products { name }\n}\n");
  std::string uses_secret = write("uses-secret.graphql", "{ products { secret } }\n");
  std::string fine = write("fine.graphql", "{ products { id reviews } }\n");
  Outcome result = run("check -c " + config(changed_products()) + " --allow-breaking --operations " + uses_name + " " +
                       fine + " " + uses_secret);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out,
            "composition: 2 subgraphs composed\n"
            "  " +
                uses_name +
                ":2:14: Cannot query field \"name\" on type \"Product\".\n"
                "  " +
                uses_secret +
                ":1:14: Cannot query field \"secret\" on type \"Product\".\n"
                "operations: 2 of 3 operation documents invalid\n")
      << result.out;
  EXPECT_EQ(result.err, "error: check failed: 2 of 3 operation documents invalid\n");

  Outcome json = run("check -c " + config(changed_products()) + " --operations " + uses_name + " --format json");
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_NE(
      json.out.find(
          R"("operations":[{"file":")" + uses_name +
          R"(","errors":[{"message":"Cannot query field \"name\" on type \"Product\".","locations":[{"line":2,"column":14}]}]}])"),
      std::string::npos)
      << json.out;
}

TEST_F(CheckTest, CheckNamesABadAgainstFileAndABadConfig) {
  Outcome missing = run("check -c " + config() + " --against " + (dir_ / "nope.graphql").string());
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("nope.graphql"), std::string::npos) << missing.err;
  std::string config_path = write("bad.yaml", "subgraphs:\n  products:\n    routing_url: http://p\n    schema: {}\n");
  Outcome bad = run("check -c " + config_path);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.err.rfind("error: " + config_path + ":", 0), 0u) << bad.err;
  EXPECT_EQ(run("check").exit_code, 2);
}

TEST_F(CheckTest, ValidateReadsASupergraphAsItsApiSchema) {
  std::string supergraph = published();
  Outcome fine =
      run("validate --schema " + supergraph + " " + write("fine.graphql", "{ products { name reviews } }\n"));
  EXPECT_EQ(fine.exit_code, 0) << fine.err;
  std::string hidden = write("hidden.graphql", "{ products { secret } }\n");
  Outcome inaccessible = run("validate --schema " + supergraph + " " + hidden);
  EXPECT_EQ(inaccessible.exit_code, 1);
  EXPECT_EQ(inaccessible.err.substr(0, inaccessible.err.find('\n')),
            hidden + ":1:14: Cannot query field \"secret\" on type \"Product\".");
}

}  // namespace
}  // namespace junction
