// Percent-encoding of URL parts (RFC 3986): the one decoder for what Pistache hands over still
// encoded, and the one encoder for path segments we put into headers (Location). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace ugk::api {

// application/x-www-form-urlencoded decoding ("+" is a space); a '%' not followed by two hex digits
// stays as it is. The result may be any bytes: check it (kb::is_valid_utf8) before using it as text.
std::string percent_decode(std::string_view text);

// Encodes everything but RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~), so that the result is
// one path segment and safe in a header and a log line whatever `segment` holds.
std::string percent_encode_segment(std::string_view segment);

}  // namespace ugk::api
