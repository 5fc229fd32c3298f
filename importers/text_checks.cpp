#include "importers/text_checks.h"

#include <array>
#include <charconv>
#include <chrono>

namespace ugk::importers {

std::string weekday_of(std::string_view valid_date) {
  static constexpr std::array<const char*, 7> kNames{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  int y = std::stoi(std::string(valid_date.substr(0, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(valid_date.substr(5, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(valid_date.substr(8, 2))));
  std::chrono::sys_days days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  return kNames[std::chrono::weekday{days}.c_encoding()];
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> parse_double(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace ugk::importers
