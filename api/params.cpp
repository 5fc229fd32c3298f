#include "api/params.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>

#include "api/problem.h"
#include "kb/formats.h"
#include "kb/quality.h"

namespace ugk::api {
namespace {

bool blank(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

}  // namespace

void check_request_encoding(const Request& request) {
  const auto refuse = [](const std::string& field) {
    return bad_parameter(field, "A(z) „" + field + "” paraméter nem érvényes UTF-8 szöveg.");
  };
  for (const auto& [name, value] : request.path_params) {
    if (!kb::is_valid_utf8(value)) throw refuse(name);
  }
  for (const auto& [name, value] : request.query) {
    if (!kb::is_valid_utf8(name)) throw refuse("query");
    if (!kb::is_valid_utf8(value)) throw refuse(name);
  }
}

std::optional<std::string> optional_text(const Request& request, const std::string& name, std::size_t max_length) {
  auto value = request.param(name);
  if (!value || blank(*value)) return std::nullopt;
  if (value->size() > max_length) {
    // Its own type, so that a search box can tell a person to shorten the text rather than show a
    // parameter error.
    throw ApiError(Problem{400, "text-too-long", "Túl hosszú szöveg",
                           "A(z) „" + name + "” paraméter legfeljebb " + std::to_string(max_length) + " bájt lehet.",
                           name, nlohmann::json{{"max_bytes", max_length}}});
  }
  return value;
}

std::string required_text(const Request& request, const std::string& name, std::size_t max_length) {
  auto value = optional_text(request, name, max_length);
  if (!value) throw bad_parameter(name, "A(z) „" + name + "” paraméter kötelező, és nem lehet üres.");
  return *value;
}

std::optional<std::int64_t> parse_integer(std::string_view text, std::int64_t min, std::int64_t max) {
  std::string_view digits = text;
  if (min < 0 && digits.starts_with('-')) digits.remove_prefix(1);
  // from_chars alone would accept a '-' and stop at the first non-digit: check the characters first.
  if (digits.empty() || !std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return std::nullopt;
  }
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
  return value;
}

std::int64_t checked_integer(std::string_view text, const std::string& name, std::int64_t min, std::int64_t max,
                             const std::string& detail) {
  if (const auto value = parse_integer(text, min, max)) return *value;
  throw bad_parameter(name, !detail.empty() ? detail
                                            : "A(z) „" + name + "” paraméter " + std::to_string(min) + " és " +
                                                  std::to_string(max) + " közötti egész szám legyen.");
}

std::int64_t integer_param(const Request& request, const std::string& name, std::int64_t fallback, std::int64_t min,
                           std::int64_t max) {
  const auto value = request.param(name);
  if (!value) return fallback;
  return checked_integer(*value, name, min, max);
}

std::size_t bounded_count(const Request& request, const std::string& name, std::size_t fallback, std::size_t min,
                          std::size_t max) {
  static constexpr std::size_t kLargest = kMaxInteger;
  const auto narrow = [](std::size_t n) { return static_cast<std::int64_t>(std::min(n, kLargest)); };
  return static_cast<std::size_t>(integer_param(request, name, narrow(fallback), narrow(min), narrow(max)));
}

std::optional<std::string> surface_param(const Request& request) {
  auto surface = optional_text(request, "surface", 20);
  if (surface && !kb::is_surface(*surface)) throw bad_surface();
  return surface;
}

ApiError bad_surface() {
  return bad_parameter("surface", "A „surface” értéke " + std::string(kb::kSurfaceChoices) + ".");
}

}  // namespace ugk::api
