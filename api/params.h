// Query-parameter parsing with errors that name the parameter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <optional>
#include <string>

#include "api/http_types.h"

namespace ugk::api {

// A present, non-blank parameter; throws 400 naming it otherwise.
std::string required_text(const Request& request, const std::string& name, std::size_t max_length = 500);
std::optional<std::string> optional_text(const Request& request, const std::string& name, std::size_t max_length = 500);
// A whole-string decimal integer (optional leading '-') within std::int64_t; nullopt otherwise.
std::optional<std::int64_t> parse_int64(std::string_view text);

// An integer in [min, max], or `fallback` when absent; throws 400 naming it when malformed.
std::size_t bounded_count(const Request& request, const std::string& name, std::size_t fallback, std::size_t min,
                          std::size_t max);

}  // namespace ugk::api
