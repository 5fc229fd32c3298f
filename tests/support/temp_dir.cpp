#include "tests/support/temp_dir.h"

#include <unistd.h>

#include <atomic>
#include <random>
#include <string>

namespace ugk::testing {

TempDir::TempDir() {
  // pid + a per-process counter + a random part: unique across parallel CTest processes and reruns.
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("ugk-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" +
           std::to_string(std::random_device{}()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

}  // namespace ugk::testing
