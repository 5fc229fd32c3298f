// Small syntactic checks shared by the readers and the validator. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ugk::importers {

// "YYYY-MM-DD" naming a real calendar day (leap years included).
bool is_valid_date(std::string_view text);

// English three-letter weekday ("Mon" ... "Sun") of a valid date.
std::string weekday_of(std::string_view valid_date);

// Exactly `count` ASCII digits.
bool is_digits(std::string_view text, std::size_t count);

// ASCII kebab-case: lowercase letters and digits in words joined by single hyphens.
bool is_kebab_case(std::string_view text);

// Whole-string decimal integer / floating-point number; nullopt if anything else is there.
std::optional<std::int64_t> parse_int(std::string_view text);
std::optional<double> parse_double(std::string_view text);

}  // namespace ugk::importers
