#include "kb/formats.h"

#include <chrono>
#include <ctime>

namespace ugk::kb {
namespace {

int digits_value(std::string_view text) {
  int value = 0;
  for (const char c : text) value = value * 10 + (c - '0');
  return value;
}

bool is_space_or_control(unsigned char c) {
  return c <= 0x20 || c == 0x7f;
}

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

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned char low = 0x80;  // bounds of the second byte (overlongs, surrogates, > U+10FFFF)
    unsigned char high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (text.size() - i < length) return false;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < low || second > high) return false;
    for (std::size_t k = 2; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next < 0x80 || next > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace ugk::kb
