// End-to-end tests of the `junction` executable: outputs, exit codes and bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace junction {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exit_code = -1;
  std::string out;
  std::string err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("junction-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& content) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  static std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }
  Outcome run(const std::string& arguments) {
    std::string out = (dir_ / "stdout").string();
    std::string err = (dir_ / "stderr").string();
    std::string command = std::string(JUNCTION_BINARY) + " " + arguments + " >" + out + " 2>" + err;
    int status = std::system(command.c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
  }

  fs::path dir_;
};

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
