// Test helper: a private copy of the reference bundle in data/ that one test may break.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace ugk::importers::testing {

inline std::filesystem::path reference_bundle() {
  return std::filesystem::path(UGK_SOURCE_DIR) / "data";
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return std::move(content).str();
}

// 1-based line of the first occurrence of `needle` (0 if absent).
inline std::size_t line_of(const std::string& text, const std::string& needle) {
  auto pos = text.find(needle);
  if (pos == std::string::npos) return 0;
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

class TempBundle {
 public:
  TempBundle() {
    std::random_device random;
    root_ = std::filesystem::temp_directory_path() /
            ("ugk-importers-test-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    std::filesystem::copy(reference_bundle(), root_, std::filesystem::copy_options::recursive);
  }
  ~TempBundle() {
    std::error_code ignored;
    std::filesystem::remove_all(root_, ignored);
  }
  TempBundle(const TempBundle&) = delete;
  TempBundle& operator=(const TempBundle&) = delete;

  const std::filesystem::path& root() const { return root_; }
  std::string read(const std::string& relative) const { return read_text(root_ / relative); }
  void write(const std::string& relative, const std::string& text) const {
    std::ofstream(root_ / relative, std::ios::binary | std::ios::trunc) << text;
  }

  // Replaces the first occurrence of `from` at or after the first occurrence of `anchor` (the
  // whole file when `anchor` is empty); fails the test if either is missing. Returns the line of
  // the replacement.
  std::size_t replace(const std::string& relative, const std::string& from, const std::string& to,
                      const std::string& anchor = "") const {
    std::string text = read(relative);
    std::size_t start = anchor.empty() ? 0 : text.find(anchor);
    EXPECT_NE(start, std::string::npos) << anchor << " not in " << relative;
    if (start == std::string::npos) return 0;
    std::size_t pos = text.find(from, start);
    EXPECT_NE(pos, std::string::npos) << from << " not in " << relative;
    if (pos == std::string::npos) return 0;
    text.replace(pos, from.size(), to);
    write(relative, text);
    return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
  }

 private:
  std::filesystem::path root_;
};

}  // namespace ugk::importers::testing
