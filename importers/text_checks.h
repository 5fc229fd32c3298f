// Small parsing helpers of the CSV readers (the formats themselves are in kb/formats.h). Pure
// functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ugk::importers {

// English three-letter weekday ("Mon" ... "Sun") of a valid date.
std::string weekday_of(std::string_view valid_date);

// Whole-string decimal integer / floating-point number; nullopt if anything else is there.
std::optional<std::int64_t> parse_int(std::string_view text);
std::optional<double> parse_double(std::string_view text);

}  // namespace ugk::importers
