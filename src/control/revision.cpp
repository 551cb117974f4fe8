#include "control/revision.h"

#include <filesystem>

#include "common/file.h"

namespace junction::control {

namespace fs = std::filesystem;

namespace {

// Links every entry of `live` into `mirror` except `keep` (made a real folder) and .junction.
void mirror_level(const fs::path& live, const fs::path& mirror, const std::string& keep) {
  for (const fs::directory_entry& entry : fs::directory_iterator(live)) {
    std::string name = entry.path().filename().string();
    if (name == keep || name == ".junction") continue;
    fs::create_symlink(entry.path(), mirror / name);
  }
}

void copy_service(const fs::path& live, const fs::path& copy) {
  fs::create_directories(copy);
  for (const fs::directory_entry& entry : fs::directory_iterator(live)) {
    std::string name = entry.path().filename().string();
    if (name == ".junction" || name == ".git") continue;
    if (name == "node_modules") {
      fs::create_symlink(entry.path(), copy / name);
      continue;
    }
    fs::copy(entry.path(), copy / name, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  }
}

}  // namespace

Result<std::string> snapshot_service(const std::string& root, const std::string& service_dir,
                                     const std::string& destination) {
  fs::path base = fs::weakly_canonical(root);
  fs::path service = fs::weakly_canonical(service_dir);
  fs::path relative = service.lexically_relative(base);
  bool inside = !relative.empty() && *relative.begin() != "..";
  fs::path target(destination);
  fs::path partial = target;
  partial += ".partial";
  try {
    fs::remove_all(partial);
    fs::create_directories(partial);
    fs::path live = base;
    fs::path mirror = partial;
    if (!inside) relative = service.filename();  // outside the stack: copied alone
    if (relative == ".") relative.clear();
    for (const fs::path& component : relative) {
      if (inside) mirror_level(live, mirror, component.string());
      live /= component;
      mirror /= component;
      fs::create_directories(mirror);
    }
    copy_service(service, mirror);
    fs::rename(partial, target);
    return relative.empty() ? target.string() : (target / relative).lexically_normal().string();
  } catch (const fs::filesystem_error& error) {
    std::error_code ignored;
    fs::remove_all(partial, ignored);
    std::string room = free_space_note(target.parent_path().string());
    return Error("cannot copy " + service.string() + " to " + target.string() + ": " + error.code().message() +
                 (error.path1().empty() ? "" : " (" + error.path1().string() + ")") +
                 (room.empty() ? "" : "; " + room));
  }
}

}  // namespace junction::control
