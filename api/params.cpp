#include "api/params.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "api/problem.h"

namespace ugk::api {
namespace {

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

}  // namespace

std::optional<std::string> optional_text(const Request& request, const std::string& name, std::size_t max_length) {
  auto value = request.param(name);
  if (!value || blank(*value)) return std::nullopt;
  if (value->size() > max_length) {
    throw bad_parameter(name, "A(z) „" + name + "” paraméter legfeljebb " + std::to_string(max_length) +
                                  " bájt lehet.");
  }
  return value;
}

std::string required_text(const Request& request, const std::string& name, std::size_t max_length) {
  auto value = optional_text(request, name, max_length);
  if (!value) throw bad_parameter(name, "A(z) „" + name + "” paraméter kötelező, és nem lehet üres.");
  return *value;
}

std::optional<std::int64_t> parse_int64(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::size_t bounded_count(const Request& request, const std::string& name, std::size_t fallback, std::size_t min,
                          std::size_t max) {
  auto value = request.param(name);
  if (!value) return fallback;
  const std::string range = std::to_string(min) + " és " + std::to_string(max);
  if (value->empty() || value->size() > 9 ||
      !std::all_of(value->begin(), value->end(), [](unsigned char c) { return std::isdigit(c); })) {
    throw bad_parameter(name, "A(z) „" + name + "” paraméter " + range + " közötti egész szám legyen.");
  }
  const std::size_t number = std::stoul(*value);
  if (number < min || number > max) {
    throw bad_parameter(name, "A(z) „" + name + "” paraméter " + range + " közötti egész szám legyen.");
  }
  return number;
}

}  // namespace ugk::api
