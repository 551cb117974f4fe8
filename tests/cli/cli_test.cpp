// End-to-end tests of the `junction` executable: outputs, exit codes and bad input.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/cli_harness.h"

namespace junction {
namespace {

constexpr const char* kSchema = "type Query { pet(id: ID!): Pet }\ntype Pet { name: String age: Int }\n";

TEST_F(CliTest, FmtPrintsCanonicalForm) {
  std::string file = write("q.graphql", "query{pet(id:1){name}}");
  Outcome result = run("fmt " + file);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, "{\n  pet(id: 1) {\n    name\n  }\n}\n");
}

TEST_F(CliTest, FmtCheckNamesUnformattedFiles) {
  std::string good = write("good.graphql", "{\n  a\n}\n");
  std::string bad = write("bad.graphql", "{ a }");
  Outcome result = run("fmt --check " + good + " " + bad);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, bad + ": not formatted (run `junction fmt --write " + bad + "`)\n");
  EXPECT_EQ(run("fmt --check " + good).exit_code, 0);
}

TEST_F(CliTest, FmtWriteRewritesInPlace) {
  std::string file = write("w.graphql", "type A{b:Int}");
  EXPECT_EQ(run("fmt --write " + file).exit_code, 0);
  EXPECT_EQ(slurp(file), "type A {\n  b: Int\n}\n");
  EXPECT_EQ(run("fmt --check " + file).exit_code, 0);
}

TEST_F(CliTest, FmtReportsSyntaxErrorsWithPosition) {
  std::string file = write("e.graphql", "{\n  a(\n}");
  Outcome result = run("fmt " + file);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, file + ":3:1: Syntax Error: Expected Name, found \"}\".\n");
}

TEST_F(CliTest, ValidatePrintsLocatedErrors) {
  std::string schema = write("schema.graphql", kSchema);
  std::string ok = write("ok.graphql", "{ pet(id: 1) { name } }");
  std::string bad = write("bad.graphql", "{ pet { nam } }");
  Outcome result = run("validate --schema " + schema + " " + ok + " " + bad);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            bad + ":1:9: Cannot query field \"nam\" on type \"Pet\". Did you mean \"name\"?\n" + bad +
                ":1:3: Field \"pet\" argument \"id\" of type \"ID!\" is required, but it was not provided.\n"
                "1 of 2 documents invalid\n");
  EXPECT_EQ(run("validate --schema " + schema + " " + ok).exit_code, 0);
}

TEST_F(CliTest, ValidateJsonReportsEachDocument) {
  std::string schema = write("schema.graphql", kSchema);
  std::string bad = write("bad.graphql", "{ pet(id: 1) { age { x } } }");
  Outcome result = run("validate --format json --schema " + schema + " " + bad);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "{\"file\":\"" + bad +
                            "\",\"errors\":[{\"message\":\"Field \\\"age\\\" must not have a selection since type "
                            "\\\"Int\\\" has no subfields.\",\"locations\":[{\"line\":1,\"column\":20}]}]}\n");
}

TEST_F(CliTest, ValidateRejectsAnInvalidSchema) {
  std::string schema = write("schema.graphql", "type Query { a: Missing }");
  std::string op = write("op.graphql", "{ a }");
  Outcome result = run("validate --schema " + schema + " " + op);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, schema + ":1:17: Unknown type \"Missing\".\n");
}

TEST_F(CliTest, IntrospectPrintsSdlAndJson) {
  std::string schema = write("schema.graphql", "type Query{a:Int}");
  EXPECT_EQ(run("introspect " + schema).out, "type Query {\n  a: Int\n}\n");
  Outcome json = run("introspect --format json " + schema);
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_EQ(json.out.rfind("{\n  \"data\": {\n    \"__schema\": {\n      \"queryType\": {", 0), 0u);
}

// Starts tests/tools/fake_subgraph.mjs in `mode`; stops it when destroyed.
class FakeSubgraph {
 public:
  explicit FakeSubgraph(const std::string& mode, const std::string& file = "") {
    int fds[2];
    if (::pipe(fds) != 0) return;
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[1], STDOUT_FILENO);
      ::close(fds[0]);
      ::close(fds[1]);
      std::string script = std::string(JUNCTION_SOURCE_DIR) + "/tests/tools/fake_subgraph.mjs";
      ::execlp("node", "node", script.c_str(), mode.c_str(), file.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[1]);
    char line[32] = {0};
    ssize_t n = ::read(fds[0], line, sizeof line - 1);
    ::close(fds[0]);
    if (n > 0) port_ = std::atoi(line);
  }
  ~FakeSubgraph() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      ::waitpid(pid_, nullptr, 0);
    }
  }
  FakeSubgraph(const FakeSubgraph&) = delete;
  FakeSubgraph& operator=(const FakeSubgraph&) = delete;
  [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/graphql"; }

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

TEST_F(CliTest, IntrospectReadsAFederatedSubgraph) {
  std::string sdl = "type Query { me: String }\n";
  FakeSubgraph service("federation", write("s.graphql", sdl));
  Outcome result = run("introspect " + service.url() + " --header 'Authorization: Bearer abc'");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, sdl + "# Bearer abc\n");
}

TEST_F(CliTest, IntrospectFallsBackToStandardIntrospection) {
  FakeSubgraph service("plain",
                       write("s.graphql", "type Query {\n  \"hi\"\n  me(id: ID = 1): String @deprecated\n}\n"));
  Outcome result = run("introspect " + service.url());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "type Query {\n  \"\"\"hi\"\"\"\n  me(id: ID = 1): String @deprecated\n}\n");
}

TEST_F(CliTest, IntrospectNamesWhatWentWrong) {
  {
    FakeSubgraph service("status500");
    Outcome result = run("introspect " + service.url());
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.err, "error: HTTP 500 from " + service.url() + ": internal trouble\n");
  }
  {
    FakeSubgraph service("notjson");
    EXPECT_EQ(run("introspect " + service.url()).err,
              "error: the response from " + service.url() + " is not a JSON object: <html>hello</html>\n");
  }
  {
    FakeSubgraph service("errors");
    EXPECT_EQ(run("introspect " + service.url()).err,
              "error: " + service.url() + " supports neither `_service { sdl }` (not allowed) nor introspection: " +
                  service.url() + " did not answer the introspection query: not allowed\n");
  }
  {
    FakeSubgraph service("slow");
    Outcome result = run("introspect --timeout 0.5 " + service.url());
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.err.find("timed out after 500 ms"), std::string::npos) << result.err;
  }
  Outcome refused = run("introspect http://127.0.0.1:1/graphql");
  EXPECT_EQ(refused.err,
            "error: connection refused by http://127.0.0.1:1 (is the service running and listening there?)\n");
  EXPECT_EQ(run("introspect ftp://example.com").exit_code, 1);
}

TEST_F(CliTest, BadInputGetsAClearErrorNeverACrash) {
  struct Case {
    std::string name;
    std::string content;
    std::string expected_error;
  };
  std::string deep(100000, '[');
  std::vector<Case> cases = {
      {"empty.graphql", "", ":1:1: Syntax Error: Unexpected <EOF>."},
      {"binary.graphql", std::string("\0\x01\x02", 3), ":1:1: Syntax Error: Unexpected character: U+0000."},
      {"utf8.graphql", "{ a(x: \"\xff\") }", ":1:9: Syntax Error: Invalid UTF-8 sequence starting with byte 0xFF."},
      {"truncated.graphql", "query Q { a(x: \"abc", ":1:20: Syntax Error: Unterminated string."},
      {"deep.graphql", "{ a(x: " + deep + ") }",
       ":1:1007: Syntax Error: Document nesting is deeper than 1000 levels. Parsing aborted."},
  };
  for (const Case& c : cases) {
    std::string file = write(c.name, c.content);
    Outcome result = run("fmt " + file);
    EXPECT_EQ(result.exit_code, 1) << c.name;
    EXPECT_EQ(result.err, file + c.expected_error + "\n") << c.name;
  }
}

TEST_F(CliTest, HugeFileIsRefusedBySize) {
  std::string file = (dir_ / "huge.graphql").string();
  {
    std::ofstream out(file, std::ios::binary);
    std::string chunk(1 << 20, ' ');
    for (int i = 0; i < 100; ++i) out << chunk;
  }
  Outcome result = run("fmt " + file);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, file + ":1:1: Syntax Error: Document is larger than 67108864 bytes. Parsing aborted.\n");
}

TEST_F(CliTest, MissingFilesAndBadUsage) {
  Outcome missing = run("fmt /nonexistent/x.graphql");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_EQ(missing.err, "/nonexistent/x.graphql: cannot open: No such file or directory\n");
  EXPECT_EQ(run("fmt").exit_code, 2);
  EXPECT_EQ(run("frobnicate").exit_code, 2);
  EXPECT_EQ(run("validate --schema x --format yaml y").exit_code, 2);
  Outcome help = run("fmt --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("Examples:"), std::string::npos);
}

}  // namespace
}  // namespace junction
