#include "common/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <iterator>

namespace junction {
namespace {

std::string describe_errno(int code) { return std::strerror(code); }

Status write_all(int fd, std::string_view content) {
  while (!content.empty()) {
    ssize_t written = ::write(fd, content.data(), content.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return Error(describe_errno(errno));
    }
    content.remove_prefix(static_cast<size_t>(written));
  }
  return {};
}

}  // namespace

Result<std::string> read_file(const std::string& path) {
  if (path == "-") {
    std::string text((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    return text;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error(path + ": cannot open: " + describe_errno(errno));
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    return Error(path + ": is a directory, expected a file");
  }
  std::string text;
  if (info.st_size > 0) text.reserve(static_cast<size_t>(info.st_size));
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      int code = errno;
      ::close(fd);
      return Error(path + ": cannot read: " + describe_errno(code));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return text;
}

Status write_file_atomically(const std::string& given, std::string_view content) {
  // A symbolic link stays a link: its target is replaced. A device or a pipe (`-o /dev/null`)
  // is written in place; renaming over it would replace the device with a file.
  std::string path = given;
  std::error_code unresolved;
  if (std::filesystem::is_symlink(given, unresolved)) {
    std::filesystem::path target = std::filesystem::weakly_canonical(given, unresolved);
    if (!unresolved) path = target.string();
  }
  struct stat info {};
  bool exists = ::stat(path.c_str(), &info) == 0;
  if (exists && !S_ISREG(info.st_mode) && !S_ISDIR(info.st_mode)) {
    int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) return Error(path + ": cannot open: " + describe_errno(errno));
    Status written = write_all(fd, content);
    ::close(fd);
    if (!written.ok()) return Error(path + ": cannot write: " + written.error().message());
    return {};
  }
  std::string temp = path + ".junction-tmp-XXXXXX";
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return Error(path + ": cannot create a temporary file beside it: " + describe_errno(errno));
  if (exists) ::fchmod(fd, info.st_mode & 07777);
  Status written = write_all(fd, content);
  if (written.ok() && ::fsync(fd) != 0) written = Error(describe_errno(errno));
  if (::close(fd) != 0 && written.ok()) written = Error(describe_errno(errno));
  if (!written.ok()) {
    ::unlink(temp.c_str());
    return Error(path + ": cannot write: " + written.error().message());
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int code = errno;
    ::unlink(temp.c_str());
    return Error(path + ": cannot replace: " + describe_errno(code));
  }
  return {};
}

std::string free_space_note(const std::string& dir) {
  std::error_code unknown;
  std::filesystem::space_info space = std::filesystem::space(dir, unknown);
  if (unknown) return {};
  return std::to_string(space.available >> 20) + " MB free on the disk of " + dir;
}

}  // namespace junction
