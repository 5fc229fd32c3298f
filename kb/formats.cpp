#include "kb/formats.h"

#include <chrono>

namespace ugk::kb {
namespace {

int digits_value(std::string_view text) {
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  return value;
}

bool is_space_or_control(unsigned char c) { return c <= 0x20 || c == 0x7f; }

}  // namespace

bool is_digits(std::string_view text, std::size_t count) {
  if (text.size() != count) return false;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

bool is_valid_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  if (!is_digits(text.substr(0, 4), 4) || !is_digits(text.substr(5, 2), 2) || !is_digits(text.substr(8, 2), 2)) {
    return false;
  }
  const std::chrono::year_month_day day{std::chrono::year{digits_value(text.substr(0, 4))},
                                        std::chrono::month{static_cast<unsigned>(digits_value(text.substr(5, 2)))},
                                        std::chrono::day{static_cast<unsigned>(digits_value(text.substr(8, 2)))}};
  return day.ok();
}

bool is_http_url(std::string_view text) {
  if (text.size() > kMaxUrlBytes) return false;
  std::size_t scheme = 0;
  const auto starts_with_ci = [&](std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
      const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
      if (c != prefix[i]) return false;
    }
    return true;
  };
  if (starts_with_ci("https://")) {
    scheme = 8;
  } else if (starts_with_ci("http://")) {
    scheme = 7;
  } else {
    return false;
  }
  for (const char c : text) {
    if (is_space_or_control(static_cast<unsigned char>(c))) return false;
  }
  // The host: up to the first '/', '?' or '#'; it must have a character that is not a separator.
  const std::string_view rest = text.substr(scheme);
  const std::size_t end = rest.find_first_of("/?#");
  const std::string_view host = rest.substr(0, end);
  if (host.empty() || host.front() == '.' || host.front() == ':' || host.front() == '@') return false;
  return true;
}

bool is_email(std::string_view text) {
  if (text.size() > 254) return false;
  const std::size_t at = text.find('@');
  if (at == std::string_view::npos || at == 0 || text.find('@', at + 1) != std::string_view::npos) return false;
  const std::string_view domain = text.substr(at + 1);
  const std::size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == domain.size()) return false;
  for (const char c : text) {
    if (is_space_or_control(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool is_phone(std::string_view text) {
  if (text.size() < 3 || text.size() > 40) return false;
  std::size_t digits = 0;
  for (const char c : text) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c != ' ' && c != '+' && c != '-' && c != '/' && c != '(' && c != ')') {
      return false;
    }
  }
  return digits >= 3;
}

}  // namespace ugk::kb
