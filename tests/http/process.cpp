#include "process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace ugk::testing {
namespace fs = std::filesystem;

namespace {

pid_t spawn(const std::vector<std::string>& args, const fs::path& output) {
  std::vector<std::string> argv_storage{UGK_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, output.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, UGK_BINARY, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) throw std::runtime_error("cannot start " + std::string(UGK_BINARY));
  return pid;
}

int wait_exit(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool port_accepts(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

}  // namespace

CommandResult run_ugykalauz(const std::vector<std::string>& args) {
  TempDir dir;
  const fs::path output = dir.path() / "output.txt";
  CommandResult result;
  result.exit_code = wait_exit(spawn(args, output));
  result.output = read_file(output);
  return result;
}

void copy_reference_bundle(const fs::path& target) {
  fs::copy(fs::path(UGK_SOURCE_DIR) / "data", target, fs::copy_options::recursive);
}

std::string create_api_key(const fs::path& data_dir, const std::vector<std::string>& args) {
  std::vector<std::string> command{"keys", "create", "--data-dir", data_dir.string()};
  command.insert(command.end(), args.begin(), args.end());
  const CommandResult r = run_ugykalauz(command);
  if (r.exit_code != 0) throw std::runtime_error("key creation failed: " + r.output);
  // The token is the last line.
  const auto last = r.output.find_last_of('\n', r.output.size() - 2);
  return r.output.substr(last + 1, r.output.size() - last - 2);
}

fs::path import_reference(const TempDir& dir) {
  const fs::path data_dir = dir.path() / "kb";
  CommandResult r = run_ugykalauz({"import", "--data-dir", data_dir.string(), UGK_SOURCE_DIR "/data", "--quiet"});
  if (r.exit_code != 0) throw std::runtime_error("importing the reference data failed:\n" + r.output);
  return data_dir;
}

std::uint16_t free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

ServerProcess::ServerProcess(const fs::path& data_dir, std::vector<std::string> extra_args)
    : port_(free_loopback_port()), log_file_(data_dir.parent_path() / ("server-" + std::to_string(port_) + ".log")) {
  std::vector<std::string> args{"serve",  "--data-dir",          data_dir.string(), "--host", "127.0.0.1",
                                "--port", std::to_string(port_), "--threads",       "2"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = spawn(args, log_file_);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (!port_accepts(port_)) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("server exited at start-up:\n" + log());
    }
    if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("server did not start:\n" + log());
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) terminate();
}

int ServerProcess::terminate() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  const int code = wait_exit(pid_);
  pid_ = -1;
  return code;
}

void ServerProcess::kill_hard() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  wait_exit(pid_);
  pid_ = -1;
}

std::string ServerProcess::log() const {
  return read_file(log_file_);
}

}  // namespace ugk::testing
