#include "importers/text_checks.h"

#include <array>
#include <charconv>
#include <chrono>

namespace ugk::importers {

bool is_digits(std::string_view text, std::size_t count) {
  if (text.size() != count) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_valid_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  if (!is_digits(text.substr(0, 4), 4) || !is_digits(text.substr(5, 2), 2) || !is_digits(text.substr(8, 2), 2)) {
    return false;
  }
  int y = std::stoi(std::string(text.substr(0, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))));
  return std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}.ok();
}

std::string weekday_of(std::string_view valid_date) {
  static constexpr std::array<const char*, 7> kNames{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  int y = std::stoi(std::string(valid_date.substr(0, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(valid_date.substr(5, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(valid_date.substr(8, 2))));
  std::chrono::sys_days days{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  return kNames[std::chrono::weekday{days}.c_encoding()];
}

bool is_kebab_case(std::string_view text) {
  if (text.empty() || text.front() == '-' || text.back() == '-') return false;
  char previous = '\0';
  for (char c : text) {
    bool word_char = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!word_char && c != '-') return false;
    if (c == '-' && previous == '-') return false;
    previous = c;
  }
  return true;
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
