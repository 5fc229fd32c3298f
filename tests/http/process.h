// Running the ugykalauz binary from tests: one-shot commands and a background server.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/temp_dir.h"

namespace ugk::testing {

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr interleaved
};

// Runs the binary with `args` to completion.
CommandResult run_ugykalauz(const std::vector<std::string>& args);

// Copies the bundled reference data into `target` (for tests that break it).
void copy_reference_bundle(const std::filesystem::path& target);

std::uint16_t free_loopback_port();

// `ugykalauz serve` on a free loopback port; stopped with SIGTERM on destruction.
class ServerProcess {
 public:
  explicit ServerProcess(const std::filesystem::path& data_dir, std::vector<std::string> extra_args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  std::uint16_t port() const { return port_; }
  // Sends SIGTERM and waits; returns the exit code (or 128+signal).
  int terminate();
  // SIGKILL: the process dies wherever it is, as in a power cut of the process.
  void kill_hard();
  std::string log() const;

 private:
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::filesystem::path log_file_;
};

// `ugykalauz keys create --data-dir DIR ARGS…`; returns the printed token (throws on failure).
std::string create_api_key(const std::filesystem::path& data_dir, const std::vector<std::string>& args);

// Imports the bundled reference data into `<dir>/kb` with the CLI; returns that data folder.
std::filesystem::path import_reference(const TempDir& dir);

// The reference data imported into a fresh data folder and served on a free loopback port: the
// shared set-up of the black-box API tests.
class ReferenceService {
 public:
  explicit ReferenceService(std::vector<std::string> serve_args = {})
      : data_dir_(import_reference(dir_)), server_(data_dir_, std::move(serve_args)) {}
  const std::filesystem::path& data_dir() const { return data_dir_; }
  std::uint16_t port() const { return server_.port(); }
  ServerProcess& server() { return server_; }
  // A client of this server with the tests' read timeout (10 s), and a plain GET through one.
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port());
    c.set_read_timeout(10, 0);
    return c;
  }
  httplib::Result get(const std::string& path, const httplib::Params& params = {}) const {
    return client().Get(path, params, httplib::Headers{});
  }

 private:
  TempDir dir_;
  std::filesystem::path data_dir_;
  ServerProcess server_;
};

}  // namespace ugk::testing
