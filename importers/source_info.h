// What the readers learned about one bundle file besides its records: whether it could be read at
// all, the line of every record (for problems found later by cross-reference checks), and the keys
// of records left out as malformed (so that references to them are not reported a second time).
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace ugk::importers {

struct SourceInfo {
  std::string file;
  bool usable = false;
  std::map<std::string, std::size_t, std::less<>> lines;  // record key -> 1-based line
  std::set<std::string, std::less<>> rejected;

  std::optional<std::size_t> line_of(std::string_view key) const {
    auto it = lines.find(key);
    if (it == lines.end()) return std::nullopt;
    return it->second;
  }
  bool is_rejected(std::string_view key) const { return rejected.contains(key); }
};

template <typename T>
struct Read {
  std::vector<T> records;
  SourceInfo source;
};

}  // namespace ugk::importers
