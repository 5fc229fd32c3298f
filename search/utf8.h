// Small UTF-8 helpers shared by the analysis code.
#pragma once

#include <cstddef>
#include <string_view>

namespace ugk::search {

// Number of code points (letters, as people count them) in valid UTF-8.
inline std::size_t code_points(std::string_view utf8) {
  std::size_t count = 0;
  for (unsigned char c : utf8) count += (c & 0xC0) != 0x80;
  return count;
}

}  // namespace ugk::search
