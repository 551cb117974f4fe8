#include "common/expand.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace junction {
namespace {

TEST(ExpandTest, EnvironmentWithDefaultsAndOtherTextLeftAlone) {
  Environment environment = {{"PORT", "4001"}};
  auto text = expand_references("listen: 127.0.0.1:${env.PORT}\nurl: ${env.URL:-http://x}\nprice: ${price}\n",
                                "gateway.yaml", environment);
  ASSERT_TRUE(text.ok()) << text.error().message();
  EXPECT_EQ(*text, "listen: 127.0.0.1:4001\nurl: http://x\nprice: ${price}\n");
}

TEST(ExpandTest, ErrorsNameTheLineAndColumn) {
  auto unset = expand_references("a: 1\nb: ${env.TOKEN}\n", "gateway.yaml", {});
  ASSERT_FALSE(unset.ok());
  EXPECT_EQ(unset.error().message(),
            "gateway.yaml:2:4: environment variable TOKEN is not set (set it, or give a default: "
            "${env.TOKEN:-value})");
  auto open = expand_references("b: ${env.TOKEN\nc: }\n", "gateway.yaml", {});
  ASSERT_FALSE(open.ok());
  EXPECT_EQ(open.error().message(),
            "gateway.yaml:1:4: unterminated ${…} reference (expected `${env.NAME}` or `${env.NAME:-default}`)");
}

TEST(ExpandTest, FilesOnlyWhereAllowedAndRelativeToTheConfig) {
  std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("junction-expand-" + std::to_string(getpid()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "token") << "s3cret\n";
  EXPECT_EQ(*expand_references("t: ${file.token}", "x.yaml", {}), "t: ${file.token}");
  ExpandOptions options;
  options.files = true;
  options.directory = folder.string();
  auto text = expand_references("t: ${file.token}", "x.yaml", {}, options);
  ASSERT_TRUE(text.ok()) << text.error().message();
  EXPECT_EQ(*text, "t: s3cret");
  auto missing = expand_references("t: ${file.nope}", "x.yaml", {}, options);
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.error().message().starts_with("x.yaml:1:4: ${file.nope}: ")) << missing.error().message();
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace junction
