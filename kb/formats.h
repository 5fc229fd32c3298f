// Syntactic formats of the domain's values, checked in one place (records, importer, API, hours).
// Hand-written scanners, no regular expressions: a regex recurses per character and overflows the
// stack on long input. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ugk::kb {

// Exactly `count` ASCII digits.
bool is_digits(std::string_view text, std::size_t count);

// "YYYY-MM-DD" naming a real calendar day (leap years included).
bool is_valid_date(std::string_view text);

// An absolute http(s) URL with a host and no whitespace or control characters, at most 2,048 bytes.
inline constexpr std::size_t kMaxUrlBytes = 2048;
bool is_http_url(std::string_view text);

// "local@domain.tld" without spaces; at most 254 bytes.
bool is_email(std::string_view text);

// A phone number as people write it: digits with spaces, "+", "-", "/", "(", ")"; 3 to 40 bytes with
// at least 3 digits ("1818", "+36 52 123 456", "(52) 570-100").
bool is_phone(std::string_view text);

// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. What every
// text from a request must be before it is compared, stored or echoed in a JSON answer.
bool is_valid_utf8(std::string_view text);

// The current time as the store, the logs and the answers write it: "2026-12-02T05:49:09Z" (UTC).
std::string utc_now();

}  // namespace ugk::kb
