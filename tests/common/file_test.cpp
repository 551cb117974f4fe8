#include "common/file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

namespace junction {

TEST(FileTest, ReadErrorsNameThePath) {
  auto missing = read_file("/nonexistent/junction-test");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message(), "/nonexistent/junction-test: cannot open: No such file or directory");
  auto directory = read_file("/tmp");
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.error().message(), "/tmp: is a directory, expected a file");
}

TEST(FileTest, AtomicWriteReplacesContentAndKeepsMode) {
  auto dir = std::filesystem::temp_directory_path() / ("junction-file-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "doc.graphql").string();
  ASSERT_TRUE(write_file_atomically(path, "one").ok());
  ::chmod(path.c_str(), 0640);
  ASSERT_TRUE(write_file_atomically(path, "two").ok());
  EXPECT_EQ(*read_file(path), "two");
  struct stat info {};
  ::stat(path.c_str(), &info);
  EXPECT_EQ(info.st_mode & 0777, 0640u);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator{}), 1);
  std::filesystem::remove_all(dir);
}

TEST(FileTest, AtomicWriteThroughALinkReplacesItsTargetAndKeepsTheLink) {
  auto dir = std::filesystem::temp_directory_path() / ("junction-link-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  ASSERT_TRUE(write_file_atomically((dir / "real.graphql").string(), "one").ok());
  std::filesystem::create_symlink("real.graphql", dir / "link.graphql");
  ASSERT_TRUE(write_file_atomically((dir / "link.graphql").string(), "two").ok());
  EXPECT_TRUE(std::filesystem::is_symlink(dir / "link.graphql"));
  EXPECT_EQ(*read_file((dir / "real.graphql").string()), "two");
  std::filesystem::remove_all(dir);
}

// `-o /dev/null` must not replace the device with a file: a pipe stands for it here.
TEST(FileTest, AtomicWriteToAPipeWritesInPlace) {
  auto dir = std::filesystem::temp_directory_path() / ("junction-fifo-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string fifo = (dir / "out").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  ASSERT_GE(reader, 0);
  ASSERT_TRUE(write_file_atomically(fifo, "through").ok());
  char buffer[16] = {};
  EXPECT_EQ(::read(reader, buffer, sizeof buffer), 7);
  EXPECT_EQ(std::string(buffer), "through");
  ::close(reader);
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator{}), 1);
  std::filesystem::remove_all(dir);
}

TEST(FileTest, AtomicWriteIntoMissingDirectoryFails) {
  Status status = write_file_atomically("/nonexistent/dir/file", "x");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message().find("/nonexistent/dir/file"), std::string::npos);
}

}  // namespace junction

TEST(FileTest, FreeSpaceNoteNamesTheRoomAndTheFolder) {
  std::string dir = std::filesystem::temp_directory_path().string();
  std::string note = junction::free_space_note(dir);
  EXPECT_TRUE(note.ends_with(" MB free on the disk of " + dir)) << note;
  EXPECT_GT(note.find_first_not_of("0123456789"), 0U) << note;  // starts with the number
  EXPECT_EQ(junction::free_space_note(dir + "/no/such/folder"), "");
}
