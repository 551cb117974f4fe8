// `junction logs SERVICE [-f] [--revision R]`: a service's output, read from
// .junction/logs/<service>/<revision>.log (the serving revision by default); -f follows it
// (through rotations) until interrupted.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>
#include <thread>

#include "cli/commands.h"
#include "cli/control_client.h"
#include "json/read.h"
#include "json/value.h"
#include "json/write.h"

namespace junction::cli {
namespace {

namespace fs = std::filesystem;

// The serving revision as the running control plane reports it; 0 when none runs.
int64_t serving_revision(const std::string& stack, const std::string& service) {
  auto control = find_control(stack);
  if (!control.ok()) return 0;
  auto response = call_control(*control, "GET", "/status", "", std::chrono::seconds(5));
  if (!response.ok()) return 0;
  auto status = json::parse(response->body);
  const json::Value* services = status.ok() ? status->find("services") : nullptr;
  if (services == nullptr || !services->is_array()) return 0;
  for (const json::Value& entry : services->as_array()) {
    const json::Value* name = entry.find("name");
    const json::Value* revision = entry.find("revision");
    if (name != nullptr && name->is_string() && name->as_string() == service && revision != nullptr &&
        revision->type() == json::Value::Type::Int) {
      return revision->as_int();
    }
  }
  return 0;
}

class Printer {
 public:
  Printer(const LogsOptions& options, int64_t revision) : options_(options), revision_(revision) {}
  void line(const std::string& text) {
    if (!options_.json()) {
      std::cout << text << "\n";
      return;
    }
    json::Value entry = json::Value::object();
    entry.set("service", options_.service);
    entry.set("revision", json::Value(revision_));
    entry.set("line", text);
    std::cout << json::to_string(entry) << "\n";
  }
  // Prints the complete lines of `chunk`, keeping a partial last line for the next call.
  void feed(const std::string& chunk) {
    pending_ += chunk;
    size_t start = 0;
    for (size_t end = pending_.find('\n'); end != std::string::npos; end = pending_.find('\n', start)) {
      line(pending_.substr(start, end - start));
      start = end + 1;
    }
    pending_.erase(0, start);
    std::cout.flush();
  }

 private:
  const LogsOptions& options_;
  int64_t revision_;
  std::string pending_;
};

}  // namespace

int run_logs(const LogsOptions& options) {
  ControlPlane located = locate_stack(options.stack);
  fs::path folder = fs::path(located.state) / "logs" / options.service;
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    std::set<std::string> known;
    for (const auto& entry : fs::directory_iterator(fs::path(located.state) / "logs", error)) {
      if (entry.is_directory()) known.insert(entry.path().filename().string());
    }
    std::string list;
    for (const std::string& name : known) list += (list.empty() ? "" : ", ") + name;
    std::cerr << "error: no logs for service \"" << options.service << "\" in " << folder.parent_path().string()
              << (list.empty() ? " (has the stack run? `junction up`)" : " (services with logs: " + list + ")") << "\n";
    return 1;
  }
  int64_t revision = options.revision;
  if (revision == 0) revision = serving_revision(options.stack, options.service);
  if (revision == 0) {  // not running: the latest revision's log
    for (const auto& entry : fs::directory_iterator(folder, error)) {
      std::string name = entry.path().filename().string();
      if (!name.ends_with(".log")) continue;
      try {
        revision = std::max<int64_t>(revision, std::stoll(name.substr(0, name.size() - 4)));
      } catch (const std::exception&) {
      }
    }
  }
  fs::path file = folder / (std::to_string(revision) + ".log");
  if (!fs::exists(file, error)) {
    std::cerr << "error: no log for " << options.service << " revision " << revision << " (" << file.string() << ")\n";
    return 1;
  }
  Printer printer(options, revision);
  std::ifstream in(file, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // The last `lines` lines.
  size_t start = text.size();
  if (start > 0 && text[start - 1] == '\n') --start;
  for (int lines = 0; start > 0; --start) {
    if (text[start - 1] == '\n' && ++lines == options.lines) break;
  }
  printer.feed(text.substr(start));
  if (!options.follow) {
    if (!text.empty() && text.back() != '\n') printer.feed("\n");  // a last line without a newline
    return 0;
  }
  uintmax_t offset = text.size();
  while (true) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    uintmax_t size = fs::file_size(file, error);
    if (error) continue;
    if (size < offset) offset = 0;  // rotated: the file was truncated
    if (size == offset) continue;
    std::ifstream more(file, std::ios::binary);
    more.seekg(static_cast<std::streamoff>(offset));
    std::string chunk(static_cast<size_t>(size - offset), '\0');
    more.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    chunk.resize(static_cast<size_t>(more.gcount()));
    offset += chunk.size();
    printer.feed(chunk);
  }
}

}  // namespace junction::cli
