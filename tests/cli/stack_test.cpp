// `junction stack validate` from the command line.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/cli_harness.h"

namespace junction {
namespace {

class StackCliTest : public CliTest {};

TEST_F(StackCliTest, ValidatesAStackAndNamesWhatIsWrong) {
  std::filesystem::create_directories(dir_ / "users");
  std::string file =
      write("junction.yaml", "name: demo\nservices:\n  users:\n    dir: users\n    run: node server.mjs\n");
  Outcome valid = run("stack validate -f " + dir_.string());
  EXPECT_EQ(valid.exit_code, 0) << valid.err;
  EXPECT_EQ(valid.out, dir_.string() + ": stack \"demo\" is valid: gateway on 127.0.0.1:4000, 1 service (users)\n");
  // The gateway config's supergraph.listen, unless junction.yaml's gateway.listen says otherwise.
  write("gateway.yaml", "supergraph:\n  listen: 127.0.0.1:4555\n");
  write("junction.yaml",
        "name: demo\ngateway:\n  config: gateway.yaml\nservices:\n  users:\n    dir: users\n    run: x\n");
  EXPECT_EQ(run("stack validate -f " + dir_.string()).out,
            dir_.string() + ": stack \"demo\" is valid: gateway on 127.0.0.1:4555, 1 service (users)\n");
  write("junction.yaml",
        "name: demo\ngateway:\n  config: gateway.yaml\n  listen: 127.0.0.1:4556\nservices:\n  users:\n    dir: users\n"
        "    run: x\n");
  EXPECT_EQ(run("stack validate -f " + dir_.string()).out,
            dir_.string() + ": stack \"demo\" is valid: gateway on 127.0.0.1:4556, 1 service (users)\n");
  std::string bad = write("bad.yaml", "name: demo\nservices:\n  users:\n    dir: users\n");
  Outcome invalid = run("stack validate -f " + bad);
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_EQ(invalid.err, "error: " + bad +
                             ":4:5: services.users.run is missing (the command that starts the service; it listens on "
                             "$PORT)\n");
}

}  // namespace
}  // namespace junction
