#include "search/index_layout.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace ugk::search::layout {
namespace {

std::optional<std::uint64_t> parse_generation_name(std::string_view name) {
  const std::string_view prefix = kGenerationPrefix;
  if (!name.starts_with(prefix) || name.size() == prefix.size()) return std::nullopt;
  name.remove_prefix(prefix.size());
  std::uint64_t generation = 0;
  const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), generation);
  if (ec != std::errc() || end != name.data() + name.size()) return std::nullopt;
  return generation;
}

void fsync_path(const std::filesystem::path& path, int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd < 0) return;  // best effort: durability, not correctness, depends on it
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

std::filesystem::path current_file(const std::filesystem::path& root) {
  return root / kCurrentFile;
}

std::filesystem::path generation_dir(const std::filesystem::path& root, std::uint64_t generation) {
  return root / (kGenerationPrefix + std::to_string(generation));
}

std::optional<std::uint64_t> read_current(const std::filesystem::path& root) {
  std::ifstream in(current_file(root));
  if (!in) return std::nullopt;
  std::string name;
  std::getline(in, name);
  return parse_generation_name(name);
}

void write_current(const std::filesystem::path& root, std::uint64_t generation) {
  const std::filesystem::path tmp = root / (std::string(kCurrentFile) + ".tmp");
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << kGenerationPrefix << generation << '\n';
    out.flush();
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  fsync_path(tmp, O_WRONLY);
  std::filesystem::rename(tmp, current_file(root));
  fsync_path(root, O_RDONLY | O_DIRECTORY);
}

std::vector<std::uint64_t> list_generations(const std::filesystem::path& root) {
  std::vector<std::uint64_t> generations;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(root, ec)) {
    if (!entry.is_directory()) continue;
    if (auto generation = parse_generation_name(entry.path().filename().string())) {
      generations.push_back(*generation);
    }
  }
  std::sort(generations.begin(), generations.end());
  return generations;
}

}  // namespace ugk::search::layout
