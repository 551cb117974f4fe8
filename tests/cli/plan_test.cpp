// `junction plan` and `junction gateway` from the command line: output, bad input, exit codes.
#include <gtest/gtest.h>

#include "cli/cli_harness.h"

namespace junction {
namespace {

class PlanTest : public CliTest {
 protected:
  const std::string supergraph_ = std::string(JUNCTION_SOURCE_DIR) + "/tests/planner/testdata/shop/supergraph.graphql";
};

TEST_F(PlanTest, PrintsThePlan) {
  std::string operation = write("q.graphql", "{ topProducts { name inStock } }");
  Outcome outcome = run("plan --supergraph " + supergraph_ + " " + operation);
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
  EXPECT_NE(outcome.out.find("Fetch(service: \"products\")"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("Flatten(path: \"topProducts.@\")"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("Fetch(service: \"inventory\")"), std::string::npos) << outcome.out;
}

TEST_F(PlanTest, LocatesSyntaxAndValidationErrors) {
  std::string broken = write("broken.graphql", "{ me { id");
  Outcome syntax = run("plan --supergraph " + supergraph_ + " " + broken);
  EXPECT_EQ(syntax.exit_code, 1);
  EXPECT_EQ(syntax.err, broken + ":1:10: Syntax Error: Expected Name, found <EOF>.\n");
  std::string invalid = write("invalid.graphql", "{ me { nope } }");
  Outcome validation = run("plan --supergraph " + supergraph_ + " " + invalid);
  EXPECT_EQ(validation.exit_code, 1);
  EXPECT_EQ(validation.err, invalid + ":1:8: Cannot query field \"nope\" on type \"User\". Did you mean \"name\"?\n");
}

TEST_F(PlanTest, NamesAnUnreadableSupergraph) {
  std::string operation = write("q.graphql", "{ me { id } }");
  Outcome outcome = run("plan --supergraph " + (dir_ / "missing.graphql").string() + " " + operation);
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_NE(outcome.err.find("missing.graphql"), std::string::npos) << outcome.err;
}

TEST_F(PlanTest, GatewayRefusesABadListenAddress) {
  Outcome outcome = run("gateway --supergraph " + supergraph_ + " --listen nope");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.err, "error: --listen must look like HOST:PORT (for example 127.0.0.1:4000), not \"nope\"\n");
}

TEST_F(PlanTest, GatewayNamesASupergraphThatDoesNotLoad) {
  std::string broken = write("supergraph.graphql", "type Query {");
  Outcome outcome = run("gateway --supergraph " + broken + " --listen 127.0.0.1:0");
  EXPECT_EQ(outcome.exit_code, 1);
  EXPECT_EQ(outcome.err, "error: " + broken + ":1:13: Syntax Error: Expected Name, found <EOF>.\n");
}

TEST_F(PlanTest, GatewayValidatesAConfigAndExits) {
  std::string good = write("gateway.yaml", "supergraph:\n  listen: 127.0.0.1:${env.JUNCTION_TEST_PORT:-4100}\n");
  Outcome valid = run("gateway --config " + good + " --validate-config");
  EXPECT_EQ(valid.exit_code, 0) << valid.err;
  EXPECT_EQ(valid.out, good + ": the gateway config is valid\n");
  std::string bad = write("bad.yaml", "limits:\n  max_dept: 3\n");
  Outcome invalid = run("gateway --config " + bad + " --validate-config");
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_EQ(invalid.err, "error: " + bad +
                             ":2:3: unknown key \"limits.max_dept\". Did you mean \"max_depth\"? (expected max_depth, "
                             "max_aliases, max_root_fields, http_max_request_bytes)\n");
  Outcome missing = run("gateway --config " + (dir_ / "none.yaml").string() + " --validate-config");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("none.yaml"), std::string::npos) << missing.err;
  Outcome without = run("gateway --validate-config");
  EXPECT_EQ(without.exit_code, 2);
  EXPECT_EQ(without.err, "error: --validate-config needs --config FILE\n");
}

TEST_F(PlanTest, TheExampleGatewayConfigIsValid) {
  std::string example = std::string(JUNCTION_SOURCE_DIR) + "/examples/gateway/gateway.yaml";
  Outcome outcome = run("gateway --config " + example + " --validate-config");
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
}

TEST_F(PlanTest, GatewayNeedsASupergraph) {
  Outcome outcome = run("gateway --listen 127.0.0.1:0");
  EXPECT_EQ(outcome.exit_code, 2);
  EXPECT_EQ(outcome.err,
            "error: gateway needs --supergraph FILE|URL (or JUNCTION_SUPERGRAPH)\nRun `junction gateway --help` for "
            "usage.\n");
}

}  // namespace
}  // namespace junction
