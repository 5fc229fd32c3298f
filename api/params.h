// Query-parameter parsing with errors that name the parameter.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "api/http_types.h"
#include "api/problem.h"

namespace ugk::api {

// Every text of a request that endpoints read as text (path parameters, query parameter names and
// values) is well-formed UTF-8; throws 400 naming the first one that is not ("query" for a name),
// without echoing it. Called once for every request, before its handler (api::dispatch).
void check_request_encoding(const Request& request);

// A present, non-blank parameter; throws 400 naming it otherwise.
std::string required_text(const Request& request, const std::string& name, std::size_t max_length = 500);
std::optional<std::string> optional_text(const Request& request, const std::string& name, std::size_t max_length = 500);
// An integer in [min, max], or `fallback` when absent; throws 400 naming it when malformed.

inline constexpr std::int64_t kMaxInteger = std::numeric_limits<std::int64_t>::max();

// The one integer parser for request input. `text` must be entirely decimal digits (a leading '-' only
// when `min` is negative; no '+', blanks or other characters) of a value in [min, max]; nullopt
// otherwise, including values beyond the range of std::int64_t.
std::optional<std::int64_t> parse_integer(std::string_view text, std::int64_t min, std::int64_t max);

// parse_integer() of the value `text` of parameter `name`; throws 400 naming `name` when it does not
// parse, with `detail` or, when empty, "an integer between min and max".
std::int64_t checked_integer(std::string_view text, const std::string& name, std::int64_t min, std::int64_t max,
                             const std::string& detail = {});

// The integer parameter `name` in [min, max], or `fallback` when absent; throws 400 naming it when
// malformed or out of range.
std::int64_t integer_param(const Request& request, const std::string& name, std::int64_t fallback, std::int64_t min,
                           std::int64_t max);

// integer_param() for counts, limits and offsets.
std::size_t bounded_count(const Request& request, const std::string& name, std::size_t fallback, std::size_t min,
                          std::size_t max);

// The `surface` a request says it comes from (kb::is_surface), or nullopt when absent; throws 400
// naming `surface` otherwise. bad_surface() is that error, for bodies.
std::optional<std::string> surface_param(const Request& request);
ApiError bad_surface();

}  // namespace ugk::api
